/**
 * bench/crawl: newsarc crawl against a generated site on loopback, beside the floor (a bare undici loop at the
 * same concurrency), with peak RSS; then memory while the frontier grows towards a million URLs.
 *   npm run bench:crawl [-- --articles 10000 --concurrency 8 --frontier 1000000 --latency 0 --runs 2]
 * `--latency MS` delays every answer of the site, as a real server across a network would (50 ms is typical of
 * a real site); at 0 the floor is pure loopback and the comparison is one of CPU per page. The site has one
 * host, so newsarc runs with --per-host equal to --concurrency: both systems have the same requests in flight.
 * `--runs N` measures each system N times, alternating, since a shared machine's load moves between runs.
 * Tables go to results-latency-MS.md and results-frontier.md; `--articles 0` or `--frontier 0` skips a part.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';

const { values } = parseArgs({
  options: {
    articles: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '8' },
    frontier: { type: 'string', default: '1000000' },
    latency: { type: 'string', default: '0' },
    runs: { type: 'string', default: '2' },
  },
});
const ARTICLES = Number(values.articles);
const CONCURRENCY = Number(values.concurrency);
const FRONTIER = Number(values.frontier);
const LATENCY_MS = Number(values.latency);
const RUNS = Number(values.runs);
/** Listing pages of the frontier phase: each lists this many articles, so a few pages queue FRONTIER URLs. */
const FRONTIER_PER_LISTING = 1000;

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(HERE, '../../../../..');
const BIN = join(ROOT, 'bin/newsarc.js');

/** Clock ticks per second of /proc/PID/stat times (USER_HZ, 100 on Linux). */
const USER_HZ = 100;

/**
 * Resident and peak resident memory (MB) and CPU seconds used so far of a live process (Linux /proc).
 * CPU time is what matters on a shared machine: wall-clock rates move with everyone else's load.
 */
function usageOf(pid: number): { rss: number; peak: number; cpu: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpu = (Number(fields[11]) + Number(fields[12])) / USER_HZ;
    return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024, cpu };
  } catch {
    return null;
  }
}

function firstLine(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]);
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code} before answering`)));
  });
}

async function startSite(articles: number, perListing: number, latencyMs = 0): Promise<{ origin: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(HERE, 'serve.js'), String(articles), String(perListing), String(latencyMs)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return { origin: await firstLine(child), child };
}

interface Sample {
  seconds: number;
  rss: number;
  frontier: number;
  articles: number;
}

/** Runs a child to its end, sampling its memory (and the archive, when given) every `everyMs`. */
function measure(args: string[], db: string | null, everyMs = 250): Promise<{ peak: number; cpu: number; samples: Sample[]; stdout: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    let peak = 0;
    let cpu = 0;
    const samples: Sample[] = [];
    const timer = setInterval(() => {
      const memory = usageOf(child.pid!);
      if (!memory) return;
      peak = Math.max(peak, memory.peak);
      cpu = memory.cpu;
      const counts = db ? archiveCounts(db) : { frontier: 0, articles: 0 };
      samples.push({ seconds: (performance.now() - started) / 1000, rss: memory.rss, ...counts });
    }, everyMs);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`${args.join(' ')} exited with ${code}`));
      else resolve({ peak, cpu, samples, stdout });
    });
  });
}

function archiveCounts(db: string): { frontier: number; articles: number } {
  try {
    const handle = new Database(db, { readonly: true });
    try {
      return {
        frontier: handle.prepare('SELECT count(*) FROM frontier').pluck().get() as number,
        articles: handle.prepare('SELECT count(*) FROM articles').pluck().get() as number,
      };
    } finally {
      handle.close();
    }
  } catch {
    return { frontier: 0, articles: 0 };
  }
}

/** Seconds of the crawl loop itself, from the archive's run log (process start-up excluded, as for the floor). */
function runSeconds(db: string): { seconds: number; fetched: number } {
  const handle = new Database(db, { readonly: true });
  try {
    const run = handle.prepare('SELECT started_at, finished_at, stats FROM runs ORDER BY id DESC LIMIT 1').get() as {
      started_at: string;
      finished_at: string;
      stats: string;
    };
    return {
      seconds: (Date.parse(run.finished_at) - Date.parse(run.started_at)) / 1000,
      fetched: (JSON.parse(run.stats) as { fetched: number }).fetched,
    };
  } finally {
    handle.close();
  }
}

const dir = mkdtempSync(join(tmpdir(), 'newsarc-bench-crawl-'));
const results = { comparison: [] as string[], frontier: [] as string[] };
let lines = results.comparison;
const say = (line: string): void => {
  lines.push(line);
  process.stdout.write(`${line}\n`);
};
try {
  const site = ARTICLES > 0 ? await startSite(ARTICLES, 50, LATENCY_MS) : null;
  if (site) {
    try {
      say(`# bench/crawl: ${ARTICLES} articles + ${Math.ceil(ARTICLES / 50) + 1} listing pages on loopback, ${LATENCY_MS} ms server latency, concurrency ${CONCURRENCY}, --delay 0`);
      say('');
      say(`One host: newsarc runs with --concurrency ${CONCURRENCY} --per-host ${CONCURRENCY}, the floor with ${CONCURRENCY} requests in flight; ${RUNS} runs of each, alternating.`);
      say('');
      say('| system | pages | seconds | pages/s | CPU ms/page | peak RSS MB | load average |');
      say('|---|---|---|---|---|---|---|');
      const cpuPerPage = (cpu: number, pages: number): string => ((cpu * 1000) / pages).toFixed(2);
      const floorRates: number[] = [];
      const crawlRates: number[] = [];
      let archived = 0;
      for (let i = 0; i < RUNS; i++) {
        const floor = await measure([join(HERE, 'floor.js'), site.origin, String(ARTICLES), String(CONCURRENCY)], null);
        const floorRun = JSON.parse(floor.stdout) as { pages: number; seconds: number };
        floorRates.push(floorRun.pages / floorRun.seconds);
        say(`| bare undici loop (floor) | ${floorRun.pages} | ${floorRun.seconds.toFixed(1)} | ${floorRates.at(-1)!.toFixed(0)} | ${cpuPerPage(floor.cpu, floorRun.pages)} | ${floor.peak.toFixed(0)} | ${loadavg()[0].toFixed(1)} |`);

        const db = join(dir, `crawl-${i}.db`);
        const crawlArgs = [BIN, 'crawl', `${site.origin}/`, '--db', db, '--quiet', '--delay', '0', '--depth', '2'];
        const crawl = await measure([...crawlArgs, '--concurrency', String(CONCURRENCY), '--per-host', String(CONCURRENCY)], db);
        const run = runSeconds(db);
        crawlRates.push(run.fetched / run.seconds);
        archived = archiveCounts(db).articles;
        say(`| newsarc crawl | ${run.fetched} | ${run.seconds.toFixed(1)} | ${crawlRates.at(-1)!.toFixed(0)} | ${cpuPerPage(crawl.cpu, run.fetched)} | ${crawl.peak.toFixed(0)} | ${loadavg()[0].toFixed(1)} |`);
      }
      const ratios = crawlRates.map((rate, i) => (rate / floorRates[i]).toFixed(2));
      say('');
      say(`newsarc / floor, run by run: ${ratios.join(', ')}; articles archived: ${archived}; ${cpus().length} cores`);
      say('(CPU ms/page from /proc, all threads, sampled every 250 ms: the last quarter second of each process is not counted.)');
    } finally {
      site.child.kill('SIGTERM');
    }
  }
  lines = results.frontier;

  // Frontier growth: listing pages of FRONTIER_PER_LISTING links each, crawled until FRONTIER URLs are queued.
  if (FRONTIER > 0) {
    const wide = await startSite(FRONTIER, FRONTIER_PER_LISTING);
    try {
      const db = join(dir, 'frontier.db');
      const listings = Math.ceil(FRONTIER / FRONTIER_PER_LISTING);
      const grow = await measure(
        [BIN, 'crawl', `${wide.origin}/`, '--db', db, '--quiet', '--delay', '0', '--depth', '2', '--concurrency', String(CONCURRENCY), '--per-host', String(CONCURRENCY), '--max-pages', String(listings + 1 + 2000)],
        db,
        1000,
      );
      say(`# bench/crawl: memory as the frontier grows (${listings} listing pages of ${FRONTIER_PER_LISTING} links, then 2000 articles)`);
      say('');
      say('| seconds | frontier URLs | articles | RSS MB |');
      say('|---|---|---|---|');
      const step = Math.max(1, Math.floor(grow.samples.length / 12));
      for (const s of grow.samples.filter((_, i) => i % step === 0 || i === grow.samples.length - 1)) {
        say(`| ${s.seconds.toFixed(0)} | ${s.frontier} | ${s.articles} | ${s.rss.toFixed(0)} |`);
      }
      say('');
      say(`peak RSS ${grow.peak.toFixed(0)} MB with ${archiveCounts(db).frontier} frontier URLs`);
    } finally {
      wide.child.kill('SIGTERM');
    }
  }
} finally {
  if (results.comparison.length > 0) writeFileSync(join(ROOT, `bench/crawl/results-latency-${LATENCY_MS}.md`), `${results.comparison.join('\n')}\n`);
  if (results.frontier.length > 0) writeFileSync(join(ROOT, 'bench/crawl/results-frontier.md'), `${results.frontier.join('\n')}\n`);
  rmSync(dir, { recursive: true, force: true });
}

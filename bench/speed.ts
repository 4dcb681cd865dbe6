/**
 * bench/speed: pages/s and peak RSS on the Zyte (scrapinghub-aeb) pages, in one run, several rounds, medians.
 * - in-process: each system in a child process of its own (so its peak RSS and its garbage are its own) loops over
 *   the decoded pages: one untimed warm-up round, then timed rounds. "parse-only" is the floor: htmlparser2's
 *   parseDocument of the same strings, the least any extractor on that parser can cost. The Node systems' children
 *   stay alive side by side and take their rounds in turn (order reversed every round), so every system's round r
 *   runs under the same neighbours' load; the ratio to the floor is taken within each round, on CPU time (waiting
 *   for a core on a shared machine is not extraction time), and its median reported.
 * - whole-process: `node bin/newsarc.js extract --format jsonl <every page file>`, wall clock and peak RSS,
 *   start-up, reading, gunzip, decoding and output included; and one page alone (the start-up cost).
 * - where newsarc's time goes: parse, metadata and content stages of extractArticle timed apart (CPU ms a page).
 * Run: `npm run bench:speed -- [--rounds N] [--whole-rounds N] [--systems a,b]`.
 */
import { fork, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseDocument } from 'htmlparser2';
import { extractContent } from '../src/extract/index.js';
import { extractMetadata } from '../src/metadata/index.js';
import { parseHtml } from '../src/parse/index.js';
import { datasetsRoot, loadAeb } from './lib/datasets.js';
import { loadPageHtml } from './lib/pages.js';
import { ALL_SYSTEMS, PYTHON_PEERS, REPO_ROOT, SYSTEM_PYTHON, systemByName, type Extractor, type PageInput } from './lib/systems.js';
import { formatTable } from './lib/table.js';

const PARSE_ONLY = 'parse-only';
const STAGES = 'newsarc-stages';
const THIS_FILE = fileURLToPath(import.meta.url);
/** GNU time's peak resident set (KB) of a whole child process; absent on some machines, then RSS is not reported. */
const GNU_TIME = '/usr/bin/time';

interface InProcessResult {
  system: string;
  version: string;
  pagesPerSecond: number[];
  medianPagesPerSecond: number;
  /** CPU time (user + system, all threads of the child) per page, per round; absent for the Python peers. */
  cpuMsPerPage?: number[];
  /** Median over rounds of floor CPU time / this system's CPU time in the same round; absent when not interleaved. */
  floorRatio?: number;
  peakRssMb: number;
  errors: number;
}

/** One timed round of a round server (a Node system's child). */
interface RoundTiming {
  wallMs: number;
  cpuMs: number;
  errors: number;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function zytePages(): PageInput[] {
  return loadAeb(datasetsRoot(REPO_ROOT)).pages.map(loadPageHtml);
}

/**
 * The child side of a Node system: loads the pages and the extractor, runs the untimed warm-up round, then runs one
 * timed round per 'round' message from the parent and answers with its timing; 'done' answers with the peak RSS.
 */
async function child(systemName: string): Promise<void> {
  const pages = zytePages();
  const extract: Extractor =
    systemName === PARSE_ONLY
      ? (html) => {
          parseDocument(html);
          return { text: '', title: null, authors: [], date: null };
        }
      : await systemByName(systemName).load!();
  const once = async (): Promise<number> => {
    let errors = 0;
    for (const p of pages) {
      try {
        await extract(p.html, p.url);
      } catch {
        errors++;
      }
    }
    return errors;
  };
  await once();
  const send = (message: object): Promise<void> => new Promise((resolve) => process.send!(message, () => resolve()));
  process.on('message', (message) => {
    if (message === 'done') {
      void send({ maxRssMb: process.resourceUsage().maxRSS / 1024 }).then(() => process.exit(0));
      return;
    }
    void (async () => {
      const cpu = process.cpuUsage();
      const start = performance.now();
      const errors = await once();
      const wallMs = performance.now() - start;
      const used = process.cpuUsage(cpu);
      await send({ wallMs, cpuMs: (used.user + used.system) / 1000, errors } satisfies RoundTiming);
    })();
  });
  await send({ ready: true });
}

/** CPU time of this process so far (all threads, garbage collector's helpers included), in ms. */
function cpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

/**
 * The stages of extractArticle (src/article.ts) in its order, each timed over every page in CPU time (a stage is
 * not charged for the moments the process waited for a core); prints one JSON line.
 */
async function stagesChild(rounds: number): Promise<void> {
  const pages = zytePages();
  const totals = { parse: [] as number[], metadata: [] as number[], content: [] as number[] };
  for (let r = 0; r <= rounds; r++) {
    let parse = 0;
    let metadata = 0;
    let content = 0;
    for (const p of pages) {
      const t0 = cpuMs();
      const doc = parseHtml(p.html);
      const t1 = cpuMs();
      const meta = extractMetadata(doc, { url: p.url });
      const t2 = cpuMs();
      extractContent(doc, { url: p.url, title: meta.values.title });
      content += cpuMs() - t2;
      metadata += t2 - t1;
      parse += t1 - t0;
    }
    if (r === 0) continue; // warm-up
    totals.parse.push(parse / pages.length);
    totals.metadata.push(metadata / pages.length);
    totals.content.push(content / pages.length);
  }
  process.stdout.write(`${JSON.stringify(Object.fromEntries(Object.entries(totals).map(([k, v]) => [k, median(v)])))}\n`);
}

function runChild(command: string, args: string[], input?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const c = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    let out = '';
    c.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    c.on('error', reject);
    c.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`))));
    c.stdin.end(input ?? '');
  });
}

/** A Python peer: its own worker times its rounds (not interleaved with the Node systems). */
async function pythonInProcess(systemName: string, rounds: number): Promise<InProcessResult> {
  const system = systemByName(systemName);
  const input = zytePages().map((p) => JSON.stringify({ id: p.id, html: p.html, url: p.url ?? null })).join('\n');
  const raw = await runChild(SYSTEM_PYTHON, [PYTHON_PEERS, systemName, 'speed', String(rounds)], input);
  const r = JSON.parse(raw.trim().split('\n').pop()!) as { rounds: number[]; maxRssMb: number; errors?: number };
  return {
    system: systemName,
    version: system.version(),
    pagesPerSecond: r.rounds.map((x) => Number(x.toFixed(1))),
    medianPagesPerSecond: median(r.rounds),
    peakRssMb: Number(r.maxRssMb.toFixed(0)),
    errors: r.errors ?? 0,
  };
}

/** The next message of a round server, or an error when it exits first. */
function nextMessage<T>(proc: ChildProcess): Promise<T> {
  return new Promise((resolve, reject) => {
    const onExit = (code: number | null): void => reject(new Error(`child exited with ${code}`));
    proc.once('exit', onExit);
    proc.once('message', (message) => {
      proc.off('exit', onExit);
      resolve(message as T);
    });
  });
}

/**
 * The Node systems, each in its round server, timed round by round in turn: forward order in even rounds,
 * backward in odd ones, so no system always runs first after an idle pause or last under a neighbour's burst.
 */
async function interleavedInProcess(names: string[], rounds: number, pageCount: number): Promise<InProcessResult[]> {
  const servers: { name: string; proc: ChildProcess; timings: RoundTiming[] }[] = [];
  for (const name of names) {
    process.stderr.write(`in-process: ${name}, loading and warming up…\n`);
    const proc = fork(THIS_FILE, ['--child', name], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    try {
      await nextMessage<{ ready: true }>(proc);
      servers.push({ name, proc, timings: [] });
    } catch (err) {
      process.stderr.write(`  skipped: ${(err as Error).message}\n`);
    }
  }
  for (let r = 0; r < rounds; r++) {
    process.stderr.write(`in-process: round ${r + 1} of ${rounds}\n`);
    for (const server of r % 2 === 0 ? servers : [...servers].reverse()) {
      server.proc.send('round');
      server.timings.push(await nextMessage<RoundTiming>(server.proc));
    }
  }
  const floor = servers.find((s) => s.name === PARSE_ONLY);
  const results: InProcessResult[] = [];
  for (const { name, proc, timings } of servers) {
    proc.send('done');
    const { maxRssMb } = await nextMessage<{ maxRssMb: number }>(proc);
    const rates = timings.map((t) => pageCount / (t.wallMs / 1000));
    results.push({
      system: name,
      version: name === PARSE_ONLY ? 'htmlparser2 parseDocument' : systemByName(name).version(),
      pagesPerSecond: rates.map((x) => Number(x.toFixed(1))),
      medianPagesPerSecond: median(rates),
      cpuMsPerPage: timings.map((t) => Number((t.cpuMs / pageCount).toFixed(3))),
      floorRatio: floor ? median(timings.map((t, i) => floor.timings[i]!.cpuMs / t.cpuMs)) : undefined,
      peakRssMb: Number(maxRssMb.toFixed(0)),
      errors: median(timings.map((t) => t.errors)),
    });
  }
  return results;
}

interface WholeProcessResult {
  label: string;
  pages: number;
  seconds: number[];
  medianPagesPerSecond: number;
  peakRssMb: number | null;
  exitCode: number | null;
}

/** `newsarc extract` over `files` as a user runs it, timed from spawn to exit. */
function wholeProcess(label: string, files: string[], rounds: number): WholeProcessResult {
  const bin = join(REPO_ROOT, 'bin', 'newsarc.js');
  const useTime = existsSync(GNU_TIME);
  const seconds: number[] = [];
  const rss: number[] = [];
  let exitCode: number | null = null;
  for (let r = 0; r < rounds; r++) {
    const args = [bin, 'extract', '--format', 'jsonl', ...files];
    const start = performance.now();
    const run = useTime
      ? spawnSync(GNU_TIME, ['-f', 'peak-rss-kb %M', process.execPath, ...args], { encoding: 'utf8', maxBuffer: 1 << 30 })
      : spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 30 });
    seconds.push((performance.now() - start) / 1000);
    exitCode = run.status;
    const kb = /peak-rss-kb (\d+)/.exec(run.stderr ?? '');
    if (kb) rss.push(Number(kb[1]) / 1024);
  }
  return {
    label,
    pages: files.length,
    seconds: seconds.map((s) => Number(s.toFixed(2))),
    medianPagesPerSecond: files.length / median(seconds),
    peakRssMb: rss.length ? Number(Math.max(...rss).toFixed(0)) : null,
    exitCode,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      child: { type: 'string' },
      rounds: { type: 'string', default: '5' },
      'whole-rounds': { type: 'string', default: '3' },
      systems: { type: 'string' },
    },
  });
  const rounds = Number(values.rounds);
  if (values.child === STAGES) return stagesChild(rounds);
  if (values.child) return child(values.child);

  const names = values.systems?.split(',').map((s) => s.trim()) ?? [PARSE_ONLY, ...ALL_SYSTEMS.map((s) => s.name)];
  const started = new Date();
  const pageCount = zytePages().length;
  const isPython = (name: string): boolean => name !== PARSE_ONLY && systemByName(name).runBatch !== undefined;
  const results = await interleavedInProcess(names.filter((n) => !isPython(n)), rounds, pageCount);
  for (const name of names.filter(isPython)) {
    process.stderr.write(`in-process: ${name}, ${rounds} rounds…\n`);
    try {
      results.push(await pythonInProcess(name, rounds));
    } catch (err) {
      process.stderr.write(`  skipped: ${(err as Error).message}\n`);
    }
  }
  const stages = names.includes('newsarc')
    ? (JSON.parse(await runChild(process.execPath, [THIS_FILE, '--child', STAGES, '--rounds', String(rounds)])) as Record<string, number>)
    : null;
  const files = loadAeb(datasetsRoot(REPO_ROOT)).pages.map((p) => p.file);
  const wholeRounds = Number(values['whole-rounds']);
  const whole = names.includes('newsarc')
    ? [wholeProcess(`newsarc extract, ${files.length} files in one process`, files, wholeRounds), wholeProcess('newsarc extract, 1 file (start-up)', files.slice(0, 1), wholeRounds)]
    : [];

  const floor = results.find((r) => r.system === PARSE_ONLY)?.medianPagesPerSecond;
  const newsarcResult = results.find((r) => r.system === 'newsarc');
  /** How many times faster newsarc is: within each round on CPU time when both were interleaved, else by median pages/s. */
  const newsarcSpeedup = (r: InProcessResult): string => {
    if (!newsarcResult || r.system === 'newsarc' || r.system === PARSE_ONLY) return '–';
    const ours = newsarcResult.cpuMsPerPage;
    if (ours && r.cpuMsPerPage) return median(r.cpuMsPerPage.map((cpu, i) => cpu / ours[i]!)).toFixed(1);
    return `${(newsarcResult.medianPagesPerSecond / r.medianPagesPerSecond).toFixed(1)} (wall)`;
  };
  console.log(`\n## In-process, ${files.length} Zyte pages, median of ${rounds} rounds after a warm-up (one child process a system)`);
  console.log(
    formatTable(
      ['system', 'pages/s', 'rounds (pages/s)', 'CPU ms/page', 'x parse floor', 'newsarc is x faster', 'peak RSS MB'],
      results.map((r) => [
        r.system,
        r.medianPagesPerSecond.toFixed(1),
        r.pagesPerSecond.map((x) => x.toFixed(0)).join(' '),
        r.cpuMsPerPage ? median(r.cpuMsPerPage).toFixed(2) : '–',
        r.floorRatio !== undefined ? r.floorRatio.toFixed(2) : floor ? `${(r.medianPagesPerSecond / floor).toFixed(2)} (wall)` : '–',
        newsarcSpeedup(r),
        String(r.peakRssMb),
      ]),
    ),
  );
  console.log(
    'x parse floor and newsarc is x faster: median over rounds of the CPU-time ratio within one round (the systems ' +
      'take their rounds in turn); "(wall)": from median pages/s of rounds run at other moments (the Python peers).',
  );
  if (stages) {
    const total = Object.values(stages).reduce((a, b) => a + b, 0);
    console.log(`\n## Where newsarc's time goes (CPU ms a page, median round)`);
    console.log(formatTable(['stage', 'ms/page', 'share'], Object.entries(stages).map(([k, v]) => [k, v.toFixed(2), `${((100 * v) / total).toFixed(0)}%`])));
  }
  if (whole.length) {
    console.log(`\n## Whole process (node bin/newsarc.js extract --format jsonl), median of ${wholeRounds} runs`);
    console.log(
      formatTable(
        ['run', 'pages', 'pages/s', 'seconds', 'peak RSS MB', 'exit'],
        whole.map((w) => [w.label, String(w.pages), w.medianPagesPerSecond.toFixed(1), w.seconds.join(' '), w.peakRssMb === null ? '–' : String(w.peakRssMb), String(w.exitCode)]),
      ),
    );
  }
  const dir = join(REPO_ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `speed-${started.toISOString().slice(0, 16).replace(/:/g, '')}.json`);
  const machine = { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30) };
  writeFileSync(out, `${JSON.stringify({ kind: 'newsarc bench/speed', date: started.toISOString(), machine, rounds, inProcess: results, newsarcStagesMs: stages, wholeProcess: whole }, null, 1)}\n`);
  console.log(`Result file: ${out}`);
}

main().catch((err) => {
  console.error(`bench:speed: ${(err as Error)?.message ?? err}`);
  process.exitCode = 1;
});

/**
 * bench/speed: pages/s and peak RSS on the Zyte (scrapinghub-aeb) pages, in one run, several rounds, medians.
 * - in-process: each system in a child process of its own (so its peak RSS is its own) loops over the decoded
 *   pages: one untimed warm-up round, then timed rounds. "parse-only" is the floor: htmlparser2's parseDocument
 *   of the same strings, the least any extractor on that parser can cost.
 * - whole-process: `node bin/newsarc.js extract --format jsonl <every page file>`, wall clock and peak RSS,
 *   start-up, reading, gunzip, decoding and output included; and one page alone (the start-up cost).
 * - where newsarc's time goes: parse, metadata and content stages of extractArticle timed apart (ms a page).
 * Run: `npm run bench:speed -- [--rounds N] [--whole-rounds N] [--systems a,b]`.
 */
import { spawn, spawnSync } from 'node:child_process';
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
  peakRssMb: number;
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

/** The child side: one system, timed over every page for `rounds` rounds after a warm-up; prints one JSON line. */
async function child(systemName: string, rounds: number): Promise<void> {
  const pages = zytePages();
  const extract: Extractor =
    systemName === PARSE_ONLY
      ? (html) => {
          parseDocument(html);
          return { text: '', title: null, authors: [], date: null };
        }
      : await systemByName(systemName).load!();
  let errors = 0;
  const once = async (): Promise<void> => {
    for (const p of pages) {
      try {
        await extract(p.html, p.url);
      } catch {
        errors++;
      }
    }
  };
  await once();
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    await once();
    rates.push(pages.length / ((performance.now() - start) / 1000));
  }
  process.stdout.write(`${JSON.stringify({ rounds: rates, maxRssMb: process.resourceUsage().maxRSS / 1024, errors: errors / (rounds + 1) })}\n`);
}

/** The stages of extractArticle (src/article.ts) in its order, each timed over every page; prints one JSON line. */
async function stagesChild(rounds: number): Promise<void> {
  const pages = zytePages();
  const totals = { parse: [] as number[], metadata: [] as number[], content: [] as number[] };
  for (let r = 0; r <= rounds; r++) {
    let parse = 0;
    let metadata = 0;
    let content = 0;
    for (const p of pages) {
      const t0 = performance.now();
      const doc = parseHtml(p.html);
      const t1 = performance.now();
      const meta = extractMetadata(doc, { url: p.url });
      const t2 = performance.now();
      extractContent(doc, { url: p.url, title: meta.values.title });
      content += performance.now() - t2;
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

async function inProcess(systemName: string, rounds: number): Promise<InProcessResult> {
  const system = systemName === PARSE_ONLY ? null : systemByName(systemName);
  let raw: string;
  if (system?.runBatch) {
    const input = zytePages().map((p) => JSON.stringify({ id: p.id, html: p.html, url: p.url ?? null })).join('\n');
    raw = await runChild(SYSTEM_PYTHON, [PYTHON_PEERS, systemName, 'speed', String(rounds)], input);
  } else {
    raw = await runChild(process.execPath, [THIS_FILE, '--child', systemName, '--rounds', String(rounds)]);
  }
  const r = JSON.parse(raw.trim().split('\n').pop()!) as { rounds: number[]; maxRssMb: number; errors?: number };
  return {
    system: systemName,
    version: system ? system.version() : `htmlparser2 parseDocument`,
    pagesPerSecond: r.rounds.map((x) => Number(x.toFixed(1))),
    medianPagesPerSecond: median(r.rounds),
    peakRssMb: Number(r.maxRssMb.toFixed(0)),
    errors: r.errors ?? 0,
  };
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
  if (values.child) return child(values.child, rounds);

  const names = values.systems?.split(',').map((s) => s.trim()) ?? [PARSE_ONLY, ...ALL_SYSTEMS.map((s) => s.name)];
  const started = new Date();
  const results: InProcessResult[] = [];
  for (const name of names) {
    process.stderr.write(`in-process: ${name}, ${rounds} rounds…\n`);
    try {
      results.push(await inProcess(name, rounds));
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
  const newsarc = results.find((r) => r.system === 'newsarc')?.medianPagesPerSecond;
  console.log(`\n## In-process, ${files.length} Zyte pages, median of ${rounds} rounds after a warm-up (one child process a system)`);
  console.log(
    formatTable(
      ['system', 'pages/s', 'rounds (pages/s)', 'x parse floor', 'newsarc is x faster', 'peak RSS MB'],
      results.map((r) => [
        r.system,
        r.medianPagesPerSecond.toFixed(1),
        r.pagesPerSecond.map((x) => x.toFixed(0)).join(' '),
        floor ? (r.medianPagesPerSecond / floor).toFixed(2) : '–',
        newsarc && r.system !== 'newsarc' && r.system !== PARSE_ONLY ? (newsarc / r.medianPagesPerSecond).toFixed(1) : '–',
        String(r.peakRssMb),
      ]),
    ),
  );
  if (stages) {
    const total = Object.values(stages).reduce((a, b) => a + b, 0);
    console.log(`\n## Where newsarc's time goes (ms a page, median round)`);
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

/**
 * bench/quality: newsarc and its peers over every ground-truthed set in ../shared/datasets, each scored with the
 * set's official metric; prints one table a set, the worst pages of newsarc with a reason, and writes
 * bench/results/quality-<time>.json. No network. Run: `npm run bench:quality -- [options]` (see USAGE).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { datasetsRoot, loadAll, type BenchPage, type Dataset } from './lib/datasets.js';
import { loadPageHtml } from './lib/pages.js';
import { scoreDataset, worstPages, type DatasetScore, type Figures } from './lib/score.js';
import { ALL_SYSTEMS, REPO_ROOT, type PageInput, type System, type SystemOutput } from './lib/systems.js';
import { QUOTED } from './lib/quoted.js';
import { formatTable } from './lib/table.js';

const USAGE = `usage: npm run bench:quality -- [--systems a,b] [--datasets a,b] [--limit N] [--worst N] [--refresh-peers]
  --systems        which systems (default all: ${ALL_SYSTEMS.map((s) => s.name).join(', ')})
  --datasets       which sets (default all present; names as printed)
  --limit N        only the first N pages of each set (a quick look; figures are then not comparable)
  --worst N        newsarc's worst pages listed per set and failure kind (default 8)
  --refresh-peers  re-run the peers instead of reusing bench/results/peer-cache (they only change on upgrade)`;

const RESULTS_DIR = join(REPO_ROOT, 'bench', 'results');
const PEER_CACHE = join(RESULTS_DIR, 'peer-cache');

interface Options {
  systems: System[];
  datasets: string[] | null;
  limit: number;
  worst: number;
  refreshPeers: boolean;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      systems: { type: 'string' },
      datasets: { type: 'string' },
      limit: { type: 'string' },
      worst: { type: 'string', default: '8' },
      'refresh-peers': { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const names = values.systems?.split(',').map((s) => s.trim());
  const systems = names ? ALL_SYSTEMS.filter((s) => names.includes(s.name)) : ALL_SYSTEMS;
  if (names && systems.length !== names.length) throw new Error(`unknown system in --systems; known: ${ALL_SYSTEMS.map((s) => s.name).join(', ')}`);
  return {
    systems,
    datasets: values.datasets?.split(',').map((s) => s.trim()) ?? null,
    limit: values.limit ? Number(values.limit) : Infinity,
    worst: Number(values.worst),
    refreshPeers: values['refresh-peers'] ?? false,
  };
}

/** Peer outputs are cached per system version and set: only newsarc changes between runs. */
function cacheFile(system: System, version: string, ds: Dataset, limit: number): string {
  const safe = `${system.name}@${version}`.replace(/[^\w.@+-]+/g, '_');
  return join(PEER_CACHE, safe, `${ds.name}${Number.isFinite(limit) ? `.first${limit}` : ''}.json`);
}

async function runSystem(system: System, inputs: PageInput[], memo: Map<string, SystemOutput>): Promise<{ outputs: Map<string, SystemOutput>; seconds: number }> {
  const start = performance.now();
  const outputs = new Map<string, SystemOutput>();
  if (system.runBatch) {
    const todo = inputs.filter((p) => !memo.has(memoKey(p)));
    const got = todo.length ? await system.runBatch(todo) : new Map<string, SystemOutput>();
    for (const p of todo) memo.set(memoKey(p), got.get(p.id) ?? { text: '', title: null, authors: [], date: null, error: 'no output' });
  } else {
    const extract = await system.load!();
    for (const p of inputs) {
      if (memo.has(memoKey(p))) continue;
      try {
        memo.set(memoKey(p), await extract(p.html, p.url));
      } catch (err) {
        memo.set(memoKey(p), { text: '', title: null, authors: [], date: null, error: String((err as Error)?.message ?? err).slice(0, 160) });
      }
    }
  }
  for (const p of inputs) outputs.set(p.id, memo.get(memoKey(p))!);
  return { outputs, seconds: (performance.now() - start) / 1000 };
}

/** trafilatura-eval and htmldate-eval share many pages: the same HTML and URL is extracted once a run. */
const memoKey = (p: PageInput): string => createHash('sha1').update(p.url ?? '').update('\u0000').update(p.html).digest('hex');

/** Figure names by the metadata field they measure. */
const FIELD_FIGURE: Record<'title' | 'authors' | 'date', RegExp> = { title: /^title/, authors: /^authors/, date: /^date|^exact day/ };

function withoutLacking(figures: Figures, system: System): Figures {
  const lacks = system.lacks ?? [];
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, lacks.some((f) => FIELD_FIGURE[f].test(k)) ? null : v]));
}

const fmt = (x: number | null): string => (x === null || Number.isNaN(x) ? '–' : x.toFixed(3));

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const root = datasetsRoot(REPO_ROOT);
  if (!existsSync(root)) throw new Error(`no datasets at ${root} (set NEWSARC_DATASETS)`);
  const sets = loadAll(root).filter((d) => !options.datasets || options.datasets.includes(d.name));
  const versions = new Map(options.systems.map((s) => [s.name, s.version()]));
  const memos = new Map(options.systems.map((s) => [s.name, new Map<string, SystemOutput>()]));
  const started = new Date();
  const report: Record<string, unknown> = {
    kind: 'newsarc bench/quality',
    date: started.toISOString(),
    machine: { node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30) },
    datasetsRoot: root,
    limit: Number.isFinite(options.limit) ? options.limit : null,
    systems: Object.fromEntries(options.systems.map((s) => [s.name, { version: versions.get(s.name), description: s.description }])),
    quoted: QUOTED,
    datasets: {} as Record<string, unknown>,
  };

  // htmldate-eval's goal is on both of its files together: their pages and outputs are kept to score them as one.
  const htmldate = { pages: [] as BenchPage[], outputs: new Map(options.systems.map((s) => [s.name, new Map<string, SystemOutput>()])) };
  for (const ds of sets) {
    const pages = ds.pages.slice(0, options.limit);
    const view: Dataset = { ...ds, pages };
    const inputs = pages.map(loadPageHtml);
    const scores = new Map<string, DatasetScore & { seconds: number; errors: number; cached: boolean }>();
    for (const system of options.systems) {
      const version = versions.get(system.name)!;
      const cache = system.name === 'newsarc' ? null : cacheFile(system, version, ds, options.limit);
      let outputs: Map<string, SystemOutput>;
      let seconds = 0;
      let cached = false;
      if (cache && !options.refreshPeers && existsSync(cache)) {
        outputs = new Map(Object.entries(JSON.parse(readFileSync(cache, 'utf8')) as Record<string, SystemOutput>));
        cached = true;
      } else {
        process.stderr.write(`${ds.name}: ${system.name} on ${pages.length} pages…\n`);
        ({ outputs, seconds } = await runSystem(system, inputs, memos.get(system.name)!));
        if (cache) {
          mkdirSync(join(cache, '..'), { recursive: true });
          writeFileSync(cache, JSON.stringify(Object.fromEntries(outputs)));
        }
      }
      if (ds.name.startsWith('htmldate-')) for (const p of pages) htmldate.outputs.get(system.name)!.set(`${ds.name}/${p.id}`, outputs.get(p.id)!);
      const errors = [...outputs.values()].filter((o) => o.error).length;
      const score = scoreDataset(view, outputs);
      scores.set(system.name, { ...score, figures: withoutLacking(score.figures, system), seconds, errors, cached });
    }
    if (ds.name.startsWith('htmldate-')) htmldate.pages.push(...pages.map((p) => ({ ...p, id: `${ds.name}/${p.id}` })));
    printDataset(view, scores, options.worst);
    (report.datasets as Record<string, unknown>)[ds.name] = {
      pages: pages.length,
      measures: ds.measures,
      systems: Object.fromEntries(
        [...scores].map(([name, s]) => [name, { figures: s.figures, errors: s.errors, seconds: s.cached ? null : Number(s.seconds.toFixed(1)) }]),
      ),
      newsarcPages: scores.get('newsarc')?.worst ?? [],
    };
  }

  if (sets.filter((d) => d.name.startsWith('htmldate-')).length > 1) {
    const both: Dataset = { name: 'htmldate-eval', measures: 'publication day, both files together', pages: htmldate.pages };
    const scores = new Map(options.systems.map((system) => {
      const score = scoreDataset(both, htmldate.outputs.get(system.name)!);
      return [system.name, { figures: withoutLacking(score.figures, system), worst: [], seconds: Number.NaN, errors: 0, cached: false }];
    }));
    printDataset(both, scores, 0);
    (report.datasets as Record<string, unknown>)[both.name] = {
      pages: both.pages.length,
      measures: both.measures,
      systems: Object.fromEntries([...scores].map(([name, s]) => [name, { figures: s.figures }])),
    };
  }

  mkdirSync(RESULTS_DIR, { recursive: true });
  const stamp = started.toISOString().slice(0, 16).replace(/:/g, '');
  const out = join(RESULTS_DIR, `quality-${stamp}.json`);
  writeFileSync(out, `${JSON.stringify(report, null, 1)}\n`);
  console.log(`\nQuoted (published on the whole sets, not run here):\n${QUOTED.map((q) => `  ${q.system}: ${q.figure} on ${q.set} (${q.source})`).join('\n')}`);
  console.log(`Result file: ${out}`);
}

function printDataset(ds: Dataset, scores: Map<string, DatasetScore & { seconds: number; errors: number; cached: boolean }>, worst: number): void {
  const columns = [...new Set([...scores.values()].flatMap((s) => Object.keys(s.figures)))];
  console.log(`\n## ${ds.name} (${ds.pages.length} pages; ${ds.measures})`);
  const rows = [...scores].map(([name, s]) => [
    name,
    ...columns.map((c) => fmt(s.figures[c] ?? null)),
    String(s.errors),
    s.cached ? 'cached' : Number.isNaN(s.seconds) ? '–' : `${s.seconds.toFixed(1)}s`,
  ]);
  console.log(formatTable(['system', ...columns, 'errors', 'time'], rows));
  const mine = scores.get('newsarc');
  if (mine && worst > 0) {
    const list = worstPages(mine.worst, worst);
    if (list.length) console.log(`newsarc's worst pages:\n${list.map((w) => `  ${w.kind.padEnd(7)} ${w.id}: ${w.reason}`).join('\n')}`);
  }
}

main().catch((err) => {
  console.error(`bench:quality: ${(err as Error)?.message ?? err}`);
  process.exitCode = 1;
});

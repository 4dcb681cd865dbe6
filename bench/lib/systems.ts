/**
 * The systems measured side by side: newsarc, and the peers installed by `npm run bench:setup` (npm packages
 * in bench/node_modules, Debian's Python packages). Peers are imported by name at run time, so newsarc's own
 * type check and test suite never need them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXTRACTOR_VERSION, extractArticle } from '../../src/article.js';

/** The checkout root; bench code runs compiled from bench/dist/bench/lib. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BENCH_ROOT = join(REPO_ROOT, 'bench');
/** Debian installs python3-readability and python3-html-text for the system interpreter, not pyenv's. */
export const SYSTEM_PYTHON = '/usr/bin/python3';
export const PYTHON_PEERS = join(BENCH_ROOT, 'peers', 'python_peers.py');

export interface SystemOutput {
  text: string;
  title: string | null;
  authors: string[];
  /** Publication date as the system wrote it. */
  date: string | null;
  /** Where newsarc took each value from (its provenance), for the worst-page reasons. */
  why?: Record<string, string>;
  error?: string;
}

export type Extractor = (html: string, url: string | undefined) => SystemOutput | Promise<SystemOutput>;

export interface PageInput {
  id: string;
  html: string;
  url?: string;
}

export interface System {
  name: string;
  /** What it is, for BENCHMARKS.md and the printed tables. */
  description: string;
  version(): string;
  /** Metadata it does not give at all (its figures there are shown as –, not as 0). */
  lacks?: Array<'title' | 'authors' | 'date'>;
  /** In-process extractor (Node systems). */
  load?(): Promise<Extractor>;
  /** Batch extraction in a child process (Python systems). */
  runBatch?(pages: readonly PageInput[]): Promise<Map<string, SystemOutput>>;
}

function gitRevision(): string {
  const r = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8' });
  const dirty = spawnSync('git', ['status', '--porcelain', '--', 'src'], { cwd: REPO_ROOT, encoding: 'utf8' }).stdout.trim();
  return r.status === 0 ? `${r.stdout.trim()}${dirty ? '+dirty' : ''}` : 'unknown';
}

function npmVersion(pkg: string): string {
  try {
    return (JSON.parse(readFileSync(join(BENCH_ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'not installed';
  }
}

/** Imports a peer from bench/node_modules by name (a variable specifier keeps it out of the type check). */
async function importPeer(name: string): Promise<any> {
  const spec: string = name;
  return import(spec);
}

/** For peers that refuse a page without an address (chinese-wced records none): a neutral stand-in. */
const PLACEHOLDER_URL = 'https://example.com/article.html';

const EMPTY: SystemOutput = { text: '', title: null, authors: [], date: null };

/** Block-level closing tags after which a peer's HTML output gets a line break, so adjacent blocks' words stay apart. */
const BLOCK_END = /<\/(?:p|div|li|h[1-6]|blockquote|pre|tr|td|th|table|section|article|figure|figcaption|ul|ol|dl|dd|dt|header|footer)\s*>|<br\s*\/?>/gi;

/** Plain text of a peer's HTML body, one block a line (peers that return HTML, not text). */
function fragmentText(parseHTML: (html: string) => { document: any }, html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html.replace(BLOCK_END, '$&\n')}</body></html>`);
  return String(document.body?.textContent ?? '')
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** Runs a peer that logs every malformed JSON-LD block to the console (Defuddle) without flooding the report. */
async function muted<T>(run: () => Promise<T>): Promise<T> {
  const saved = { error: console.error, warn: console.warn, log: console.log };
  console.error = console.warn = console.log = () => {};
  try {
    return await run();
  } finally {
    Object.assign(console, saved);
  }
}

const authorList = (s: unknown): string[] => (typeof s === 'string' && s.trim() ? [s.trim()] : []);
const stringOrNull = (s: unknown): string | null => (typeof s === 'string' && s.trim() ? s.trim() : null);

function pythonSystem(name: string, description: string, lacks: System['lacks']): System {
  return {
    name,
    description,
    lacks,
    version: () => {
      const r = spawnSync(SYSTEM_PYTHON, [PYTHON_PEERS, name, 'version'], { encoding: 'utf8' });
      return r.status === 0 ? r.stdout.trim() : 'not installed';
    },
    runBatch: (pages) => runPythonBatch(name, pages),
  };
}

/** Streams the pages through the Python worker as JSON lines; one output line a page. */
async function runPythonBatch(name: string, pages: readonly PageInput[]): Promise<Map<string, SystemOutput>> {
  const child = spawn(SYSTEM_PYTHON, [PYTHON_PEERS, name, 'extract'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<number>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code ?? 1));
  });
  for (const p of pages) {
    if (!child.stdin.write(`${JSON.stringify({ id: p.id, html: p.html, url: p.url ?? null })}\n`)) {
      await new Promise((r) => child.stdin.once('drain', r));
    }
  }
  child.stdin.end();
  const code = await done;
  if (code !== 0) throw new Error(`${name} worker exited with ${code}`);
  const out = new Map<string, SystemOutput>();
  for (const line of Buffer.concat(chunks).toString('utf8').split('\n')) {
    if (!line.trim()) continue;
    const r = JSON.parse(line) as { id: string; text: string; title: string | null; error?: string };
    out.set(r.id, { ...EMPTY, text: r.text ?? '', title: r.title ?? null, error: r.error });
  }
  return out;
}

export const NEWSARC: System = {
  name: 'newsarc',
  description: 'this project (src/article.ts extractArticle on htmlparser2)',
  version: () => `${EXTRACTOR_VERSION} (${gitRevision()})`,
  load: async () => (html, url) => {
    const x = extractArticle(html, { url });
    return {
      text: x.record.text,
      title: x.record.title,
      authors: x.record.authors,
      date: x.record.publishedAt,
      why: x.provenance as Record<string, string>,
    };
  },
};

export const PEERS: System[] = [
  {
    name: 'readability-linkedom',
    description: 'Mozilla Readability (Firefox Reader View) on the linkedom DOM',
    version: () => `${npmVersion('@mozilla/readability')} + linkedom ${npmVersion('linkedom')}`,
    load: async () => {
      const { Readability } = await importPeer('@mozilla/readability');
      const { parseHTML } = await importPeer('linkedom');
      return (html) => {
        const article = new Readability(parseHTML(html).document).parse();
        if (!article) return EMPTY;
        return { text: article.textContent ?? '', title: stringOrNull(article.title), authors: authorList(article.byline), date: stringOrNull(article.publishedTime) };
      };
    },
  },
  {
    name: 'readability-jsdom',
    description: 'Mozilla Readability on jsdom (its reference DOM)',
    version: () => `${npmVersion('@mozilla/readability')} + jsdom ${npmVersion('jsdom')}`,
    load: async () => {
      const { Readability } = await importPeer('@mozilla/readability');
      const { JSDOM, VirtualConsole } = await importPeer('jsdom');
      return (html, url) => {
        // A silent console: jsdom reports every stylesheet it cannot parse, which is noise here.
        const dom = new JSDOM(html, { url: url ?? PLACEHOLDER_URL, virtualConsole: new VirtualConsole() });
        try {
          const article = new Readability(dom.window.document).parse();
          if (!article) return EMPTY;
          return { text: article.textContent ?? '', title: stringOrNull(article.title), authors: authorList(article.byline), date: stringOrNull(article.publishedTime) };
        } finally {
          dom.window.close();
        }
      };
    },
  },
  {
    name: 'article-extractor',
    description: '@extractus/article-extractor (Readability + linkedom + its own metadata rules)',
    version: () => npmVersion('@extractus/article-extractor'),
    load: async () => {
      const { extractFromHtml } = await importPeer('@extractus/article-extractor');
      const { parseHTML } = await importPeer('linkedom');
      return async (html, url) => {
        const a = await extractFromHtml(html, url ?? PLACEHOLDER_URL);
        if (!a) return EMPTY;
        return { text: fragmentText(parseHTML, a.content ?? ''), title: stringOrNull(a.title), authors: authorList(a.author), date: stringOrNull(a.published) };
      };
    },
  },
  {
    name: 'defuddle',
    description: 'Defuddle (Obsidian Web Clipper) on linkedom, no remote fallback',
    version: () => npmVersion('defuddle'),
    load: async () => {
      const { Defuddle } = await importPeer('defuddle/node');
      const { parseHTML } = await importPeer('linkedom');
      return async (html, url) => {
        const r = await muted<any>(() => Defuddle(html, url, { useAsync: false }));
        return { text: fragmentText(parseHTML, r.content ?? ''), title: stringOrNull(r.title), authors: authorList(r.author), date: stringOrNull(r.published) };
      };
    },
  },
  pythonSystem('readability-lxml', 'readability-lxml (Debian python3-readability), text by html-text', ['authors', 'date']),
  pythonSystem('html-text', 'all visible page text (Debian python3-html-text): the recall ceiling / precision floor baseline', ['title', 'authors', 'date']),
];

export const ALL_SYSTEMS: System[] = [NEWSARC, ...PEERS];

export function systemByName(name: string): System {
  const s = ALL_SYSTEMS.find((x) => x.name === name);
  if (!s) throw new Error(`unknown system ${name}; known: ${ALL_SYSTEMS.map((x) => x.name).join(', ')}`);
  return s;
}

/**
 * Loaders of the ground-truthed sets in ../shared/datasets (structure: each folder's SOURCE.md). Every loader
 * returns pages with the path of their gzipped HTML and the labels that set has; none reads the HTML itself.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchPage {
  /** Unique within the dataset (the file name without .html.gz, or the fundus path). */
  id: string;
  /** The gzipped HTML. */
  file: string;
  url?: string;
  /** Gold article body (AEB-style sets). */
  body?: string;
  /** trafilatura-eval snippets. */
  with?: string[];
  without?: string[];
  title?: string;
  /** Gold authors (fundus: a list; chinese-wced: the raw label, see `authorLabel`). */
  authors?: string[];
  authorLabel?: string;
  /** Gold date as labelled: YYYY-MM-DD (htmldate), `YYYY-MM-DD HH:MM:SS+HH:MM` (fundus), free-form (chinese-wced). */
  date?: string | null;
}

export interface Dataset {
  name: string;
  /** What the set measures, for the printed header. */
  measures: string;
  pages: BenchPage[];
}

/** ../shared/datasets beside the checkout, or $NEWSARC_DATASETS. */
export function datasetsRoot(cwd = process.cwd()): string {
  return process.env.NEWSARC_DATASETS ?? join(cwd, '..', 'shared', 'datasets');
}

const readJson = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));
const stripGz = (name: string): string => name.replace(/\.html?\.gz$|\.gz$/, '');

export function loadAeb(root: string): Dataset {
  const dir = join(root, 'scrapinghub-aeb');
  const truth = readJson(join(dir, 'ground-truth.json')) as Record<string, { articleBody: string; url: string }>;
  const pages = Object.entries(truth)
    .map(([id, t]) => ({ id, file: join(dir, 'html', `${id}.html.gz`), url: t.url, body: t.articleBody }))
    .filter((p) => existsSync(p.file));
  return { name: 'scrapinghub-aeb', measures: 'AEB body', pages };
}

export function loadWced(root: string): Dataset {
  const dir = join(root, 'chinese-wced');
  const body = readJson(join(dir, 'eval', 'cleaned_ground.json')) as Record<string, { articleBody: string }>;
  const author = readJson(join(dir, 'eval', 'author_ground.json')) as Record<string, { articleBody: string }>;
  const date = readJson(join(dir, 'eval', 'date_ground.json')) as Record<string, { articleBody: string }>;
  const pages = Object.keys(body)
    .map((id) => ({
      id,
      file: join(dir, 'html', `${id}.html.gz`),
      body: body[id].articleBody,
      authorLabel: author[id]?.articleBody ?? '',
      date: date[id]?.articleBody ?? '',
    }))
    .filter((p) => existsSync(p.file));
  return { name: 'chinese-wced', measures: 'AEB body, authors, dates', pages };
}

interface TrafilaturaEntry {
  file: string;
  with: string[];
  without: string[];
  title?: string;
}

export function loadTrafilaturaEval(root: string): Dataset {
  const dir = join(root, 'trafilatura-eval');
  const entries = readJson(join(dir, 'evaldata.json')) as Record<string, TrafilaturaEntry>;
  const pages = Object.entries(entries)
    .map(([url, e]) => ({ id: e.file, file: join(dir, 'html', `${e.file}.gz`), url, with: e.with, without: e.without }))
    .filter((p) => existsSync(p.file));
  return { name: 'trafilatura-eval', measures: 'snippets', pages };
}

/** eval_mediacloud_2020.json has bare NaN (no date); JSON.parse rejects it, so it becomes null. */
function parseJsonWithNaN(text: string): unknown {
  return JSON.parse(text.replace(/:\s*NaN(?=\s*[,}])/g, ': null'));
}

export function loadHtmldate(root: string, set: 'default' | 'mediacloud_2020'): Dataset {
  const dir = join(root, 'htmldate-eval');
  const derived = join(dir, `eval_${set}.nan-to-null.json`);
  const file = existsSync(derived) ? derived : join(dir, `eval_${set}.json`);
  const entries = parseJsonWithNaN(readFileSync(file, 'utf8')) as Record<string, { file: string; date: string | null }>;
  const pages = Object.entries(entries)
    .map(([url, e]) => ({ id: e.file, file: join(dir, 'html', `${e.file}.gz`), url, date: e.date }))
    .filter((p) => existsSync(p.file));
  return { name: `htmldate-${set}`, measures: 'publication day', pages };
}

interface FundusEntry {
  url: string;
  title: string;
  authors: string[] | null;
  publishing_date: string | null;
  articleBody: string;
}

export function loadFundus(root: string): Dataset {
  const dir = join(root, 'fundus-fixtures');
  const index = readJson(join(dir, 'index.derived.json')) as Record<string, FundusEntry>;
  const pages = Object.entries(index)
    .map(([path, e]) => ({
      id: stripGz(path),
      file: join(dir, 'test_data', path),
      url: e.url,
      title: e.title,
      authors: e.authors ?? [],
      date: e.publishing_date,
      body: e.articleBody,
    }))
    .filter((p) => existsSync(p.file));
  return { name: 'fundus-fixtures', measures: 'title, authors, date, AEB body', pages };
}

/** Every set present under `root`, in a fixed order. */
export function loadAll(root: string): Dataset[] {
  const has = (d: string): boolean => existsSync(join(root, d));
  const sets: Dataset[] = [];
  if (has('scrapinghub-aeb')) sets.push(loadAeb(root));
  if (has('chinese-wced')) sets.push(loadWced(root));
  if (has('trafilatura-eval')) sets.push(loadTrafilaturaEval(root));
  if (has('htmldate-eval')) sets.push(loadHtmldate(root, 'default'), loadHtmldate(root, 'mediacloud_2020'));
  if (has('fundus-fixtures')) sets.push(loadFundus(root));
  return sets.filter((s) => s.pages.length > 0);
}


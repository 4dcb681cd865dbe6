/**
 * Quick feedback for the metadata stage (the full harness is bench/quality): runs extractMetadata over the dated
 * and labelled pages of ../shared/datasets and prints exact-day date accuracy (htmldate-eval, fundus,
 * trafilatura-eval), chinese-wced dates at the precision of each label and authors, and title/author accuracy.
 * Misses go to OUT_DIR/metadata-misses.tsv for reading.
 *
 * build and run (from the repo root):
 *   npx tsc bench/quick-metadata.ts --outDir node_modules/.cache/nmeta --rootDir . --module nodenext \
 *     --moduleResolution nodenext --target es2022 --strict --skipLibCheck && node node_modules/.cache/nmeta/bench/quick-metadata.js /tmp
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeHtml } from '../src/decode/index.js';
import { parseHtml } from '../src/parse/index.js';
import { extractMetadata, type MetadataValues } from '../src/metadata/index.js';
import { sameDay } from './lib/metrics.js';

const root = process.env.NEWSARC_DATASETS ?? '../shared/datasets';
const outDir = process.argv[2] ?? '/tmp';
const misses: string[] = [];
const miss = (kind: string, line: string): void => {
  misses.push(`${kind}\t${line}\t${lastProvenance[kind.split('-').pop() === 'date' ? 'publishedAt' : kind.split('-').pop() === 'author' ? 'authors' : 'title'] ?? ''}`);
};
let metadataSeconds = 0;
let pageCount = 0;
/** Provenance of the page read last, appended to its misses. */
let lastProvenance: Record<string, string> = {};

function readPage(path: string): string | null {
  if (!existsSync(path)) return null;
  return decodeHtml(gunzipSync(readFileSync(path))).html;
}

// QUICK_ONLY=<file name part> prints the values and provenance of matching pages (for looking at misses).
const only = process.env.QUICK_ONLY;

function meta(html: string, url: string | undefined, file: string): MetadataValues {
  const doc = parseHtml(html);
  const started = process.hrtime.bigint();
  const { values, provenance } = extractMetadata(doc, { url });
  metadataSeconds += Number(process.hrtime.bigint() - started) / 1e9;
  pageCount += 1;
  lastProvenance = provenance;
  if (only && file.includes(only)) process.stdout.write(`${file}\n${JSON.stringify({ values, provenance }, null, 1)}\n`);
  return values;
}

const day = (iso: string | null | undefined): string | null => (iso ? iso.slice(0, 10) : null);
const nameKey = (names: string[]): string => names.map((n) => n.trim().toLowerCase()).sort().join('|');
const ratio = (ok: number, n: number): string => `${ok}/${n} = ${n ? (ok / n).toFixed(3) : '-'}`;

function htmldate(): void {
  let ok = 0;
  let n = 0;
  for (const file of ['eval_default.json', 'eval_mediacloud_2020.json']) {
    // The mediacloud file writes pages without a date as bare NaN, which JSON.parse rejects.
    const text = readFileSync(join(root, 'htmldate-eval', file), 'utf8').replace(/:\s*NaN\b/g, ': null');
    const truth = JSON.parse(text) as Record<string, { file: string; date: string | null }>;
    for (const [url, t] of Object.entries(truth)) {
      const html = readPage(join(root, 'htmldate-eval/html', `${t.file}.gz`));
      if (html === null) continue;
      const got = day(meta(html, url, t.file).publishedAt);
      n += 1;
      if (got === (t.date ?? null)) ok += 1;
      else miss('htmldate-date', `${t.file}\t${url}\t${t.date}\t${got}`);
    }
  }
  process.stdout.write(`htmldate-eval exact day (accuracy, null=null counts): ${ratio(ok, n)}\n`);
}

/** A wced label compared at its own precision: `2005-5-7 21:23` checks year, month, day, hour and minute. */
function wcedDateMatches(label: string, iso: string | null): boolean {
  const want = label.trim().match(/\d+/g)?.map(Number) ?? [];
  if (!iso) return false;
  const got = iso.match(/\d+/g)?.map(Number) ?? [];
  return want.every((v, i) => got[i] === v);
}

function wced(): void {
  const dir = join(root, 'chinese-wced');
  let dateOk = 0;
  let dateN = 0;
  let authorOk = 0;
  let authorN = 0;
  for (const file of readdirSync(join(dir, 'html')).filter((f) => f.endsWith('.html.gz')).sort()) {
    const id = file.replace('.html.gz', '');
    const html = readPage(join(dir, 'html', file))!;
    const v = meta(html, undefined, id);
    const dateLabel = readFileSync(join(dir, 'date', `${id}.txt`), 'utf8').trim();
    if (/^\d{4}/.test(dateLabel)) {
      dateN += 1;
      if (wcedDateMatches(dateLabel, v.publishedAt)) dateOk += 1;
      else miss('wced-date', `${id}\t${dateLabel}\t${v.publishedAt}`);
    }
    const authorLabel = readFileSync(join(dir, 'author', `${id}.txt`), 'utf8').trim();
    if (authorLabel && !/^UNKNOWN$/i.test(authorLabel)) {
      authorN += 1;
      const want = authorLabel.replace(/\([^)]*\)/g, '').split(/[\s、]+/).filter(Boolean);
      if (nameKey(want) === nameKey(v.authors)) authorOk += 1;
      else miss('wced-author', `${id}\t${authorLabel}\t${v.authors.join(',')}`);
    }
  }
  process.stdout.write(`chinese-wced dates (labelled, at label precision): ${ratio(dateOk, dateN)}\n`);
  process.stdout.write(`chinese-wced authors (labelled, same set): ${ratio(authorOk, authorN)}\n`);
}

function fundus(): void {
  const dir = join(root, 'fundus-fixtures');
  const index = JSON.parse(readFileSync(join(dir, 'index.derived.json'), 'utf8')) as Record<
    string,
    { url: string; title: string; authors: string[] | null; publishing_date: string | null }
  >;
  let titleOk = 0;
  let authorOk = 0;
  let authorN = 0;
  let dateOk = 0;
  let dateN = 0;
  let n = 0;
  for (const [path, t] of Object.entries(index)) {
    const html = readPage(join(dir, 'test_data', path));
    if (html === null) continue;
    const v = meta(html, t.url, path);
    n += 1;
    const norm = (s: string | null): string => (s ?? '').replace(/[\s\u00ad]+/g, ' ').trim();
    if (norm(v.title) === norm(t.title)) titleOk += 1;
    else miss('fundus-title', `${path}\t${norm(t.title)}\t${norm(v.title)}`);
    if (t.authors && t.authors.length > 0) {
      authorN += 1;
      if (nameKey(t.authors) === nameKey(v.authors)) authorOk += 1;
      else miss('fundus-author', `${path}\t${t.authors.join(',')}\t${v.authors.join(',')}`);
    }
    if (t.publishing_date) {
      dateN += 1;
      // As bench/quality: in UTC when both carry a time and an offset (fundus stores UTC, pages show local time).
      if (sameDay(t.publishing_date, v.publishedAt)) dateOk += 1;
      else miss('fundus-date', `${path}\t${t.publishing_date}\t${v.publishedAt}`);
    }
  }
  process.stdout.write(`fundus titles: ${ratio(titleOk, n)}; authors: ${ratio(authorOk, authorN)}; dates (day): ${ratio(dateOk, dateN)}\n`);
}

function trafilatura(): void {
  const dir = join(root, 'trafilatura-eval');
  const truth = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Record<
    string,
    { file: string; title?: string; author?: string | string[]; date?: string }
  >;
  const counts = { title: [0, 0], author: [0, 0], date: [0, 0] };
  for (const [url, t] of Object.entries(truth)) {
    if (!t.title && !t.author && !t.date) continue;
    const html = readPage(join(dir, 'html', `${t.file}.gz`));
    if (html === null) continue;
    const v = meta(html, url, t.file);
    if (t.title) {
      counts.title[1] += 1;
      if ((v.title ?? '') === t.title.trim()) counts.title[0] += 1;
      else miss('traf-title', `${t.file}\t${t.title}\t${v.title}`);
    }
    if (t.author && t.author.length > 0) {
      const want = Array.isArray(t.author) ? t.author.join('; ') : t.author;
      counts.author[1] += 1;
      if (v.authors.join('; ') === want) counts.author[0] += 1;
      else miss('traf-author', `${t.file}\t${want}\t${v.authors.join('; ')}`);
    }
    if (t.date) {
      counts.date[1] += 1;
      if (day(v.publishedAt) === t.date) counts.date[0] += 1;
      else miss('traf-date', `${t.file}\t${t.date}\t${v.publishedAt}`);
    }
  }
  process.stdout.write(
    `trafilatura-eval titles: ${ratio(counts.title[0], counts.title[1])}; authors: ${ratio(counts.author[0], counts.author[1])}; dates: ${ratio(counts.date[0], counts.date[1])}\n`,
  );
}

const chosenSets = process.env.QUICK_SETS?.split(',');
const sets: [string, () => void][] = [['htmldate', htmldate], ['wced', wced], ['fundus', fundus], ['trafilatura', trafilatura]];
for (const [name, run] of sets) if (!chosenSets || chosenSets.includes(name)) run();
writeFileSync(join(outDir, 'metadata-misses.tsv'), `${misses.join('\n')}\n`);
process.stdout.write(`metadata stage: ${pageCount} pages, ${(metadataSeconds * 1000 / pageCount).toFixed(2)} ms/page (parse excluded)\n`);

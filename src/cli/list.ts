import type { Command } from 'commander';
import { CJK_CHAR } from '../normalize/text.js';
import { siteOf } from '../normalize/url.js';
import { iterateArticles } from '../store/query.js';
import type { StoredArticle } from '../store/types.js';
import { addReadOptions, filterOf, openForReading, type ReadFlags } from './export.js';
import { parseCount } from './options.js';

/** Characters a terminal draws two columns wide: CJK and full-width forms. */
const WIDE = new RegExp(`${CJK_CHAR.source}|[\\uff01-\\uff60\\uffe0-\\uffe6\\u3000-\\u303f]`, 'u');
/** Table width when standard output is not a terminal that reports one. */
const DEFAULT_COLUMNS = 100;

const charWidth = (ch: string): number => (WIDE.test(ch) ? 2 : 1);

function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += charWidth(ch);
  return w;
}

/** Pads or cuts (with …) to exactly `width` terminal columns. */
function fit(text: string, width: number): string {
  const s = text.replace(/\s+/g, ' ');
  const full = displayWidth(s);
  if (full <= width) return s + ' '.repeat(width - full);
  let out = '';
  let w = 0;
  for (const ch of s) {
    if (w + charWidth(ch) > width - 1) break;
    out += ch;
    w += charWidth(ch);
  }
  return `${out}…${' '.repeat(width - 1 - w)}`;
}

/** An aligned text table for a terminal; the last column takes what width is left. */
export function renderTable(headers: string[], rows: string[][], columns = process.stdout.columns || DEFAULT_COLUMNS): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const fixed = widths.slice(0, -1).reduce((a, b) => a + b + 2, 0);
  widths[widths.length - 1] = Math.max(10, Math.min(widths.at(-1)!, columns - fixed - 1));
  const line = (cells: string[]) => cells.map((c, i) => fit(c, widths[i]!)).join('  ').trimEnd();
  return `${[line(headers), ...rows.map(line)].join('\n')}\n`;
}

/** The day an article is filed under: published, else fetched. */
export function articleDay(article: StoredArticle): string {
  return (article.publishedAt ?? article.fetchedAt).slice(0, 10);
}

export function articleSummary(article: StoredArticle) {
  return {
    id: article.id,
    url: article.url,
    title: article.title,
    publishedAt: article.publishedAt,
    fetchedAt: article.fetchedAt,
    site: siteOf(article.url),
    language: article.language,
    wordCount: article.wordCount,
    duplicateOf: article.duplicateOf,
    duplicates: article.duplicates,
  };
}

export function registerList(program: Command): void {
  addReadOptions(program.command('list').description('list archived articles, newest first (a table on a terminal)'))
    .option('--limit <n>', 'at most this many articles (0: all)', parseCount, 50)
    .option('--json', 'print a JSON array for scripts')
    .action((flags: ReadFlags & { limit: number; json?: boolean }) => {
      const archive = openForReading(flags);
      try {
        const articles = [...iterateArticles(archive.db, filterOf(flags), { limit: flags.limit || undefined, newestFirst: true })];
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(articles.map(articleSummary), null, 2)}\n`);
        } else if (process.stdout.isTTY) {
          const rows = articles.map((a) => [String(a.id), articleDay(a), siteOf(a.url) ?? '', a.duplicateOf === null ? `${a.duplicates.length || ''}` : `=${a.duplicateOf}`, a.title ?? '(untitled)']);
          process.stdout.write(renderTable(['id', 'date', 'site', 'dup', 'title'], rows));
        } else {
          for (const a of articles) process.stdout.write(`${[a.id, articleDay(a), a.url, a.title ?? ''].join('\t')}\n`);
        }
      } finally {
        archive.close();
      }
    });
}

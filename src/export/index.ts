/** `newsarc export`: streams archive rows to json, jsonl, csv or a directory of Markdown files. */
import type { Database } from 'better-sqlite3';
import { mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import type { Writable } from 'node:stream';
import { fingerprint } from '../dedup/fingerprint.js';
import { SeenTexts } from '../dedup/seen.js';
import { UserError } from '../errors.js';
import { CJK_CHAR } from '../normalize/text.js';
import { type Conversion, convertArticle, converter } from '../normalize/convert.js';
import { type ArticleFilter, iterateArticles } from '../store/query.js';
import type { StoredArticle } from '../store/types.js';
import { csvHeader, csvRow } from './csv.js';
import { articleMarkdown, markdownFileName } from './markdown.js';
import type { ExportFormat } from './formats.js';
import { TextOutput } from './output.js';


export interface ExportOptions extends ArticleFilter {
  format: ExportFormat;
  /** A file (json, jsonl, csv), a directory (markdown); absent or `-`: standard output. */
  out?: string;
  /** Chinese script conversion of the exported title and body; the archive is never changed. */
  convert?: Conversion;
  /** Start CSV with a UTF-8 byte order mark (for Excel). */
  bom?: boolean;
  /** Neutralise CSV cells that spreadsheets would run as formulas. */
  csvSafe?: boolean;
  /** The archive's duplicate threshold, for copies that only match once converted (see --convert). */
  dupThreshold?: number;
}

/** Exports the matching articles; returns how many were written. */
export async function exportArticles(db: Database, options: ExportOptions, stdout: Writable = process.stdout): Promise<number> {
  const scriptConverter = options.convert && options.convert !== 'none' ? converter(options.convert) : null;
  // Text without a CJK character has nothing to convert: skip opencc's scan of it.
  const convert = scriptConverter && ((s: string) => (CJK_CHAR.test(s) ? scriptConverter(s) : s));
  // Converted to one script, a Traditional and a Simplified copy of a story become duplicates: export one.
  const seen = convert && !options.includeDuplicates ? new SeenTexts(options.dupThreshold) : null;
  const articles = function* () {
    try {
      for (const stored of iterateArticles(db, options)) {
        const article = convert ? convertArticle(stored, convert) : stored;
        const fp = seen && CJK_CHAR.test(article.text) ? fingerprint(article.text) : null;
        if (fp && seen!.seenBefore(fp)) continue;
        yield article;
      }
    } finally {
      seen?.close();
    }
  };
  if (options.format === 'markdown') return exportMarkdown(articles(), options.out);

  const toStdout = !options.out || options.out === '-';
  const output = toStdout ? TextOutput.stdout(stdout) : TextOutput.file(options.out!);
  let count = 0;
  try {
    if (options.format === 'csv') await output.write(`${options.bom ? '\ufeff' : ''}${csvHeader()}`);
    if (options.format === 'json') await output.write('[');
    for (const article of articles()) {
      if (options.format === 'csv') await output.write(csvRow(article, options.csvSafe ?? false));
      else if (options.format === 'json') await output.write(`${count ? ',' : ''}\n${JSON.stringify(article)}`);
      else await output.write(`${JSON.stringify(article)}\n`);
      count++;
    }
    if (options.format === 'json') await output.write(count ? '\n]\n' : ']\n');
    await output.close();
  } catch (err) {
    output.abandon();
    throw err;
  }
  return count;
}

/**
 * One `.md` file per article in `outDir`. Each file is written under a temporary name and renamed, and every path
 * is checked to stay inside outDir (file names come from titles, which are untrusted page content).
 */
function exportMarkdown(articles: Iterable<StoredArticle>, out: string | undefined): number {
  if (!out || out === '-') throw new UserError('--out DIR is required for --format markdown', 2);
  const outDir = resolve(out);
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (err) {
    throw new UserError(`--out: cannot create directory ${outDir}: ${(err as Error).message}`);
  }
  if (!statSync(outDir).isDirectory()) throw new UserError(`--out: ${outDir} is not a directory`, 2);
  let count = 0;
  for (const article of articles) {
    const name = markdownFileName(article.id, article.title);
    const target = resolve(outDir, name);
    if (!target.startsWith(outDir + sep)) throw new Error(`refusing to write outside ${outDir}: ${name}`);
    const temp = join(outDir, `.${name}.${process.pid}.tmp`);
    writeFileSync(temp, articleMarkdown(article), { flag: 'wx' });
    renameSync(temp, target);
    count++;
  }
  return count;
}

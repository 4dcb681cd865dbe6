/** CSV rows (RFC 4180: CRLF records, fields quoted when they hold a comma, quote, CR or LF; quotes doubled). */
import type { StoredArticle } from '../store/types.js';

/** Columns of the CSV export, in the record's order. */
export const CSV_COLUMNS: readonly (keyof StoredArticle)[] = [
  'id', 'url', 'canonicalUrl', 'title', 'authors', 'publishedAt', 'modifiedAt', 'source', 'editors', 'siteName',
  'language', 'description', 'tags', 'image', 'text', 'markdown', 'wordCount', 'contentHash', 'fetchedAt',
  'httpStatus', 'duplicateOf', 'duplicates',
];

/** List fields in one cell: a separator that names (柴秋实, "Smith, John") and tags rarely contain. */
const LIST_SEPARATOR = '; ';

/**
 * Cell starts that spreadsheets evaluate as formulas (OWASP "CSV injection"); with --csv-safe such a cell gets a
 * leading apostrophe, which Excel and LibreOffice show as text.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

function cell(value: unknown, csvSafe: boolean): string {
  let s = value === null || value === undefined ? '' : Array.isArray(value) ? value.join(LIST_SEPARATOR) : String(value);
  if (csvSafe && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvHeader(): string {
  return `${CSV_COLUMNS.join(',')}\r\n`;
}

export function csvRow(article: StoredArticle, csvSafe: boolean): string {
  return `${CSV_COLUMNS.map((c) => cell(article[c], csvSafe)).join(',')}\r\n`;
}

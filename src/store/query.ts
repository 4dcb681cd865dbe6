/**
 * Read queries over the archive shared by export, list, search and stats: one filter type, turned into one
 * parameterised WHERE clause, and full-text matching that works for Chinese and English alike.
 */
import type { Database } from 'better-sqlite3';
import { UserError } from '../errors.js';
import { ARTICLE_SELECT, type ArticleRow, rowToArticle } from './rows.js';
import type { StoredArticle } from './types.js';

export interface ArticleFilter {
  /** Inclusive lower bound on publishedAt (else fetchedAt): `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`. */
  since?: string;
  /** Inclusive upper bound; a date alone includes that whole day. */
  until?: string;
  /** A host; its subdomains match too, and a leading `www.` is ignored. */
  site?: string;
  /** Full-text query: words (all must occur), `"quoted phrases"`; CJK included. */
  query?: string;
  /** A BCP 47 language; `zh` also matches `zh-Hant`, `zh-CN`. */
  lang?: string;
  /** Every member of a duplicate cluster, not only its representative. */
  includeDuplicates?: boolean;
}

/** The trigram tokenizer indexes 3-character sequences: shorter terms (二字词 like 扶贫) need a LIKE scan. */
const TRIGRAM = 3;
const DATE_BOUND = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** Splits a query into terms: double-quoted phrases stay whole, the rest splits on white space. */
export function queryTerms(query: string): string[] {
  const terms: string[] = [];
  for (const m of query.matchAll(/"([^"]*)"|(\S+)/g)) {
    const term = (m[1] ?? m[2] ?? '').trim();
    if (term) terms.push(term);
  }
  return terms;
}

/** Date.parse rolls 2024-02-30 over to March 1st: only a real day reads back as itself. */
function isCalendarDay(day: string): boolean {
  const time = Date.parse(day);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(day);
}

/** A `--since/--until` value as the archive's date key (wall clock as written, see rows.ts dateKey). */
export function dateBound(value: string, flag: '--since' | '--until'): { key: string; wholeDay: boolean } {
  const m = DATE_BOUND.exec(value.trim());
  if (!m || !isCalendarDay(m[1]!)) {
    throw new UserError(`${flag}: expected a date like 2021-11-13 or 2021-11-13T16:24, got "${value}"`, 2);
  }
  return m[2] ? { key: `${m[1]}T${m[2]}`, wholeDay: false } : { key: m[1]!, wholeDay: true };
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const likePattern = (term: string): string => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface FilterSql {
  /** Extra FROM clause (the FTS join when the query has indexable terms). */
  join: string;
  where: string;
  params: unknown[];
  /** Whether `articles_fts` is joined, so bm25() can rank. */
  ranked: boolean;
}

/** The filter as SQL over `articles a`. */
export function filterSql(filter: ArticleFilter): FilterSql {
  const where: string[] = [];
  const params: unknown[] = [];
  let join = '';
  if (!filter.includeDuplicates) where.push('a.duplicate_of IS NULL');
  if (filter.since) {
    where.push('a.date_key >= ?');
    params.push(dateBound(filter.since, '--since').key);
  }
  if (filter.until) {
    const bound = dateBound(filter.until, '--until');
    where.push(bound.wholeDay ? 'a.date_key < ?' : 'a.date_key <= ?');
    params.push(bound.wholeDay ? nextDay(bound.key) : bound.key);
  }
  if (filter.site) {
    const host = filter.site.trim().toLowerCase().replace(/^www\./, '');
    where.push("(a.site = ? OR a.site LIKE ? ESCAPE '\\')");
    params.push(host, `%.${host.replace(/[\\%_]/g, (c) => `\\${c}`)}`);
  }
  if (filter.lang) {
    where.push("(a.language = ? COLLATE NOCASE OR a.language LIKE ? ESCAPE '\\')");
    params.push(filter.lang, `${filter.lang.replace(/[\\%_]/g, (c) => `\\${c}`)}-%`);
  }
  const terms = filter.query ? queryTerms(filter.query) : [];
  const indexed = terms.filter((t) => [...t].length >= TRIGRAM);
  if (indexed.length) {
    join = 'JOIN articles_fts ON articles_fts.rowid = a.id';
    where.push('articles_fts MATCH ?');
    params.push(indexed.map((t) => `"${t.replace(/"/g, '""')}"`).join(' AND '));
  }
  for (const term of terms.filter((t) => [...t].length < TRIGRAM)) {
    where.push("(a.title LIKE ? ESCAPE '\\' OR a.text LIKE ? ESCAPE '\\')");
    params.push(likePattern(term), likePattern(term));
  }
  return { join, where: where.length ? `WHERE ${where.join(' AND ')}` : '', params, ranked: indexed.length > 0 };
}

/**
 * Matching articles one row at a time (better-sqlite3 iterate), so memory stays flat: in id order, or newest first
 * (by publication, else fetch, date).
 */
export function* iterateArticles(
  db: Database,
  filter: ArticleFilter,
  options: { limit?: number; newestFirst?: boolean } = {},
): Generator<StoredArticle> {
  const sql = filterSql(filter);
  const order = options.newestFirst ? 'a.date_key DESC, a.id DESC' : 'a.id';
  const limit = options.limit ? ` LIMIT ${Math.floor(options.limit)}` : '';
  const stmt = db.prepare(`${ARTICLE_SELECT} ${sql.join} ${sql.where} ORDER BY ${order}${limit}`);
  for (const row of stmt.iterate(...sql.params)) yield rowToArticle(row as ArticleRow);
}

export function countArticles(db: Database, filter: ArticleFilter): number {
  const sql = filterSql(filter);
  return db.prepare(`SELECT count(*) FROM articles a ${sql.join} ${sql.where}`).pluck().get(...sql.params) as number;
}

export interface SearchHit {
  article: StoredArticle;
  snippet: string;
}

/** Title matches weigh more than body matches in bm25 ranking. */
const TITLE_WEIGHT = 5;
/** Characters of context on each side of the first match in a snippet. */
const SNIPPET_CONTEXT = 40;

/** Full-text search, best first: bm25 when indexed terms exist, else title matches first, then newest. */
export function searchArticles(
  db: Database,
  filter: ArticleFilter & { query: string },
  limit: number,
  mark?: [string, string],
): SearchHit[] {
  const terms = queryTerms(filter.query);
  if (terms.length === 0) throw new UserError('search: the query is empty', 2);
  const sql = filterSql(filter);
  const order = sql.ranked
    ? `bm25(articles_fts, ${TITLE_WEIGHT}, 1)`
    : `(${terms.map(() => "a.title LIKE ? ESCAPE '\\'").join(' + ')}) DESC, a.date_key DESC`;
  const orderParams = sql.ranked ? [] : terms.map(likePattern);
  const rows = db
    .prepare(`${ARTICLE_SELECT} ${sql.join} ${sql.where} ORDER BY ${order}, a.id LIMIT ?`)
    .all(...sql.params, ...orderParams, Math.max(1, Math.floor(limit))) as ArticleRow[];
  return rows.map((row) => {
    const article = rowToArticle(row);
    return { article, snippet: snippet(article.text, terms, mark) };
  });
}

/**
 * A one-line excerpt around the first occurrence of any term, the matches wrapped in `mark` (FTS5's own snippet()
 * counts trigram tokens, which cuts CJK text mid-word).
 */
export function snippet(text: string, terms: string[], mark: [string, string] = ['[', ']']): string {
  const flat = text.replace(/\s+/g, ' ');
  const lower = flat.toLowerCase();
  const hits = terms.map((t) => lower.indexOf(t.toLowerCase())).filter((i) => i >= 0);
  const first = hits.length ? Math.min(...hits) : 0;
  const start = Math.max(0, first - SNIPPET_CONTEXT);
  const end = Math.min(flat.length, first + SNIPPET_CONTEXT * 2);
  const anyTerm = new RegExp(
    [...terms].sort((a, b) => b.length - a.length).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'),
    'gi',
  );
  const excerpt = flat.slice(start, end).replace(anyTerm, (m) => `${mark[0]}${m}${mark[1]}`);
  return `${start > 0 ? '…' : ''}${excerpt}${end < flat.length ? '…' : ''}`;
}

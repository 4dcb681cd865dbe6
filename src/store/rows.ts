/** Mapping between the `articles` table and the record types, shared by the archive and its queries. */
import type { ArticleRecord } from '../types.js';
import type { StoredArticle } from './types.js';

/** An `articles` row as selected by ARTICLE_SELECT. */
export interface ArticleRow {
  id: number;
  url: string;
  canonical_url: string | null;
  title: string | null;
  authors: string;
  published_at: string | null;
  modified_at: string | null;
  source: string | null;
  editors: string;
  site_name: string | null;
  language: string | null;
  description: string | null;
  tags: string;
  image: string | null;
  text: string;
  markdown: string;
  word_count: number;
  content_hash: string;
  fetched_at: string;
  http_status: number;
  duplicate_of: number | null;
  duplicates: string;
}

/** Selects an article row `a` with its cluster members' ids (indexed on duplicate_of, so cheap per row). */
export const ARTICLE_SELECT = `SELECT a.id, a.url, a.canonical_url, a.title, a.authors, a.published_at, a.modified_at, a.source,
  a.editors, a.site_name, a.language, a.description, a.tags, a.image, a.text, a.markdown, a.word_count, a.content_hash,
  a.fetched_at, a.http_status, a.duplicate_of,
  (SELECT json_group_array(m.id) FROM (SELECT id FROM articles WHERE duplicate_of = a.id ORDER BY id) m) AS duplicates
  FROM articles a`;

/** The stored article in the field order of SPEC's record, with the archive's fields around it. */
export function rowToArticle(row: ArticleRow): StoredArticle {
  return {
    id: row.id,
    url: row.url,
    canonicalUrl: row.canonical_url,
    title: row.title,
    authors: JSON.parse(row.authors) as string[],
    publishedAt: row.published_at,
    modifiedAt: row.modified_at,
    source: row.source,
    editors: JSON.parse(row.editors) as string[],
    siteName: row.site_name,
    language: row.language,
    description: row.description,
    tags: JSON.parse(row.tags) as string[],
    image: row.image,
    text: row.text,
    markdown: row.markdown,
    wordCount: row.word_count,
    contentHash: row.content_hash,
    fetchedAt: row.fetched_at,
    httpStatus: row.http_status,
    duplicateOf: row.duplicate_of,
    duplicates: JSON.parse(row.duplicates) as number[],
  };
}

/** Column values of a record, named for the INSERT/UPDATE statements of the archive. */
export function recordColumns(record: ArticleRecord): Record<string, string | number | null> {
  return {
    canonical_url: record.canonicalUrl,
    title: record.title,
    authors: JSON.stringify(record.authors),
    published_at: record.publishedAt,
    modified_at: record.modifiedAt,
    source: record.source,
    editors: JSON.stringify(record.editors),
    site_name: record.siteName,
    language: record.language,
    description: record.description,
    tags: JSON.stringify(record.tags),
    image: record.image,
    text: record.text,
    markdown: record.markdown,
    word_count: record.wordCount,
    content_hash: record.contentHash,
  };
}

const WALL_CLOCK = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?))?/;

/**
 * What --since/--until compare: publishedAt else fetchedAt, as the wall-clock time written on the page (offset
 * dropped), so "--since 2021-11-13" keeps a Beijing article of 2021-11-13 00:30+08:00 that is still the 12th in UTC.
 */
export function dateKey(publishedAt: string | null, fetchedAt: string): string {
  const m = WALL_CLOCK.exec(publishedAt ?? '') ?? WALL_CLOCK.exec(fetchedAt);
  if (!m) return fetchedAt;
  return m[2] ? `${m[1]}T${m[2]}` : m[1]!;
}

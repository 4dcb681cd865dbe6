/** Counts for `newsarc stats`: one indexed aggregate per figure, nothing loaded row by row. */
import type { Database } from 'better-sqlite3';

export interface ArchiveStats {
  articles: number;
  /** Articles that are the representative (or only member) of their story: what export writes by default. */
  stories: number;
  /** Articles that point at a representative (near duplicates). */
  duplicates: number;
  /** Clusters with at least one duplicate. */
  clusters: number;
  /** URLs stored as aliases of an article (exact duplicates, redirects, canonical URLs). */
  urls: number;
  rawPages: number;
  changedVersions: number;
  bySite: { site: string; articles: number }[];
  /** Per publication day (else fetch day), newest first. */
  byDay: { day: string; articles: number }[];
  byStatus: { status: number; articles: number }[];
  byLanguage: { language: string | null; articles: number }[];
  crawls: number;
  frontier: Record<string, number>;
  /** Why frontier pages failed or were skipped ("http 404", "timeout", "not an article: ..."), most frequent first. */
  notStored: { state: string; note: string | null; pages: number }[];
}

/** Most rows listed per breakdown. */
export const STATS_ROWS = { sites: 50, days: 60, reasons: 20 } as const;

export function archiveStats(db: Database): ArchiveStats {
  const count = (sql: string): number => db.prepare(sql).pluck().get() as number;
  const articles = count('SELECT count(*) FROM articles');
  const duplicates = count('SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL');
  const frontier: Record<string, number> = {};
  for (const row of db.prepare('SELECT state, count(*) AS n FROM frontier GROUP BY state').all() as { state: string; n: number }[]) {
    frontier[row.state] = row.n;
  }
  return {
    articles,
    stories: articles - duplicates,
    duplicates,
    clusters: count('SELECT count(DISTINCT duplicate_of) FROM articles WHERE duplicate_of IS NOT NULL'),
    urls: count('SELECT count(*) FROM article_urls'),
    rawPages: count('SELECT count(*) FROM raw_pages'),
    changedVersions: count('SELECT count(*) FROM history'),
    bySite: db
      .prepare('SELECT site, count(*) AS articles FROM articles GROUP BY site ORDER BY articles DESC, site LIMIT ?')
      .all(STATS_ROWS.sites) as ArchiveStats['bySite'],
    byDay: db
      .prepare('SELECT substr(date_key, 1, 10) AS day, count(*) AS articles FROM articles GROUP BY day ORDER BY day DESC LIMIT ?')
      .all(STATS_ROWS.days) as ArchiveStats['byDay'],
    byStatus: db
      .prepare('SELECT http_status AS status, count(*) AS articles FROM articles GROUP BY http_status ORDER BY http_status')
      .all() as ArchiveStats['byStatus'],
    byLanguage: db
      .prepare('SELECT language, count(*) AS articles FROM articles GROUP BY language ORDER BY articles DESC')
      .all() as ArchiveStats['byLanguage'],
    crawls: count('SELECT count(*) FROM crawls'),
    frontier,
    notStored: db
      .prepare(
        `SELECT state, note, count(*) AS pages FROM frontier WHERE state IN ('failed', 'skipped')
         GROUP BY state, note ORDER BY pages DESC, note LIMIT ?`,
      )
      .all(STATS_ROWS.reasons) as ArchiveStats['notStored'],
  };
}

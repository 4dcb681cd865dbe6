/**
 * Site memory: what a site repeats on every page. A generic extractor sees one page; the archive sees hundreds
 * from one host, and footers, ICP lines, 主办单位 blocks, "相关新闻" boxes and share bars recur on most of them,
 * while an article's own paragraphs appear on one page (or on its syndicated copies). Each stored page's block
 * fingerprints (src/extract/blocks.ts) are counted per host over DISTINCT pages; a block seen on a large share of
 * a host's pages is that host's boilerplate and `extractArticle(html, { boilerplate })` drops it before scoring.
 *
 * The tables live beside the archive's in the same SQLite file but belong to this module alone, created on first
 * use. A "page" is a page key chosen by the caller: the id of the page's duplicate cluster (see `pageKeyOf`), so
 * the syndicated copies of one story count once and can never make the story look like boilerplate.
 */
import type { Database, Statement } from 'better-sqlite3';
import { siteOf } from '../normalize/url.js';

/** When a repeated block counts as boilerplate. Taught by Chinese portals and English news sites alike. */
export const BOILERPLATE_RULE = {
  /**
   * Share of a host's pages a block must appear on. Site footers and share bars sit on every page; "related" and
   * "hot news" boxes rotate (a county portal's box cycles through a few editions a week), so each of their
   * items reaches a fraction of a crawl's pages, not all. A story's own paragraph sits on one page (cluster).
   */
  minShare: 0.2,
  /**
   * ...and never fewer pages than this: below it a repeated paragraph is as likely a story quoted twice (or
   * syndicated copies the duplicate detector missed) as it is page furniture.
   */
  minPages: 5,
} as const;

/** Characters of a block's text kept to show the user what is removed (`newsarc sites`). */
const SAMPLE_CHARS = 160;

interface Statements {
  pageFingerprints: Statement<[string, string], { fingerprints: string }>;
  savePage: Statement<[string, string, string]>;
  countBlock: Statement<[{ host: string; fingerprint: string; sample: string | null }]>;
  hostPages: Statement<[string], { pages: number }>;
  repeatedBlocks: Statement<[string, number], { fingerprint: string }>;
  hosts: Statement<[], { host: string; pages: number }>;
  topBlocks: Statement<[string, number, number], { fingerprint: string; pages: number; sample: string | null }>;
  learnedCount: Statement<[string, number], { n: number }>;
  pageKeys: Statement<[string, number], { page_key: string }>;
  forgetPages: Statement<[string]>;
  forgetBlocks: Statement<[string]>;
}

const prepared = new WeakMap<Database, Statements>();

/** Prepares the statements every call reuses, once per connection (the tables are the archive schema's, V2). */
function statements(db: Database): Statements {
  let s = prepared.get(db);
  if (s) return s;
  s = {
    pageFingerprints: db.prepare('SELECT fingerprints FROM site_pages WHERE host = ? AND page_key = ?'),
    savePage: db.prepare(
      `INSERT INTO site_pages (host, page_key, fingerprints) VALUES (?, ?, ?)
       ON CONFLICT (host, page_key) DO UPDATE SET fingerprints = excluded.fingerprints`,
    ),
    countBlock: db.prepare(
      `INSERT INTO site_blocks (host, fingerprint, pages, sample) VALUES (@host, @fingerprint, 1, NULL)
       ON CONFLICT (host, fingerprint) DO UPDATE SET pages = pages + 1, sample = coalesce(sample, @sample)`,
    ),
    hostPages: db.prepare('SELECT count(*) AS pages FROM site_pages WHERE host = ?'),
    repeatedBlocks: db.prepare('SELECT fingerprint FROM site_blocks WHERE host = ? AND pages >= ?'),
    hosts: db.prepare('SELECT host, count(*) AS pages FROM site_pages GROUP BY host ORDER BY pages DESC, host'),
    topBlocks: db.prepare(
      'SELECT fingerprint, pages, sample FROM site_blocks WHERE host = ? AND pages >= ? ORDER BY pages DESC, fingerprint LIMIT ?',
    ),
    learnedCount: db.prepare('SELECT count(*) AS n FROM site_blocks WHERE host = ? AND pages >= ?'),
    pageKeys: db.prepare('SELECT page_key FROM site_pages WHERE host = ? LIMIT ?'),
    forgetPages: db.prepare('DELETE FROM site_pages WHERE host = ?'),
    forgetBlocks: db.prepare('DELETE FROM site_blocks WHERE host = ?'),
  };
  prepared.set(db, s);
  return s;
}

/**
 * The key site memory files a host under: lower case, without `www.` and a trailing dot, as `siteOf` (src/normalize/url.ts)
 * names sites. Accepts a bare host or a URL (so `newsarc sites --forget https://www.example.com/` works).
 */
export function siteKey(hostOrUrl: string): string {
  const text = hostOrUrl.trim();
  return siteOf(text) ?? text.toLowerCase().replace(/\.$/, '').replace(/^www\./, '');
}

/**
 * The page key of a stored article: its duplicate cluster (the article it duplicates, else itself), so every
 * syndicated copy of a story is one page to site memory.
 */
export function pageKeyOf(article: { id: number; duplicateOf: number | null }): string {
  return String(article.duplicateOf ?? article.id);
}

/**
 * Counts one page's blocks for its host: each fingerprint once per page key, however often the page (or another
 * member of its duplicate cluster) is recorded. `samples[i]` is the text of `fingerprints[i]`, when known.
 * Call after a page is stored (with `pageKeyOf` the stored article) and from reextract.
 */
export function recordPageBlocks(
  db: Database,
  host: string,
  pageKey: string,
  fingerprints: readonly string[],
  samples: readonly (string | undefined)[] = [],
): void {
  const s = statements(db);
  const site = siteKey(host);
  db.transaction(() => {
    const known = new Set(s.pageFingerprints.get(site, pageKey)?.fingerprints.split(' ') ?? []);
    known.delete('');
    const before = known.size;
    fingerprints.forEach((fingerprint, i) => {
      if (fingerprint === '' || known.has(fingerprint)) return;
      known.add(fingerprint);
      const sample = samples[i];
      s.countBlock.run({ host: site, fingerprint, sample: sample === undefined ? null : sample.slice(0, SAMPLE_CHARS) });
    });
    if (known.size > before || before === 0) s.savePage.run(site, pageKey, [...known].join(' '));
  })();
  const cached = lessonsOf(db).get(site);
  if (cached) cached.recordedSince++;
}

/** How many of a host's pages a block must appear on to be boilerplate, given how many pages were seen. */
export function boilerplateThreshold(pagesSeen: number): number {
  return Math.max(BOILERPLATE_RULE.minPages, Math.ceil(BOILERPLATE_RULE.minShare * pagesSeen));
}

/** The fingerprints learned as boilerplate for a host, read now. */
export function learnedBoilerplate(db: Database, host: string): ReadonlySet<string> {
  const s = statements(db);
  const site = siteKey(host);
  const pages = s.hostPages.get(site)?.pages ?? 0;
  if (pages < BOILERPLATE_RULE.minPages) return new Set();
  return new Set(s.repeatedBlocks.all(site, boilerplateThreshold(pages)).map((row) => row.fingerprint));
}

/**
 * A host's learned set changes slowly once it has many pages, while the crawler asks before every page: the set
 * is re-read after every page while the host is young, then after each tenth more pages. Per connection.
 */
const REREAD_SHARE = 0.1;

interface CachedLesson {
  learned: ReadonlySet<string>;
  pagesAtRead: number;
  /** Pages recorded for the host through this connection since the read. */
  recordedSince: number;
}

const lessons = new WeakMap<Database, Map<string, CachedLesson>>();

function lessonsOf(db: Database): Map<string, CachedLesson> {
  let map = lessons.get(db);
  if (!map) lessons.set(db, (map = new Map()));
  return map;
}

/**
 * The fingerprints learned as boilerplate for a host (or a page URL's host): pass as `boilerplate` to
 * `extractArticle` before extracting each page. Empty until the host has at least `minPages` pages. Cheap to call
 * per page: served from a per-connection cache that `recordPageBlocks` and `forgetSite` keep current.
 */
export function boilerplateFor(db: Database, host: string): ReadonlySet<string> {
  const site = siteKey(host);
  const cache = lessonsOf(db);
  const cached = cache.get(site);
  if (cached && cached.recordedSince < Math.max(1, Math.floor(cached.pagesAtRead * REREAD_SHARE))) return cached.learned;
  const learned = learnedBoilerplate(db, site);
  const pagesAtRead = statements(db).hostPages.get(site)?.pages ?? 0;
  cache.set(site, { learned, pagesAtRead, recordedSince: 0 });
  return learned;
}

export interface LearnedBlock {
  fingerprint: string;
  /** Distinct pages (duplicate clusters) of the host it was seen on. */
  pages: number;
  /** pages / pages seen for the host. */
  share: number;
  /** The block's text (cut to 160 characters), or null when no caller passed it. */
  sample: string | null;
}

export interface SiteSummary {
  host: string;
  pagesSeen: number;
  /** Distinct pages a block must be seen on to count as boilerplate now. */
  threshold: number;
  /** How many blocks are boilerplate for the host (the learned profile's size). */
  boilerplateBlocks: number;
  /** The most repeated boilerplate blocks, most repeated first. */
  topBlocks: LearnedBlock[];
}

/** What site memory holds, per host (most pages first), or for one host: for `newsarc sites`. */
export function siteSummaries(db: Database, options: { host?: string; top?: number } = {}): SiteSummary[] {
  const s = statements(db);
  const top = options.top ?? 5;
  const hosts =
    options.host === undefined
      ? s.hosts.all()
      : [{ host: siteKey(options.host), pages: s.hostPages.get(siteKey(options.host))?.pages ?? 0 }].filter((h) => h.pages > 0);
  return hosts.map(({ host, pages }) => {
    const threshold = boilerplateThreshold(pages);
    const learned = pages < BOILERPLATE_RULE.minPages ? 0 : (s.learnedCount.get(host, threshold)?.n ?? 0);
    const blocks = learned === 0 ? [] : s.topBlocks.all(host, threshold, top);
    return {
      host,
      pagesSeen: pages,
      threshold,
      boilerplateBlocks: learned,
      topBlocks: blocks.map((b) => ({ fingerprint: b.fingerprint, pages: b.pages, share: b.pages / pages, sample: b.sample })),
    };
  });
}

/** Up to `limit` page keys recorded for a host (article ids when the crawler recorded them with `pageKeyOf`). */
export function pageKeysOf(db: Database, host: string, limit: number): string[] {
  return statements(db).pageKeys.all(siteKey(host), limit).map((row) => row.page_key);
}

/** Clears everything learned about a host; returns how many pages it had seen (0: nothing was known). */
export function forgetSite(db: Database, host: string): number {
  const s = statements(db);
  const site = siteKey(host);
  lessonsOf(db).delete(site);
  return db.transaction(() => {
    const pages = s.forgetPages.run(site).changes;
    s.forgetBlocks.run(site);
    return pages;
  })();
}

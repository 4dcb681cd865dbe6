/**
 * The contract between the archive (src/store) and its users (crawler, sync, export, CLI).
 * Additive changes are fine; say so in the owner's notes.
 */
import type { Fingerprint } from '../dedup/fingerprint.js';
import type { ArticleRecord } from '../types.js';

export type PageKind = 'page' | 'sitemap' | 'feed';
export type FrontierState = 'queued' | 'in-flight' | 'done' | 'failed' | 'skipped';

export interface CrawlSettings {
  depth: number;
  maxPages: number | null;
  concurrency: number;
  perHost: number;
  delayMs: number;
  scope: 'host' | 'domain' | 'prefix' | 'any';
  include: string[];
  exclude: string[];
  timeoutMs: number;
  retries: number;
  maxBytes: number;
  userAgent: string;
  ignoreRobots: boolean;
  storeHtml: boolean;
}

export interface CrawlDefinition {
  id: number;
  seeds: string[];
  settings: CrawlSettings;
  createdAt: string;
  lastRunAt: string | null;
}

export interface FrontierItem {
  id: number;
  crawlId: number;
  url: string;
  depth: number;
  kind: PageKind;
  state: FrontierState;
  attempts: number;
  /** The lastmod its discovery gave (sitemap <lastmod>, feed entry date), when any. */
  lastmod?: string | null;
}

export interface Validators {
  etag: string | null;
  lastModified: string | null;
  sitemapLastmod: string | null;
}

export interface StoredArticle extends ArticleRecord {
  id: number;
  fetchedAt: string;
  httpStatus: number;
  duplicateOf: number | null;
  duplicates: number[];
}

export interface SaveArticleInput {
  record: ArticleRecord;
  /** The URL as requested before redirects and any other known aliases (normalised by the store). */
  aliases: string[];
  fetchedAt: string;
  httpStatus: number;
  charset: string;
  extractorVersion: string;
  /** Raw HTML as received (stored compressed) unless --no-store-html. */
  rawHtml: Uint8Array | null;
  /** Fingerprints of the page's text blocks for site memory (issue 7). */
  blockFingerprints?: string[];
  /** rawHtml already compressed (`compressRawPage`), when the caller did it off the writing thread. */
  rawHtmlCompressed?: Uint8Array;
  /**
   * `fingerprint(record.text)` when the caller computed it off the writing thread (null: too short to cluster);
   * absent, the store computes it.
   */
  textFingerprint?: Fingerprint | null;
}

export type SaveOutcome = 'new' | 'updated' | 'unchanged' | 'duplicate';

export interface DiscoveredUrl {
  url: string;
  depth: number;
  kind: PageKind;
  /** sitemap <lastmod> or feed entry date, when the discovery source gave one. */
  lastmod?: string | null;
}

/** How a fetched frontier item ended; applied atomically with the article and the links it yielded. */
export interface PageCompletion {
  state: 'done' | 'failed' | 'skipped';
  /** Short reason for failed/skipped ("http 404", "timeout", "not an article", "robots"). */
  note?: string;
  /** The article to store, when the page was one. */
  article?: SaveArticleInput;
  /** Links found on the page, enqueued in the same transaction (so a kill can never lose them). */
  links?: DiscoveredUrl[];
  /** Validators to remember for the fetched URL (ETag, Last-Modified, sitemap lastmod). */
  validators?: Partial<Validators>;
}

/** What the crawler and sync need from the archive. Every method is one transaction. */
export interface CrawlStore {
  /** Records a crawl (seeds + settings); an identical seed list reuses (and updates the settings of) its row. */
  saveCrawl(seeds: string[], settings: CrawlSettings): number;
  listCrawls(): CrawlDefinition[];
  markCrawlRun(crawlId: number, at: string): void;
  /** Adds URLs not already in this crawl's frontier (by normalised URL); returns how many were new. */
  enqueue(crawlId: number, items: DiscoveredUrl[]): number;
  /** Moves up to `limit` queued items to in-flight and returns them (lowest depth first, then oldest). Indexed, never a scan. */
  claim(crawlId: number, limit: number): FrontierItem[];
  /** Finishes an in-flight item: stores the article, enqueues links, saves validators, sets the state: all or nothing. */
  completePage(item: FrontierItem, completion: PageCompletion): { articleId: number | null; outcome: SaveOutcome | null };
  /** Puts items left in-flight by a killed run back in the queue; returns how many. */
  requeueInFlight(crawlId: number): number;
  /** For sync: puts every finished item of the crawl back in the queue so it is revisited (conditionally). */
  requeueFinished(crawlId: number): number;
  frontierCounts(crawlId: number): Record<FrontierState, number>;
  getValidators(url: string): Validators | null;
  /** True when an article is stored under this URL (normalised) or one of its aliases. */
  hasArticle(url: string): boolean;
  /** Appends to the run log (one row per crawl/sync run). */
  logRun(run: { crawlId: number; command: 'crawl' | 'sync'; startedAt: string; finishedAt: string; stats: Record<string, number> }): void;
}

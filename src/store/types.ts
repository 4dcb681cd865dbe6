/**
 * The contract between the archive (src/store) and its users (crawler, sync, export, CLI).
 * Additive changes are fine; say so in the owner's notes.
 */
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
}

export type SaveOutcome = 'new' | 'updated' | 'unchanged' | 'duplicate';

import { gunzipSync } from 'node:zlib';
import type { DiscoveredUrl, FrontierItem } from '../store/types.js';
import { normalizeUrl } from '../normalize/url.js';
import { parseSitemap, parseTextSitemap, type Sitemap } from './sitemap.js';
import { parseJsonFeed, parseXmlFeed, type FeedEntry } from './feed.js';
import { decodeXml } from './xml.js';
import type { UrlFilter } from './scope.js';

/** What a fetched body turned out to be, whatever the frontier expected (a seed may be any of them). */
export type DetectedDocument =
  | { kind: 'html' }
  | { kind: 'sitemap'; sitemap: Sitemap }
  | { kind: 'feed'; entries: FeedEntry[] }
  | { kind: 'other'; reason: string };

/** The root element decides XML documents; the prolog (declaration, comments, doctype, stylesheet PIs) is skipped. */
const XML_ROOT = /^(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(?:\[[\s\S]*?\])?\s*>)*<([\w:.-]+)/i;
const SITEMAP_ROOTS = new Set(['urlset', 'sitemapindex']);
const FEED_ROOTS = new Set(['rss', 'feed', 'rdf:rdf', 'rdf']);
/** How much of the body the root sniffing reads: prologs with long comments still fit. */
const SNIFF_BYTES = 4096;
const GZIP_MAGIC = [0x1f, 0x8b];

export class TooLargeError extends Error {
  constructor() {
    super('too-large');
  }
}

/**
 * Sitemaps are often served as `.xml.gz` files (application/gzip, no Content-Encoding), so the fetch stage
 * hands over compressed bytes; they are inflated here with the same cap as any body (a bomb stops at maxBytes).
 */
function inflateIfGzip(body: Uint8Array, maxBytes: number): Uint8Array {
  if (body[0] !== GZIP_MAGIC[0] || body[1] !== GZIP_MAGIC[1]) return body;
  try {
    return gunzipSync(body, { maxOutputLength: maxBytes });
  } catch (err) {
    if (err instanceof RangeError || (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new TooLargeError();
    return body;
  }
}

/**
 * Tells a page from a sitemap or feed by its content, then its content type: servers label sitemaps and feeds
 * text/xml, application/xml, text/html or octet-stream interchangeably. Throws TooLargeError for a gzip
 * body that inflates past maxBytes.
 */
export function detectDocument(bodyBytes: Uint8Array, contentType: string | null, url: string, maxBytes: number): DetectedDocument {
  const body = inflateIfGzip(bodyBytes, maxBytes);
  const type = (contentType ?? '').toLowerCase();
  const head = new TextDecoder('latin1').decode(body.subarray(0, SNIFF_BYTES)).replace(/^\uFEFF|^ï»¿/, '');
  const trimmed = head.trimStart();
  if (type.includes('json') || trimmed.startsWith('{')) {
    const entries = parseJsonFeed(new TextDecoder('utf-8').decode(body), url);
    if (entries) return { kind: 'feed', entries };
    if (type.includes('json')) return { kind: 'other', reason: 'json, not a feed' };
  }
  const root = XML_ROOT.exec(trimmed)?.[1]?.toLowerCase();
  if (root && SITEMAP_ROOTS.has(root)) return { kind: 'sitemap', sitemap: parseSitemap(decodeXml(body), url) };
  if (root && FEED_ROOTS.has(root)) return { kind: 'feed', entries: parseXmlFeed(decodeXml(body), url) };
  if (type.startsWith('text/plain') && /^https?:\/\/\S+\s*$/im.test(trimmed.split('\n', 1)[0] ?? '')) {
    return { kind: 'sitemap', sitemap: parseTextSitemap(new TextDecoder('utf-8').decode(body), url) };
  }
  if (type === '' || type.includes('html') || root === 'html') return { kind: 'html' };
  return { kind: 'other', reason: `not a page (${type.split(';')[0]})` };
}

/** How deep the crawl goes and what it may visit: the part of the settings discovery needs. */
export interface DiscoveryRules {
  filter: UrlFilter;
  maxDepth: number;
  /** Per-site crawl patterns (`--sites` profiles), on top of the crawl's own. */
  siteFilter?: { accepts(url: string): boolean };
}

/** Links of an HTML page, one hop deeper; normalised (tracking parameters dropped), deduplicated, in scope. */
export function pageLinks(links: readonly string[], from: FrontierItem, rules: DiscoveryRules): DiscoveredUrl[] {
  const depth = from.depth + 1;
  if (depth > rules.maxDepth) return [];
  return uniqueInScope(
    links.map((link) => ({ url: link, depth, kind: 'page' as const })),
    rules,
  );
}

/**
 * Entries of a sitemap: pages one hop below it (SPEC: a seed sitemap's entries are depth 1); an index's
 * children are sitemaps at the index's own depth, so nesting does not eat the depth budget.
 */
export function sitemapLinks(sitemap: Sitemap, from: FrontierItem, rules: DiscoveryRules): DiscoveredUrl[] {
  if (sitemap.kind === 'index') {
    return uniqueInScope(
      sitemap.entries.map((e) => ({ url: e.url, depth: from.depth, kind: 'sitemap' as const, lastmod: e.lastmod })),
      rules,
    );
  }
  const depth = from.depth + 1;
  if (depth > rules.maxDepth) return [];
  return uniqueInScope(
    sitemap.entries.map((e) => ({ url: e.url, depth, kind: 'page' as const, lastmod: e.lastmod })),
    rules,
  );
}

/** Entries of a feed: pages one hop below it, with the entry's date as lastmod. */
export function feedLinks(entries: readonly FeedEntry[], from: FrontierItem, rules: DiscoveryRules): DiscoveredUrl[] {
  const depth = from.depth + 1;
  if (depth > rules.maxDepth) return [];
  return uniqueInScope(
    entries.map((e) => ({ url: e.url, depth, kind: 'page' as const, lastmod: e.date })),
    rules,
  );
}

function uniqueInScope(candidates: DiscoveredUrl[], rules: DiscoveryRules): DiscoveredUrl[] {
  const seen = new Set<string>();
  const out: DiscoveredUrl[] = [];
  for (const candidate of candidates) {
    const url = normalizeUrl(candidate.url);
    if (url === null || seen.has(url) || !rules.filter.accepts(url) || rules.siteFilter?.accepts(url) === false) continue;
    seen.add(url);
    out.push({ ...candidate, url });
  }
  return out;
}

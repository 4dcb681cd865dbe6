import { walkXml } from './xml.js';
import { normalizeUrl } from '../normalize/url.js';

export interface FeedEntry {
  url: string;
  /** `<guid>`, Atom `<id>` or JSON Feed `id`. */
  id: string | null;
  /** The entry's update or publication date as written, or null. */
  date: string | null;
}

/** Element local names that hold an entry's date, best first (RSS 2.0, Atom, RSS 1.0 Dublin Core). */
const DATE_ELEMENTS = ['updated', 'pubdate', 'published', 'date', 'modified'] as const;

/**
 * Parses RSS 2.0, RSS 1.0 (RDF) and Atom. The entry's page is, in order: FeedBurner's `origLink`
 * (feeds proxied through FeedBurner link to a redirector), Atom `<link rel="alternate" href>` (or a
 * link without rel), RSS `<link>`, then a permalink `<guid>`.
 */
export function parseXmlFeed(xml: string, baseUrl: string): FeedEntry[] {
  const entries: FeedEntry[] = [];
  let current: { origLink?: string; link?: string; guid?: string; guidIsLink?: boolean; id?: string; dates: Map<string, string> } | null = null;
  walkXml(xml, {
    open(el) {
      if (el.local === 'item' || el.local === 'entry') {
        current = { dates: new Map() };
        if (el.attrs['rdf:about']) current.link = el.attrs['rdf:about'];
        return;
      }
      if (!current || el.local !== 'link' || !el.attrs.href) return;
      const rel = (el.attrs.rel ?? 'alternate').toLowerCase();
      if (rel === 'alternate' && current.link === undefined) current.link = el.attrs.href;
    },
    close(el, text) {
      if (!current) return;
      const entry = current;
      if (el.local === 'item' || el.local === 'entry') {
        const href = entry.origLink ?? entry.link ?? (entry.guidIsLink ? entry.guid : undefined);
        const url = href ? normalizeUrl(href, baseUrl) : null;
        const date = DATE_ELEMENTS.map((d) => entry.dates.get(d)).find((d) => d) ?? null;
        if (url) entries.push({ url, id: entry.id ?? entry.guid ?? null, date });
        current = null;
        return;
      }
      if (el.parent !== 'item' && el.parent !== 'entry') return;
      if (el.local === 'origlink' && text) entry.origLink = text;
      else if (el.local === 'link' && !el.attrs.href && text) entry.link = text;
      else if (el.local === 'guid' && text) {
        entry.guid = text;
        entry.guidIsLink = el.attrs.ispermalink !== 'false' && /^https?:\/\//i.test(text);
      } else if (el.local === 'id' && text) entry.id = text;
      else if ((DATE_ELEMENTS as readonly string[]).includes(el.local) && text && !entry.dates.has(el.local)) entry.dates.set(el.local, text);
    },
  });
  return entries;
}

interface JsonFeedItem {
  id?: unknown;
  url?: unknown;
  external_url?: unknown;
  date_modified?: unknown;
  date_published?: unknown;
}

/** The `version` of every JSON Feed starts with this (1.0 and 1.1). */
const JSON_FEED_VERSION = 'https://jsonfeed.org/version/';

/** Parses a JSON Feed (1.0/1.1); null when the text is not one. `url` is the item's page, `external_url` a page it links to. */
export function parseJsonFeed(text: string, baseUrl: string): FeedEntry[] | null {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof doc !== 'object' || doc === null) return null;
  const { version, items } = doc as { version?: unknown; items?: unknown };
  if (typeof version !== 'string' || !version.startsWith(JSON_FEED_VERSION) || !Array.isArray(items)) return null;
  const entries: FeedEntry[] = [];
  for (const item of items as JsonFeedItem[]) {
    const href = typeof item.url === 'string' ? item.url : typeof item.external_url === 'string' ? item.external_url : null;
    const url = href ? normalizeUrl(href, baseUrl) : null;
    if (!url) continue;
    const date = [item.date_modified, item.date_published].find((d): d is string => typeof d === 'string') ?? null;
    entries.push({ url, id: item.id === undefined || item.id === null ? null : String(item.id), date });
  }
  return entries;
}

import { walkXml } from './xml.js';
import { normalizeUrl } from '../normalize/url.js';

export interface SitemapEntry {
  url: string;
  /** `<lastmod>` as written (W3C datetime), or null. */
  lastmod: string | null;
}

export interface Sitemap {
  /** `urlset` lists pages; `index` lists further sitemaps. */
  kind: 'urlset' | 'index';
  entries: SitemapEntry[];
}

/**
 * Parses an XML sitemap (sitemaps.org 0.9): `<urlset><url><loc>` or `<sitemapindex><sitemap><loc>`.
 * Only a `<loc>` directly inside `<url>`/`<sitemap>` counts, so image and video extensions
 * (`<image:image><image:loc>`) do not add their media files as pages.
 */
export function parseSitemap(xml: string, baseUrl: string): Sitemap {
  let kind: Sitemap['kind'] = 'urlset';
  const entries: SitemapEntry[] = [];
  let loc: string | null = null;
  let lastmod: string | null = null;
  walkXml(xml, {
    open(el) {
      if (el.local === 'sitemapindex') kind = 'index';
      if (el.local === 'url' || el.local === 'sitemap') {
        loc = null;
        lastmod = null;
      }
    },
    close(el, text) {
      const inEntry = el.parent === 'url' || el.parent === 'sitemap';
      if (inEntry && el.local === 'loc') loc = text;
      else if (inEntry && el.local === 'lastmod') lastmod = text || null;
      else if ((el.local === 'url' || el.local === 'sitemap') && loc) {
        const url = normalizeUrl(loc, baseUrl);
        if (url) entries.push({ url, lastmod });
        loc = null;
      }
    },
  });
  return { kind, entries };
}

/** A text sitemap (sitemaps.org allows one URL a line, UTF-8); lines that are not URLs are ignored. */
export function parseTextSitemap(text: string, baseUrl: string): Sitemap {
  const entries: SitemapEntry[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!/^https?:\/\//i.test(trimmed)) continue;
    const url = normalizeUrl(trimmed, baseUrl);
    if (url) entries.push({ url, lastmod: null });
  }
  return { kind: 'urlset', entries };
}

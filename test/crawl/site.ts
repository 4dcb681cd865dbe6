/**
 * The local news site of the crawl tests: the pages of fixtures/site served with ETag and Last-Modified
 * (answering conditional requests with 304), robots.txt, a sitemap, an RSS feed, and a /traps/ page linking
 * to what real sites do to crawlers.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IncomingMessage, ServerResponse } from 'node:http';
import {
  endlessBody,
  failThenSucceed,
  gzipBomb,
  html,
  redirectChain,
  stallBeforeHeaders,
  startTestServer,
  text,
  type Route,
  type TestServer,
} from '../helpers/server.js';

export const SITE_DIR = fileURLToPath(new URL('../../fixtures/site/', import.meta.url));

/** Articles reachable from the home page, its listings, the sitemap and the feed. */
export const SITE_ARTICLES = [
  '/news/2024/05/harbour-bridge-reopens.html',
  '/news/2024/05/council-votes-on-ferry-fares.html',
  '/world/2024/05/storm-season-forecast.html',
  '/news/2024/05/xiangcun-zhenxing.html',
  '/news/2024/05/gangkou-tuntuliang.html',
  '/world/2024/05/guoji-qihou-huiyi.html',
];
export const LISTING_PAGES = ['/', '/news/', '/news/page/2.html', '/world/', '/traps/'];
export const GBK_ARTICLE = '/gbk/chaye.html';
export const GBK_TITLE = '山区茶园探索数字化管理 茶农收入稳步提高';
/** Served 503 (Retry-After: 0) once, then the article. */
export const FLAKY_ARTICLE = '/traps/tide-gauges.html';
/** Three redirects, then the storm article. */
export const REDIRECT_START = '/old/storm/1';
export const STALLED = '/traps/stalled.html';
export const OVERSIZED = '/traps/endless.html';
export const GZIP_BOMB = '/traps/bomb.html';
export const DISALLOWED = '/private/staff.html';
export const UTM_ALIAS = '/news/2024/05/harbour-bridge-reopens.html?utm_source=newsletter&utm_medium=email';

/** Every article a full crawl from `/` and `/traps/` (depth 3) must archive, once each. */
export const ALL_ARTICLES = [...SITE_ARTICLES, GBK_ARTICLE, FLAKY_ARTICLE];

const FIRST_LASTMOD = '2024-05-08T12:00:00+10:00';

function filePath(pathname: string): string {
  return join(SITE_DIR, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
}

/** Serves bytes with an ETag and Last-Modified, and 304 when the client already has them. */
export function conditional(body: Uint8Array, contentType: string): Route {
  const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
  const lastModified = 'Wed, 08 May 2024 02:00:00 GMT';
  return (req: IncomingMessage, res: ServerResponse) => {
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, 'last-modified': lastModified });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': contentType, 'content-length': body.byteLength, etag, 'last-modified': lastModified });
    res.end(body);
  };
}

const staticFiles: Route = (req, res) => {
  const pathname = (req.url ?? '/').split('?')[0];
  const path = filePath(pathname);
  if (!existsSync(path)) {
    res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<html><body><h1>Not found</h1></body></html>');
    return;
  }
  const charset = pathname.startsWith('/gbk/') ? 'gbk' : 'utf-8';
  return conditional(readFileSync(path), `text/html; charset=${charset}`)(req, res);
};

function sitemapXml(origin: string, lastmods: Map<string, string>): string {
  const urls = [...lastmods].map(([p, lastmod]) => `  <url><loc>${origin}${p}</loc><lastmod>${lastmod}</lastmod></url>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
}

function rssXml(origin: string, paths: Iterable<string>): string {
  const items = [...paths].map((p) => `<item><title>${p}</title><link>${origin}${p}</link><guid>${origin}${p}</guid></item>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Harbour Daily</title><link>${origin}/</link>\n${items}\n</channel></rss>\n`;
}

const TRAPS_PAGE = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Site notices - Harbour Daily</title></head>
<body><header><a href="/">Harbour Daily</a></header><main><h1>Notices</h1><ul>
<li><a href="${REDIRECT_START}">Storm outlook (old address)</a></li>
<li><a href="${FLAKY_ARTICLE}">Tide gauges</a></li>
<li><a href="${STALLED}">A page that never answers</a></li>
<li><a href="${OVERSIZED}">A page that never ends</a></li>
<li><a href="${GZIP_BOMB}">A compressed page</a></li>
<li><a href="${GBK_ARTICLE}">茶园</a></li>
<li><a href="${UTM_ALIAS}">Bridge (from the newsletter)</a></li>
<li><a href="${DISALLOWED}">Staff</a></li>
<li><a href="/missing.html">Gone</a></li>
</ul></main></body></html>`;

export interface NewsSite {
  server: TestServer;
  /** Adds or changes a page, listing it in the sitemap (with a new lastmod) and the feed. */
  publish(path: string, body: string, lastmod: string): void;
}

/** Starts the site on 127.0.0.1 (port 0). */
export async function startNewsSite(): Promise<NewsSite> {
  const lastmods = new Map([...SITE_ARTICLES, GBK_ARTICLE].map((p) => [p, FIRST_LASTMOD]));
  const server = await startTestServer({
    '*': staticFiles,
    '/robots.txt': (req, res) =>
      text(`User-agent: *\nDisallow: /private/\n\nSitemap: http://${req.headers.host}/sitemap.xml\n`)(req, res),
    '/sitemap.xml': (req, res) =>
      conditional(Buffer.from(sitemapXml(`http://${req.headers.host}`, lastmods)), 'application/xml')(req, res),
    '/rss.xml': (req, res) => conditional(Buffer.from(rssXml(`http://${req.headers.host}`, lastmods.keys())), 'application/rss+xml')(req, res),
    '/traps/': html(TRAPS_PAGE),
    ...redirectChain('/old/storm', 3, SITE_ARTICLES[2]),
    [FLAKY_ARTICLE]: failThenSucceed(1, staticFiles, { retryAfter: '0' }),
    [STALLED]: stallBeforeHeaders(),
    [OVERSIZED]: endlessBody(),
    [GZIP_BOMB]: gzipBomb(16 * 1024 * 1024),
  });
  return {
    server,
    publish(path, body, lastmod) {
      server.route(path, conditional(Buffer.from(body), 'text/html; charset=utf-8'));
      lastmods.set(path, lastmod);
    },
  };
}

/** The fixture page at `path`, as text (for publishing variants of it). */
export function fixturePage(path: string): string {
  return readFileSync(filePath(path), 'utf8');
}

import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { parseSitemap } from '../../src/crawl/sitemap.js';
import { parseJsonFeed, parseXmlFeed } from '../../src/crawl/feed.js';
import { UrlFilter } from '../../src/crawl/scope.js';
import { detectDocument, pageLinks, sitemapLinks, TooLargeError } from '../../src/crawl/discover.js';
import type { FrontierItem } from '../../src/store/types.js';

const BASE = 'https://news.example.com/';
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const item = (depth: number): FrontierItem => ({ id: 1, crawlId: 1, url: BASE, depth, kind: 'page', state: 'in-flight', attempts: 0 });

const URLSET = `<?xml version="1.0" encoding="UTF-8"?>
<?xml-stylesheet type="text/xsl" href="/sitemap.xsl"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
  <url><loc>https://news.example.com/2024/05/01/budget.html</loc><lastmod>2024-05-01T08:00:00+08:00</lastmod>
    <image:image><image:loc>https://img.example.com/budget.jpg</image:loc></image:image></url>
  <url><loc><![CDATA[https://news.example.com/2024/05/02/rain.html?utm_source=sitemap]]></loc></url>
</urlset>`;

const INDEX = `<?xml version="1.0" encoding="UTF-8"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <sitemap><loc>https://news.example.com/sitemap-2024.xml.gz</loc><lastmod>2024-05-02</lastmod></sitemap>
  <sitemap><loc>https://other.example.org/sitemap.xml</loc></sitemap>
</sitemapindex>`;

describe('sitemaps', () => {
  it('reads <url><loc> and <lastmod>, not image locations, and drops tracking parameters', () => {
    const sitemap = parseSitemap(URLSET, BASE);
    expect(sitemap.kind).toBe('urlset');
    expect(sitemap.entries).toEqual([
      { url: 'https://news.example.com/2024/05/01/budget.html', lastmod: '2024-05-01T08:00:00+08:00' },
      { url: 'https://news.example.com/2024/05/02/rain.html', lastmod: null },
    ]);
  });

  it('keeps index children as sitemaps at the same depth, and out-of-scope hosts out', () => {
    const rules = { filter: new UrlFilter({ scope: 'host', seeds: [BASE], include: [], exclude: [] }), maxDepth: 2 };
    const links = sitemapLinks(parseSitemap(INDEX, BASE), item(0), rules);
    expect(links).toEqual([{ url: 'https://news.example.com/sitemap-2024.xml.gz', depth: 0, kind: 'sitemap', lastmod: '2024-05-02' }]);
  });

  it('detects a gzipped sitemap by its bytes whatever the content type, and caps the inflated size', () => {
    const gz = gzipSync(Buffer.from(URLSET));
    const detected = detectDocument(gz, 'application/octet-stream', BASE, 1_000_000);
    expect(detected.kind).toBe('sitemap');
    expect(() => detectDocument(gzipSync(Buffer.alloc(2_000_000, 0x20)), 'application/gzip', BASE, 100_000)).toThrow(TooLargeError);
  });

  it('treats a text/plain list of URLs as a text sitemap', () => {
    const detected = detectDocument(enc('https://news.example.com/a.html\nhttps://news.example.com/b.html\n'), 'text/plain', BASE, 1e6);
    expect(detected.kind === 'sitemap' && detected.sitemap.entries.map((e) => e.url)).toEqual([
      'https://news.example.com/a.html',
      'https://news.example.com/b.html',
    ]);
  });
});

const RSS = `<?xml version="1.0" encoding="gb2312"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>
<title>新闻</title><link>https://news.example.com/</link>
<atom:link href="https://news.example.com/rss.xml" rel="self" type="application/rss+xml"/>
<item><title>乡村振兴</title><link>https://news.example.com/c/2021-11-13/1.shtml</link>
<guid isPermaLink="false">item-1</guid><pubDate>Sat, 13 Nov 2021 08:24:01 GMT</pubDate></item>
<item><title>Only a guid</title><guid>https://news.example.com/c/2.shtml</guid></item>
</channel></rss>`;

const ATOM = `<?xml version="1.0" encoding="utf-8"?>
<!-- generated -->
<feed xmlns="http://www.w3.org/2005/Atom"><title>Blog</title><link href="https://blog.example.com/"/>
<entry><title>Post</title><link rel="edit" href="/edit/1"/><link rel="alternate" type="text/html" href="/2024/post.html"/>
<id>tag:blog.example.com,2024:1</id><published>2024-01-01T00:00:00Z</published><updated>2024-01-02T00:00:00Z</updated></entry>
</feed>`;

describe('feeds', () => {
  it('reads RSS 2.0 items: link, else a permalink guid', () => {
    const detected = detectDocument(enc(RSS.replace('gb2312', 'utf-8')), 'text/xml', BASE, 1e6);
    expect(detected.kind).toBe('feed');
    const entries = parseXmlFeed(RSS, BASE);
    expect(entries).toEqual([
      { url: 'https://news.example.com/c/2021-11-13/1.shtml', id: 'item-1', date: 'Sat, 13 Nov 2021 08:24:01 GMT' },
      { url: 'https://news.example.com/c/2.shtml', id: 'https://news.example.com/c/2.shtml', date: null },
    ]);
  });

  it('reads Atom alternate links relative to the feed, ignoring edit links', () => {
    expect(parseXmlFeed(ATOM, 'https://blog.example.com/feed.atom')).toEqual([
      { url: 'https://blog.example.com/2024/post.html', id: 'tag:blog.example.com,2024:1', date: '2024-01-02T00:00:00Z' },
    ]);
    expect(detectDocument(enc(ATOM), 'application/atom+xml', BASE, 1e6).kind).toBe('feed');
  });

  it('reads JSON Feed items and rejects other JSON', () => {
    const feed = { version: 'https://jsonfeed.org/version/1.1', items: [{ id: 7, url: '/p/7', date_published: '2024-02-02T10:00:00Z' }] };
    expect(parseJsonFeed(JSON.stringify(feed), BASE)).toEqual([{ url: 'https://news.example.com/p/7', id: '7', date: '2024-02-02T10:00:00Z' }]);
    expect(detectDocument(enc(JSON.stringify(feed)), 'application/feed+json', BASE, 1e6).kind).toBe('feed');
    expect(detectDocument(enc('{"a":1}'), 'application/json', BASE, 1e6).kind).toBe('other');
  });

  it('detects GBK-decoded feeds correctly', () => {
    const gbk = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="gbk"?><rss><channel><item><title>'),
      Buffer.from('d0c2cec5', 'hex'), // 新闻
      Buffer.from('</title><link>/a.html</link></item></channel></rss>'),
    ]);
    const detected = detectDocument(gbk, 'application/xml', BASE, 1e6);
    expect(detected.kind === 'feed' && detected.entries[0]?.url).toBe('https://news.example.com/a.html');
  });
});

describe('pages and scope', () => {
  it('detects HTML and refuses other media', () => {
    expect(detectDocument(enc('<!doctype html><html><body>x</body></html>'), 'text/html; charset=utf-8', BASE, 1e6).kind).toBe('html');
    expect(detectDocument(enc('%PDF-1.4'), 'application/pdf', BASE, 1e6).kind).toBe('other');
  });

  it('normalises, deduplicates and scopes page links, one hop deeper, up to the depth limit', () => {
    const rules = { filter: new UrlFilter({ scope: 'host', seeds: ['https://www.news.example.com/'], include: [], exclude: ['/tag/'] }), maxDepth: 2 };
    const links = pageLinks(
      [
        'https://news.example.com/a.html?utm_source=x',
        'https://news.example.com/a.html',
        'https://news.example.com/tag/rain',
        'https://elsewhere.example.net/b.html',
        'mailto:desk@example.com',
      ],
      item(1),
      rules,
    );
    expect(links).toEqual([{ url: 'https://news.example.com/a.html', depth: 2, kind: 'page' }]);
    expect(pageLinks(['https://news.example.com/b.html'], item(2), rules)).toEqual([]);
  });

  it('applies domain, prefix and include rules', () => {
    const domain = new UrlFilter({ scope: 'domain', seeds: ['https://news.example.co.uk/'], include: [], exclude: [] });
    expect(domain.accepts('https://sport.example.co.uk/x')).toBe(true);
    expect(domain.accepts('https://other.co.uk/x')).toBe(false);
    const prefix = new UrlFilter({ scope: 'prefix', seeds: ['https://x.example.com/world/index.html'], include: [], exclude: [] });
    expect(prefix.accepts('https://x.example.com/world/2024/a.html')).toBe(true);
    expect(prefix.accepts('https://x.example.com/sport/a.html')).toBe(false);
    const include = new UrlFilter({ scope: 'any', seeds: [], include: ['/20\\d\\d/'], exclude: [] });
    expect(include.accepts('https://y.example.org/2024/a')).toBe(true);
    expect(include.accepts('https://y.example.org/about')).toBe(false);
  });

  it('rejects an invalid regular expression as bad usage', () => {
    expect(() => new UrlFilter({ scope: 'any', seeds: [], include: ['('], exclude: [] })).toThrow(/--include/);
  });
});

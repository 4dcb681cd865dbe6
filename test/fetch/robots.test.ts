import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/fetch/http.js';
import { HostScheduler } from '../../src/fetch/politeness.js';
import { RobotsCache, productToken } from '../../src/fetch/robots.js';
import { html, redirect, startTestServer, text, type TestServer } from '../helpers/server.js';

const ROBOTS = `# a news site's robots.txt
User-agent: *
Disallow: /search
Disallow: /admin/

User-agent: newsarc
Disallow: /members/
Allow: /members/free/
Crawl-delay: 2.5

User-agent: BadBot
Disallow: /

Sitemap: https://news.example/sitemap_index.xml
Sitemap: /news-sitemap.xml
`;

describe('RobotsCache', () => {
  let site: TestServer;
  let missing: TestServer;
  let moved: TestServer;
  let client: HttpClient;

  beforeAll(async () => {
    site = await startTestServer({ '/robots.txt': text(ROBOTS), '*': html('<p>page</p>') });
    missing = await startTestServer({});
    moved = await startTestServer({
      '/robots.txt': redirect('/config/robots.txt', 301),
      '/config/robots.txt': text('User-agent: *\nDisallow: /private\n'),
    });
    client = new HttpClient({ timeoutMs: 1_000, retries: 0, backoffMs: 1 });
  });
  afterAll(async () => {
    await client.close();
    await Promise.all([site.close(), missing.close(), moved.close()]);
  });

  it('obeys the group of our product token, falling back to nothing from `*` once our group exists', async () => {
    const robots = new RobotsCache(client, { userAgent: 'newsarc/0.1 (+https://github.com/newsarc)' });
    expect(await robots.isAllowed(site.url('/members/secret'))).toBe(false);
    expect(await robots.isAllowed(site.url('/members/free/story'))).toBe(true);
    // Our group replaces `*` (RFC 9309 §2.2.1): /search is only closed to others.
    expect(await robots.isAllowed(site.url('/search?q=x'))).toBe(true);
    expect(await robots.isAllowed(site.url('/2024/01/article.html'))).toBe(true);
  });

  it('uses the `*` group for a user agent without its own group', async () => {
    const robots = new RobotsCache(client, { userAgent: 'Mozilla/5.0 (compatible; archive)' });
    expect(await robots.isAllowed(site.url('/search?q=x'))).toBe(false);
    expect(await robots.isAllowed(site.url('/admin/'))).toBe(false);
    expect(await robots.isAllowed(site.url('/members/secret'))).toBe(true);
  });

  it('fetches robots.txt once per origin, even for concurrent callers', async () => {
    const before = site.requestsTo('/robots.txt').length;
    const robots = new RobotsCache(client, { userAgent: 'newsarc' });
    await Promise.all([1, 2, 3, 4, 5].map((i) => robots.isAllowed(site.url(`/story/${i}`))));
    await robots.sitemaps(site.url('/'));
    expect(site.requestsTo('/robots.txt').length - before).toBe(1);
  });

  it('reports Crawl-delay in ms and raises the host gap in the scheduler', async () => {
    const hosts = new HostScheduler({ perHost: 2, delayMs: 1_000 });
    const robots = new RobotsCache(client, { userAgent: 'newsarc/0.1', hosts });
    expect(await robots.crawlDelayMs(site.url('/a'))).toBe(2_500);
    expect(hosts.delayFor(site.url('/a'))).toBe(2_500);
  });

  it('lists Sitemap lines as absolute URLs', async () => {
    const robots = new RobotsCache(client, { userAgent: 'newsarc' });
    expect(await robots.sitemaps(site.url('/any'))).toEqual([
      'https://news.example/sitemap_index.xml',
      site.url('/news-sitemap.xml'),
    ]);
  });

  it('allows everything when robots.txt is missing (404)', async () => {
    const robots = new RobotsCache(client, { userAgent: 'newsarc' });
    expect(await robots.isAllowed(missing.url('/anything'))).toBe(true);
    expect(await robots.sitemaps(missing.url('/'))).toEqual([]);
    expect(await robots.crawlDelayMs(missing.url('/'))).toBeNull();
  });

  it('follows a redirected robots.txt and applies it to the original origin', async () => {
    const robots = new RobotsCache(client, { userAgent: 'newsarc' });
    expect(await robots.isAllowed(moved.url('/private/page'))).toBe(false);
    expect(await robots.isAllowed(moved.url('/public/page'))).toBe(true);
  });

  it('always allows robots.txt itself and never allows non-http URLs', async () => {
    const robots = new RobotsCache(client, { userAgent: 'newsarc' });
    expect(await robots.isAllowed(moved.url('/robots.txt'))).toBe(true);
    expect(await robots.isAllowed('javascript:alert(1)')).toBe(false);
    expect(await robots.isAllowed('not a url')).toBe(false);
  });

  it('takes the product token from a User-Agent string', () => {
    expect(productToken('newsarc/0.1 (+https://github.com/newsarc)')).toBe('newsarc');
    expect(productToken('Mozilla/5.0 (X11)')).toBe('Mozilla');
  });
});

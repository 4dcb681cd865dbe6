import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../src/store/archive.js';
import { runRecordedCrawl } from '../../src/crawl/session.js';
import { DEFAULT_CRAWL_SETTINGS } from '../../src/cli/crawl.js';
import type { CrawlSettings } from '../../src/store/types.js';
import { bytes, html, startTestServer, type TestServer } from '../helpers/server.js';
import { tempDir } from '../store/helpers.js';
import { siteSummaries } from '../../src/sites/memory.js';
import { parseSiteProfiles } from '../../src/sites/profile-file.js';
import type { SiteProfiles } from '../../src/sites/profiles.js';
import { SITE_ARTICLES, conditional, fixturePage } from './site.js';

/** In-process runs of the crawler on the archive: discovery from feeds, the page budget, depth and scope. */
describe('Crawler', () => {
  let server: TestServer;
  const settings = (over: Partial<CrawlSettings> = {}): CrawlSettings => ({
    ...DEFAULT_CRAWL_SETTINGS,
    delayMs: 0,
    timeoutMs: 2000,
    retries: 0,
    ...over,
  });

  beforeAll(async () => {
    const page = (path: string) => conditional(Buffer.from(fixturePage(path)), 'text/html; charset=utf-8');
    const routes: Record<string, ReturnType<typeof html>> = { '/robots.txt': bytes('User-agent: *\nAllow: /\n', 'text/plain') };
    for (const path of SITE_ARTICLES) routes[path] = page(path);
    server = await startTestServer(routes);
    const origin = server.origin;
    server.route(
      '/feed.atom',
      bytes(
        `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Harbour Daily</title>
${SITE_ARTICLES.slice(0, 2).map((p, i) => `<entry><id>urn:a:${i}</id><link href="${p}"/><updated>2024-05-0${i + 1}T00:00:00Z</updated></entry>`).join('\n')}
<entry><id>urn:a:off</id><link href="http://localhost:${new URL(origin).port}${SITE_ARTICLES[2]}"/></entry></feed>`,
        'application/atom+xml',
      ),
    );
    server.route(
      '/feed.json',
      bytes(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'x', items: [{ id: '1', url: `${origin}${SITE_ARTICLES[3]}` }] }), 'application/feed+json'),
    );
  });

  afterAll(async () => {
    await server?.close();
  });

  function open(): Archive {
    return Archive.open(`${tempDir()}/archive.db`);
  }

  async function crawl(archive: Archive, seeds: string[], over: Partial<CrawlSettings> = {}, profiles?: SiteProfiles) {
    const s = settings(over);
    const id = archive.saveCrawl(seeds, s);
    return runRecordedCrawl(archive, { id, seeds, settings: s }, 'crawl', { profiles });
  }

  const storedPaths = (archive: Archive): string[] =>
    (archive.db.prepare('SELECT url FROM articles ORDER BY url').pluck().all() as string[]).map((u) => new URL(u).pathname);

  it('archives the entries of an Atom feed seed, in scope only, and stops at the depth limit', async () => {
    const archive = open();
    try {
      const stats = await crawl(archive, [server.url('/feed.atom')], { depth: 1 });
      expect(storedPaths(archive)).toEqual([...SITE_ARTICLES.slice(0, 2)].sort());
      expect(stats.new).toBe(2);
      expect(stats.followed).toBe(1);
      // The articles' own links are depth 2: not queued, not fetched; the localhost entry is another host.
      expect(archive.frontierCounts(archive.listCrawls()[0].id).queued).toBe(0);
      expect(server.requestsTo(SITE_ARTICLES[2])).toEqual([]);
    } finally {
      archive.close();
    }
  });

  it('archives the items of a JSON Feed seed', async () => {
    const archive = open();
    try {
      await crawl(archive, [server.url('/feed.json')], { depth: 1 });
      expect(storedPaths(archive)).toEqual([SITE_ARTICLES[3]]);
    } finally {
      archive.close();
    }
  });

  it('stops after --max-pages pages and goes on from there on the next run', async () => {
    const archive = open();
    try {
      const seeds = SITE_ARTICLES.slice(0, 4).map((p) => server.url(p));
      const first = await crawl(archive, seeds, { maxPages: 2, depth: 0 });
      expect(first.fetched).toBe(2);
      const crawlId = archive.listCrawls()[0].id;
      expect(archive.frontierCounts(crawlId)).toMatchObject({ queued: 2, 'in-flight': 0, done: 2 });
      const second = await crawl(archive, seeds, { depth: 0 });
      expect(second.fetched).toBe(2);
      expect(storedPaths(archive)).toEqual([...SITE_ARTICLES.slice(0, 4)].sort());
    } finally {
      archive.close();
    }
  });

  it('records stored pages in site memory and obeys a site profile\'s crawl patterns', async () => {
    const archive = open();
    try {
      const profiles = parseSiteProfiles(`hosts:\n  - host: 127.0.0.1\n    exclude: ['/world/']\n`, 'sites.yaml');
      const seeds = [server.url('/feed.atom'), server.url(SITE_ARTICLES[2])];
      await crawl(archive, seeds, { depth: 2 }, profiles);
      const paths = storedPaths(archive);
      // The seed itself is crawled; links into /world/ found on pages are not followed.
      expect(paths).toContain(SITE_ARTICLES[2]);
      expect(paths.filter((p) => p.startsWith('/world/') && p !== SITE_ARTICLES[2])).toEqual([]);
      expect(server.requestsTo('/world/')).toEqual([]);
      expect(server.requestsTo('/news/').length).toBe(1);
      const [summary] = siteSummaries(archive.db);
      expect(summary?.pagesSeen).toBe(paths.length);
    } finally {
      archive.close();
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '../cli/run.js';
import {
  ALL_ARTICLES,
  DISALLOWED,
  FLAKY_ARTICLE,
  GBK_ARTICLE,
  GBK_TITLE,
  GZIP_BOMB,
  LISTING_PAGES,
  OVERSIZED,
  REDIRECT_START,
  SITE_ARTICLES,
  STALLED,
  fixturePage,
  startNewsSite,
  type NewsSite,
} from './site.js';

/** Small budgets so the traps fail fast; --retries 1 is enough for the one 503. */
const FAST = ['--delay', '0', '--timeout', '400', '--retries', '1', '--max-bytes', '200000', '--depth', '3'];

/** An article published between the crawl and the sync: the fixture page's frame around a new story. */
const FRESH_ARTICLE = fixturePage(SITE_ARTICLES[0])
  .replaceAll('Harbour bridge reopens after two years of repairs', 'New ferry wharf opens at the river mouth')
  .replace(
    /<div class="story-body">[\s\S]*?<\/div>/,
    `<div class="story-body">
<p>A new ferry wharf opened at the mouth of the river on Friday, giving residents of the western peninsula a direct service to the city centre for the first time in more than forty years.</p>
<p>The wharf, built on the site of a disused timber jetty, has two berths and a covered waiting area for about two hundred passengers. Services will run every twenty minutes in the morning and evening peaks.</p>
<p>Residents had campaigned for a ferry stop since the old jetty closed in 1981. Until now, the trip to the city has meant a bus ride of almost an hour along the coast road, which floods several times a year.</p>
<p>The transport department said it expected about 3,500 passengers a day within the first year, and that a third berth could be added if demand grew faster than forecast.</p>
</div>`,
  );

interface Row {
  url: string;
  title: string | null;
}

function query<T>(db: string, sql: string): T[] {
  const handle = new Database(db, { readonly: true });
  try {
    return handle.prepare(sql).all() as T[];
  } finally {
    handle.close();
  }
}

describe('newsarc crawl and sync on a local news site', () => {
  let site: NewsSite;
  let dir: string;
  let db: string;
  let origin: string;
  const path = (url: string): string => url.slice(origin.length);

  beforeAll(async () => {
    site = await startNewsSite();
    origin = site.server.origin;
    dir = mkdtempSync(join(tmpdir(), 'newsarc-crawl-'));
    db = join(dir, 'archive.db');
    const result = await runCli(['crawl', `${origin}/`, `${origin}/traps/`, '--db', db, ...FAST]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // No terminal and no --verbose: nothing on stdout.
    expect(result.stdout).toBe('');
  });

  afterAll(async () => {
    await site?.server.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('archives every article once, under its final URL', () => {
    const rows = query<Row>(db, 'SELECT url, title FROM articles ORDER BY url');
    expect(rows.map((r) => path(r.url)).sort()).toEqual([...ALL_ARTICLES].sort());
  });

  it('follows listing pages without storing them', () => {
    const aliases = query<{ url: string }>(db, 'SELECT url FROM article_urls').map((r) => path(r.url));
    for (const listing of LISTING_PAGES) expect(aliases).not.toContain(listing);
    // Reaching /news/page/2.html at depth 2 is what found the article only it links to.
    expect(site.server.requestsTo('/news/page/2.html').length).toBe(1);
  });

  it('obeys robots.txt and found the sitemap it names', () => {
    expect(site.server.requestsTo(DISALLOWED)).toEqual([]);
    const note = query<{ note: string }>(db, `SELECT note FROM frontier WHERE url LIKE '%${DISALLOWED}'`)[0]?.note;
    expect(note).toBe('robots');
    expect(site.server.requestsTo('/sitemap.xml').length).toBe(1);
  });

  it('follows redirect chains to the article, keeping the old address as an alias', () => {
    const storm = SITE_ARTICLES[2];
    const ids = query<{ article_id: number; url: string }>(db, 'SELECT article_id, url FROM article_urls');
    const stormId = ids.find((r) => path(r.url) === storm)?.article_id;
    expect(stormId).toBeDefined();
    expect(ids.find((r) => path(r.url) === REDIRECT_START)?.article_id).toBe(stormId);
  });

  it('retries a 503 with Retry-After and stores the page', () => {
    expect(site.server.requestsTo(FLAKY_ARTICLE).length).toBe(2);
    expect(query<Row>(db, 'SELECT url, title FROM articles').some((r) => path(r.url) === FLAKY_ARTICLE)).toBe(true);
  });

  it('decodes the GBK page whose charset is only in the HTTP header', () => {
    const gbk = query<Row>(db, 'SELECT url, title FROM articles').find((r) => path(r.url) === GBK_ARTICLE);
    expect(gbk?.title).toBe(GBK_TITLE);
  });

  it('fails stalled, endless and bomb pages cleanly, and fetches a utm alias no second time', () => {
    const failed = new Map(
      query<{ url: string; note: string }>(db, "SELECT url, note FROM frontier WHERE state = 'failed'").map((r) => [path(r.url), r.note]),
    );
    expect(failed.get(STALLED)).toBe('timeout');
    expect(failed.get(OVERSIZED)).toBe('too-large');
    expect(failed.get(GZIP_BOMB)).toBe('too-large');
    expect(failed.get('/missing.html')).toBe('http 404');
    // The alias (?utm_source=…) normalises to the article's URL: one request for both.
    expect(site.server.requestsTo(SITE_ARTICLES[0]).length).toBe(1);
  });

  it('sync sends conditional requests, adds new and changed articles, and stays silent', async () => {
    const before = site.server.requests.length;
    const changed = SITE_ARTICLES[1];
    site.publish(changed, fixturePage(changed).replaceAll('eight to three', 'nine to two'), '2024-05-09T08:00:00+10:00');
    const fresh = '/news/2024/05/new-ferry-wharf.html';
    site.publish(fresh, FRESH_ARTICLE, '2024-05-09T09:00:00+10:00');

    const result = await runCli(['sync', '--db', db, '--delay', '0', '--timeout', '400', '--retries', '0']);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });

    const syncRequests = site.server.requests.slice(before);
    const articleRequests = syncRequests.filter((r) => ALL_ARTICLES.includes(r.path) && r.path !== changed);
    // Known, unchanged articles: asked conditionally (answered 304), or skipped because their sitemap lastmod did not move.
    for (const r of articleRequests) expect(r.headers['if-none-match']).toBeTruthy();
    expect(syncRequests.filter((r) => r.path === fresh)).toHaveLength(1);

    const rows = query<Row>(db, 'SELECT url, title FROM articles');
    expect(rows.map((r) => path(r.url)).sort()).toEqual([...ALL_ARTICLES, fresh].sort());
    const history = query<{ n: number }>(db, 'SELECT count(*) AS n FROM history')[0]?.n;
    expect(history).toBe(1);
  });

  it('a second sync skips sitemap entries whose lastmod has not moved', async () => {
    const before = site.server.requests.length;
    const result = await runCli(['sync', '--db', db, '--delay', '0', '--timeout', '400', '--retries', '0', '--verbose', '--log-format', 'json']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^sync: .* 0 new, 0 updated/);
    // One JSON object a fetched page on stderr.
    const logged = result.stderr.trimEnd().split('\n').map((line) => JSON.parse(line) as { url: string; state: string });
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.find((l) => l.url.endsWith('/sitemap.xml'))?.state).toBe('done');
    const requests = site.server.requests.slice(before);
    // The storm article is also reached through its old address (a frontier item of its own, not in the
    // sitemap): that visit is conditional and ends at the article once, after the redirect chain.
    const viaRedirect = requests.some((r) => r.path === REDIRECT_START) ? [SITE_ARTICLES[2]] : [];
    const sitemapArticles = [...SITE_ARTICLES, GBK_ARTICLE];
    expect(requests.filter((r) => sitemapArticles.includes(r.path)).map((r) => r.path)).toEqual(viaRedirect);
  });
});

describe('newsarc crawl usage errors', () => {
  it('rejects bad values with one line and exit 2', async () => {
    for (const args of [
      ['crawl', 'http://127.0.0.1:9/', '--depth', 'deep'],
      ['crawl', 'not a url'],
      ['crawl', 'http://127.0.0.1:9/', '--include', '('],
    ]) {
      const result = await runCli([...args, '--db', join(tmpdir(), 'newsarc-never-created.db')]);
      expect(result.code, args.join(' ') + result.stderr).toBe(2);
      expect(result.stderr).toMatch(/^newsarc: [^\n]+\n$/);
    }
  });

  it('sync without an archive fails with exit 1 and creates none', async () => {
    const db = join(tmpdir(), `newsarc-no-archive-${process.pid}.db`);
    const result = await runCli(['sync', '--db', db]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^newsarc: no archive at [^\n]+\n$/);
    expect(existsSync(db)).toBe(false);
  });
});

import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive, resolveDbPath } from '../../src/store/archive.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import type { CrawlSettings } from '../../src/store/types.js';
import { UserError } from '../../src/errors.js';
import { record, saveInput, tempDir } from './helpers.js';

const STORY = '国家乡村振兴局今天召开新闻发布会，介绍今年以来巩固拓展脱贫攻坚成果的进展情况。'.repeat(3);

const SETTINGS: CrawlSettings = {
  depth: 2, maxPages: null, concurrency: 8, perHost: 2, delayMs: 1000, scope: 'host', include: [], exclude: [],
  timeoutMs: 30000, retries: 3, maxBytes: 10_000_000, userAgent: 'newsarc-test', ignoreRobots: false, storeHtml: true,
};

function openTemp(): Archive {
  return Archive.open(join(tempDir(), 'a.db'));
}

describe('Archive.open', () => {
  it('creates a fresh archive with the current schema and reopens it', () => {
    const path = join(tempDir(), 'new.db');
    Archive.open(path).close();
    const again = Archive.open(path, { readonly: true });
    expect(again.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(again.db.pragma('journal_mode', { simple: true })).toBe('wal');
    again.close();
  });

  it('upgrades a schema-1 archive, with or without the site memory tables it may already hold, keeping its articles', () => {
    for (const hadSiteMemory of [false, true]) {
      const path = join(tempDir(), `v1-${hadSiteMemory}.db`);
      const a = Archive.open(path);
      a.saveArticle(saveInput(record({ url: 'https://e.com/1', text: STORY })));
      a.close();
      // Back to what a schema-1 newsarc wrote: site memory created its tables itself, on first use only.
      const raw = new Database(path);
      if (!hadSiteMemory) raw.exec('DROP TABLE site_pages; DROP TABLE site_blocks;');
      raw.pragma('user_version = 1');
      raw.close();
      expect(() => Archive.open(path, { readonly: true })).toThrow(/older schema; run a writing command/);
      Archive.open(path).close();
      const upgraded = Archive.open(path, { readonly: true });
      expect(upgraded.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
      expect(upgraded.db.prepare('SELECT count(*) FROM site_blocks').pluck().get()).toBe(0);
      expect(upgraded.db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(1);
      upgraded.close();
    }
  });

  it('refuses a missing archive for reading', () => {
    expect(() => Archive.open(join(tempDir(), 'missing.db'), { readonly: true })).toThrow(/no archive at/);
  });

  it('refuses random bytes without touching them', () => {
    const path = join(tempDir(), 'junk.db');
    const junk = Buffer.from('this is not a database at all, just some text that happens to be here'.repeat(100));
    writeFileSync(path, junk);
    expect(() => Archive.open(path)).toThrow(UserError);
    expect(() => Archive.open(path)).toThrow(/not a SQLite database/);
  });

  it('refuses a corrupt SQLite file', () => {
    const path = join(tempDir(), 'corrupt.db');
    const a = Archive.open(path);
    a.saveArticle(saveInput(record({ url: 'https://e.com/1', text: STORY })));
    a.db.pragma('journal_mode = DELETE');
    a.close();
    const bytes = Buffer.alloc(8192, 0xab);
    Buffer.from('SQLite format 3\0').copy(bytes);
    writeFileSync(path, bytes);
    let caught: unknown;
    try {
      Archive.open(path).db.prepare('SELECT count(*) FROM articles').get();
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UserError);
    expect(String((caught as Error).message)).toMatch(/corrupt|not a newsarc archive/);
  });

  it('refuses another application\'s SQLite database and leaves it intact', () => {
    const path = join(tempDir(), 'other.db');
    const other = new Database(path);
    other.exec('CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (\'keep me\')');
    other.close();
    expect(() => Archive.open(path)).toThrow(/another application/);
    const check = new Database(path, { readonly: true });
    expect(check.prepare('SELECT body FROM notes').pluck().get()).toBe('keep me');
    check.close();
  });

  it('refuses an archive written by a newer newsarc', () => {
    const path = join(tempDir(), 'newer.db');
    const a = Archive.open(path);
    a.db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    a.close();
    expect(() => Archive.open(path)).toThrow(/written by a newer newsarc/);
  });

  it('resolves the path from the option, then $NEWSARC_DB, then ./newsarc.db', () => {
    const saved = process.env.NEWSARC_DB;
    try {
      process.env.NEWSARC_DB = '/tmp/from-env.db';
      expect(resolveDbPath('/tmp/x.db')).toBe('/tmp/x.db');
      expect(resolveDbPath(undefined)).toBe('/tmp/from-env.db');
      delete process.env.NEWSARC_DB;
      expect(resolveDbPath()).toBe(join(process.cwd(), 'newsarc.db'));
    } finally {
      if (saved === undefined) delete process.env.NEWSARC_DB;
      else process.env.NEWSARC_DB = saved;
    }
  });
});

describe('articles', () => {
  it('stores a record and reads it back with the archive fields', () => {
    const a = openTemp();
    const rec = record({ url: 'https://News.e.com/a/1.html?utm_source=x', text: STORY, title: '标题', authors: ['柴秋实', '吴鲁'], publishedAt: '2021-11-13T16:24:01+08:00' });
    const { articleId, outcome } = a.saveArticle(saveInput(rec, { rawHtml: new TextEncoder().encode('<html>原文</html>') }));
    expect(outcome).toBe('new');
    const stored = a.getArticle(articleId)!;
    expect(stored).toMatchObject({ id: articleId, url: 'https://news.e.com/a/1.html', title: '标题', authors: ['柴秋实', '吴鲁'], httpStatus: 200, duplicateOf: null, duplicates: [] });
    expect(new TextDecoder().decode(a.rawPage(articleId)!.html)).toBe('<html>原文</html>');
    expect(a.findArticleId('https://news.e.com/a/1.html#comments')).toBe(articleId);
    expect(a.findArticleId(String(articleId))).toBe(articleId);
    a.close();
  });

  it('makes the same text under another URL an alias (exact duplicate)', () => {
    const a = openTemp();
    const first = a.saveArticle(saveInput(record({ url: 'https://e.com/1', text: STORY })));
    const second = a.saveArticle(saveInput(record({ url: 'https://e.com/print/1', text: `  ${STORY}\n\n` })));
    expect(second).toEqual({ articleId: first.articleId, outcome: 'duplicate' });
    expect(a.hasArticle('https://e.com/print/1')).toBe(true);
    expect(a.db.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(1);
    a.close();
  });

  it('keeps the old hash in history when an article changes', () => {
    const a = openTemp();
    const first = a.saveArticle(saveInput(record({ url: 'https://e.com/1', text: STORY })));
    expect(a.saveArticle(saveInput(record({ url: 'https://e.com/1', text: STORY }))).outcome).toBe('unchanged');
    const changed = a.saveArticle(saveInput(record({ url: 'https://e.com/1', text: `${STORY}\n更正：本文已更新。` })));
    expect(changed).toEqual({ articleId: first.articleId, outcome: 'updated' });
    const history = a.db.prepare('SELECT content_hash FROM history WHERE article_id = ?').pluck().all(first.articleId);
    expect(history).toEqual([record({ url: 'x', text: STORY }).contentHash]);
    a.close();
  });

  it('takes the canonical URL as an alias, but not a site root', () => {
    const a = openTemp();
    const one = a.saveArticle(saveInput(record({ url: 'https://e.com/a?id=1', text: STORY, canonicalUrl: 'https://e.com/story/1' })));
    a.saveArticle(saveInput(record({ url: 'https://e.com/a?id=2', text: `${STORY}第二篇。`.repeat(2), canonicalUrl: 'https://e.com/' })));
    expect(a.findArticleId('https://e.com/story/1')).toBe(one.articleId);
    expect(a.hasArticle('https://e.com/')).toBe(false);
    a.close();
  });
});

describe('CrawlStore', () => {
  it('records crawls by seed list', () => {
    const a = openTemp();
    const id = a.saveCrawl(['https://e.com/'], SETTINGS);
    expect(a.saveCrawl(['https://e.com/'], { ...SETTINGS, depth: 5 })).toBe(id);
    a.markCrawlRun(id, '2024-01-01T00:00:00Z');
    expect(a.listCrawls()).toEqual([expect.objectContaining({ id, seeds: ['https://e.com/'], lastRunAt: '2024-01-01T00:00:00Z', settings: { ...SETTINGS, depth: 5 } })]);
    a.close();
  });

  it('enqueues normalised URLs once and claims lowest depth first', () => {
    const a = openTemp();
    const crawl = a.saveCrawl(['https://e.com/'], SETTINGS);
    expect(a.enqueue(crawl, [
      { url: 'https://e.com/b?utm_source=x', depth: 1, kind: 'page' },
      { url: 'https://E.com/b', depth: 1, kind: 'page' },
      { url: 'mailto:x@e.com', depth: 1, kind: 'page' },
      { url: 'https://e.com/', depth: 0, kind: 'page' },
      { url: 'https://e.com/sitemap.xml', depth: 0, kind: 'sitemap', lastmod: '2024-01-01' },
    ])).toBe(3);
    const claimed = a.claim(crawl, 2);
    expect(claimed.map((i) => [i.url, i.state, i.attempts])).toEqual([
      ['https://e.com/', 'in-flight', 1],
      ['https://e.com/sitemap.xml', 'in-flight', 1],
    ]);
    expect(a.frontierCounts(crawl)).toMatchObject({ queued: 1, 'in-flight': 2 });
    const plan = a.db.prepare("EXPLAIN QUERY PLAN SELECT id FROM frontier WHERE crawl_id = 1 AND state = 'queued' ORDER BY depth, id LIMIT 5").all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/USING (COVERING )?INDEX frontier_claim/);
    expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);
    a.close();
  });

  it('completes a page atomically with its article, links and validators', () => {
    const a = openTemp();
    const crawl = a.saveCrawl(['https://e.com/'], SETTINGS);
    a.enqueue(crawl, [{ url: 'https://e.com/1', depth: 0, kind: 'page' }]);
    const [item] = a.claim(crawl, 1);
    const result = a.completePage(item!, {
      state: 'done',
      article: saveInput(record({ url: 'https://e.com/1', text: STORY })),
      links: [{ url: 'https://e.com/2', depth: 1, kind: 'page' }],
      validators: { etag: '"abc"' },
    });
    expect(result.outcome).toBe('new');
    expect(a.hasArticle('https://e.com/1')).toBe(true);
    expect(a.getValidators('https://e.com/1')).toEqual({ etag: '"abc"', lastModified: null, sitemapLastmod: null });
    expect(a.frontierCounts(crawl)).toMatchObject({ done: 1, queued: 1 });
    a.close();
  });

  it('rolls the whole completion back when any part fails', () => {
    const a = openTemp();
    const crawl = a.saveCrawl(['https://e.com/'], SETTINGS);
    a.enqueue(crawl, [{ url: 'https://e.com/1', depth: 0, kind: 'page' }]);
    const [item] = a.claim(crawl, 1);
    expect(() => a.completePage(item!, {
      state: 'done',
      links: [{ url: 'https://e.com/2', depth: 1, kind: 'page' }],
      article: saveInput(record({ url: 'not a url', text: STORY })),
    })).toThrow();
    expect(a.frontierCounts(crawl)).toMatchObject({ 'in-flight': 1, queued: 0 });
    a.close();
  });

  it('requeues in-flight items after a kill and finished items for sync', () => {
    const a = openTemp();
    const crawl = a.saveCrawl(['https://e.com/'], SETTINGS);
    a.enqueue(crawl, [{ url: 'https://e.com/1', depth: 0, kind: 'page' }, { url: 'https://e.com/2', depth: 0, kind: 'page' }]);
    const [one] = a.claim(crawl, 2);
    a.completePage(one!, { state: 'failed', note: 'http 404' });
    expect(a.requeueInFlight(crawl)).toBe(1);
    expect(a.requeueFinished(crawl)).toBe(1);
    expect(a.frontierCounts(crawl)).toMatchObject({ queued: 2, done: 0, failed: 0 });
    a.logRun({ crawlId: crawl, command: 'crawl', startedAt: 'x', finishedAt: 'y', stats: { fetched: 2 } });
    expect(a.db.prepare('SELECT stats FROM runs').pluck().get()).toBe('{"fetched":2}');
    a.close();
  });
});

describe('archiveStats', () => {
  it('counts articles, duplicates and why pages were not stored', async () => {
    const { archiveStats } = await import('../../src/store/stats.js');
    const a = openTemp();
    const crawl = a.saveCrawl(['https://e.com/'], SETTINGS);
    a.enqueue(crawl, ['1', '2', '3'].map((n) => ({ url: `https://e.com/${n}`, depth: 1, kind: 'page' as const })));
    const [one, two, three] = a.claim(crawl, 3);
    a.completePage(one!, { state: 'done', article: saveInput(record({ url: 'https://e.com/1', text: STORY, publishedAt: '2021-11-13' })) });
    a.completePage(two!, { state: 'failed', note: 'http 404' });
    a.completePage(three!, { state: 'skipped', note: 'not an article' });
    expect(archiveStats(a.db)).toMatchObject({
      articles: 1,
      stories: 1,
      byDay: [{ day: '2021-11-13', articles: 1 }],
      byStatus: [{ status: 200, articles: 1 }],
      frontier: { done: 1, failed: 1, skipped: 1 },
      notStored: [
        { state: 'failed', note: 'http 404', pages: 1 },
        { state: 'skipped', note: 'not an article', pages: 1 },
      ],
    });
    a.close();
  });
});

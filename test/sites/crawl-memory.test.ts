/**
 * Issue 7 through the executable: `newsarc crawl` of the 34-page template site learns the site's footer and
 * "related" box while it crawls and leaves them out of every stored body, including the pages stored before the
 * lesson; the generic extractor alone keeps them on some pages.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOOTER_SENTENCES, RELATED_SENTENCES, templateSite } from '../../fixtures/template-site/site.js';
import { extractArticle } from '../../src/article.js';
import { runCli } from '../cli/run.js';
import { html, startTestServer, type TestServer } from '../helpers/server.js';

const site = templateSite();
const REPEATED = [...FOOTER_SENTENCES, ...RELATED_SENTENCES.flat()];
const dir = mkdtempSync(join(tmpdir(), 'newsarc-crawl-memory-'));
let server: TestServer;
let exported: { url: string; text: string }[];

beforeAll(async () => {
  server = await startTestServer(Object.fromEntries([...site.pages].map(([path, page]) => [path, html(page)])));
  const db = join(dir, 'site.db');
  const crawl = await runCli(['crawl', server.url('/'), '--db', db, '--delay', '0', '--ignore-robots']);
  expect(crawl.code).toBe(0);
  const out = await runCli(['export', '--db', db, '--format', 'jsonl', '--include-duplicates']);
  exported = out.stdout.trim().split('\n').map((line) => JSON.parse(line));
}, 120_000);

afterAll(() => server?.close());

describe('a crawl with site memory', () => {
  it('stores every article of the site', () => {
    expect(exported).toHaveLength(site.articles.length);
  });

  it('leaves the learned footer and related box out of every stored body, keeping each story whole', () => {
    for (const page of site.articles) {
      const record = exported.find((r) => r.url === server.url(page.path));
      expect(record, page.path).toBeDefined();
      expect(REPEATED.filter((s) => record!.text.includes(s)), page.path).toEqual([]);
      for (const paragraph of page.paragraphs) expect(record!.text, page.path).toContain(paragraph);
    }
  });

  it('differs from the generic extractor alone, which keeps some of them', () => {
    const generic = site.articles.map((page) => extractArticle(page.html, { url: server.url(page.path) }).record.text);
    expect(generic.some((text) => REPEATED.some((s) => text.includes(s)))).toBe(true);
  });
});

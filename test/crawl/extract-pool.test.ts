import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { extractPage } from '../../src/crawl/extract-pool.js';
import { fingerprint } from '../../src/dedup/fingerprint.js';
import { contentHash } from '../../src/normalize/text.js';
import { Archive } from '../../src/store/archive.js';
import { tempDir } from '../store/helpers.js';
import { GBK_ARTICLE, GBK_TITLE } from './site.js';

/** A story long enough to be fingerprinted for near-duplicate clustering (short briefs are not). */
const LONG_STORY_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour reopens after storm repairs</title>
<meta property="article:published_time" content="2026-01-01T08:00:00Z"></head><body><nav><a href="/">Home</a> <a href="/news/">News</a></nav>
<article><h1>Harbour reopens after storm repairs</h1><p class="byline">By Ann Lee</p>
${[
  'The town harbour reopened on Thursday after three months of repairs to the sea wall damaged in the autumn storms.',
  'Fishing crews returned to their moorings before dawn, and the first catch was landed at the market by seven o clock.',
  'The council said the repairs cost less than feared because the original stone could be reused along most of the wall.',
  'Engineers will monitor the new joints through the winter and publish a report on the work in the spring.',
  'Local businesses along the quay, many of which had shortened their hours, said they expected visitors to return quickly.',
].map((p) => `<p>${p}</p>`).join('\n')}
</article><footer>Copyright 2026 The Town Paper</footer></body></html>`;

/** The worker runs compiled code: the suite's global setup builds dist/ (as for the CLI tests). */
const COMPILED_POOL = fileURLToPath(new URL('../../dist/crawl/extract-pool.js', import.meta.url));
const GBK_PAGE = fileURLToPath(new URL(`../../fixtures/site${GBK_ARTICLE}`, import.meta.url));

describe('extraction off the main thread', () => {
  it.skipIf(!existsSync(COMPILED_POOL))('gives what inline extraction gives, charset from the HTTP header and learned boilerplate included', async () => {
    const { createPageExtractor } = (await import(pathToFileURL(COMPILED_POOL).href)) as typeof import('../../src/crawl/extract-pool.js');
    const body = readFileSync(GBK_PAGE);
    const options = { url: `http://127.0.0.1${GBK_ARTICLE}`, boilerplate: new Set(['not-a-block-of-this-page']) };
    const pool = createPageExtractor();
    try {
      // Several pages at once: more jobs than workers queue and all come back, each to its own caller.
      const results = await Promise.all([0, 1, 2, 3].map(() => pool.extract(body, 'text/html; charset=gbk', options)));
      const inline = extractPage(body, 'text/html; charset=gbk', options);
      for (const result of results) {
        expect(result.charset).toMatch(/^gb/);
        expect(result.charset).toBe(inline.charset);
        expect(result.extraction.record.title).toBe(GBK_TITLE);
        expect(result.extraction).toEqual(inline.extraction);
      }
    } finally {
      await pool.close();
    }
  });

  it.skipIf(!existsSync(COMPILED_POOL))('fails a page whose extraction throws, and goes on with the next', async () => {
    const { createPageExtractor } = (await import(pathToFileURL(COMPILED_POOL).href)) as typeof import('../../src/crawl/extract-pool.js');
    const pool = createPageExtractor();
    try {
      // A selector the extractor cannot parse (profiles are validated on load; this one bypasses that) throws in the worker.
      const profile = { host: '127.0.0.1', body: '[[[' };
      const bad = pool.extract(Buffer.from('<html><body><p>x</p></body></html>'), 'text/html', { url: 'http://127.0.0.1/a.html', profile });
      const good = pool.extract(readFileSync(GBK_PAGE), 'text/html; charset=gbk', { url: `http://127.0.0.1${GBK_ARTICLE}` });
      const settled = await Promise.allSettled([bad, good]);
      expect(settled[1]).toMatchObject({ status: 'fulfilled', value: { extraction: { record: { title: GBK_TITLE } } } });
      expect(settled[0]).toMatchObject({ status: 'rejected', reason: { message: expect.stringContaining('bad selector') } });
    } finally {
      await pool.close();
    }
  });

  it.skipIf(!existsSync(COMPILED_POOL))('compresses the raw page and fingerprints the text for the archive, which stores them as its own', async () => {
    const { createPageExtractor } = (await import(pathToFileURL(COMPILED_POOL).href)) as typeof import('../../src/crawl/extract-pool.js');
    const body = Buffer.from(LONG_STORY_PAGE);
    const url = 'http://127.0.0.1/news/2026/harbour.html';
    const pool = createPageExtractor();
    try {
      const page = await pool.extract(body, 'text/html; charset=utf-8', { url }, { compressHtml: true });
      expect(page.extraction.isArticle).toBe(true);
      expect(page.textFingerprint).not.toBeNull();
      expect(page.textFingerprint).toEqual(fingerprint(page.extraction.record.text));
      const withoutHtml = await pool.extract(body, 'text/html; charset=utf-8', { url }, { compressHtml: false });
      expect(withoutHtml.rawHtmlCompressed).toBeUndefined();

      const archive = Archive.open(join(tempDir(), 'a.db'));
      try {
        const saved = archive.saveArticle({
          record: page.extraction.record,
          aliases: [url],
          fetchedAt: '2026-01-01T00:00:00Z',
          httpStatus: 200,
          charset: page.charset,
          extractorVersion: 'test',
          rawHtml: body,
          rawHtmlCompressed: page.rawHtmlCompressed,
          textFingerprint: page.textFingerprint,
        });
        expect(Buffer.from(archive.rawPage(saved.articleId)!.html).equals(body)).toBe(true);
        // A copy of the same story under another URL, fingerprinted by the store itself, joins the same cluster.
        const text = `${page.extraction.record.text} Reposted with permission.`;
        const copy = { ...page.extraction.record, url: 'http://127.0.0.1/copy.html', text, contentHash: contentHash(text) };
        const second = archive.saveArticle({ record: copy, aliases: [], fetchedAt: '2026-01-02T00:00:00Z', httpStatus: 200, charset: 'utf-8', extractorVersion: 'test', rawHtml: null });
        expect(archive.getArticle(second.articleId)!.duplicateOf).toBe(saved.articleId);
      } finally {
        archive.close();
      }
    } finally {
      await pool.close();
    }
  });
});

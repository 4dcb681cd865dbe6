import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { extractPage } from '../../src/crawl/extract-pool.js';
import { GBK_ARTICLE, GBK_TITLE } from './site.js';

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
});

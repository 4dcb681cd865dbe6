/**
 * fixtures/template-site/pages/ holds the generated site as files, for `newsarc extract` by hand and for the speed
 * bench (test/sites/speed-bench.mjs, plain node on dist/). They must stay what the generator makes:
 *   NEWSARC_WRITE_TEMPLATE_SITE=1 npx vitest run test/sites/template-files.test.ts   rewrites them.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { templateSite } from '../../fixtures/template-site/site.js';

const DIR = fileURLToPath(new URL('../../fixtures/template-site/pages/', import.meta.url));
/** `/2021/11/content_1000.html` → `2021-11-content_1000.html`; the home page → `index.html`. */
const fileName = (path: string) => (path === '/' ? 'index.html' : path.slice(1).replace(/\//g, '-'));

describe('the template site on disk', () => {
  const { pages } = templateSite();
  if (process.env.NEWSARC_WRITE_TEMPLATE_SITE) {
    mkdirSync(DIR, { recursive: true });
    for (const [path, html] of pages) writeFileSync(DIR + fileName(path), html);
  }

  it('is what the generator makes, page for page', () => {
    expect(readdirSync(DIR).sort()).toEqual([...pages.keys()].map(fileName).sort());
    for (const [path, html] of pages) expect(readFileSync(DIR + fileName(path), 'utf8'), path).toBe(html);
  });
});

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { decodeHtml } from '../../src/decode/index.js';
import type { BenchPage } from './datasets.js';
import type { PageInput } from './systems.js';

/** A page's HTML decoded once, the way newsarc decodes fetched bytes, and handed to every system alike. */
export function loadPageHtml(page: BenchPage): PageInput {
  const bytes = gunzipSync(readFileSync(page.file));
  return { id: page.id, html: decodeHtml(bytes).html, url: page.url };
}

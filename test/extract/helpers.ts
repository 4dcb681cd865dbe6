import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../../src/article.js';
import { decodeHtml } from '../../src/decode/index.js';
import type { ExtractOptions } from '../../src/types.js';

export const FIXTURES = fileURLToPath(new URL('../../fixtures/', import.meta.url));

/** A fixture's HTML, decoded as the crawler would (gzip and legacy charsets included). */
export function fixtureHtml(path: string): string {
  const bytes = readFileSync(FIXTURES + path);
  return decodeHtml(path.endsWith('.gz') ? gunzipSync(bytes) : bytes).html;
}

export function fixtureText(path: string): string {
  return readFileSync(FIXTURES + path, 'utf8');
}

export function extractFixture(path: string, options: ExtractOptions = {}) {
  return extractArticle(fixtureHtml(path), options);
}

/** Non-empty lines, trimmed. */
export function linesOf(text: string): string[] {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '');
}

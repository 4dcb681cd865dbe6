import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import { contentHash, wordCount } from '../../src/normalize/text.js';
import type { SaveArticleInput } from '../../src/store/types.js';
import type { ArticleRecord } from '../../src/types.js';

/** A temp directory removed after the current test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'newsarc-test-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function record(fields: Partial<ArticleRecord> & { url: string; text: string }): ArticleRecord {
  return {
    canonicalUrl: null,
    title: null,
    authors: [],
    publishedAt: null,
    modifiedAt: null,
    source: null,
    editors: [],
    siteName: null,
    language: null,
    description: null,
    tags: [],
    image: null,
    markdown: fields.text,
    ...fields,
    wordCount: wordCount(fields.text),
    contentHash: contentHash(fields.text),
  };
}

export function saveInput(rec: ArticleRecord, extra: Partial<SaveArticleInput> = {}): SaveArticleInput {
  return {
    record: rec,
    aliases: [],
    fetchedAt: '2024-01-02T03:04:05.000Z',
    httpStatus: 200,
    charset: 'utf-8',
    extractorVersion: 'test',
    rawHtml: null,
    ...extra,
  };
}

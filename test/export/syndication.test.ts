import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredArticle } from '../../src/store/types.js';
import { runCli } from '../cli/run.js';
import { fixturePage, SITE_ARTICLES } from '../crawl/site.js';
import { html, startTestServer, type TestServer } from '../helpers/server.js';

const ORIGINAL = fixturePage(SITE_ARTICLES[0]!);
const STORY_BODY = /<div class="story-body">([\s\S]*?)<\/div>/.exec(ORIGINAL)![1]!;

/** Another portal's reprint: its own chrome and date, a credit line, one word edited. */
const SYNDICATED = ORIGINAL.replaceAll('Harbour Daily', 'Coastal Wire Network')
  .replaceAll('2024-05-02T09:30:00+10:00', '2024-05-03T07:00:00+10:00')
  .replace('shortly after six o\'clock', 'soon after six o\'clock')
  .replace('<div class="story-body">', '<div class="story-body"><p>This story first appeared in Harbour Daily and is republished with permission.</p>');

/** The print version: no site chrome at all, and the last paragraph left to the web edition. */
const PRINT_BODY = STORY_BODY.replace(/<p>Traffic counts[\s\S]*?<\/p>/, '');
const PRINT = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour bridge reopens after two years of repairs</title></head>
<body onload="window.print()"><h1>Harbour bridge reopens after two years of repairs</h1>
<div class="print-body">${PRINT_BODY}</div></body></html>`;

/** A mirror serving the page byte for byte: the same text, so an alias of the original rather than a copy. */
const MIRROR_PATH = '/mirror/harbour-bridge-reopens.html';

const HOME = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Harbour Daily - Home</title></head><body>
<h1>Harbour Daily</h1><ul>
<li><a href="/news/2024/05/harbour-bridge-reopens.html">Harbour bridge reopens after two years of repairs</a></li>
<li><a href="/partners/coastal-wire/bridge.html">Coastal Wire: Harbour bridge reopens</a></li>
<li><a href="/print/harbour-bridge-reopens.html">Print edition: Harbour bridge reopens</a></li>
<li><a href="/mirror/harbour-bridge-reopens.html">Mirror: Harbour bridge reopens</a></li>
</ul></body></html>`;

describe('a crawled story with a syndicated copy and a print copy', () => {
  let site: TestServer;
  let dir: string;
  let db: string;

  beforeAll(async () => {
    site = await startTestServer({
      '/': html(HOME),
      '/robots.txt': (_req, res) => {
        res.writeHead(404).end();
      },
      '/news/2024/05/harbour-bridge-reopens.html': html(ORIGINAL),
      '/partners/coastal-wire/bridge.html': html(SYNDICATED),
      '/print/harbour-bridge-reopens.html': html(PRINT),
      [MIRROR_PATH]: html(ORIGINAL),
    });
    dir = mkdtempSync(join(tmpdir(), 'newsarc-syndication-'));
    db = join(dir, 'a.db');
    const crawl = await runCli(['crawl', site.url('/'), '--db', db, '--delay', '0', '--depth', '1', '--quiet']);
    expect(crawl.code, crawl.stderr).toBe(0);
  });

  afterAll(async () => {
    await site.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const bridgeRecords = (stdout: string) =>
    stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as StoredArticle).filter((r) => r.text.includes('hanger cables'));

  it('exports one record for the story by default', async () => {
    const out = await runCli(['export', '--db', db]);
    const records = bridgeRecords(out.stdout);
    expect(records).toHaveLength(1);
    expect(records[0]!.url).toBe(site.url('/news/2024/05/harbour-bridge-reopens.html'));
    expect(records[0]!.duplicates).toHaveLength(2);
  });

  it('exports every copy with --include-duplicates, the copies pointing at the original', async () => {
    const out = await runCli(['export', '--db', db, '--include-duplicates']);
    const records = bridgeRecords(out.stdout);
    expect(records).toHaveLength(3);
    const original = records.find((r) => r.url.endsWith('/news/2024/05/harbour-bridge-reopens.html'))!;
    expect(original.duplicateOf).toBeNull();
    expect(records.filter((r) => r !== original).map((r) => r.duplicateOf)).toEqual([original.id, original.id]);
  });

  it('stores the byte-identical mirror as another URL of the original', async () => {
    const shown = await runCli(['show', site.url(MIRROR_PATH), '--db', db]);
    expect(JSON.parse(shown.stdout).url).toBe(site.url('/news/2024/05/harbour-bridge-reopens.html'));
  });
});

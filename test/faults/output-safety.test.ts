/**
 * Output safety end to end: titles are untrusted page content, crawled from a site and exported through the
 * executable. test/export covers the writers; here hostile titles travel the whole path (page → extraction →
 * archive → export files), as they would from a real site.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { runCli } from '../cli/run.js';
import { html, startTestServer, type Routes, type TestServer } from '../helpers/server.js';
import { tempDir } from '../store/helpers.js';
import { exportedRecords, seeded } from './helpers.js';

const HOSTILE_TITLES = [
  '../../etc/passwd',
  'CON',
  `Harbour ${'report '.repeat(57)}ends`,
  'Same headline twice',
  'Same headline twice',
  'Minister says: "no comment" -- and: more: colons',
  '---\nfront: matter # injected',
  '=HYPERLINK("http://evil.example","click")',
  '+cmd|\' /C calc\'!A0',
  '@SUM(1+1)*cmd',
  '-2+3 votes counted',
];

const WORDS = 'harbour council ferry bridge storm season budget school river coast port city residents workers market rain road trade village museum festival library housing water power grid'.split(' ');

/** An article page with its own prose (seeded), so no two are duplicates. */
function articlePage(title: string, k: number): string {
  const next = seeded(1000 + k);
  const sentence = () => Array.from({ length: 14 }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
  const paragraphs = Array.from({ length: 5 }, () => `<p>${sentence()}. ${sentence()}. ${sentence()}.</p>`).join('\n');
  const escaped = title.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escaped}</title>
<meta property="og:title" content="${escaped}"></head>
<body><main><article><h1>${escaped}</h1><p class="byline">By Staff Reporter · <time datetime="2024-05-0${1 + (k % 9)}">May ${1 + (k % 9)}, 2024</time></p>
${paragraphs}</article></main></body></html>`;
}

describe('hostile titles, crawled and exported through the executable', () => {
  let server: TestServer;
  let db: string;
  let dir: string;

  beforeAll(async () => {
    const routes: Routes = {
      '/': html(`<!DOCTYPE html><html><head><title>Home</title></head><body><ul>${HOSTILE_TITLES.map((_, k) => `<li><a href="/story/${k}.html">Story ${k}</a></li>`).join('')}</ul></body></html>`),
    };
    HOSTILE_TITLES.forEach((title, k) => (routes[`/story/${k}.html`] = html(articlePage(title, k))));
    server = await startTestServer(routes);
    dir = mkdtempSync(join(tmpdir(), 'newsarc-output-'));
    db = join(dir, 'a.db');
    const crawl = await runCli(['crawl', server.url('/'), '--db', db, '--delay', '0', '--depth', '1', '--quiet']);
    if (crawl.code !== 0) throw new Error(`crawl failed: ${crawl.stderr}`);
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('archives every hostile title as the page gave it', async () => {
    const titles = (await exportedRecords(db)).map((r) => r.title);
    expect(titles).toHaveLength(HOSTILE_TITLES.length);
    for (const title of ['../../etc/passwd', 'CON', '=HYPERLINK("http://evil.example","click")', '@SUM(1+1)*cmd']) expect(titles).toContain(title);
  });

  it('markdown: one file per article, inside --out, distinct, short, never a device name or a dot path', async () => {
    const out = join(tempDir(), 'md');
    const result = await runCli(['export', '--db', db, '--format', 'markdown', '--include-duplicates', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    const files = readdirSync(out);
    expect(files).toHaveLength(HOSTILE_TITLES.length);
    expect(readdirSync(join(out, '..'))).toEqual(['md']);
    for (const file of files) {
      expect(resolve(out, file).startsWith(`${out}/`)).toBe(true);
      expect(file).toMatch(/^\d+(-[^/\\\s]+)?\.md$/);
      expect(file).not.toMatch(/\.\.|^\.|^(CON|PRN|AUX|NUL|COM\d|LPT\d)(\.|$)/i);
      expect(Buffer.byteLength(file)).toBeLessThanOrEqual(140);
    }
  });

  it('markdown front matter parses back to the exported record, whatever quotes, colons, dashes and newlines', async () => {
    const out = join(tempDir(), 'md');
    expect((await runCli(['export', '--db', db, '--format', 'markdown', '--include-duplicates', '--out', out])).code).toBe(0);
    const json = await runCli(['export', '--db', db, '--format', 'jsonl', '--include-duplicates']);
    const byId = new Map(json.stdout.trim().split('\n').map((l) => {
      const r = JSON.parse(l) as Record<string, unknown>;
      return [r.id, r] as const;
    }));
    for (const file of readdirSync(out)) {
      const content = readFileSync(join(out, file), 'utf8');
      const match = /^---\n([\s\S]*?)\n---\n\n/.exec(content);
      expect(match, file).not.toBeNull();
      const front = parseYaml(match![1]!) as Record<string, unknown>;
      const { text: _t, markdown: _m, ...fields } = byId.get(front.id)!;
      expect(front, file).toEqual(fields);
    }
  });

  it('csv: formula cells are prefixed with --csv-safe and left as they are without it', async () => {
    const out = join(tempDir(), 'articles.csv');
    const exported = await runCli(['export', '--db', db, '--format', 'csv', '--csv-safe', '--include-duplicates', '--out', out]);
    expect(exported.code, exported.stderr).toBe(0);
    const safe = readFileSync(out, 'utf8');
    const plain = await runCli(['export', '--db', db, '--format', 'csv', '--include-duplicates']);
    expect(plain.code, plain.stderr).toBe(0);
    const raw = plain.stdout;
    // RFC 4180: a cell is quoted when it holds a quote, comma or newline; either way it starts after a comma.
    const cellStarts = (csv: string): string[] => [...csv.matchAll(/(?:^|,)"?([=+\-@][^,\r\n]{0,12})/gm)].map((m) => m[1]!);
    expect(cellStarts(safe)).toEqual([]);
    for (const formula of ['=HYPERLINK', '+cmd', '@SUM', '-2+3']) {
      expect(safe).toContain(`'${formula}`);
      expect(cellStarts(raw).some((c) => c.startsWith(formula))).toBe(true);
    }
  });
});

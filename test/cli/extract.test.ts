import { mkdtempSync, mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { html, startTestServer, type TestServer } from '../helpers/server.js';
import { runCli } from './run.js';

const SEED = new URL('../../fixtures/seed/xiangcun-zhenxing.html', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'newsarc-extract-'));

const ARTICLE = `<html lang="en"><head><title>Harbour reopens after storm - The Coast Gazette</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour reopens after storm</h1>
${Array.from({ length: 8 }, (_, i) => `<p>Paragraph ${i + 1}: fishermen returned to the harbour on Tuesday morning after the storm passed, and the port authority said repairs to the northern pier would take several weeks.</p>`).join('\n')}
</article><footer>© 2024 The Coast Gazette</footer></body></html>`;

let server: TestServer;
afterAll(() => server?.close());

beforeAll(async () => {
  server = await startTestServer({ '/news/harbour': html(ARTICLE) });
  mkdirSync(join(dir, 'a-directory'));
  writeFileSync(join(dir, 'good.html'), ARTICLE);
  writeFileSync(join(dir, 'good.html.gz'), gzipSync(ARTICLE));
  writeFileSync(join(dir, 'broken.html.gz'), gzipSync(ARTICLE).subarray(0, 40));
  writeFileSync(join(dir, 'random.html'), Buffer.from(Array.from({ length: 65536 }, (_, i) => (i * 2654435761) % 251)));
  writeFileSync(join(dir, 'empty.html'), '');
  writeFileSync(join(dir, 'script-only.html'), `<html><head><script>${'var x = 1;'.repeat(1000)}</script></head><body><script>document.write("hi")</script></body></html>`);
  const depth = 200_000;
  const deepParagraph = `<p>${'Deeply nested text survives the parser and the extractor. '.repeat(8)}</p>`;
  writeFileSync(join(dir, 'deep.html'), `<html><body>${'<div>'.repeat(depth)}${deepParagraph.repeat(4)}${'</div>'.repeat(depth)}</body></html>`);
  const paragraph = (i: number) => `<p>Part ${i}: ${'the council debated the harbour budget late into the night while residents waited outside. '.repeat(6)}</p>\n`;
  const count = Math.ceil((50 * 1024 * 1024) / paragraph(0).length);
  writeFileSync(join(dir, 'huge.html'), `<html><body><article><h1>A very long report</h1>${Array.from({ length: count }, (_, i) => paragraph(i)).join('')}</article></body></html>`);
});

describe('newsarc extract', () => {
  it('prints one record for one file, as JSON', async () => {
    const result = await runCli(['extract', join(dir, 'good.html'), '--url', 'https://gazette.example/news/harbour']);
    expect(result.code).toBe(0);
    const record = JSON.parse(result.stdout);
    expect(record.url).toBe('https://gazette.example/news/harbour');
    expect(record.title).toBe('Harbour reopens after storm');
    expect(record.text.split('\n')).toHaveLength(8);
    expect(record.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fetches an http URL and reports the final URL; a 404 is one newsarc: line', async () => {
    const result = await runCli(['extract', server.url('/news/harbour'), server.url('/gone')]);
    expect(result.code).toBe(1);
    const [record] = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(record).toMatchObject({ input: server.url('/news/harbour'), url: server.url('/news/harbour') });
    expect(result.stderr.trim()).toMatch(/^newsarc: http:\/\/127\.0\.0\.1:\d+\/gone: .*404/);
  });

  it('reads standard input with -', async () => {
    const result = await runCli(['extract', '-', '--format', 'text'], { input: ARTICLE });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Paragraph 8: fishermen returned');
  });

  it('survives a batch of bad inputs: good records print, one newsarc: line per bad input, exit 1', async () => {
    const inputs = ['good.html', 'missing.html', 'a-directory', 'broken.html.gz', 'random.html', 'empty.html', 'deep.html', 'huge.html', 'script-only.html', 'good.html.gz'];
    const result = await runCli(['extract', ...inputs.map((f) => join(dir, f))]);
    expect(result.code).toBe(1);
    const errors = result.stderr.trim().split('\n');
    const bad = ['missing.html', 'a-directory', 'broken.html.gz', 'random.html', 'empty.html', 'script-only.html'];
    expect(errors).toHaveLength(bad.length);
    bad.forEach((name, i) => expect(errors[i]).toMatch(new RegExp(`^newsarc: .*${name.replace('.', '\\.')}: \\S`)));
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const records = result.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(records.map((r) => r.input.split('/').pop())).toEqual(['good.html', 'deep.html', 'huge.html', 'good.html.gz']);
    expect(records[1].text).toContain('Deeply nested text survives the parser and the extractor.');
    expect(records[2].wordCount).toBeGreaterThan(1_000_000);
  }, 120_000);

  it('exits 2 with one line on a bad flag value', async () => {
    const result = await runCli(['extract', join(dir, 'good.html'), '--format', 'yaml']);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^newsarc: .*yaml/);
  });

  it.runIf(existsSync(SEED))('extracts the seed page with its metadata', async () => {
    const result = await runCli(['extract', SEED, '--url', 'https://www.zgxczx.cn/content/2021-11/13/content_1.html']);
    expect(result.code).toBe(0);
    const record = JSON.parse(result.stdout);
    expect(record).toMatchObject({
      title: '东西帮扶助振兴 山海相连情相依',
      publishedAt: '2021-11-13T16:24:01+08:00',
      source: '中国乡村振兴网',
      authors: ['柴秋实', '吴鲁', '任存军'],
      editors: ['胡津瑞'],
    });
  });

  it('applies a matching --sites profile (body selector, time zone) and fails a broken one with one line, exit 2', async () => {
    const page = `<html><body><div class="lead"><p>${'A teaser paragraph that the generic extractor might well keep as body text. '.repeat(3)}</p></div>
      <div class="story-text"><p>${'Only this block is the story according to the site profile written by the user. '.repeat(3)}</p>
      <p class="when">Posted 2024-05-02 09:30</p></div></body></html>`;
    writeFileSync(join(dir, 'profiled.html'), page);
    writeFileSync(join(dir, 'sites.yaml'), 'hosts:\n  - host: paper.example\n    body: div.story-text\n    date: p.when\n    timezone: "+02:00"\n');
    const result = await runCli(['extract', join(dir, 'profiled.html'), '--url', 'https://www.paper.example/a', '--sites', join(dir, 'sites.yaml')]);
    expect(result.code).toBe(0);
    const record = JSON.parse(result.stdout);
    expect(record.text).not.toContain('teaser paragraph');
    expect(record.text).toContain('Only this block is the story');
    expect(record.publishedAt).toBe('2024-05-02T09:30:00+02:00');

    writeFileSync(join(dir, 'broken.yaml'), 'hosts:\n  - host: paper.example\n    timezone: Mars/Olympus\n');
    const broken = await runCli(['extract', join(dir, 'profiled.html'), '--sites', join(dir, 'broken.yaml')]);
    expect(broken.code).toBe(2);
    expect(broken.stderr.trim().split('\n')).toHaveLength(1);
    expect(broken.stderr).toMatch(/^newsarc: .*broken\.yaml:3: .*timezone/);
  });

  it('refuses --db pointing at a file that is not an archive, with one line and exit 1', async () => {
    const result = await runCli(['extract', join(dir, 'good.html'), '--db', join(dir, 'good.html')]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stdout).toBe('');
  });

  it('converts Simplified to Traditional with --convert s2t', async () => {
    const page = '<html><body><article><h1>乡村振兴</h1><p>东西帮扶助振兴，山海相连情相依。两地干部互派挂职，开展产业合作与劳务协作，共同推进乡村振兴。</p><p>这是第二段文字，讲述社会帮扶情暖渭水源头的故事，以及东西部协作的新进展。</p></article></body></html>';
    const result = await runCli(['extract', '-', '--convert', 's2t'], { input: page });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).text).toContain('東西幫扶助振興');
  });
});

/**
 * Every failure a user can cause prints exactly one `newsarc:` line, exits with the SPEC's code (2 bad usage,
 * 1 failed) and shows no stack trace unless --debug. The table runs `main` in-process (fast); a few rows go
 * through the real executable as well, where Node itself could still print a trace.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Archive } from '../../src/store/archive.js';
import { runCli, runMain } from '../cli/run.js';
import { record, saveInput } from '../store/helpers.js';
import { errorLines } from './helpers.js';

const SEED = 'http://127.0.0.1:9/';

describe('user-caused failures: one newsarc: line, the SPEC exit code, no stack trace', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsarc-usage-'));
  const archive = join(dir, 'archive.db');
  const missing = join(dir, 'missing.db');
  const junk = join(dir, 'junk.db');

  beforeAll(() => {
    const a = Archive.open(archive);
    a.saveArticle(saveInput(record({ url: 'https://news.example/a', title: 'A story', text: 'A story with enough words to be one.' })));
    a.close();
    writeFileSync(junk, 'GIF89a not an archive at all');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const TABLE: [args: string[], code: 1 | 2, message: RegExp][] = [
    // Bad usage: exit 2, naming the flag or value.
    [['frobnicate'], 2, /unknown command 'frobnicate'/],
    [['--bogus'], 2, /unknown option '--bogus'/],
    [['crawl', SEED, '--bogus'], 2, /unknown option '--bogus'/],
    [['crawl'], 2, /missing required argument 'seed'/],
    [['crawl', 'ftp://example.com/'], 2, /not an http\(s\) URL: ftp:\/\/example\.com\//],
    [['crawl', 'not a url'], 2, /not an http\(s\) URL/],
    [['crawl', SEED, '--depth', 'two'], 2, /--depth.*'two'/],
    [['crawl', SEED, '--depth', '-1'], 2, /--depth.*'-1'/],
    [['crawl', SEED, '--concurrency', '0'], 2, /--concurrency/],
    [['crawl', SEED, '--delay', '1.5'], 2, /--delay/],
    [['crawl', SEED, '--max-pages', '1e3'], 2, /--max-pages/],
    [['crawl', SEED, '--max-bytes', '99999999999999999999'], 2, /--max-bytes/],
    [['crawl', SEED, '--timeout', ''], 2, /--timeout/],
    [['crawl', SEED, '--scope', 'planet'], 2, /--scope.*planet/],
    [['crawl', SEED, '--log-format', 'xml'], 2, /--log-format.*xml/],
    [['crawl', SEED, '--include', '(unclosed'], 2, /--include.*\(unclosed/],
    [['crawl', SEED, '--exclude', '[z-a]'], 2, /--exclude/],
    [['crawl', SEED, '--dup-threshold', '1.5'], 2, /--dup-threshold.*'1\.5'/],
    [['sync', '--dup-threshold', 'high'], 2, /--dup-threshold/],
    [['extract', '-', '--timeout', 'soon'], 2, /--timeout/],
    [['sync', '--retries', 'many'], 2, /--retries/],
    [['export', '--db', archive, '--format', 'xml'], 2, /--format.*xml/],
    [['export', '--db', archive, '--since', 'yesterday'], 2, /--since.*yesterday/],
    [['export', '--db', archive, '--until', '2024-13-45'], 2, /--until.*2024-13-45/],
    [['export', '--db', archive, '--since', '2024-02-30'], 2, /--since.*2024-02-30/],
    [['export', '--db', archive, '--convert', 'klingon'], 2, /--convert.*klingon/],
    [['export', '--db', archive, '--format', 'markdown'], 2, /--out DIR is required/],
    [['export', '--db', archive, '--format', 'json', '--out', dir], 2, /--out: .* is a directory/],
    [['list', '--db', archive, '--limit', 'ten'], 2, /--limit/],
    [['list', '--db', archive, '--until', '31/12/2024'], 2, /--until/],
    [['show', '--db', archive], 2, /missing required argument/],
    [['show', '1', '--db', archive, '--format', 'pdf'], 2, /--format.*pdf/],
    [['search', '--db', archive], 2, /missing required argument/],
    [['reextract', '--db', archive, '--dup-threshold', '5'], 2, /--dup-threshold/],
    [['extract'], 2, /missing required argument/],
    [['extract', '-', '--format', 'yaml'], 2, /--format.*yaml/],
    [['extract', '-', '--convert', 'x2y'], 2, /--convert.*x2y/],
    // Failed: exit 1.
    [['export', '--db', missing], 1, /no archive at .*missing\.db/],
    [['list', '--db', missing], 1, /no archive at/],
    [['stats', '--db', missing], 1, /no archive at/],
    [['search', 'harbour', '--db', missing], 1, /no archive at/],
    [['show', '1', '--db', missing], 1, /no archive at/],
    [['reextract', '--db', missing], 1, /no archive at/],
    [['sync', '--db', missing], 1, /no archive at/],
    [['export', '--db', junk], 1, /not a newsarc archive/],
    [['show', '99999', '--db', archive], 1, /no article 99999/],
    [['show', 'https://elsewhere.example/x', '--db', archive], 1, /elsewhere\.example/],
    [['extract', join(dir, 'nowhere.html')], 1, /nowhere\.html: /],
    [['extract', dir], 1, new RegExp(`${dir.replace(/[/.]/g, '\\$&')}: `)],
  ];

  it.each(TABLE.map(([args, code, message]) => ({ name: args.join(' ').replace(dir, '$TMP'), args, code, message })))(
    '$name → exit $code',
    async ({ args, code, message }) => {
      const result = await runMain(args);
      const { lines, stackLines } = errorLines(result.stderr);
      expect(result.code, result.stderr).toBe(code);
      expect(stackLines).toEqual([]);
      expect(lines, result.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/^newsarc: /);
      expect(lines[0]).toMatch(message);
    },
  );

  it('a command given a missing archive creates no file', async () => {
    for (const command of ['sync', 'reextract', 'export', 'stats']) {
      expect((await runMain([command, '--db', missing])).code).toBe(1);
      expect(existsSync(missing), command).toBe(false);
    }
  });

  it('the executable behaves the same, and --debug alone adds the stack trace', async () => {
    for (const [args, code] of [
      [['crawl', SEED, '--depth', 'two'], 2],
      [['export', '--db', archive, '--since', 'yesterday'], 2],
      [['export', '--db', missing], 1],
      [['extract', join(dir, 'nowhere.html')], 1],
    ] as const) {
      const result = await runCli([...args]);
      const { lines, stackLines } = errorLines(result.stderr);
      expect(result.code, result.stderr).toBe(code);
      expect(lines).toHaveLength(1);
      expect(stackLines).toEqual([]);
    }
    const debug = await runCli(['--debug', 'export', '--db', missing]);
    expect(debug.code).toBe(1);
    expect(debug.stderr.split('\n')[0]).toMatch(/^newsarc: no archive at/);
    expect(errorLines(debug.stderr).stackLines.length).toBeGreaterThan(0);
  });
});

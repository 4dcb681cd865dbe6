/**
 * The archive file as the machine may leave it: corrupt, truncated, another program's database, written by a newer
 * newsarc, read-only, under a path that cannot exist, on a full disk. Each must end in one `newsarc:` line and
 * exit 1, and a file we refuse must come out byte for byte as it went in.
 */
import { chmodSync, readdirSync, copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, runMain } from '../cli/run.js';
import { generatedSite } from '../crawl/generated-site.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { contentHash } from '../../src/normalize/text.js';
import { tempDir } from '../store/helpers.js';
import { buildBigArchive, seeded, storedUrls, errorLines, exportedRecords, integrityCheck, growTmpfs, remountReadOnly, tmpfs } from './helpers.js';

const CRAWL_FLAGS = ['--delay', '0', '--concurrency', '2', '--depth', '2', '--timeout', '5000', '--quiet'];

/** Seeded garbage: the same "random" bytes on every run. */
function garbage(length: number, seed: number): Buffer {
  const next = seeded(seed);
  return Buffer.from(Array.from({ length }, () => Math.floor(next() * 256)));
}

function expectOneLineFailure(result: { code: number | null; stderr: string }, message: RegExp, label: string): void {
  const { lines, stackLines } = errorLines(result.stderr);
  expect(result.code, `${label}: ${result.stderr}`).toBe(1);
  expect(lines, `${label}: ${result.stderr}`).toHaveLength(1);
  expect(stackLines, label).toEqual([]);
  expect(lines[0], label).toMatch(message);
}

describe('archive files newsarc must refuse without touching them', () => {
  let server: TestServer;
  let dir: string;
  let real: string;

  beforeAll(async () => {
    server = await startTestServer({ '*': generatedSite({ articles: 6, perListing: 3 }) });
    dir = mkdtempSync(join(tmpdir(), 'newsarc-faults-'));
    real = join(dir, 'real.db');
    const crawl = await runCli(['crawl', server.url('/'), '--db', real, ...CRAWL_FLAGS]);
    if (crawl.code !== 0) throw new Error(`crawl for the real archive failed: ${crawl.stderr}`);
    // A checkpointed single file, as a copy or backup of an archive would be.
    const handle = new Database(real);
    handle.pragma('wal_checkpoint(TRUNCATE)');
    handle.close();
  });
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('corrupt (random bytes, a truncated real archive), foreign, or newer: one line, exit 1, file unchanged, for every command', async () => {
    const files: [name: string, make: (path: string) => void, message: RegExp][] = [
      ['random bytes', (p) => writeFileSync(p, garbage(64 * 1024, 7)), /not a newsarc archive \(not a SQLite database\)/],
      ['random bytes behind a SQLite header', (p) => writeFileSync(p, Buffer.concat([Buffer.from('SQLite format 3\0'), garbage(64 * 1024, 8)])), /corrupt or not a newsarc archive/],
      ['a real archive cut in half', (p) => (copyFileSync(real, p), truncateSync(p, Math.floor(statSync(real).size / 2))), /corrupt or not a newsarc archive/],
      ['a real archive missing its last page', (p) => (copyFileSync(real, p), truncateSync(p, statSync(real).size - 4096)), /corrupt or not a newsarc archive/],
      [
        "another application's SQLite database",
        (p) => {
          const other = new Database(p);
          other.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('groceries')");
          other.close();
        },
        /not a newsarc archive \(a SQLite database of another application\)/,
      ],
      [
        'an archive of a newer schema',
        (p) => {
          copyFileSync(real, p);
          const newer = new Database(p);
          newer.pragma(`user_version = ${(newer.pragma('user_version', { simple: true }) as number) + 1}`);
          newer.pragma('journal_mode = DELETE');
          newer.close();
        },
        /written by a newer newsarc .*upgrade newsarc/,
      ],
    ];
    const commands = [
      ['crawl', server.url('/'), ...CRAWL_FLAGS],
      ['sync', '--quiet'],
      ['export', '--format', 'jsonl'],
      ['list', '--json'],
      ['show', '1'],
      ['search', 'harbour'],
      ['stats'],
      ['reextract', '--quiet'],
    ];
    for (const [name, make, message] of files) {
      const path = join(dir, `${name.replace(/\W+/g, '-')}.db`);
      make(path);
      const before = readFileSync(path);
      for (const command of commands) {
        const label = `${command[0]} on ${name}`;
        const requestsBefore = server.requests.length;
        // In-process for speed; the crawl, which would touch the network and the lock, through the executable.
        const run = command[0] === 'crawl' ? runCli : runMain;
        expectOneLineFailure(await run([...command, '--db', path]), message, label);
        expect(readFileSync(path).equals(before), `${label}: file modified`).toBe(true);
        // A reader may create an empty -wal beside a WAL-mode file; nothing may be written into it.
        if (existsSync(`${path}-wal`)) expect(statSync(`${path}-wal`).size, `${label}: wrote to the -wal file`).toBe(0);
        expect(server.requests.length, `${label}: fetched before refusing`).toBe(requestsBefore);
      }
    }
  });

  it('a path that cannot be a file (under a regular file) fails with one line and exit 1', async () => {
    const base = tempDir();
    writeFileSync(join(base, 'file.txt'), 'not a directory');
    const impossible = join(base, 'file.txt', 'archive.db');
    for (const command of [['crawl', server.url('/'), ...CRAWL_FLAGS], ['sync'], ['export'], ['reextract'], ['stats']]) {
      const run = command[0] === 'crawl' ? runCli : runMain;
      expectOneLineFailure(await run([...command, '--db', impossible]), /archive .*file\.txt\/archive\.db/, command[0]!);
    }
    expectOneLineFailure(
      await runMain(['export', '--db', real, '--out', join(base, 'file.txt', 'out.jsonl')]),
      /out\.jsonl|not a directory/i,
      'export --out under a file',
    );
  });

  it('a read-only archive (chmod 0444) is refused by writers and still read by readers', async (ctx) => {
    if (process.getuid?.() === 0) {
      ctx.skip(true, 'running as root: chmod 0444 does not stop root (the read-only mount test covers this row)');
      return;
    }
    const path = join(tempDir(), 'ro.db');
    copyFileSync(real, path);
    chmodSync(path, 0o444);
    const before = readFileSync(path);
    expectOneLineFailure(await runCli(['crawl', server.url('/'), '--db', path, ...CRAWL_FLAGS]), /is read-only/, 'crawl');
    expect(readFileSync(path).equals(before)).toBe(true);
    expect((await runCli(['export', '--db', path])).code).toBe(0);
  });

  it('an archive on a read-only mount is refused by writers with one line, and not modified', async (ctx) => {
    const mount = tmpfs('1m');
    if (!mount) {
      ctx.skip(true, 'cannot mount a tmpfs here (needs root): read-only mount row not run');
      return;
    }
    const path = join(mount, 'archive.db');
    copyFileSync(real, path);
    if (!remountReadOnly(mount)) {
      ctx.skip(true, 'cannot remount the tmpfs read-only here');
      return;
    }
    const before = readFileSync(path);
    for (const command of [['crawl', server.url('/'), ...CRAWL_FLAGS], ['sync'], ['reextract']]) {
      expectOneLineFailure(await runCli([...command, '--db', path]), /archive .* is read-only \(on a read-only file system\)/, command[0]!);
    }
    // SQLite cannot read a WAL archive where it may not create the -shm file: a clear refusal, not a crash.
    expectOneLineFailure(await runCli(['export', '--db', path]), /cannot open archive .*archive\.db/, 'export');
    expect(readFileSync(path).equals(before)).toBe(true);
  });
});

/** Articles of the full-disk site: more than the small disk holds, few enough to finish once it has room. */
const FULL_DISK_SITE = 150;

describe('a full disk', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ '*': generatedSite({ articles: FULL_DISK_SITE, perListing: FULL_DISK_SITE }) });
  });
  afterAll(async () => server?.close());

  it('ends the crawl with one newsarc: line (disk full) and exit 1, keeps what was committed, and resumes once there is room', async (ctx) => {
    // Room for a few dozen articles (WAL pages included): the crawl runs out of space mid-way.
    const mount = tmpfs('1536k');
    if (!mount) {
      ctx.skip(true, 'cannot mount a tmpfs here (needs root): full-disk row not run');
      return;
    }
    const path = join(mount, 'archive.db');
    const args = ['crawl', server.url('/'), '--db', path, ...CRAWL_FLAGS];
    const result = await runCli(args);
    expectOneLineFailure(result, /disk is full|SQLITE_FULL|no space/i, 'crawl on a full disk');
    expect(integrityCheck(path)).toBe('ok');
    const kept = storedUrls(path).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(FULL_DISK_SITE);
    // What was committed reads back whole: every stored article has its body, and the hash of that body.
    const records = await exportedRecords(path);
    expect(records).toHaveLength(kept);
    for (const r of records) {
      expect((r.text as string).length).toBeGreaterThan(200);
      expect(r.contentHash).toBe(contentHash(r.text as string));
    }

    // Space freed: the same command finishes the crawl, refetching none of what was kept.
    const storedBefore = storedUrls(path);
    const requestsBefore = server.requests.length;
    expect(growTmpfs(mount, '32m')).toBe(true);
    const resumed = await runCli(args);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(integrityCheck(path)).toBe('ok');
    expect(storedUrls(path)).toHaveLength(FULL_DISK_SITE);
    const later = new Set(server.requests.slice(requestsBefore).map((r) => r.path));
    expect(storedBefore.filter((url) => later.has(new URL(url).pathname))).toEqual([]);
  });

  it('ends an export to a full disk with one line and exit 1, leaving no file under the final name', async (ctx) => {
    const mount = tmpfs('256k');
    if (!mount) {
      ctx.skip(true, 'cannot mount a tmpfs here (needs root): export full-disk row not run');
      return;
    }
    const db = join(tempDir(), 'big.db');
    buildBigArchive(db, 40);
    const out = join(mount, 'articles.jsonl');
    const result = await runCli(['export', '--db', db, '--out', out]);
    expectOneLineFailure(result, /--out: cannot write .*articles\.jsonl \(ENOSPC/, 'export on a full disk');
    expect(readdirSync(mount)).toEqual([]);
  });
});

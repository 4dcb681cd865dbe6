/**
 * Shared by the fault tests: the CLI as a child process that can be killed at a chosen moment, the checks every
 * fault must leave true (SQLite integrity, an export equal to an uninterrupted run's), and root-only mounts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { onTestFinished } from 'vitest';
import { Archive } from '../../src/store/archive.js';
import { BIN, runCli } from '../cli/run.js';
import { record, saveInput } from '../store/helpers.js';

export interface Spawned {
  child: ChildProcess;
  /** Resolves when the process has exited, with its exit code (null when killed by a signal) and stderr. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts `node bin/newsarc.js ...args` without a TTY; the test kills it if it is still running at the end. */
export function spawnCli(args: string[]): Spawned {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
  onTestFinished(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await exited;
    }
  });
  return { child, exited };
}

/** Seeded PRNG: the "random" kill points, bytes and prose of these tests are the same on every run. */
export { random as seeded } from '../crawl/generated-site.js';

/** Polls `condition` (cheap, synchronous) on every turn of the event loop; never a fixed sleep. */
export async function until(condition: () => boolean, stop: () => boolean = () => false): Promise<boolean> {
  for (;;) {
    if (condition()) return true;
    if (stop()) return false;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** `PRAGMA integrity_check` of an archive, opened read-only so the check itself changes nothing. */
export function integrityCheck(path: string): string {
  const db = new Database(path, { readonly: true });
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  } finally {
    db.close();
  }
}

/** Stored article count, read-only; 0 while the file is not yet an archive. */
export function articleCount(path: string): number {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return db.prepare('SELECT count(*) FROM articles').pluck().get() as number;
    } finally {
      db.close();
    }
  } catch {
    return 0;
  }
}

/** The stored article URLs, read-only. */
export function storedUrls(path: string): string[] {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT url FROM articles ORDER BY url').pluck().all() as string[];
  } finally {
    db.close();
  }
}

/**
 * `newsarc export --format jsonl --include-duplicates` of an archive, reduced to what two crawls of one site must
 * agree on: ids, fetch times and cluster links (ids too) differ between runs, everything else must not.
 */
export async function exportedRecords(db: string): Promise<Record<string, unknown>[]> {
  const result = await runCli(['export', '--db', db, '--format', 'jsonl', '--include-duplicates']);
  if (result.code !== 0) throw new Error(`export failed: ${result.stderr}`);
  return result.stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const { id: _id, fetchedAt: _f, duplicateOf: _d, duplicates: _ds, ...stable } = JSON.parse(line) as Record<string, unknown>;
      return stable;
    })
    .sort((a, b) => String(a.url).localeCompare(String(b.url)));
}

/** Asserts-friendly view of a CLI failure: the `newsarc:` lines and any stack-trace lines. */
export function errorLines(stderr: string): { lines: string[]; stackLines: string[] } {
  const lines = stderr.split('\n').filter(Boolean);
  return { lines, stackLines: lines.filter((l) => /^\s+at /.test(l)) };
}

/**
 * Mounts a tmpfs of `size` (e.g. '256k') at a new directory, or returns null when this machine does not let us
 * (not root, no mount permission in the container). Unmounted when the test ends.
 */
export function tmpfs(size: string, options = ''): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'newsarc-tmpfs-'));
  const mountPoint = join(dir, 'mnt');
  mkdirSync(mountPoint);
  const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}${options ? `,${options}` : ''}`, 'tmpfs', mountPoint], { stdio: 'ignore' });
  onTestFinished(() => {
    if (mounted.status === 0) spawnSync('umount', ['-l', mountPoint], { stdio: 'ignore' });
    rmSync(dir, { recursive: true, force: true });
  });
  return mounted.status === 0 ? mountPoint : null;
}

/** Remounts a tmpfs read-only (root only); false when the system refuses. */
export function remountReadOnly(mountPoint: string): boolean {
  return spawnSync('mount', ['-o', 'remount,ro', mountPoint], { stdio: 'ignore' }).status === 0;
}

/**
 * An archive whose export is several MB (about 60 KB of JSON a row): one real article through the archive, then
 * copied row by row in SQL, which is far faster than saving each copy.
 */
export function buildBigArchive(db: string, rows: number): void {
  const archive = Archive.open(db);
  const body = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} of the council's long report on harbour fees and ferry fares.`).join('\n');
  archive.saveArticle(saveInput(record({ url: 'https://news.example/report', title: 'The long report', text: body })));
  const columns = (archive.db.pragma('table_info(articles)') as { name: string }[]).map((c) => c.name).filter((c) => c !== 'id');
  const selected = columns.map((c) => (c === 'url' ? "url || '?copy=' || n" : c));
  archive.db.exec(`WITH RECURSIVE copies(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM copies WHERE n < ${rows - 1})
    INSERT INTO articles (${columns.join(', ')}) SELECT ${selected.join(', ')} FROM articles, copies`);
  archive.close();
}

/** Gives a tmpfs more room (root only): a full disk that an operator has since cleared. */
export function growTmpfs(mountPoint: string, size: string): boolean {
  return spawnSync('mount', ['-o', `remount,size=${size}`, mountPoint], { stdio: 'ignore' }).status === 0;
}

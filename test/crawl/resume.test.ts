import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { BIN, runCli } from '../cli/run.js';
import { stallBeforeHeaders, startTestServer, type TestServer } from '../helpers/server.js';
import { articlePath, generatedSite } from './generated-site.js';

const ARTICLES = 60;
const CRAWL = ['--delay', '0', '--concurrency', '2', '--per-host', '2', '--depth', '2', '--timeout', '5000'];

/** The archive's records, without what differs between runs (ids, fetch times). */
function records(db: string): { url: string; title: string | null; text: string; content_hash: string }[] {
  const handle = new Database(db, { readonly: true });
  try {
    return handle.prepare('SELECT url, title, text, content_hash FROM articles ORDER BY url').all() as never;
  } finally {
    handle.close();
  }
}

function storedUrls(db: string): string[] {
  if (!existsSync(db)) return [];
  try {
    return records(db).map((r) => r.url);
  } catch {
    return []; // created but not yet migrated
  }
}

/**
 * Starts a crawl as a child process and kills it with SIGKILL once the archive holds `after` articles
 * (polling the archive, never a timer); resolves with the URLs stored at the kill.
 */
function crawlAndKill(args: string[], db: string, after: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: 'ignore' });
    let exited = false;
    child.on('error', reject);
    child.on('exit', () => {
      exited = true;
      resolve(storedUrls(db));
    });
    const poll = (): void => {
      if (exited) return;
      if (storedUrls(db).length >= after) child.kill('SIGKILL');
      else setTimeout(poll, 10);
    };
    poll();
  });
}

describe('a crawl killed with SIGKILL resumes with the same command', () => {
  let server: TestServer;
  let dir: string;

  beforeAll(async () => {
    server = await startTestServer({
      '*': generatedSite({ articles: ARTICLES, perListing: 10, latencyMs: 15 }),
      '/stall/': stallBeforeHeaders(),
    });
    dir = mkdtempSync(join(tmpdir(), 'newsarc-resume-'));
  });

  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('ends with the archive of an uninterrupted crawl, and fetches no stored article twice', async () => {
    const whole = join(dir, 'whole.db');
    const uninterrupted = await runCli(['crawl', server.url('/'), '--db', whole, ...CRAWL]);
    expect(uninterrupted.code).toBe(0);
    expect(records(whole)).toHaveLength(ARTICLES);

    const resumed = join(dir, 'resumed.db');
    const args = ['crawl', server.url('/'), '--db', resumed, ...CRAWL];
    const firstRequest = server.requests.length;
    const storedAtFirstKill = await crawlAndKill(args, resumed, 10);
    const afterFirstKill = server.requests.length;
    const storedAtSecondKill = await crawlAndKill(args, resumed, 30);
    const afterSecondKill = server.requests.length;
    expect(storedAtFirstKill.length).toBeGreaterThanOrEqual(10);
    // The kills landed mid-crawl: something was left to do each time.
    expect(storedAtSecondKill.length).toBeLessThan(ARTICLES);
    const final = await runCli(args);
    expect(final.code).toBe(0);

    expect(records(resumed)).toEqual(records(whole));
    // A page fetched but not yet committed at a kill is fetched again; a stored one never is.
    const requestIndexes = (url: string): number[] =>
      server.requests.flatMap((r, i) => (r.path === new URL(url).pathname ? [i] : []));
    for (const [kill, stored, after] of [[1, storedAtFirstKill, afterFirstKill], [2, storedAtSecondKill, afterSecondKill]] as const) {
      for (const url of stored) {
        // The message says when it was requested (request numbers) against when the kill was (the count then).
        expect(requestIndexes(url).filter((i) => i >= after), `${url} stored at kill ${kill} (request ${after}): ${requestIndexes(url)}`).toEqual([]);
      }
    }
    const requests = server.requests.slice(firstRequest);
    // Every article was fetched at least once across the three runs, and the kills lost none.
    for (let k = 0; k < ARTICLES; k++) expect(requests.some((r) => r.path === articlePath(k))).toBe(true);
  });

  it('refuses a second crawl on an archive another crawl holds, with exit 1', async () => {
    const db = join(dir, 'locked.db');
    const holder = spawn(process.execPath, [BIN, 'crawl', server.url('/stall/'), '--db', db, '--timeout', '60000'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => holder.on('exit', resolve));
    try {
      // The lock is taken before the first request: wait for the request, not for a time.
      while (server.requestsTo('/stall/').length === 0) await new Promise((r) => setTimeout(r, 10));
      const second = await runCli(['crawl', server.url('/'), '--db', db]);
      expect(second.code).toBe(1);
      expect(second.stderr).toMatch(/^newsarc: [^\n]*another newsarc process[^\n]*\n$/);
    } finally {
      holder.kill('SIGKILL');
      await exited;
    }
  });
});

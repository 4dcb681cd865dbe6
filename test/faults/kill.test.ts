/**
 * kill -9 at arbitrary points of a crawl and of an export. Kill points come from a seeded sequence and are counted
 * in server requests or stored articles, never in time, so every run kills at the same places.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run.js';
import { articlePath, generatedSite } from '../crawl/generated-site.js';
import { startTestServer, type Route, type TestServer } from '../helpers/server.js';
import { tempDir } from '../store/helpers.js';
import { articleCount, buildBigArchive, exportedRecords, integrityCheck, seeded, spawnCli, storedUrls, until } from './helpers.js';

/**
 * Enough articles that ten kills land before the end: the crawler commits pages in batches (up to 32 at once), so
 * a run killed after K more stored articles may have stored a whole batch.
 */
const ARTICLES = 200;
const CRAWL_FLAGS = ['--delay', '0', '--concurrency', '2', '--per-host', '2', '--depth', '2', '--timeout', '5000', '--quiet'];
const KILLS = 10;

describe('kill -9 during a crawl', () => {
  let server: TestServer;
  /** Called on every request before it is answered: the request-counting kill trigger hooks in here. */
  let onRequest: (() => void) | null = null;

  beforeAll(async () => {
    const site = generatedSite({ articles: ARTICLES, perListing: 20 });
    const hooked: Route = (req, res) => {
      onRequest?.();
      return site(req, res);
    };
    server = await startTestServer({ '*': hooked });
  });
  afterAll(async () => server?.close());

  it(`${KILLS} kills at seeded points, then the same command: integrity ok, the archive of an uninterrupted crawl, no stored article refetched`, async () => {
    const dir = tempDir();
    const whole = join(dir, 'whole.db');
    const uninterrupted = await runCli(['crawl', server.url('/'), '--db', whole, ...CRAWL_FLAGS]);
    expect(uninterrupted.code, uninterrupted.stderr).toBe(0);
    expect(articleCount(whole)).toBe(ARTICLES);

    const db = join(dir, 'killed.db');
    const args = ['crawl', server.url('/'), '--db', db, ...CRAWL_FLAGS];
    const next = seeded(20240508);
    const kills: { storedAtKill: string[]; requestsAtKill: number }[] = [];
    for (let run = 0; run < KILLS; run++) {
      const { child, exited } = spawnCli(args);
      const storedBefore = articleCount(db);
      let done = false;
      void exited.then(() => (done = true));
      if (run % 2 === 0) {
        // Die on the Nth request of this run, before it is answered: somewhere between fetches and commits.
        const killAt = server.requests.length + 1 + Math.floor(next() * 4);
        onRequest = () => {
          if (server.requests.length >= killAt) child.kill('SIGKILL');
        };
      } else {
        // Die once this run has committed K more articles: right after a commit, with other fetches in flight.
        const target = storedBefore + 1 + Math.floor(next() * 3);
        await until(() => articleCount(db) >= target, () => done);
        child.kill('SIGKILL');
      }
      const exit = await exited;
      onRequest = null;
      expect(exit.signal, `run ${run} ended before its kill point (exit ${exit.code}, ${articleCount(db)} stored): ${exit.stderr}`).toBe('SIGKILL');
      expect(integrityCheck(db), `after kill ${run}`).toBe('ok');
      kills.push({ storedAtKill: storedUrls(db), requestsAtKill: server.requests.length });
    }
    expect(kills.at(-1)!.storedAtKill.length).toBeLessThan(ARTICLES);

    const final = await runCli(args);
    expect(final.code, final.stderr).toBe(0);
    expect(integrityCheck(db)).toBe('ok');
    expect(await exportedRecords(db)).toEqual(await exportedRecords(whole));

    // A page fetched but not committed at a kill is fetched again; a stored one never is.
    for (const [i, { storedAtKill, requestsAtKill }] of kills.entries()) {
      const later = new Set(server.requests.slice(requestsAtKill).map((r) => r.path));
      const refetched = storedAtKill.filter((url) => later.has(new URL(url).pathname));
      expect(refetched, `stored at kill ${i}, fetched again later`).toEqual([]);
    }
    expect(storedUrls(db).map((u) => new URL(u).pathname).sort()).toEqual(
      Array.from({ length: ARTICLES }, (_, k) => articlePath(k)).sort(),
    );
  }, 180_000);
});

describe('kill -9 during an export to a file', () => {
  const ROWS = 300;
  /** Temp files of earlier (killed) exports, left behind: not the one being watched. */
  const seenTemps = new Set<string>();

  /** Runs `export --format json --out FILE` and kills it once `ready` holds for its temp file's size (null: none yet). */
  async function exportAndKill(db: string, out: string, ready: (tempBytes: number | null) => boolean) {
    const outDir = join(out, '..');
    const tempBytes = (): number | null => {
      const temp = readdirSync(outDir).find((f) => f.endsWith('.tmp') && !seenTemps.has(f));
      return temp ? statSync(join(outDir, temp)).size : null;
    };
    const { child, exited } = spawnCli(['export', '--db', db, '--format', 'json', '--include-duplicates', '--out', out]);
    let done = false;
    void exited.then(() => (done = true));
    if (await until(() => ready(tempBytes()), () => done)) child.kill('SIGKILL');
    const exit = await exited;
    for (const f of readdirSync(outDir)) if (f.endsWith('.tmp')) seenTemps.add(f);
    return { killed: exit.signal === 'SIGKILL' };
  }

  it('leaves either the complete file or none under the final name, whenever it dies', async () => {
    const dir = tempDir();
    const db = join(dir, 'big.db');
    buildBigArchive(db, ROWS);
    const out = join(dir, 'out', 'articles.json');
    mkdirSync(join(dir, 'out'));
    let killedMidWrite = 0;
    for (const ready of [(b: number | null) => b !== null, (b: number | null) => (b ?? 0) > 0, (b: number | null) => (b ?? 0) >= 4_000_000]) {
      const { killed } = await exportAndKill(db, out, ready);
      if (killed) {
        killedMidWrite++;
        expect(existsSync(out), 'a killed export left a file under the final name').toBe(false);
      } else {
        expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveLength(ROWS);
      }
    }
    expect(killedMidWrite).toBeGreaterThan(0);
    const complete = await runCli(['export', '--db', db, '--format', 'json', '--include-duplicates', '--out', out]);
    expect(complete.code, complete.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveLength(ROWS);
    // The archive, only read, is untouched by the kills.
    const handle = new Database(db, { readonly: true });
    expect(handle.prepare('SELECT count(*) FROM articles').pluck().get()).toBe(ROWS);
    handle.close();
  });

  it('markdown: a killed export leaves only whole files under final names, each equal to a complete export\'s', async () => {
    const dir = tempDir();
    const db = join(dir, 'big.db');
    buildBigArchive(db, ROWS);
    const out = join(dir, 'md');
    const finalNames = (): string[] => (existsSync(out) ? readdirSync(out).filter((f) => f.endsWith('.md') && !f.startsWith('.')) : []);
    const { child, exited } = spawnCli(['export', '--db', db, '--format', 'markdown', '--include-duplicates', '--out', out]);
    let done = false;
    void exited.then(() => (done = true));
    if (await until(() => finalNames().length >= ROWS / 3, () => done)) child.kill('SIGKILL');
    await exited;
    const left = new Map(finalNames().map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    expect(left.size).toBeGreaterThan(0);

    const complete = await runCli(['export', '--db', db, '--format', 'markdown', '--include-duplicates', '--out', out]);
    expect(complete.code, complete.stderr).toBe(0);
    expect(finalNames()).toHaveLength(ROWS);
    for (const [name, content] of left) expect(content, name).toBe(readFileSync(join(out, name), 'utf8'));
  });
});

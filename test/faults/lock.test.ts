/**
 * One writer per archive: a crawl running holds it against every other writer (exit 1, naming the holder), two
 * crawls started together leave exactly one running, and a holder killed with SIGKILL leaves nothing that blocks.
 * The running crawl is held on a gated page, so "while it runs" is a state the test controls, not a time.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../cli/run.js';
import { generatedSite } from '../crawl/generated-site.js';
import { startTestServer, type Route, type TestServer } from '../helpers/server.js';
import { tempDir } from '../store/helpers.js';
import { articleCount, errorLines, integrityCheck, spawnCli, until } from './helpers.js';

const ARTICLES = 6;
const CRAWL_FLAGS = ['--delay', '0', '--depth', '2', '--timeout', '30000', '--quiet'];
const HELD = /^newsarc: archive .* is being written by another newsarc process \(pid (\d+)\)$/;

describe('the archive lock, seen from the command line', () => {
  let server: TestServer;
  /** The home page waits for this gate: a crawl started on it holds the lock until the test opens it. */
  let gate: { opened: Promise<void>; open: () => void };

  const closeGate = (): void => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => (open = resolve));
    gate = { opened, open };
  };

  beforeAll(async () => {
    const site = generatedSite({ articles: ARTICLES, perListing: 3 });
    const gatedHome: Route = async (req, res) => {
      await gate.opened;
      return site(req, res);
    };
    server = await startTestServer({ '/': gatedHome, '*': site });
  });
  afterAll(async () => {
    gate?.open();
    await server?.close();
  });

  const homeRequests = (): number => server.requestsTo('/').length;

  it('refuses crawl, sync, reextract and sites --forget while a crawl runs (exit 1, one line naming its pid); the crawl then completes', async () => {
    closeGate();
    const db = join(tempDir(), 'a.db');
    const args = ['crawl', server.url('/'), '--db', db, ...CRAWL_FLAGS];
    const seen = homeRequests();
    const holder = spawnCli(args);
    let holderDone = false;
    void holder.exited.then(() => (holderDone = true));
    // The lock is taken before the first request: once the home page is asked for, the crawl holds the archive.
    expect(await until(() => homeRequests() > seen, () => holderDone)).toBe(true);

    const forget = ['sites', '--forget', new URL(server.url('/')).host, '--db', db];
    for (const second of [args, ['sync', '--db', db], ['reextract', '--db', db], forget]) {
      const result = await runCli(second);
      const { lines, stackLines } = errorLines(result.stderr);
      expect(result.code, `${second[0]}: ${result.stderr}`).toBe(1);
      expect(stackLines).toEqual([]);
      expect(lines).toHaveLength(1);
      expect(HELD.exec(lines[0]!)?.[1], second[0]).toBe(String(holder.child.pid));
    }
    gate.open();
    expect((await holder.exited).code).toBe(0);
    expect(articleCount(db)).toBe(ARTICLES);
  });

  it('of two crawls started at once on a new archive, exactly one runs and the other exits 1 (three rounds)', async () => {
    for (let round = 0; round < 3; round++) {
      closeGate();
      const db = join(tempDir(), `race-${round}.db`);
      const args = ['crawl', server.url('/'), '--db', db, ...CRAWL_FLAGS];
      const pair = [spawnCli(args), spawnCli(args)];
      // The loser exits on its own; the winner waits at the gate until then.
      const first = await Promise.race(pair.map((p, i) => p.exited.then((exit) => ({ i, exit }))));
      gate.open();
      const second = await pair[1 - first.i]!.exited;
      expect(first.exit.code, `round ${round}: ${first.exit.stderr}`).toBe(1);
      const { lines, stackLines } = errorLines(first.exit.stderr);
      expect(stackLines, first.exit.stderr).toEqual([]);
      expect(lines, first.exit.stderr).toHaveLength(1);
      expect(lines[0]).toMatch(/another newsarc process/);
      expect(second.code, `round ${round}: ${second.stderr}`).toBe(0);
      expect(integrityCheck(db)).toBe('ok');
      expect(articleCount(db)).toBe(ARTICLES);
    }
  });

  it('a lock left by a crawl killed with SIGKILL does not block the next crawl', async () => {
    closeGate();
    const db = join(tempDir(), 'stale.db');
    const args = ['crawl', server.url('/'), '--db', db, ...CRAWL_FLAGS];
    const seen = homeRequests();
    const killed = spawnCli(args);
    expect(await until(() => homeRequests() > seen)).toBe(true);
    killed.child.kill('SIGKILL');
    expect((await killed.exited).signal).toBe('SIGKILL');
    gate.open();
    const next = await runCli(args);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).toBe('');
    expect(articleCount(db)).toBe(ARTICLES);
  });
});

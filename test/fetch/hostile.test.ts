/**
 * Issue 6, "server behaviour" rows: every trap a hostile or broken server sets, against the real client on
 * loopback. Timeouts are small so the suite stays fast; assertions are on outcomes, never on elapsed time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/fetch/http.js';
import { RobotsCache, ROBOTS_MAX_BYTES } from '../../src/fetch/robots.js';
import { FetchError, type FetchErrorKind } from '../../src/fetch/types.js';
import { decodeHtml } from '../../src/decode/index.js';
import {
  GBK_PAGE_BYTES,
  GBK_PAGE_LINE,
  GBK_PAGE_TITLE,
  PNG_BYTES,
  bytes,
  endlessBody,
  failThenSucceed,
  gbkPage,
  gzipBomb,
  html,
  redirectChain,
  redirectLoop,
  resetBeforeHeaders,
  resetMidBody,
  text,
  stallBeforeHeaders,
  stallMidBody,
  startTestServer,
  type Route,
  type TestServer,
} from '../helpers/server.js';

const PAGE = '<!DOCTYPE html><html><head><title>Flood defences hold</title></head><body><p>The river fell.</p></body></html>';
const MAX_BYTES = 256 * 1024;

async function kindOf(promise: Promise<unknown>): Promise<FetchErrorKind> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return (err as FetchError).kind;
}

/** Resets the connection mid-body on the first `failures` requests, then serves the page. */
function resetThenSucceed(failures: number): Route & { attempts(): number } {
  let count = 0;
  const reset = resetMidBody();
  const page = html(PAGE);
  return Object.assign<Route, { attempts(): number }>((req, res) => (++count <= failures ? reset(req, res) : page(req, res)), {
    attempts: () => count,
  });
}

describe('hostile servers', () => {
  const rateLimited = failThenSucceed(2, html(PAGE), { status: 429, retryAfter: '0' });
  const unavailable = failThenSucceed(1, html(PAGE), { status: 503, retryAfter: '1' });
  const datedRetry = failThenSucceed(1, html(PAGE), { status: 503, retryAfter: new Date(Date.now() - 5_000).toUTCString() });
  const alwaysDown = failThenSucceed(Infinity, html(PAGE), { status: 503, retryAfter: '0' });
  const resetOnce = resetThenSucceed(1);
  const resetAlways = resetThenSucceed(Infinity);
  let server: TestServer;
  /** Small budgets, no retries: the failure itself is under test. */
  let strict: HttpClient;
  /** Retries with a backoff so long that only honouring Retry-After lets a test finish. */
  let patient: HttpClient;

  beforeAll(async () => {
    server = await startTestServer({
      '/page': html(PAGE),
      '/stall-headers': stallBeforeHeaders(),
      '/stall-body': stallMidBody(),
      '/endless': endlessBody(),
      '/trickle': endlessBody(50, '<p>.</p>'),
      '/bomb-gzip': gzipBomb(64 * 1024 * 1024, 'gzip'),
      '/bomb-deflate': gzipBomb(16 * 1024 * 1024, 'deflate'),
      '/bomb-br': gzipBomb(16 * 1024 * 1024, 'br'),
      ...redirectLoop('/loop/a', '/loop/b', '/loop/c'),
      '/self': (_req, res) => {
        res.writeHead(302, { location: '/self' });
        res.end();
      },
      ...redirectChain('/chain', 20, '/page'),
      '/rate-limited': rateLimited,
      '/unavailable': unavailable,
      '/dated-retry': datedRetry,
      '/always-down': alwaysDown,
      '/reset-once': resetOnce,
      '/reset-always': resetAlways,
      '/reset-headers': resetBeforeHeaders(),
      '/png-as-html': bytes(PNG_BYTES, 'text/html'),
      '/html-as-octets': bytes(PAGE, 'application/octet-stream'),
      '/html-untyped': (_req, res) => {
        res.writeHead(200);
        res.end(PAGE);
      },
      '/gbk': gbkPage('gbk'),
      '/gbk-says-utf8': gbkPage('utf-8'),
      '/utf8-says-gbk': bytes(`<html><head><title>${GBK_PAGE_TITLE}</title></head><body></body></html>`, 'text/html; charset=gbk'),
    });
    strict = new HttpClient({ timeoutMs: 300, maxBytes: MAX_BYTES, retries: 0, backoffMs: 1 });
    patient = new HttpClient({ timeoutMs: 2_000, maxBytes: MAX_BYTES, retries: 2, backoffMs: 600_000 });
  });
  afterAll(async () => {
    await Promise.all([strict.close(), patient.close()]);
    await server.close();
  });

  it('times out a server that stalls before headers, and the client goes on working', async () => {
    expect(await kindOf(strict.fetch({ url: server.url('/stall-headers') }))).toBe('timeout');
    expect((await strict.fetch({ url: server.url('/page') })).status).toBe(200);
  });

  it("throws the caller's abort reason, not a timeout, when a crawl stops during a stall", async () => {
    const patientStall = new HttpClient({ timeoutMs: 60_000, retries: 3 });
    const controller = new AbortController();
    try {
      const pending = patientStall.fetch({ url: server.url('/stall-headers'), signal: controller.signal });
      setTimeout(() => controller.abort(new Error('crawl interrupted')), 50);
      await expect(pending).rejects.toThrow('crawl interrupted');
    } finally {
      await patientStall.close();
    }
  });

  it('times out a server that stalls mid-body', async () => {
    expect(await kindOf(strict.fetch({ url: server.url('/stall-body') }))).toBe('timeout');
  });

  it('caps an endless body without Content-Length at maxBytes', async () => {
    const result = await strict.fetch({ url: server.url('/endless') });
    expect(result.truncated).toBe(true);
    expect(result.body.length).toBe(MAX_BYTES);
  });

  it('stops an endless trickle that never trips the idle timeout (per-attempt deadline)', async () => {
    const tiny = new HttpClient({ timeoutMs: 200, maxBytes: 50 * 1024 * 1024, retries: 0 });
    try {
      expect(await kindOf(tiny.fetch({ url: server.url('/trickle') }))).toBe('timeout');
    } finally {
      await tiny.close();
    }
  });

  it.each(['gzip', 'deflate', 'br'])('stops a %s bomb at maxBytes of decoded output', async (encoding) => {
    const result = await strict.fetch({ url: server.url(`/bomb-${encoding}`) });
    expect(result.truncated).toBe(true);
    expect(result.body.length).toBe(MAX_BYTES);
  });

  it('detects redirect loops, including a page redirecting to itself', async () => {
    expect(await kindOf(strict.fetch({ url: server.url('/loop/a') }))).toBe('redirect-loop');
    expect(await kindOf(strict.fetch({ url: server.url('/self') }))).toBe('redirect-loop');
  });

  it('gives up on a 20-hop chain beyond maxRedirects, follows it within', async () => {
    expect(await kindOf(strict.fetch({ url: server.url('/chain/1') }))).toBe('too-many-redirects');
    const lenient = new HttpClient({ maxRedirects: 20, retries: 0 });
    try {
      const result = await lenient.fetch({ url: server.url('/chain/1') });
      expect(result.url).toBe(server.url('/page'));
      expect(result.redirects).toHaveLength(20);
    } finally {
      await lenient.close();
    }
  });

  it('waits as 429 Retry-After says, then succeeds', async () => {
    const result = await patient.fetch({ url: server.url('/rate-limited') });
    expect(result.status).toBe(200);
    expect(rateLimited.attempts()).toBe(3);
  });

  it('waits as 503 Retry-After says (seconds or an HTTP date), then succeeds', async () => {
    expect((await patient.fetch({ url: server.url('/unavailable') })).status).toBe(200);
    expect(unavailable.attempts()).toBe(2);
    expect((await patient.fetch({ url: server.url('/dated-retry') })).status).toBe(200);
    expect(datedRetry.attempts()).toBe(2);
  });

  it('gives up after `retries` retries and reports the last status', async () => {
    const err = await patient.fetch({ url: server.url('/always-down') }).catch((e: FetchError) => e);
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).kind).toBe('http-status');
    expect((err as FetchError).status).toBe(503);
    expect(alwaysDown.attempts()).toBe(3);
  });

  it('retries a connection reset mid-body, and fails with network after the retries', async () => {
    const retrying = new HttpClient({ timeoutMs: 2_000, retries: 2, backoffMs: 1 });
    try {
      expect((await retrying.fetch({ url: server.url('/reset-once') })).status).toBe(200);
      expect(resetOnce.attempts()).toBe(2);
      expect(await kindOf(retrying.fetch({ url: server.url('/reset-always') }))).toBe('network');
      expect(resetAlways.attempts()).toBe(3);
    } finally {
      await retrying.close();
    }
  });

  it('fails a connection reset before any answer with network', async () => {
    expect(await kindOf(strict.fetch({ url: server.url('/reset-headers') }))).toBe('network');
  });

  it('fails a refused connection with network', async () => {
    const closed = await startTestServer();
    const url = closed.url('/page');
    await closed.close();
    expect(await kindOf(strict.fetch({ url }))).toBe('network');
  });

  it('rejects an image served as text/html', async () => {
    expect(await kindOf(strict.fetch({ url: server.url('/png-as-html') }))).toBe('not-html');
  });

  it('accepts HTML served as application/octet-stream or with no Content-Type', async () => {
    for (const path of ['/html-as-octets', '/html-untyped']) {
      const result = await strict.fetch({ url: server.url(path) });
      expect(Buffer.from(result.body).toString()).toBe(PAGE);
    }
  });

  it('hands the decoder the raw bytes and header: GBK by header only, and charset headers that lie', async () => {
    const gbk = await strict.fetch({ url: server.url('/gbk') });
    expect(Buffer.from(gbk.body).equals(GBK_PAGE_BYTES)).toBe(true);
    expect(decodeHtml(gbk.body, gbk.contentType).html).toContain(GBK_PAGE_TITLE);

    const gbkSaysUtf8 = await strict.fetch({ url: server.url('/gbk-says-utf8') });
    expect(decodeHtml(gbkSaysUtf8.body, gbkSaysUtf8.contentType).html).toContain(GBK_PAGE_LINE);

    const utf8SaysGbk = await strict.fetch({ url: server.url('/utf8-says-gbk') });
    expect(decodeHtml(utf8SaysGbk.body, utf8SaysGbk.contentType).html).toContain(GBK_PAGE_TITLE);
  });
});

describe('hostile robots.txt (RFC 9309)', () => {
  const servers: TestServer[] = [];
  let client: HttpClient;
  beforeAll(() => {
    client = new HttpClient({ timeoutMs: 300, retries: 1, backoffMs: 1 });
  });
  afterAll(async () => {
    await client.close();
    await Promise.all(servers.map((s) => s.close()));
  });
  async function siteWithRobots(robots: Route): Promise<{ server: TestServer; robots: RobotsCache }> {
    const server = await startTestServer({ '/robots.txt': robots, '*': html(PAGE) });
    servers.push(server);
    return { server, robots: new RobotsCache(client, { userAgent: 'newsarc/0.1' }) };
  }

  it('treats a robots.txt that is an HTML page as no rules, even when its text says Disallow', async () => {
    const page = '<!DOCTYPE html><html><body><h1>Page not found</h1><pre>User-agent: *\nDisallow: /</pre></body></html>';
    const { server, robots } = await siteWithRobots(html(page));
    expect(await robots.isAllowed(server.url('/news/1.html'))).toBe(true);
  });

  it('reads a huge robots.txt only up to 500 KiB, whole lines only', async () => {
    const filler = '# '.padEnd(98, '=') + '\n';
    const huge = `User-agent: *\nDisallow: /early/\n${filler.repeat(Math.ceil(ROBOTS_MAX_BYTES / filler.length))}Disallow: /late/\n`;
    expect(huge.length).toBeGreaterThan(ROBOTS_MAX_BYTES);
    const { server, robots } = await siteWithRobots(text(huge));
    expect(await robots.isAllowed(server.url('/early/a'))).toBe(false);
    expect(await robots.isAllowed(server.url('/late/a'))).toBe(true);
  });

  it('backs off (disallows all) when robots.txt answers 5xx, after the retries', async () => {
    const down = failThenSucceed(Infinity, html(PAGE), { status: 503, retryAfter: '0' });
    const { server, robots } = await siteWithRobots(down);
    expect(await robots.isAllowed(server.url('/news/1.html'))).toBe(false);
    expect(down.attempts()).toBe(2);
  });

  it('backs off when robots.txt answers 429, allows all on another 4xx', async () => {
    const limited = await siteWithRobots(failThenSucceed(Infinity, html(PAGE), { status: 429, retryAfter: '0' }));
    expect(await limited.robots.isAllowed(limited.server.url('/a'))).toBe(false);
    const forbidden = await siteWithRobots(failThenSucceed(Infinity, html(PAGE), { status: 403 }));
    expect(await forbidden.robots.isAllowed(forbidden.server.url('/a'))).toBe(true);
  });

  it('backs off when robots.txt stalls or the connection fails', async () => {
    const stalled = await siteWithRobots(stallBeforeHeaders());
    expect(await stalled.robots.isAllowed(stalled.server.url('/a'))).toBe(false);
    const reset = await siteWithRobots(resetMidBody('User-agent: *\n'));
    expect(await reset.robots.isAllowed(reset.server.url('/a'))).toBe(false);
  });
});

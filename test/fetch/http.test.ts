import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import { HttpClient, checkedUrl, parseRetryAfter } from '../../src/fetch/http.js';
import { FetchError, type FetchErrorKind } from '../../src/fetch/types.js';
import {
  bytes,
  failThenSucceed,
  gzipped,
  html,
  redirect,
  redirectChain,
  startTestServer,
  type Route,
  type TestServer,
} from '../helpers/server.js';

const PAGE = '<!DOCTYPE html><html><head><title>村里的合作社</title></head><body><p>今年收成很好。</p></body></html>';

function encoded(encoding: string, payload: Buffer): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': encoding });
    res.end(payload);
  };
}

async function failureOf(promise: Promise<unknown>): Promise<FetchError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  return err as FetchError;
}

async function expectKind(promise: Promise<unknown>, kind: FetchErrorKind): Promise<FetchError> {
  const err = await failureOf(promise);
  expect(err.kind).toBe(kind);
  return err;
}

describe('HttpClient', () => {
  const notModified: Route = (_req, res) => {
    res.writeHead(304, { etag: '"v1"' });
    res.end();
  };
  const notFoundOnce = failThenSucceed(5, html(PAGE), { status: 404 });
  let server: TestServer;
  let client: HttpClient;

  beforeAll(async () => {
    server = await startTestServer({
      '/article': html(PAGE, { headers: { etag: '"v1"' } }),
      '/gzip': gzipped(PAGE),
      '/deflate': encoded('deflate', deflateSync(Buffer.from(PAGE))),
      '/deflate-raw': encoded('deflate', deflateRawSync(Buffer.from(PAGE))),
      '/br': encoded('br', brotliCompressSync(Buffer.from(PAGE))),
      '/gzip-no-trailer': encoded('gzip', gzipSync(Buffer.from(PAGE)).subarray(0, -8)),
      '/not-gzip': encoded('gzip', Buffer.from(PAGE)),
      '/gzip-as-deflate': encoded('deflate', gzipSync(Buffer.from(PAGE))),
      '/corrupt-gzip': encoded('gzip', Buffer.concat([gzipSync(Buffer.from(PAGE)).subarray(0, 10), Buffer.alloc(200, 0xff)])),
      '/big': html(`<html><body>${'<p>长文章</p>'.repeat(5000)}</body></html>`),
      '/conditional': (req, res) => (req.headers['if-none-match'] === '"v1"' ? notModified(req, res) : html(PAGE)(req, res)),
      '/moved': redirect('/article', 301),
      '/relative': redirect('../article?from=relative', 302),
      ...redirectChain('/hop', 3, '/article'),
      '/to-js': redirect('javascript:alert(1)'),
      '/gone': notFoundOnce,
      '/pdf': bytes('%PDF-1.4 ...', 'application/pdf'),
      '/robots.txt': bytes('User-agent: *\nDisallow: /private\n', 'text/plain'),
      '/echo': (req, res) => html(`<html><body><pre>${JSON.stringify(req.headers)}</pre></body></html>`)(req, res),
    });
    client = new HttpClient({ timeoutMs: 2_000, maxBytes: 1024 * 1024, retries: 2, backoffMs: 1 });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('fetches a page with a User-Agent naming newsarc and the response headers lower-cased', async () => {
    const result = await client.fetch({ url: server.url('/article') });
    expect(result.status).toBe(200);
    expect(Buffer.from(result.body).toString('utf8')).toBe(PAGE);
    expect(result.contentType).toBe('text/html; charset=utf-8');
    expect(result.headers.etag).toBe('"v1"');
    expect(result.truncated).toBe(false);
    expect(result.url).toBe(server.url('/article'));
    const sent = server.requestsTo('/article').at(-1)!.headers;
    expect(sent['user-agent']).toMatch(/^newsarc\/0\.1 \(\+https:\/\/github\.com\/newsarc\)$/);
    expect(sent['accept-encoding']).toContain('gzip');
  });

  it.each(['/gzip', '/deflate', '/deflate-raw', '/br'])('decodes Content-Encoding of %s', async (path) => {
    const result = await client.fetch({ url: server.url(path) });
    expect(Buffer.from(result.body).toString('utf8')).toBe(PAGE);
  });

  it('keeps what decodes from a gzip body cut before its trailer', async () => {
    const result = await client.fetch({ url: server.url('/gzip-no-trailer') });
    expect(Buffer.from(result.body).toString('utf8')).toBe(PAGE);
  });

  it('reads a body labelled gzip that was never compressed, and gzip labelled deflate', async () => {
    expect(Buffer.from((await client.fetch({ url: server.url('/not-gzip') })).body).toString('utf8')).toBe(PAGE);
    expect(Buffer.from((await client.fetch({ url: server.url('/gzip-as-deflate') })).body).toString('utf8')).toBe(PAGE);
  });

  it('fails a corrupt compressed body with network, without retrying', async () => {
    await expectKind(client.fetch({ url: server.url('/corrupt-gzip') }), 'network');
    expect(server.requestsTo('/corrupt-gzip')).toHaveLength(1);
  });

  it('cuts a body larger than maxBytes and marks it truncated', async () => {
    const small = new HttpClient({ maxBytes: 10_000, retries: 0 });
    try {
      const result = await small.fetch({ url: server.url('/big') });
      expect(result.body.length).toBe(10_000);
      expect(result.truncated).toBe(true);
    } finally {
      await small.close();
    }
  });

  it('sends extra headers and returns 304 as a result with an empty body', async () => {
    const result = await client.fetch({ url: server.url('/conditional'), headers: { 'if-none-match': '"v1"' } });
    expect(result.status).toBe(304);
    expect(result.body.length).toBe(0);
    expect((await client.fetch({ url: server.url('/conditional') })).status).toBe(200);
  });

  it('follows redirects, relative ones too, and reports the final URL and the hops', async () => {
    const moved = await client.fetch({ url: server.url('/moved') });
    expect(moved.url).toBe(server.url('/article'));
    expect(moved.requestedUrl).toBe(server.url('/moved'));
    expect(moved.redirects).toEqual([server.url('/moved')]);

    const relative = await client.fetch({ url: server.url('/relative') });
    expect(relative.url).toBe(server.url('/article?from=relative'));

    const chain = await client.fetch({ url: server.url('/hop/1') });
    expect(chain.redirects).toEqual([server.url('/hop/1'), server.url('/hop/2'), server.url('/hop/3')]);
    expect(chain.url).toBe(server.url('/article'));
  });

  it('refuses a redirect to a javascript: URL', async () => {
    await expectKind(client.fetch({ url: server.url('/to-js') }), 'bad-url');
  });

  it('does not retry a 404 and reports its status', async () => {
    const err = await expectKind(client.fetch({ url: server.url('/gone') }), 'http-status');
    expect(err.status).toBe(404);
    expect(notFoundOnce.attempts()).toBe(1);
  });

  it('rejects declared non-HTML types without reading them, unless any type is accepted', async () => {
    await expectKind(client.fetch({ url: server.url('/pdf') }), 'not-html');
    await expectKind(client.fetch({ url: server.url('/robots.txt') }), 'not-html');
    const robots = await client.fetch({ url: server.url('/robots.txt'), anyContentType: true });
    expect(Buffer.from(robots.body).toString()).toContain('Disallow: /private');
  });

  it.each(['javascript:alert(1)', 'data:text/html,<p>x</p>', 'ftp://example.com/a', 'mailto:a@b.c', 'not a url', ''])(
    'fails %j with bad-url before any network use',
    async (url) => {
      await expectKind(client.fetch({ url }), 'bad-url');
    },
  );

  it('strips credentials from a URL instead of sending them', async () => {
    const withCredentials = server.url('/echo').replace('http://', 'http://alice:secret@');
    const result = await client.fetch({ url: withCredentials });
    expect(result.url).toBe(server.url('/echo'));
    expect(server.requestsTo('/echo').at(-1)!.headers.authorization).toBeUndefined();
    expect(checkedUrl('https://u:p@example.com/a#frag')).toBe('https://example.com/a');
  });

  it('normalises IDN hosts to punycode and resolves dot segments before asking', () => {
    expect(checkedUrl('http://新闻.中国/a/b/../c.html')).toBe('http://xn--efvy88h.xn--fiqs8s/a/c.html');
    expect(checkedUrl('../../x.html', 'https://news.example/2021/11/13/a.html')).toBe('https://news.example/2021/x.html');
  });

  it('reuses one keep-alive connection for requests to one host', async () => {
    const fresh = new HttpClient({ retries: 0 });
    try {
      const before = server.requests.length;
      for (let i = 0; i < 6; i++) await fresh.fetch({ url: server.url(`/article?n=${i}`) });
      // undici may open a second socket while the first is being released; what matters is that sockets are reused
      // (without keep-alive every request would come from a port of its own).
      const ports = new Set(server.requests.slice(before).map((r) => r.remotePort));
      expect(ports.size).toBeLessThan(6);
    } finally {
      await fresh.close();
    }
  });

  it('stops at once when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort(new Error('shutting down'));
    await expect(client.fetch({ url: server.url('/article'), signal: controller.signal })).rejects.toThrow('shutting down');
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads delay-seconds and HTTP dates, caps long waits and ignores garbage', () => {
    expect(parseRetryAfter('0', now)).toBe(0);
    expect(parseRetryAfter('5', now)).toBe(5_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('86400', now)).toBe(60_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

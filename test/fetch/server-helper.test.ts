import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync } from 'node:zlib';
import { request } from 'undici';
import {
  GBK_PAGE_BYTES,
  failThenSucceed,
  gbkPage,
  gzipBomb,
  html,
  redirectChain,
  redirectLoop,
  startTestServer,
  type TestServer,
} from '../helpers/server.js';

// The shared test server is used by the crawler and fault tests too: its traps must behave as documented.
describe('test/helpers/server', () => {
  const flaky = failThenSucceed(2, html('<p>ok</p>'), { status: 429, retryAfter: '0' });
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      '/': html('<h1>home</h1>'),
      '/flaky': flaky,
      '/gbk': gbkPage(),
      '/bomb': gzipBomb(1024 * 1024),
      ...redirectChain('/hop', 3, '/'),
      ...redirectLoop('/a', '/b'),
    });
  });
  afterAll(() => server.close());

  it('serves routes, 404s the rest and records requests', async () => {
    expect((await fetch(server.url('/'))).status).toBe(200);
    expect((await fetch(server.url('/missing?x=1'))).status).toBe(404);
    expect(server.requestsTo('/missing')).toHaveLength(1);
    expect(server.requests.map((r) => r.path)).toContain('/missing?x=1');
  });

  it('fails a flaky route N times, then succeeds', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(server.url('/flaky'))).status);
    expect(statuses).toEqual([429, 429, 200]);
    expect(flaky.attempts()).toBe(3);
  });

  it('chains and loops redirects', async () => {
    const first = await fetch(server.url('/hop/1'), { redirect: 'manual' });
    expect(first.headers.get('location')).toBe('/hop/2');
    const loop = await fetch(server.url('/b'), { redirect: 'manual' });
    expect(loop.headers.get('location')).toBe('/a');
  });

  it('serves GBK bytes with the charset in the header only, and a real gzip bomb', async () => {
    const gbk = await fetch(server.url('/gbk'));
    expect(gbk.headers.get('content-type')).toBe('text/html; charset=gbk');
    expect(Buffer.from(await gbk.arrayBuffer()).equals(GBK_PAGE_BYTES)).toBe(true);
    // undici's request does not decode, so this reads the compressed bytes on the wire.
    const bomb = await request(server.url('/bomb'));
    const raw = Buffer.from(await bomb.body.arrayBuffer());
    expect(raw.length).toBeLessThan(1024 * 1024);
    expect(gunzipSync(raw).length).toBe(1024 * 1024);
  });
});

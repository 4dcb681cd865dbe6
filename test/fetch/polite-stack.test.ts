/**
 * The fetch stage as the crawl session wires it: one HttpClient, a HostScheduler on top, a RobotsCache that
 * fetches through the scheduler and raises the host's gap to its Crawl-delay. Seen from the server's side.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpClient } from '../../src/fetch/http.js';
import { HostScheduler } from '../../src/fetch/politeness.js';
import { RobotsCache } from '../../src/fetch/robots.js';
import { FetchError } from '../../src/fetch/types.js';
import { failThenSucceed, html, startTestServer, text, type TestServer } from '../helpers/server.js';

describe('robots + per-host politeness + client', () => {
  let server: TestServer;
  let client: HttpClient;

  beforeAll(async () => {
    server = await startTestServer({
      '/robots.txt': text('User-agent: newsarc\nDisallow: /private/\nCrawl-delay: 0.1\n'),
      '/busy': failThenSucceed(Infinity, html('<p>later</p>'), { status: 429, retryAfter: '1' }),
      '*': (req, res) => html(`<html><body><p>${req.url}</p></body></html>`)(req, res),
    });
    client = new HttpClient({ timeoutMs: 2_000, retries: 0, connections: 2 });
  });
  afterAll(async () => {
    await client.close();
    await server.close();
  });

  it('asks robots.txt first and once, skips disallowed pages, and spaces the rest by Crawl-delay', async () => {
    const hosts = new HostScheduler({ perHost: 2, delayMs: 0 });
    const robots = new RobotsCache(client, { userAgent: 'newsarc/0.1 (+https://github.com/newsarc)', hosts });
    // Start times as the scheduler releases requests; arrival times at the server would add network jitter.
    const starts: number[] = [];
    const paths = ['/news/1.html', '/private/2.html', '/news/3.html', '/news/4.html', '/private/5.html'];
    const outcomes = await Promise.all(
      paths.map(async (path) => {
        const url = server.url(path);
        if (!(await robots.isAllowed(url))) return 'robots';
        const result = await hosts.schedule(url, () => {
          starts.push(performance.now());
          return client.fetch({ url });
        });
        return result.status;
      }),
    );
    expect(outcomes).toEqual([200, 'robots', 200, 200, 'robots']);
    expect(server.requests[0].path).toBe('/robots.txt');
    expect(server.requestsTo('/robots.txt')).toHaveLength(1);
    expect(server.requests.some((r) => r.path.startsWith('/private/'))).toBe(false);
    expect(hosts.delayFor(server.url('/'))).toBe(100);
    expect(starts).toHaveLength(3);
    for (let i = 1; i < starts.length; i++) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(98);
  });

  it('holds the whole host when one answer says Retry-After', async () => {
    const hosts = new HostScheduler({ perHost: 2, delayMs: 0 });
    const busyClient = new HttpClient({ retries: 0, onRetryAfter: (url, ms) => hosts.pause(url, ms) });
    try {
      const busy = server.url('/busy');
      const failure = await hosts.schedule(busy, () => busyClient.fetch({ url: busy })).catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(FetchError);
      expect((failure as FetchError).status).toBe(429);
      const failedAt = performance.now();
      const nextStart = await hosts.schedule(server.url('/news/9.html'), async () => performance.now());
      expect(nextStart - failedAt).toBeGreaterThanOrEqual(900);
    } finally {
      await busyClient.close();
    }
  });
});

/**
 * The floor: a bare undici loop fetching every page of the generated site (URLs known in advance, bodies read
 * and dropped) at the given concurrency. Nothing a crawler could do is faster on the same server.
 */
import { Agent, request } from 'undici';
import { articlePath, listingPath } from '../../test/crawl/generated-site.js';

const [origin, articlesArg, concurrencyArg] = process.argv.slice(2);
const articles = Number(articlesArg);
const concurrency = Number(concurrencyArg);
const paths = ['/', ...Array.from({ length: Math.ceil(articles / 50) }, (_, i) => listingPath(i + 1)), ...Array.from({ length: articles }, (_, k) => articlePath(k))];
const agent = new Agent({ connections: concurrency, keepAliveTimeout: 10_000 });
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (next < paths.length) {
      const path = paths[next++];
      const res = await request(origin + path, { dispatcher: agent });
      await res.body.arrayBuffer();
    }
  }),
);
const seconds = (performance.now() - started) / 1000;
process.stdout.write(`${JSON.stringify({ pages: paths.length, seconds })}\n`);
await agent.close();

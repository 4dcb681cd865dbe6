/** The generated site in a process of its own, so the server's CPU is not charged to the crawler being measured. */
import { startTestServer } from '../../test/helpers/server.js';
import { generatedSite } from '../../test/crawl/generated-site.js';

const articles = Number(process.argv[2] ?? 10_000);
const perListing = Number(process.argv[3] ?? 50);
const latencyMs = Number(process.argv[4] ?? 0);
const server = await startTestServer({ '*': generatedSite({ articles, perListing, latencyMs }) });
process.stdout.write(`${server.origin}\n`);
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));

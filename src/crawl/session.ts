import { HttpClient } from '../fetch/http.js';
import { HostScheduler } from '../fetch/politeness.js';
import { RobotsCache } from '../fetch/robots.js';
import type { Archive } from '../store/archive.js';
import type { CrawlDefinition } from '../store/types.js';
import { Crawler, type CrawlStats, type PageEvent } from './crawler.js';
import { createPageExtractor } from './extract-pool.js';
import { FrontierLastmods } from './lastmod.js';
import { SiteKnowledge } from './site-knowledge.js';
import type { SiteProfiles } from '../sites/profiles.js';
import { applyLearnedBoilerplate } from '../sites/refresh.js';

export interface SessionHooks {
  /** `--sites FILE`: per-site extraction rules and crawl patterns for this run. */
  profiles?: SiteProfiles;
  signal?: AbortSignal;
  onPage?(event: PageEvent): void;
  /** Called once the crawler exists, so a progress display can read its live stats. */
  onStart?(crawler: Crawler): void;
}

/**
 * One run of a recorded crawl (`crawl` or `sync`): builds the fetch stage from the crawl's settings
 * (one keep-alive client, per-host politeness, robots.txt unless ignored), runs the crawler on the
 * archive's frontier, and records the run. The caller holds the archive's writer lock.
 */
export async function runRecordedCrawl(
  archive: Archive,
  crawl: Pick<CrawlDefinition, 'id' | 'seeds' | 'settings'>,
  mode: 'crawl' | 'sync',
  hooks: SessionHooks = {},
): Promise<CrawlStats> {
  const { settings } = crawl;
  const hosts = new HostScheduler({ perHost: settings.perHost, delayMs: settings.delayMs });
  const client = new HttpClient({
    timeoutMs: settings.timeoutMs,
    maxBytes: settings.maxBytes,
    retries: settings.retries,
    userAgent: settings.userAgent,
    connections: settings.perHost,
    // A 429/503 Retry-After is the host asking for a pause: hold every request to it, not only the one that got it.
    onRetryAfter: (url, ms) => hosts.pause(url, ms),
  });
  const robots = settings.ignoreRobots ? null : new RobotsCache(client, { userAgent: settings.userAgent, hosts });
  const extractor = createPageExtractor();
  const sites = new SiteKnowledge(archive.db, hooks.profiles);
  const crawler = new Crawler(
    {
      store: archive,
      fetcher: client,
      hosts,
      robots,
      lastmods: new FrontierLastmods(archive.db),
      sites,
      extractor,
      transaction: (write) => archive.db.transaction(write)(),
    },
    { crawlId: crawl.id, seeds: crawl.seeds, settings, mode, signal: hooks.signal, onPage: hooks.onPage },
  );
  hooks.onStart?.(crawler);
  const startedAt = new Date().toISOString();
  let stats: CrawlStats;
  try {
    stats = await crawler.crawl();
  } finally {
    await Promise.all([client.close(), extractor.close()]);
  }
  // Pages stored before a site's boilerplate was learned (the first of a crawl) are cleaned now, from their raw HTML.
  for (const site of sites.sitesSeen()) applyLearnedBoilerplate(archive, site, { profiles: hooks.profiles });
  archive.markCrawlRun(crawl.id, startedAt);
  archive.logRun({ crawlId: crawl.id, command: mode, startedAt, finishedAt: new Date().toISOString(), stats: { ...stats } });
  return stats;
}

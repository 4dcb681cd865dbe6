import { setTimeout as sleep } from 'node:timers/promises';
import pLimit from 'p-limit';
import { EXTRACTOR_VERSION } from '../article.js';
import { reasonOf } from '../errors.js';
import { FetchError, type Fetcher, type FetchResult } from '../fetch/types.js';
import type { HostScheduler } from '../fetch/politeness.js';
import type { RobotsCache } from '../fetch/robots.js';
import { normalizeUrl } from '../normalize/url.js';
import type { CrawlSettings, CrawlStore, DiscoveredUrl, FrontierItem, PageCompletion, SaveOutcome, Validators } from '../store/types.js';
import { detectDocument, feedLinks, pageLinks, sitemapLinks, TooLargeError, type DiscoveryRules } from './discover.js';
import { inlineExtractor, type PageExtractor } from './extract-pool.js';
import { UrlFilter } from './scope.js';
import type { FrontierLastmods } from './lastmod.js';
import type { SiteKnowledge } from './site-knowledge.js';

/** What the crawler needs of robots.txt handling: RobotsCache, or a stand-in in tests. */
export type RobotsPolicy = Pick<RobotsCache, 'isAllowed' | 'sitemaps'>;

export interface CrawlerDeps {
  store: CrawlStore;
  fetcher: Fetcher;
  hosts: Pick<HostScheduler, 'schedule'>;
  /** Absent with --ignore-robots. */
  robots: RobotsPolicy | null;
  /** Sync: finishes sitemap and feed entries whose date has not moved (see lastmod.ts). */
  lastmods?: FrontierLastmods;
  /** Site memory and profiles: boilerplate learned per host, `--sites` rules and crawl patterns. */
  sites?: SiteKnowledge;
  /** Decode + extract of fetched pages (a worker pool in the CLI); inline when absent. */
  extractor?: PageExtractor;
  /**
   * Runs `write` in one archive transaction, for several completed pages at once (each page's own
   * transaction nests inside it). Absent: each page is written on its own.
   */
  transaction?<T>(write: () => T): T;
}

export interface CrawlRun {
  crawlId: number;
  seeds: string[];
  settings: CrawlSettings;
  /** `sync` revisits every finished URL with conditional requests; `crawl` resumes where the frontier stands. */
  mode: 'crawl' | 'sync';
  /** Aborting stops claiming new pages; pages in flight finish (or are cut) and the rest stays queued. */
  signal?: AbortSignal;
  onPage?(event: PageEvent): void;
}

/** What a visited frontier item turned into. */
export type PageKindSeen = 'article' | 'listing' | 'sitemap' | 'feed' | 'other';

/** One line of the crawl log (`--log-format`). */
export interface PageEvent {
  url: string;
  /** Final URL after redirects, when fetched. */
  finalUrl: string | null;
  status: number | null;
  state: PageCompletion['state'];
  kind: PageKindSeen | null;
  /** What the archive did with an article (new, updated, unchanged, duplicate). */
  outcome: SaveOutcome | null;
  note: string | null;
  bytes: number;
  ms: number;
  links: number;
}

export interface CrawlStats {
  /** Frontier items visited in this run (fetched, or decided without fetching). */
  visited: number;
  fetched: number;
  new: number;
  updated: number;
  unchanged: number;
  duplicate: number;
  /** Listing, home, tag, sitemap and feed pages: followed, not stored. */
  followed: number;
  /** 304 answers and sitemap entries whose lastmod has not moved. */
  notModified: number;
  failed: number;
  skipped: number;
}

/**
 * Claimed items beyond the global concurrency, per concurrency slot: items waiting on a slow host's delay
 * must not leave slots idle that another host's pages could use. Bounded, so memory stays flat.
 */
const CLAIM_AHEAD_FACTOR = 2;

/**
 * Completed pages written together in one transaction: a commit per page cost more than the page's own rows
 * (WAL frames of the same index pages written again and again, a full-text index segment per commit). A kill
 * loses at most the unwritten batch, whose items are still in flight in the frontier and are fetched again on
 * resume: nothing written is refetched, nothing written is lost. The age bound keeps slow crawls' writes,
 * progress and log lines close to real time.
 */
const WRITE_BATCH_PAGES = 32;
const WRITE_BATCH_MS = 250;

interface CompletedPage {
  item: FrontierItem;
  completion: PageCompletion;
  event: PageEvent;
}

/**
 * Crawls one recorded crawl from its frontier in the archive. The frontier is never loaded: items are
 * claimed in small batches and each finishes with one `completePage` transaction (article + links +
 * validators + state), so a kill at any moment loses nothing stored and refetches nothing stored.
 */
export class Crawler {
  readonly stats: CrawlStats = {
    visited: 0, fetched: 0, new: 0, updated: 0, unchanged: 0, duplicate: 0,
    followed: 0, notModified: 0, failed: 0, skipped: 0,
  };
  private readonly rules: DiscoveryRules;
  private readonly limit: ReturnType<typeof pLimit>;
  private readonly extractor: PageExtractor;
  /** Completed pages not yet written, oldest first; `writeDue` resolves when the oldest is WRITE_BATCH_MS old. */
  private unwritten: CompletedPage[] = [];
  private writeDue: Promise<void> | null = null;
  private unwrittenSince = 0;

  constructor(
    private readonly deps: CrawlerDeps,
    private readonly run: CrawlRun,
  ) {
    const { settings, seeds } = run;
    this.rules = {
      filter: new UrlFilter({ scope: settings.scope, seeds, include: settings.include, exclude: settings.exclude }),
      maxDepth: settings.depth,
      siteFilter: deps.sites,
    };
    this.limit = pLimit(settings.concurrency);
    this.extractor = deps.extractor ?? inlineExtractor;
  }

  async crawl(): Promise<CrawlStats> {
    const { store } = this.deps;
    const { crawlId, seeds, settings, mode, signal } = this.run;
    store.requeueInFlight(crawlId);
    if (mode === 'sync') store.requeueFinished(crawlId);
    const seedItems = seeds.flatMap((seed) => {
      const url = normalizeUrl(seed);
      return url ? [{ url, depth: 0, kind: 'page' as const }] : [];
    });
    store.enqueue(crawlId, seedItems);

    const running = new Set<Promise<void>>();
    const held: FrontierItem[] = [];
    const budget = settings.maxPages ?? Infinity;
    let claimed = 0;
    // Claiming is a write transaction: the window is refilled a few items at a time, not one per finished page.
    const claimBatch = Math.ceil(settings.concurrency / 2);
    /**
     * Sync reads the sitemaps and feeds (depth 0: seeds, robots.txt sitemaps, index children) before anything
     * else, so entries whose lastmod has not moved are finished before they are claimed. Deeper items claimed
     * meanwhile wait, and go back to the queue once depth 0 is done (to be claimed again, maybe finished).
     */
    let depthZeroPhase = mode === 'sync';
    for (;;) {
      // Nothing running: the unwritten pages' links may be all the work left (and depth 0 must be written
      // before in-flight items are requeued).
      const unwritten = this.unwritten.length;
      if (unwritten >= WRITE_BATCH_PAGES || (unwritten > 0 && (running.size === 0 || Date.now() - this.unwrittenSince >= WRITE_BATCH_MS))) {
        this.writeCompleted();
      }
      const capacity = settings.concurrency * CLAIM_AHEAD_FACTOR - running.size - held.length;
      const room = Math.min(capacity, budget - claimed);
      if (room > 0 && (capacity >= claimBatch || running.size === 0) && !signal?.aborted) {
        let items = store.claim(crawlId, room);
        // The queue ran short: the links of the unwritten pages are the next work, so write them now.
        if (items.length < room && this.unwritten.length > 0) {
          this.writeCompleted();
          items = [...items, ...store.claim(crawlId, room - items.length)];
        }
        claimed += items.length;
        held.push(...items);
      }
      for (const item of depthZeroPhase ? held.filter((i) => i.depth === 0) : held) {
        const task = this.visit(item).finally(() => running.delete(task));
        running.add(task);
      }
      if (depthZeroPhase) {
        const deeper = held.filter((i) => i.depth > 0);
        held.length = 0;
        held.push(...deeper);
        if (running.size === 0) {
          depthZeroPhase = false;
          if (held.length > 0) {
            claimed -= held.length;
            held.length = 0;
            store.requeueInFlight(crawlId);
          }
          continue;
        }
      } else {
        held.length = 0;
      }
      if (running.size === 0) break;
      await Promise.race(this.writeDue ? [...running, this.writeDue] : running);
    }
    // Items claimed but never started (a stop or the page budget) go back to the queue for the next run.
    store.requeueInFlight(crawlId);
    return this.stats;
  }

  private async visit(item: FrontierItem): Promise<void> {
    const started = Date.now();
    const event: PageEvent = { url: item.url, finalUrl: null, status: null, state: 'done', kind: null, outcome: null, note: null, bytes: 0, ms: 0, links: 0 };
    let completion: PageCompletion;
    try {
      completion = await this.process(item, event);
    } catch (err) {
      // A stop cut this request: the item stays in flight and goes back to the queue, not to `failed`.
      if (this.run.signal?.aborted) return;
      completion = { state: 'failed', note: failureNote(err) };
    }
    event.ms = Date.now() - started;
    if (this.unwritten.length === 0) {
      this.unwrittenSince = Date.now();
      this.writeDue = sleep(WRITE_BATCH_MS, undefined, { ref: false });
    }
    this.unwritten.push({ item, completion, event });
  }

  /** Writes the completed pages (each with its article, links, validators and state) in one transaction. */
  private writeCompleted(): void {
    const batch = this.unwritten;
    this.unwritten = [];
    this.writeDue = null;
    const { store, sites } = this.deps;
    const write = (): ReturnType<CrawlStore['completePage']>[] =>
      batch.map(({ item, completion }) => {
        const result = store.completePage(item, completion);
        if (result.articleId !== null && completion.article?.blockFingerprints) {
          sites?.recordStoredPage(completion.article.record.url, result.articleId, completion.article.blockFingerprints);
        }
        return result;
      });
    const results = this.deps.transaction ? this.deps.transaction(write) : write();
    batch.forEach(({ completion, event }, i) => {
      event.state = completion.state;
      event.note = completion.note ?? null;
      event.outcome = results[i].outcome;
      this.count(event, completion);
      this.run.onPage?.(event);
    });
  }

  private count(event: PageEvent, completion: PageCompletion): void {
    const { stats } = this;
    stats.visited++;
    if (event.status !== null) stats.fetched++;
    if (completion.state === 'failed') stats.failed++;
    else if (completion.state === 'skipped') stats.skipped++;
    else if (event.outcome) stats[event.outcome]++;
    else if (event.kind === 'listing' || event.kind === 'sitemap' || event.kind === 'feed') stats.followed++;
    if (event.status === 304) stats.notModified++;
  }

  /** Fetches and classifies one item; returns how it ends. Throws only for fetch failures. */
  private async process(item: FrontierItem, event: PageEvent): Promise<PageCompletion> {
    const { store, robots, hosts, fetcher } = this.deps;
    const { mode, settings, signal } = this.run;
    if (robots && !(await robots.isAllowed(item.url))) return { state: 'skipped', note: 'robots' };
    if (mode === 'crawl' && item.kind === 'page' && store.hasArticle(item.url)) return { state: 'done', note: 'already archived' };

    const headers = conditionalHeaders(store.getValidators(item.url));
    // A seed may be a sitemap or feed, and sitemap/feed items are XML: only links found in pages must be HTML.
    const anyContentType = item.depth === 0 || item.kind !== 'page';
    const res = await hosts.schedule(
      item.url,
      () => this.limit(() => fetcher.fetch({ url: item.url, headers, anyContentType, signal })),
      signal,
    );
    event.status = res.status;
    event.finalUrl = res.url;
    event.bytes = res.body.byteLength;
    const validators = validatorsOf(res, item);
    if (res.status === 304) return { state: 'done', note: 'not modified', validators };
    if (res.truncated) return { state: 'failed', note: 'too-large' };

    const detected = detectDocument(res.body, res.contentType, res.url, settings.maxBytes);
    const from = { ...item, url: res.url };
    let links: DiscoveredUrl[];
    switch (detected.kind) {
      case 'sitemap':
        event.kind = 'sitemap';
        links = sitemapLinks(detected.sitemap, from, this.rules);
        this.applyLastmods(links);
        return this.followed(event, links, `sitemap (${detected.sitemap.entries.length} entries)`);
      case 'feed':
        event.kind = 'feed';
        links = feedLinks(detected.entries, from, this.rules);
        this.applyLastmods(links);
        return this.followed(event, links, `feed (${detected.entries.length} entries)`);
      case 'other':
        event.kind = 'other';
        return { state: 'skipped', note: detected.reason, validators };
      case 'html':
        break;
    }

    const { charset, extraction, rawHtmlCompressed, textFingerprint } = await this.extractor.extract(
      res.body,
      res.contentType,
      { url: res.url, ...this.deps.sites?.extractOptionsFor(res.url) },
      { compressHtml: settings.storeHtml },
    );
    links = pageLinks(extraction.links, from, this.rules);
    if (item.depth === 0 && robots && isSiteRoot(item.url)) links.push(...(await this.robotsSitemaps(item.url)));
    if (!extraction.isArticle) {
      event.kind = 'listing';
      return this.followed(event, links, `not an article: ${extraction.pageKindReason}`, validators);
    }
    event.kind = 'article';
    event.links = links.length;
    return {
      state: 'done',
      links,
      validators,
      article: {
        record: extraction.record,
        aliases: [item.url, res.requestedUrl, ...res.redirects],
        fetchedAt: new Date().toISOString(),
        httpStatus: res.status,
        charset,
        extractorVersion: EXTRACTOR_VERSION,
        rawHtml: settings.storeHtml ? res.body : null,
        rawHtmlCompressed,
        textFingerprint,
        blockFingerprints: extraction.blockFingerprints,
      },
    };
  }

  /**
   * Sitemaps and feeds are called without validators: a 304 would hide the entries' lastmods, which are what
   * lets sync skip the unchanged pages (many requests saved for one).
   */
  private followed(event: PageEvent, links: DiscoveredUrl[], note: string, validators?: Partial<Validators>): PageCompletion {
    event.links = links.length;
    return { state: 'done', note, links, validators };
  }

  private applyLastmods(entries: DiscoveredUrl[]): void {
    if (this.run.mode === 'sync' && this.deps.lastmods) this.stats.notModified += this.deps.lastmods.apply(this.run.crawlId, entries);
  }

  /** A home-page seed means "this site": its robots.txt `Sitemap:` lines list what the site wants found. */
  private async robotsSitemaps(url: string): Promise<DiscoveredUrl[]> {
    const sitemaps = (await this.deps.robots?.sitemaps(url)) ?? [];
    return sitemaps.flatMap((sitemap) => {
      const normalized = normalizeUrl(sitemap, url);
      return normalized && this.rules.filter.accepts(normalized) ? [{ url: normalized, depth: 0, kind: 'sitemap' as const }] : [];
    });
  }
}

function isSiteRoot(url: string): boolean {
  return new URL(url).pathname === '/';
}

function conditionalHeaders(validators: Validators | null): Record<string, string> {
  const headers: Record<string, string> = {};
  if (validators?.etag) headers['if-none-match'] = validators.etag;
  if (validators?.lastModified) headers['if-modified-since'] = validators.lastModified;
  return headers;
}

/** The lastmod the item was discovered with is recorded too, for sync to compare with the next sitemap. */
function validatorsOf(res: FetchResult, item: FrontierItem): Partial<Validators> {
  const validators: Partial<Validators> = {};
  if (item.lastmod) validators.sitemapLastmod = item.lastmod;
  if (res.headers.etag) validators.etag = res.headers.etag;
  if (res.headers['last-modified']) validators.lastModified = res.headers['last-modified'];
  return validators;
}

/** Short, stable reasons for the frontier's note column and the log ("http 404", "timeout", "too-large"). */
function failureNote(err: unknown): string {
  if (err instanceof TooLargeError) return 'too-large';
  if (err instanceof FetchError) return err.kind === 'http-status' && err.status ? `http ${err.status}` : err.kind;
  return reasonOf(err);
}

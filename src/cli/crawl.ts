import { setMaxListeners } from 'node:events';
import { Command, Option } from 'commander';
import { UserError } from '../errors.js';
import { DEFAULT_HTTP_OPTIONS } from '../fetch/http.js';
import { normalizeUrl } from '../normalize/url.js';
import { Archive, resolveDbPath } from '../store/archive.js';
import type { CrawlDefinition, CrawlSettings } from '../store/types.js';
import type { Crawler, CrawlStats, PageEvent } from '../crawl/crawler.js';
import { loadSiteProfiles, type SiteProfiles } from '../sites/profiles.js';
import { formatDuration, formatLogLine, ProgressBar, type LogFormat } from './progress.js';
import { integerAtLeast, parseSimilarity } from './options.js';

/** SPEC defaults of `newsarc crawl`. */
export const DEFAULT_CRAWL_SETTINGS: CrawlSettings = {
  depth: 2,
  maxPages: null,
  concurrency: 8,
  perHost: 2,
  delayMs: 1000,
  scope: 'host',
  include: [],
  exclude: [],
  timeoutMs: DEFAULT_HTTP_OPTIONS.timeoutMs,
  retries: DEFAULT_HTTP_OPTIONS.retries,
  maxBytes: DEFAULT_HTTP_OPTIONS.maxBytes,
  userAgent: DEFAULT_HTTP_OPTIONS.userAgent,
  ignoreRobots: false,
  storeHtml: true,
};

/** How often the progress bar re-counts the frontier (one indexed GROUP BY) at most. */
const PROGRESS_INTERVAL_MS = 500;
/** Exit code of a run stopped with Ctrl-C (128 + SIGINT), as shells report it. */
const INTERRUPTED_EXIT_CODE = 130;

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Command-line option names → CrawlSettings fields; sync takes the same flags as overrides. */
const SETTING_OF_OPTION = {
  depth: 'depth',
  maxPages: 'maxPages',
  concurrency: 'concurrency',
  perHost: 'perHost',
  delay: 'delayMs',
  scope: 'scope',
  include: 'include',
  exclude: 'exclude',
  timeout: 'timeoutMs',
  retries: 'retries',
  maxBytes: 'maxBytes',
  userAgent: 'userAgent',
  ignoreRobots: 'ignoreRobots',
  storeHtml: 'storeHtml',
} as const satisfies Record<string, keyof CrawlSettings>;

/** The crawl flags of SPEC.md plus output flags; shared by `crawl` and `sync` (where they override). */
export function addCrawlOptions(command: Command): Command {
  const d = DEFAULT_CRAWL_SETTINGS;
  return command
    .option('--db <path>', 'archive file (default: $NEWSARC_DB, else ./newsarc.db)')
    .option('--dup-threshold <x>', 'similarity (0-1) from which two articles are one story; remembered by the archive (default 0.8)', parseSimilarity)
    .option('--depth <n>', `link hops from a seed; sitemap and feed entries count as 1 (default ${d.depth})`, integerAtLeast(0))
    .option('--max-pages <n>', 'stop after fetching this many pages', integerAtLeast(1))
    .option('--concurrency <n>', `requests in flight at most (default ${d.concurrency})`, integerAtLeast(1))
    .option('--per-host <n>', `requests in flight to one host at most (default ${d.perHost})`, integerAtLeast(1))
    .option('--delay <ms>', `minimum gap between requests to one host; robots.txt Crawl-delay raises it (default ${d.delayMs})`, integerAtLeast(0))
    .addOption(new Option('--scope <scope>', `which links to follow (default ${d.scope})`).choices(['host', 'domain', 'prefix', 'any']))
    .option('--include <regex>', 'follow only URLs matching (repeatable)', collect)
    .option('--exclude <regex>', 'never follow URLs matching (repeatable)', collect)
    .option('--timeout <ms>', `per-request timeout (default ${d.timeoutMs})`, integerAtLeast(1))
    .option('--retries <n>', `retries on network errors, 5xx and 429, with backoff (default ${d.retries})`, integerAtLeast(0))
    .option('--max-bytes <n>', `largest body kept; larger pages fail as too-large (default ${d.maxBytes})`, integerAtLeast(1))
    .option('--user-agent <string>', `User-Agent header (default "${d.userAgent}")`)
    .option('--ignore-robots', 'do not fetch or obey robots.txt')
    .option('--no-store-html', 'do not keep the raw HTML (it is stored compressed by default, for reextract)')
    .option('--sites <file>', 'site profiles (YAML or JSON): per-site extraction rules and crawl patterns for this run')
    .option('--quiet', 'no progress bar, log lines or summary')
    .option('--verbose', 'print the summary even without a terminal')
    .addOption(new Option('--log-format <format>', 'print one line per fetched page on stderr').choices(['text', 'json']));
}

/** The settings given on the command line (not defaults), for `crawl` over its defaults or `sync` over the recorded ones. */
export async function settingsOverrides(command: Command): Promise<Partial<CrawlSettings>> {
  const options = command.opts();
  const overrides: Partial<CrawlSettings> = {};
  for (const [option, setting] of Object.entries(SETTING_OF_OPTION)) {
    if (command.getOptionValueSource(option) === 'cli') Object.assign(overrides, { [setting]: options[option] });
  }
  // A bad regex is bad usage, reported before anything is fetched. The crawl machinery (and its public-suffix list)
  // is loaded only by the commands that crawl, and only once their options are read.
  const { UrlFilter } = await import('../crawl/scope.js');
  new UrlFilter({ scope: 'any', seeds: [], include: overrides.include ?? [], exclude: overrides.exclude ?? [] });
  return overrides;
}

export interface OutputOptions {
  quiet?: boolean;
  verbose?: boolean;
  logFormat?: LogFormat;
}

export interface RunOptions extends OutputOptions {
  db?: string;
  sites?: string;
  dupThreshold?: number;
}

/**
 * Opens the archive for writing and takes its lock (a second crawl or sync fails with exit 1). Sync passes
 * `create: false`: a mistyped --db must not leave an empty archive behind.
 */
export function openLockedArchive(dbOption: string | undefined, options: { create?: boolean; dupThreshold?: number } = {}): Archive {
  const archive = Archive.open(resolveDbPath(dbOption), options);
  try {
    archive.lock();
  } catch (err) {
    archive.close();
    throw err;
  }
  return archive;
}

export interface RunTotals {
  stats: CrawlStats;
  ms: number;
  interrupted: boolean;
}

/**
 * Runs recorded crawls with the operator's output: log lines on stderr with `--log-format`, else a
 * progress bar on a terminal; Ctrl-C stops claiming pages, lets the run record
 * itself, and leaves the rest queued for the next run.
 */
export async function runWithOutput(
  archive: Archive,
  crawls: Pick<CrawlDefinition, 'id' | 'seeds' | 'settings'>[],
  mode: 'crawl' | 'sync',
  output: OutputOptions,
  profiles?: SiteProfiles,
): Promise<RunTotals> {
  const logFormat = output.quiet ? null : (output.logFormat ?? null);
  const bar = output.quiet || logFormat ? null : new ProgressBar(mode);
  const stop = new AbortController();
  // Every request in flight listens to the stop signal: with --concurrency 8 that is more than Node's warning threshold.
  setMaxListeners(0, stop.signal);
  const onSigint = (): void => {
    if (stop.signal.aborted) process.exit(INTERRUPTED_EXIT_CODE);
    stop.abort(new Error('interrupted'));
  };
  process.on('SIGINT', onSigint);
  const started = Date.now();
  const totals = emptyStats();
  const { runRecordedCrawl } = await import('../crawl/session.js');
  try {
    for (const crawl of crawls) {
      let crawler: Crawler | null = null;
      let lastDraw = 0;
      const onPage = (event: PageEvent): void => {
        if (logFormat) process.stderr.write(formatLogLine(logFormat, pageLogFields(event)));
        const now = Date.now();
        if (bar?.active && crawler && now - lastDraw >= PROGRESS_INTERVAL_MS) {
          lastDraw = now;
          const counts = archive.frontierCounts(crawl.id);
          const done = totals.visited + crawler.stats.visited;
          bar.update(done, done + counts.queued + counts['in-flight'], { queued: counts.queued, failed: totals.failed + crawler.stats.failed });
        }
      };
      const stats = await runRecordedCrawl(archive, crawl, mode, { profiles, signal: stop.signal, onPage, onStart: (c) => (crawler = c) });
      for (const key of Object.keys(totals) as (keyof CrawlStats)[]) totals[key] += stats[key];
      if (stop.signal.aborted) break;
    }
  } finally {
    bar?.stop();
    process.off('SIGINT', onSigint);
  }
  return { stats: totals, ms: Date.now() - started, interrupted: stop.signal.aborted };
}

function emptyStats(): CrawlStats {
  return { visited: 0, fetched: 0, new: 0, updated: 0, unchanged: 0, duplicate: 0, followed: 0, notModified: 0, failed: 0, skipped: 0 };
}

function pageLogFields(e: PageEvent): Record<string, string | number | null> {
  return {
    status: e.status,
    state: e.state,
    kind: e.kind,
    outcome: e.outcome,
    url: e.url,
    final: e.finalUrl !== e.url ? e.finalUrl : null,
    ms: e.ms,
    bytes: e.bytes,
    links: e.links,
    note: e.note,
  };
}

/** The one-line summary: on stdout on a terminal or with --verbose; never with --quiet. */
export function printSummary(mode: 'crawl' | 'sync', totals: RunTotals, output: OutputOptions): void {
  if (output.quiet || !(process.stdout.isTTY || output.verbose)) return;
  const s = totals.stats;
  const rate = totals.ms > 0 ? (s.fetched / (totals.ms / 1000)).toFixed(1) : '0';
  process.stdout.write(
    `${mode}${totals.interrupted ? ' (interrupted)' : ''}: ${s.fetched} pages fetched in ${formatDuration(totals.ms)} (${rate}/s): ` +
      `${s.new} new, ${s.updated} updated, ${s.unchanged} unchanged, ${s.duplicate} duplicate articles; ` +
      `${s.followed} followed, ${s.notModified} not modified, ${s.failed} failed, ${s.skipped} skipped\n`,
  );
}

export function exitCodeOf(totals: RunTotals): number {
  return totals.interrupted ? INTERRUPTED_EXIT_CODE : 0;
}

function checkedSeed(seed: string): string {
  const url = normalizeUrl(seed);
  if (url === null) throw new UserError(`not an http(s) URL: ${seed}`, 2);
  return url;
}

export function registerCrawl(program: Command): void {
  addCrawlOptions(
    program
      .command('crawl')
      .description('crawl from seed URLs (articles, listing pages, sitemaps, feeds) into the archive')
      .argument('<seed...>', 'URLs to start from'),
  ).action(async (seeds: string[], options: RunOptions, command: Command) => {
    const settings: CrawlSettings = { ...DEFAULT_CRAWL_SETTINGS, ...(await settingsOverrides(command)) };
    const checkedSeeds = seeds.map(checkedSeed);
    const profiles = options.sites ? await loadSiteProfiles(options.sites) : undefined;
    const archive = openLockedArchive(options.db, { dupThreshold: options.dupThreshold });
    try {
      const id = archive.saveCrawl(checkedSeeds, settings);
      const totals = await runWithOutput(archive, [{ id, seeds: checkedSeeds, settings }], 'crawl', options, profiles);
      printSummary('crawl', totals, options);
      process.exitCode = exitCodeOf(totals);
    } finally {
      archive.close();
    }
  });
}

/**
 * robots.txt after RFC 9309, parsed by robots-parser: fetched once per origin and kept for the run. What a
 * failed fetch means follows the RFC: "unavailable" (4xx) allows everything, "unreachable" (5xx, network,
 * timeout) disallows everything for this run, which is how a crawler backs off a struggling site.
 */
import robotsParserModule from 'robots-parser';
import { FetchError, type Fetcher } from './types.js';
import type { HostScheduler } from './politeness.js';
import { looksLikeHtml } from './sniff.js';

/** RFC 9309 §2.5: crawlers must parse at least 500 KiB; beyond that a file may be cut. */
export const ROBOTS_MAX_BYTES = 500 * 1024;

/**
 * A Crawl-delay of hours (seen on hobby sites that mean "go away") would stall the crawl; past this cap we
 * still crawl, slowly. `--ignore-robots` or a per-site run is the user's way out.
 */
const MAX_CRAWL_DELAY_MS = 60_000;

/**
 * robots-parser's typings declare an ES default export, but the package is CommonJS (`module.exports = fn`): under
 * NodeNext the default import is that function itself, which TypeScript types as the module.
 */
const robotsParser = robotsParserModule as unknown as typeof robotsParserModule.default;
type Robot = ReturnType<typeof robotsParser>;

/** What robots.txt of one origin says, after fetching. */
export type RobotsVerdict =
  | { kind: 'rules'; robot: Robot }
  | { kind: 'allow-all'; reason: string }
  | { kind: 'disallow-all'; reason: string };

export interface RobotsOptions {
  /** The crawl's User-Agent; its product token (`newsarc`) selects the robots.txt group. */
  userAgent: string;
  /** When given, robots.txt requests take their turn with the host, and Crawl-delay raises its gap. */
  hosts?: HostScheduler;
}

export class RobotsCache {
  private readonly verdicts = new Map<string, Promise<RobotsVerdict>>();
  private readonly token: string;

  constructor(
    private readonly fetcher: Fetcher,
    private readonly options: RobotsOptions,
  ) {
    this.token = productToken(options.userAgent);
  }

  /** May we fetch this URL? robots.txt itself is always allowed (RFC 9309 §2.2.2 implicitly). */
  async isAllowed(url: string): Promise<boolean> {
    const parsed = URL.canParse(url) ? new URL(url) : null;
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) return false;
    if (parsed.pathname === '/robots.txt') return true;
    const verdict = await this.verdictFor(url);
    switch (verdict.kind) {
      case 'allow-all':
        return true;
      case 'disallow-all':
        return false;
      case 'rules':
        return verdict.robot.isAllowed(url, this.token) ?? true;
    }
  }

  /** Crawl-delay for our group in ms (capped), or null when robots.txt sets none. */
  async crawlDelayMs(url: string): Promise<number | null> {
    return crawlDelayOf(await this.verdictFor(url), this.token);
  }

  /** `Sitemap:` lines of the URL's origin, as absolute URLs. */
  async sitemaps(url: string): Promise<string[]> {
    const verdict = await this.verdictFor(url);
    if (verdict.kind !== 'rules') return [];
    const base = robotsUrlOf(url);
    return verdict.robot.getSitemaps().flatMap((line: string) => {
      try {
        return [new URL(line, base).href];
      } catch {
        return [];
      }
    });
  }

  /** The verdict for the URL's origin, fetched on first use; concurrent callers share one request. */
  private verdictFor(url: string): Promise<RobotsVerdict> {
    const origin = new URL(url).origin;
    let verdict = this.verdicts.get(origin);
    if (!verdict) {
      verdict = this.load(robotsUrlOf(url));
      this.verdicts.set(origin, verdict);
      // Only a fetch outcome is a verdict; anything else (an abort) must not stick to the origin for the run.
      verdict.catch(() => this.verdicts.delete(origin));
    }
    return verdict;
  }

  private async load(robotsUrl: string): Promise<RobotsVerdict> {
    const { hosts } = this.options;
    const fetchRobots = () => this.fetcher.fetch({ url: robotsUrl, anyContentType: true, maxBytes: ROBOTS_MAX_BYTES });
    let verdict: RobotsVerdict;
    try {
      const result = await (hosts ? hosts.schedule(robotsUrl, fetchRobots) : fetchRobots());
      verdict = verdictOfBody(robotsUrl, result.body, result.truncated);
    } catch (err) {
      verdict = verdictOfFailure(err);
    }
    const delay = crawlDelayOf(verdict, this.token);
    if (hosts && delay !== null) hosts.raiseDelay(robotsUrl, delay);
    return verdict;
  }
}

/** `https://example.com:8443/a/b?c` → `https://example.com:8443/robots.txt` */
export function robotsUrlOf(url: string): string {
  return new URL('/robots.txt', url).href;
}

/** `newsarc/0.1 (+https://github.com/newsarc)` → `newsarc`: robots.txt groups name product tokens (RFC 9309 §2.2.1). */
export function productToken(userAgent: string): string {
  return /^[A-Za-z_-]+/.exec(userAgent.trim())?.[0] ?? '*';
}

function verdictOfBody(robotsUrl: string, body: Uint8Array, truncated: boolean): RobotsVerdict {
  // A site without robots.txt often answers 200 with its home or error page: HTML holds no rules for us.
  if (looksLikeHtml(body)) return { kind: 'allow-all', reason: 'robots.txt is an HTML page' };
  let text = new TextDecoder('utf-8').decode(body);
  // A cut file keeps only whole lines, so the last rule is not half a path.
  if (truncated) text = text.slice(0, text.lastIndexOf('\n') + 1);
  return { kind: 'rules', robot: robotsParser(robotsUrl, text) };
}

function verdictOfFailure(err: unknown): RobotsVerdict {
  if (!(err instanceof FetchError)) throw err;
  switch (err.kind) {
    case 'http-status':
      // 429 is a server asking us to slow down, not a missing file: treat it as unreachable, as Google does.
      if (err.status !== undefined && err.status >= 400 && err.status < 500 && err.status !== 429) {
        return { kind: 'allow-all', reason: `robots.txt unavailable (HTTP ${err.status})` };
      }
      return { kind: 'disallow-all', reason: `robots.txt unreachable (HTTP ${err.status})` };
    case 'too-many-redirects':
    case 'redirect-loop':
    case 'bad-url':
      // RFC 9309 §2.3.1.2: a robots.txt lost in redirects may be treated as unavailable.
      return { kind: 'allow-all', reason: `robots.txt unavailable (${err.kind})` };
    default:
      return { kind: 'disallow-all', reason: `robots.txt unreachable (${err.kind})` };
  }
}

function crawlDelayOf(verdict: RobotsVerdict, token: string): number | null {
  if (verdict.kind !== 'rules') return null;
  const seconds = verdict.robot.getCrawlDelay(token);
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return null;
  return Math.min(seconds * 1000, MAX_CRAWL_DELAY_MS);
}

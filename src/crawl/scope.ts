import { getDomain } from 'tldts';
import type { CrawlSettings } from '../store/types.js';
import { UserError } from '../errors.js';

export type Scope = CrawlSettings['scope'];

export interface UrlFilterOptions {
  scope: Scope;
  seeds: readonly string[];
  include: readonly string[];
  exclude: readonly string[];
}

/**
 * Host with port (another port is another server); `www.` is the same site as the bare host on nearly
 * every news site, and seeds are typed either way.
 */
function siteHost(url: URL): string {
  return url.host.toLowerCase().replace(/^www\./, '');
}

/** The directory of a seed: `https://x.com/news/index.html` covers `https://x.com/news/…`. */
function prefixOf(url: URL): string {
  return url.origin + url.pathname.slice(0, url.pathname.lastIndexOf('/') + 1);
}

function compile(patterns: readonly string[], flag: string): RegExp[] {
  return patterns.map((p) => {
    try {
      return new RegExp(p);
    } catch {
      throw new UserError(`${flag}: not a valid regular expression: ${p}`, 2);
    }
  });
}

/**
 * Decides whether a discovered URL belongs to the crawl: scope relative to the seeds, then
 * `--include` (at least one must match, when given) and `--exclude` (none may match) on the absolute URL.
 * Stateless apart from the seeds, so a resumed crawl decides exactly as the first run did.
 */
export class UrlFilter {
  private readonly scope: Scope;
  private readonly hosts = new Set<string>();
  private readonly domains = new Set<string>();
  private readonly prefixes: string[] = [];
  private readonly include: RegExp[];
  private readonly exclude: RegExp[];

  constructor(options: UrlFilterOptions) {
    this.scope = options.scope;
    this.include = compile(options.include, '--include');
    this.exclude = compile(options.exclude, '--exclude');
    for (const seed of options.seeds) {
      let url: URL;
      try {
        url = new URL(seed);
      } catch {
        continue;
      }
      this.hosts.add(siteHost(url));
      this.domains.add(getDomain(url.hostname) ?? url.hostname.toLowerCase());
      this.prefixes.push(prefixOf(url));
    }
  }

  inScope(url: URL): boolean {
    switch (this.scope) {
      case 'any':
        return true;
      case 'host':
        return this.hosts.has(siteHost(url));
      case 'domain':
        return this.domains.has(getDomain(url.hostname) ?? url.hostname.toLowerCase());
      case 'prefix': {
        const href = url.href;
        return this.prefixes.some((p) => href.startsWith(p));
      }
    }
  }

  accepts(href: string): boolean {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return false;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
    if (!this.inScope(url)) return false;
    if (this.include.length > 0 && !this.include.some((re) => re.test(href))) return false;
    return !this.exclude.some((re) => re.test(href));
  }
}

/**
 * Site profiles users write (`--sites FILE`, YAML or JSON; format in docs/site-profiles.md): per host pattern,
 * selectors for body/title/date/author, blocks to remove, the site's timezone, extra label words and crawl
 * include/exclude patterns. Validated once on load so a typo fails the command up front with one line naming
 * the file, the line and the field, instead of silently extracting with the generic rules.
 */
import { readFile } from 'node:fs/promises';
import { UserError, reasonOf } from '../errors.js';
import type { SiteProfile } from '../types.js';

export interface SiteProfiles {
  /** The file they came from, as given (for messages). */
  file: string;
  profiles: readonly SiteProfile[];
}

/** Reads and validates a profile file; every problem is a UserError `FILE:LINE: FIELD: problem` (exit code 2). */
export async function loadSiteProfiles(path: string): Promise<SiteProfiles> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (err) {
    throw new UserError(`${path}: cannot read site profiles: ${reasonOf(err)}`, 2);
  }
  // The YAML reader and selector checks load only with a profile file: most runs have none.
  const { parseSiteProfiles } = await import('./profile-file.js');
  return parseSiteProfiles(source, path);
}

/**
 * The profile for a page: `example.com` matches that host and its subdomains, `*.example.com` only subdomains;
 * the most specific pattern (the longest host) wins, so `news.example.com` can refine a profile for `example.com`.
 */
export function profileFor(profiles: SiteProfiles | readonly SiteProfile[] | undefined, url: string): SiteProfile | undefined {
  const list = profiles === undefined ? [] : 'profiles' in profiles ? profiles.profiles : profiles;
  if (list.length === 0) return undefined;
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
  let best: SiteProfile | undefined;
  let bestSpecificity = -1;
  for (const profile of list) {
    const wildcard = profile.host.startsWith('*.');
    const base = wildcard ? profile.host.slice(2) : profile.host;
    if (!(hostname.endsWith(`.${base}`) || (!wildcard && hostname === base))) continue;
    // A longer host is more specific; for the same host, `*.x` (subdomains only) is narrower than `x`.
    const specificity = base.length * 2 + (wildcard ? 1 : 0);
    if (specificity > bestSpecificity) {
      best = profile;
      bestSpecificity = specificity;
    }
  }
  return best;
}

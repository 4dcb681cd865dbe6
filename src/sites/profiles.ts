/**
 * Site profiles users write (`--sites FILE`, YAML or JSON; format in docs/site-profiles.md): per host pattern,
 * selectors for body/title/date/author, blocks to remove, the site's timezone, extra label words and crawl
 * include/exclude patterns. Validated once on load so a typo fails the command up front with one line naming
 * the file, the line and the field, instead of silently extracting with the generic rules.
 */
import { readFile } from 'node:fs/promises';
import { load as loadCheerio } from 'cheerio/slim';
import { LineCounter, Scalar, isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import { UserError, reasonOf } from '../errors.js';
import { zoneOffsetAt } from '../normalize/date.js';
import type { SiteProfile } from '../types.js';

export interface SiteProfiles {
  /** The file they came from, as given (for messages). */
  file: string;
  profiles: readonly SiteProfile[];
}

type SelectorField = 'body' | 'title' | 'date' | 'author';
type LabelKey = keyof NonNullable<SiteProfile['labels']>;

const SELECTOR_FIELDS: readonly SelectorField[] = ['body', 'title', 'date', 'author'];
const LABEL_KEYS: readonly LabelKey[] = ['author', 'source', 'editor', 'date'];
const PROFILE_FIELDS = ['host', ...SELECTOR_FIELDS, 'remove', 'timezone', 'labels', 'include', 'exclude'] as const;

/** `example.com`, `news.example.co.uk`, `*.example.com`, IDN hosts (`新闻.中国`), `localhost`; no scheme, path or port. */
const HOST_PATTERN = /^(?:\*\.)?[^\s/:*?#@\\]+$/u;

/** One invalid value: where it is (for the line number) and what is wrong with it. */
class ProfileError extends Error {
  constructor(
    readonly node: Node | null,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/** Reads and validates a profile file; every problem is a UserError `FILE:LINE: FIELD: problem` (exit code 2). */
export async function loadSiteProfiles(path: string): Promise<SiteProfiles> {
  let source: string;
  try {
    source = await readFile(path, 'utf8');
  } catch (err) {
    throw new UserError(`${path}: cannot read site profiles: ${reasonOf(err)}`, 2);
  }
  return parseSiteProfiles(source, path);
}

/** Validates profile text (YAML, or JSON, which YAML 1.2 reads as well, with the same line numbers). */
export function parseSiteProfiles(source: string, file: string): SiteProfiles {
  const lines = new LineCounter();
  const doc = parseDocument(source, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const syntax = doc.errors[0];
  if (syntax) {
    const line = syntax.linePos?.[0].line ?? lines.linePos(syntax.pos[0]).line;
    throw new UserError(`${file}:${line}: ${syntax.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`, 2);
  }
  try {
    return { file, profiles: readRoot(doc.contents) };
  } catch (err) {
    if (!(err instanceof ProfileError)) throw err;
    const offset = err.node?.range?.[0];
    const where = offset === undefined ? file : `${file}:${lines.linePos(offset).line}`;
    throw new UserError(`${where}: ${err.field}: ${err.message}`, 2);
  }
}

function readRoot(root: unknown): SiteProfile[] {
  if (!isMap(root)) throw new ProfileError(asNode(root), 'file', 'expected a mapping with a "hosts" list');
  const unknown = root.items.find((pair) => scalarKey(pair.key) !== 'hosts');
  if (unknown) throw new ProfileError(asNode(unknown.key), String(scalarKey(unknown.key)), 'unknown field (expected "hosts")');
  const hosts = root.get('hosts', true);
  if (!isSeq(hosts)) throw new ProfileError(asNode(hosts) ?? asNode(root), 'hosts', 'expected a list of host profiles');
  const profiles = hosts.items.map((item, i) => readProfile(item, `hosts[${i}]`));
  const seen = new Map<string, number>();
  profiles.forEach((profile, i) => {
    const earlier = seen.get(profile.host);
    if (earlier !== undefined) {
      const hostNode = (hosts.items[i] as YAMLMap).get('host', true) as Node;
      throw new ProfileError(hostNode, `hosts[${i}].host`, `"${profile.host}" already has a profile (hosts[${earlier}])`);
    }
    seen.set(profile.host, i);
  });
  return profiles;
}

function readProfile(item: unknown, path: string): SiteProfile {
  if (!isMap(item)) throw new ProfileError(asNode(item), path, 'expected a mapping with at least "host"');
  for (const pair of item.items) {
    const key = scalarKey(pair.key);
    if (!(PROFILE_FIELDS as readonly unknown[]).includes(key)) {
      throw new ProfileError(asNode(pair.key), `${path}.${String(key)}`, `unknown field (expected one of ${PROFILE_FIELDS.join(', ')})`);
    }
  }
  const hostNode = item.get('host', true) as Node | undefined;
  if (hostNode === undefined) throw new ProfileError(item, `${path}.host`, 'missing (every profile names the host it applies to)');
  const profile: SiteProfile = { host: readHost(hostNode, `${path}.host`) };
  for (const field of SELECTOR_FIELDS) {
    const node = item.get(field, true) as Node | undefined;
    if (node !== undefined) profile[field] = readSelector(node, `${path}.${field}`);
  }
  const remove = item.get('remove', true) as Node | undefined;
  if (remove !== undefined) profile.remove = readList(remove, `${path}.remove`, readSelector);
  const timezone = item.get('timezone', true) as Node | undefined;
  if (timezone !== undefined) profile.timezone = readTimezone(timezone, `${path}.timezone`);
  const labels = item.get('labels', true) as Node | undefined;
  if (labels !== undefined) profile.labels = readLabels(labels, `${path}.labels`);
  for (const field of ['include', 'exclude'] as const) {
    const node = item.get(field, true) as Node | undefined;
    if (node !== undefined) profile[field] = readList(node, `${path}.${field}`, readPattern);
  }
  return profile;
}

function readString(node: Node, field: string): string {
  if (!isScalar(node) || typeof node.value !== 'string' || node.value.trim() === '') {
    throw new ProfileError(node, field, `expected a non-empty string, got ${describe(node)}`);
  }
  return node.value.trim();
}

/** A single value or a list of values, each read by `read`. */
function readList(node: Node, field: string, read: (node: Node, field: string) => string): string[] {
  if (isSeq(node)) return node.items.map((item, i) => read(asNode(item) ?? node, `${field}[${i}]`));
  return [read(node, field)];
}

/** Lower-cased, IDN hosts in punycode (as URL.hostname gives them), so matching compares like with like. */
function readHost(node: Node, field: string): string {
  const raw = readString(node, field).toLowerCase().replace(/\.$/, '');
  if (!HOST_PATTERN.test(raw)) {
    throw new ProfileError(node, field, `not a host pattern: "${raw}" (write "example.com" or "*.example.com", without scheme or path)`);
  }
  const wildcard = raw.startsWith('*.');
  try {
    const hostname = new URL(`http://${wildcard ? raw.slice(2) : raw}/`).hostname;
    return wildcard ? `*.${hostname}` : hostname;
  } catch {
    throw new ProfileError(node, field, `not a valid host name: "${raw}"`);
  }
}

let selectorProbe: ReturnType<typeof loadCheerio> | null = null;

/** Compiles the selector once against an empty document: a syntax error surfaces now, not on the first page. */
function readSelector(node: Node, field: string): string {
  const selector = readString(node, field);
  selectorProbe ??= loadCheerio('');
  try {
    selectorProbe(selector);
  } catch (err) {
    throw new ProfileError(node, field, `invalid CSS selector "${selector}": ${reasonOf(err)}`);
  }
  return selector;
}

function readTimezone(node: Node, field: string): string {
  const zone = readString(node, field);
  if (zoneOffsetAt(zone, { year: 2024, month: 1, day: 1, hour: 12 }) === null) {
    throw new ProfileError(node, field, `unknown time zone "${zone}" (an IANA name like "Asia/Shanghai", or an offset like "+08:00")`);
  }
  return zone;
}

function readPattern(node: Node, field: string): string {
  const pattern = readString(node, field);
  try {
    new RegExp(pattern);
  } catch (err) {
    throw new ProfileError(node, field, `not a valid regular expression: ${reasonOf(err)}`);
  }
  return pattern;
}

function readLabels(node: Node, field: string): NonNullable<SiteProfile['labels']> {
  if (!isMap(node)) throw new ProfileError(node, field, `expected a mapping of ${LABEL_KEYS.join('/')} to label words`);
  const labels: NonNullable<SiteProfile['labels']> = {};
  for (const pair of node.items) {
    const key = scalarKey(pair.key);
    if (!(LABEL_KEYS as readonly unknown[]).includes(key)) {
      throw new ProfileError(asNode(pair.key), `${field}.${String(key)}`, `unknown label kind (expected one of ${LABEL_KEYS.join(', ')})`);
    }
    const value = asNode(pair.value);
    if (value === null) throw new ProfileError(asNode(pair.key), `${field}.${String(key)}`, 'expected label words');
    labels[key as LabelKey] = readList(value, `${field}.${String(key)}`, readString);
  }
  return labels;
}

function scalarKey(key: unknown): unknown {
  return isScalar(key) ? key.value : key;
}

function asNode(value: unknown): Node | null {
  return value !== null && typeof value === 'object' && 'range' in value ? (value as Node) : null;
}

function describe(node: Node): string {
  if (isSeq(node)) return 'a list';
  if (isMap(node)) return 'a mapping';
  if (node instanceof Scalar) return node.value === null ? 'nothing' : `${typeof node.value} ${JSON.stringify(node.value)}`;
  return 'something else';
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

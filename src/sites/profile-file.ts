/** Reading and validating a site profile file (see profiles.ts): loaded only when a command is given one. */
import { load as loadCheerio } from 'cheerio/slim';
import { LineCounter, Scalar, isMap, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import { UserError, reasonOf } from '../errors.js';
import { zoneOffsetAt } from '../normalize/date.js';
import type { SiteProfile } from '../types.js';
import type { SiteProfiles } from './profiles.js';

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

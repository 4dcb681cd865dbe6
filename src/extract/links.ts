import type { Document, Element } from 'domhandler';
import { walk } from '../parse/index.js';

/** Resolves `href` against `base` to an absolute http(s) URL without fragment; null for anything else. */
export function absoluteHttpUrl(href: string | undefined, base: URL | null): string | null {
  if (!href) return null;
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;
  // Without a base only absolute addresses resolve; failing inside the URL parser costs an exception each.
  if (!base && !/^https?:/i.test(trimmed)) return null;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  return url.href;
}

/** Parses the page address once; null when absent or not a URL (links are then kept only when absolute). */
export function baseUrl(address: string | undefined, doc?: Document): URL | null {
  let base: URL | null = null;
  try {
    base = address ? new URL(address) : null;
  } catch {
    base = null;
  }
  // <base href> overrides the page address for relative links (static site mirrors, archived pages).
  const baseTag = doc ? findBaseHref(doc) : undefined;
  if (baseTag) {
    try {
      return new URL(baseTag, base ?? undefined);
    } catch {
      return base;
    }
  }
  return base;
}

function findBaseHref(doc: Document): string | undefined {
  let href: string | undefined;
  walk(doc, (node) => {
    if (href !== undefined) return false;
    if (node.type !== 'tag') return;
    const el = node as Element;
    if (el.name === 'base' && el.attribs.href) href = el.attribs.href;
    if (el.name === 'body') return false;
  });
  return href;
}

/** Resolves hrefs against one page's base URL; memoised because pages repeat their links (menus, footers). */
export type Resolver = (href: string | undefined) => string | null;

export function makeResolver(base: URL | null): Resolver {
  const cache = new Map<string, string | null>();
  const origin = base && (base.protocol === 'http:' || base.protocol === 'https:') ? base.origin : null;
  return (href) => {
    if (!href) return null;
    let url = cache.get(href);
    if (url === undefined) {
      url = plainUrl(href, origin) ?? absoluteHttpUrl(href, base);
      cache.set(href, url);
    }
    return url;
  };
}

/**
 * Absolute (`https://host/path`) and root-relative (`/path`) hrefs that URL parsing would leave as they are: a
 * lower-case host without port, and no characters or dot segments it would rewrite. Most links of a page are
 * like this, and the WHATWG parser costs microseconds each.
 */
const PLAIN_ABSOLUTE = /^https?:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)*(\/[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*)?$/;
const PLAIN_PATH = /^\/(?!\/)[A-Za-z0-9\-._~!$&()*+,;=:@%/?]*$/;
const DOT_SEGMENT = /\/\.\.?(?:\/|$|\?)|%(?![0-9A-Fa-f]{2})/;

function plainUrl(href: string, origin: string | null): string | null {
  const hash = href.indexOf('#');
  const bare = hash >= 0 ? href.slice(0, hash) : href;
  if (DOT_SEGMENT.test(bare)) return null;
  const absolute = PLAIN_ABSOLUTE.exec(bare);
  if (absolute) {
    // Hosts ending in a digit may be IPv4 in a form the parser rewrites (http://0x7f.1/): leave them to it.
    const hostEnd = absolute[1] ? bare.length - absolute[1].length : bare.length;
    if (/[0-9]/.test(bare[hostEnd - 1]!)) return null;
    return absolute[1] ? bare : `${bare}/`;
  }
  if (origin && PLAIN_PATH.test(bare)) return origin + bare;
  return null;
}

/** Adds the absolute http(s) address of an <a> or <area> to `into` (a Set keeps the first place of each). */
function addLink(el: Element, resolve: Resolver, into: Set<string>): void {
  if (el.name !== 'a' && el.name !== 'area') return;
  const url = resolve(el.attribs.href);
  if (url) into.add(url);
}

/** The links of `el` and everything below it, in document order, added to `into`. */
export function addLinksIn(el: Element, resolve: Resolver, into: Set<string>): void {
  addLink(el, resolve, into);
  // Most skipped elements (scripts, inputs, icons) hold text at most: no walk to set up for them.
  if (!el.children.some((child) => child.type === 'tag')) return;
  walk(el, (node) => {
    if (node.type === 'tag') addLink(node as Element, resolve, into);
  });
}

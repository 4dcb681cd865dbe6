import type { Document, Element } from 'domhandler';
import { walk } from '../parse/index.js';

/** Resolves `href` against `base` to an absolute http(s) URL without fragment; null for anything else. */
export function absoluteHttpUrl(href: string | undefined, base: URL | null): string | null {
  if (!href) return null;
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;
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
  return (href) => {
    if (!href) return null;
    let url = cache.get(href);
    if (url === undefined) {
      url = absoluteHttpUrl(href, base);
      cache.set(href, url);
    }
    return url;
  };
}

/** Absolute http(s) links of the page in document order, each once, fragments dropped. */
export function collectLinks(doc: Document, resolve: Resolver): string[] {
  const seen = new Set<string>();
  walk(doc, (node) => {
    if (node.type !== 'tag') return;
    const el = node as Element;
    if (el.name !== 'a' && el.name !== 'area') return;
    const url = resolve(el.attribs.href);
    if (url) seen.add(url);
  });
  return [...seen];
}

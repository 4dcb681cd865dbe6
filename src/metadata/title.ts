import { collapseWhitespace } from '../normalize/text.js';
import { TITLE_SEPARATORS } from './rules.js';

export interface TitleCandidates {
  /** Headline elements in document order: [text, kind] with kind `h1`, `h1:site` (the site's name), `h2`, `h3`. */
  headings: [string, string][];
  /** og:title, twitter:title, JSON-LD headline...: [value, provenance], best first. */
  declared: [string, string][];
  titleTag: string | null;
  /** Names the site goes by (og:site_name, JSON-LD publisher, host labels): suffixes to strip. */
  siteNames: string[];
}

export interface TitleChoice {
  title: string | null;
  via: string | null;
  /** The site-name part cut from the `<title>` (`Headline_新浪网` → `新浪网`), for siteName. */
  titleSuffix: string | null;
}

/** A part this long is rarely a site name; a suffix must also be clearly shorter than the headline before it. */
const MAX_UNKNOWN_SUFFIX = 40;
const SUFFIX_SHARE = 0.7;
const TRAILING_SEPARATOR = /[\s\-–—|·•:»|｜_]+$/;

/**
 * Comparison key: case, white space and punctuation do not make two titles differ, nor character references that
 * double-escaped metadata leaves in the text (`&#039;` where the headline shows an apostrophe).
 */
export function titleKey(s: string): string {
  return s.toLowerCase().replace(/&(?:#\d+|#x[\da-f]+|[a-z]+);/g, '').replace(/[\s\p{P}\p{S}]+/gu, '');
}

function splitTitle(s: string): string[] {
  return s.split(TITLE_SEPARATORS).map((p) => p.trim()).filter(Boolean);
}

function isSiteName(part: string, siteNames: readonly string[]): boolean {
  const key = titleKey(part);
  if (!key) return true;
  return siteNames.some((n) => {
    const site = titleKey(n);
    return site.length > 0 && (key === site || key.includes(site) || site.includes(key));
  });
}

/**
 * Drops site-name parts from the ends of a title (`Headline - Site`, `Site | Headline`, `Headline_频道_新浪网`).
 * Without a known site name, a short last part goes: a headline outweighs a brand.
 */
export function stripSiteName(raw: string, siteNames: readonly string[]): { title: string; suffix: string | null } {
  const title = collapseWhitespace(raw);
  const parts = splitTitle(title);
  if (parts.length < 2) return { title, suffix: null };
  let first = 0;
  let last = parts.length - 1;
  let suffix: string | null = null;
  while (last > first && isSiteName(parts[last], siteNames)) suffix ??= parts[last], (last -= 1);
  while (first < last && isSiteName(parts[first], siteNames)) suffix ??= parts[first], (first += 1);
  if (first === 0 && last === parts.length - 1) {
    // No part names the site: the usual order is `Headline - Site`, and a brand is shorter than a headline.
    const end = parts[parts.length - 1];
    const rest = title.slice(0, title.lastIndexOf(end)).replace(TRAILING_SEPARATOR, '');
    if (end.length <= MAX_UNKNOWN_SUFFIX && end.length < SUFFIX_SHARE * rest.length) return { title: rest, suffix: end };
    return { title, suffix: null };
  }
  const kept = parts.slice(first, last + 1);
  // Rejoin with the original separators: the kept span is a substring of the title.
  const start = title.indexOf(kept[0]);
  const end = title.lastIndexOf(kept[kept.length - 1]) + kept[kept.length - 1].length;
  return { title: start >= 0 && end > start ? title.slice(start, end) : kept.join(' '), suffix };
}

/**
 * Picks the headline by agreement: an h1 that another source confirms (og:title, JSON-LD headline, a part of
 * the `<title>`) wins, because the h1 is what readers see and the agreement rules out logo h1s; then declared
 * titles without their site suffix; then the `<title>` without it; then a lone h1.
 */
export function chooseTitle(c: TitleCandidates): TitleChoice {
  const tag = c.titleTag ? stripSiteName(c.titleTag, c.siteNames) : null;
  const declared = c.declared.map(([v, via]) => ({ ...stripSiteName(v, c.siteNames), via }));
  const confirmations = new Set<string>();
  for (const d of declared) confirmations.add(titleKey(d.title));
  for (const [v] of c.declared) confirmations.add(titleKey(v));
  if (tag) {
    confirmations.add(titleKey(tag.title));
    for (const p of splitTitle(c.titleTag!)) confirmations.add(titleKey(p));
  }
  const tagKey = c.titleTag ? titleKey(c.titleTag) : '';
  // h1s first, then h2/h3 with a headline class; the site-name h1 of blog themes is no headline.
  const headings = [...c.headings.filter(([, kind]) => kind === 'h1'), ...c.headings.filter(([, kind]) => kind === 'h2' || kind === 'h3')];
  for (const [h, kind] of headings) {
    const key = titleKey(h);
    if (key.length < 2) continue;
    if (confirmations.has(key) || (key.length >= 8 && tagKey.includes(key))) {
      return { title: collapseWhitespace(h), via: kind, titleSuffix: tag?.suffix ?? null };
    }
  }
  if (declared.length > 0) {
    const d = declared.find((x) => titleKey(x.title).length > 1);
    if (d) return { title: d.title, via: d.via, titleSuffix: tag?.suffix ?? d.suffix };
  }
  if (tag && titleKey(tag.title).length > 1) return { title: tag.title, via: 'title', titleSuffix: tag.suffix };
  const h = headings.find(([x]) => titleKey(x).length > 1);
  if (h) return { title: collapseWhitespace(h[0]), via: h[1], titleSuffix: null };
  return { title: null, via: null, titleSuffix: null };
}

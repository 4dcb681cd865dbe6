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
/**
 * The separator left at the end of a title once its last part is cut. `»` only after a space: stuck to a word it
 * closes a quotation that belongs to the headline (`Chiesa ruft zum «Widerstand»`).
 */
const TRAILING_SEPARATOR = /(?:[\s\-–—|·•:｜_]|\s»)+$/u;

/**
 * Comparison key: case, white space, punctuation and invisible format characters (soft hyphens, word joiners) do
 * not make two titles differ, nor character references that double-escaped metadata leaves in the text (`&#039;`
 * where the headline shows an apostrophe).
 */
export function titleKey(s: string): string {
  return s.toLowerCase().replace(/&(?:#\d+|#x[\da-f]+|[a-z]+);/g, '').replace(/[\s\p{P}\p{S}\p{Cf}]+/gu, '');
}

/**
 * Hyphenation and line-break hints (soft hyphen, zero-width space, word joiner, BOM) that headline markup carries
 * for layout (`Mes&shy;sen&shy;ger&shy;diens&shy;te`). Joiners that shape text (ZWJ, ZWNJ) stay.
 */
const LAYOUT_HINTS = /[\u00ad\u200b\u2060\ufeff]/g;

/** A headline element's text as a title: white space collapsed, layout hints gone. */
function headingTitle(text: string): string {
  return collapseWhitespace(text).replace(LAYOUT_HINTS, '');
}

function splitTitle(s: string): string[] {
  return s.split(TITLE_SEPARATORS).map((p) => p.trim()).filter(Boolean);
}

function isSiteName(part: string, siteKeys: readonly string[]): boolean {
  const key = titleKey(part);
  if (!key) return true;
  return siteKeys.some((site) => site.length > 0 && (key === site || key.includes(site) || site.includes(key)));
}

/**
 * Drops site-name parts from the ends of a title (`Headline - Site`, `Site | Headline`, `Headline_频道_新浪网`).
 * Without a known site name, a short last part goes: a headline outweighs a brand.
 */
export function stripSiteName(raw: string, siteNames: readonly string[]): { title: string; suffix: string | null } {
  const title = collapseWhitespace(raw);
  const parts = splitTitle(title);
  if (parts.length < 2) return { title, suffix: null };
  // Keyed once per title rather than once per part tested: titleKey is two Unicode regex passes.
  const siteKeys = siteNames.map(titleKey);
  let first = 0;
  let last = parts.length - 1;
  let suffix: string | null = null;
  while (last > first && isSiteName(parts[last], siteKeys)) suffix ??= parts[last], (last -= 1);
  while (first < last && isSiteName(parts[first], siteKeys)) suffix ??= parts[first], (first += 1);
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
 * Whether `declared` is `heading` with only white space or separators changed: an h1 built from a kicker element
 * and a headline element reads `Kicker Headline` or `Kicker :Headline` once its text is joined, while the
 * publisher's metadata spells the same words `Kicker: Headline`. Quotes or letters that differ are editorial
 * choices, not layout, and do not count.
 */
function isSpacingOf(heading: string, declared: string): boolean {
  if (heading === declared) return false;
  const h = [...heading.replace(/\s+/g, '')];
  const d = [...declared.replace(/\s+/g, '')];
  let i = 0;
  for (const ch of d) {
    if (i < h.length && h[i] === ch) i += 1;
    // A separator only counts between the heading's words: `Headline |` is a title with its site name cut off.
    else if (i === 0 || i === h.length || !/[:|–—-]/.test(ch)) return false;
  }
  return i === h.length;
}

/** Titles written for share cards (Open Graph, Twitter), which show the headline alone. */
const SOCIAL_TITLE = /^meta:(?:og|twitter):/;

/**
 * Whether `heading` is `declared` under a kicker, `Kicker: Headline`: news pages set a short topic label above the
 * headline inside the h1, and when the share-card title gives the headline without it, the label is not part of
 * the title (a JSON-LD headline without it is often a shortened SEO headline instead). The kicker must be shorter
 * than the headline, so a headline with a subtitle is not cut.
 */
function isKickerOf(heading: string, declared: string): boolean {
  if (declared.length >= heading.length || !heading.endsWith(declared)) return false;
  const kicker = heading.slice(0, heading.length - declared.length);
  const label = kicker.match(/^(.+?)\s*:\s*$/u)?.[1];
  return label !== undefined && label.length < declared.length;
}

/**
 * Whether `declared` is `heading` without its closing clause (`Chelsea send clear message of intent at Cobham` for
 * an h1 that goes on `in battling win over Tottenham`): the share-card title the editor wrote as the short form of
 * the headline. The dropped clause must be at least two words and shorter than the part kept, and must not open
 * with a quote: a title cut after one word is cut at a length limit, and one cut before a quotation lost it to an
 * unescaped `"` in its attribute.
 */
function isShortFormOf(heading: string, declared: string): boolean {
  if (declared.length >= heading.length || !heading.startsWith(declared)) return false;
  const rest = heading.slice(declared.length);
  return rest.length < declared.length && /^\s+[^\s"'„“”‘’«»]+\s+\S/u.test(rest);
}

/**
 * Picks the headline by agreement: an h1 that another source confirms (og:title, JSON-LD headline, else a part of
 * the `<title>`) wins, because the h1 is what readers see and the agreement rules out logo h1s (less a kicker the
 * share-card title leaves out, in the metadata's spelling where the h1's text lost its layout, and as the og:title's
 * short form when that drops only a closing clause); then declared
 * titles without their site suffix; then, on a page that declares none, its only h1 (as trafilatura: the
 * `<title>` of such pages is often the site's or section's template); then the `<title>` without its site name;
 * then the first headline element.
 */
export function chooseTitle(c: TitleCandidates): TitleChoice {
  const tag = c.titleTag ? stripSiteName(c.titleTag, c.siteNames) : null;
  const declared = c.declared.map(([v, via]) => ({ ...stripSiteName(v, c.siteNames), via }));
  const declaredKeys = new Set<string>();
  for (const d of declared) declaredKeys.add(titleKey(d.title));
  for (const [v] of c.declared) declaredKeys.add(titleKey(v));
  const tagKeys = new Set<string>();
  if (tag) {
    tagKeys.add(titleKey(tag.title));
    for (const p of splitTitle(c.titleTag!)) tagKeys.add(titleKey(p));
  }
  const tagKey = c.titleTag ? titleKey(c.titleTag) : '';
  // h1s first, then h2/h3 with a headline class; the site-name h1 of blog themes is no headline.
  const h1s = c.headings.filter(([, kind]) => kind === 'h1');
  const headings = [...h1s, ...c.headings.filter(([, kind]) => kind === 'h2' || kind === 'h3')];
  const confirmedBy = (test: (key: string) => boolean) =>
    headings.find(([h]) => {
      const key = titleKey(h);
      return key.length >= 2 && test(key);
    });
  // A heading the article's own metadata names beats one only the <title> names: section pages' <title>
  // (`News - Site`) also names the section heading that stands above the article's.
  const confirmed =
    confirmedBy((key) => declaredKeys.has(key)) ?? confirmedBy((key) => tagKeys.has(key) || (key.length >= 8 && tagKey.includes(key)));
  if (confirmed) {
    const [heading, kind] = [headingTitle(confirmed[0]), confirmed[1]];
    const unkicked = declared.find((d) => SOCIAL_TITLE.test(d.via) && isKickerOf(heading, d.title));
    if (unkicked) return { title: unkicked.title, via: `${kind}-kicker+${unkicked.via}`, titleSuffix: tag?.suffix ?? null };
    const spelled = declared.flatMap((d, i) => [[d.title, d.via], [collapseWhitespace(c.declared[i][0]), d.via]]).find(([t]) => isSpacingOf(heading, t));
    if (spelled) return { title: spelled[0], via: `${kind}+${spelled[1]}`, titleSuffix: tag?.suffix ?? null };
    // og:title only: CMSs cut twitter:title at the card's length limit, which can fall on a clause boundary too.
    const shortForm = c.declared.find(([v, via]) => via === 'meta:og:title' && isShortFormOf(heading, collapseWhitespace(v)));
    if (shortForm) return { title: collapseWhitespace(shortForm[0]), via: `${kind}-clause+${shortForm[1]}`, titleSuffix: tag?.suffix ?? null };
    return { title: heading, via: kind, titleSuffix: tag?.suffix ?? null };
  }
  if (declared.length > 0) {
    const d = declared.find((x) => titleKey(x.title).length > 1);
    if (d) return { title: d.title, via: d.via, titleSuffix: tag?.suffix ?? d.suffix };
  }
  if (h1s.length === 1 && titleKey(h1s[0][0]).length > 1) {
    return { title: headingTitle(h1s[0][0]), via: 'h1', titleSuffix: tag?.suffix ?? null };
  }
  if (tag && titleKey(tag.title).length > 1) return { title: tag.title, via: 'title', titleSuffix: tag.suffix };
  const h = headings.find(([x]) => titleKey(x).length > 1);
  if (h) return { title: headingTitle(h[0]), via: h[1], titleSuffix: null };
  return { title: null, via: null, titleSuffix: null };
}

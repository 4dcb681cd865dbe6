import type { AnyNode, Document, Element } from 'domhandler';
import {
  AUTHOR_HINT, BLOCK_TAGS, BOILERPLATE_HINT, BOILERPLATE_TAGS, DATE_HINT, HINT_EXCLUDE, SKIPPED_TAGS,
} from './rules.js';

/** A short stretch of page text read from an element: a `<time>`, an itemprop element, a hinted byline/date box. */
export interface TextSpot {
  text: string;
  /** Line of the page text where the element starts. */
  line: number;
  /** Attribute value the element carries for machines (`datetime`, `content`), if any. */
  machine: string | null;
  /** What picked the element: `time`, `itemprop:datePublished`, `class:date`, `class:author`, `rel:author`. */
  via: string;
}

/** Everything the metadata pickers need from one page, read in one pass over the tree. */
export interface PageFacts {
  htmlLang: string | null;
  /** Meta content by lower-cased name / property / itemprop / http-equiv, in document order. */
  metas: Map<string, string[]>;
  jsonLd: string[];
  titleText: string | null;
  h1: TextSpot[];
  canonicalHref: string | null;
  baseHref: string | null;
  imageSrcHref: string | null;
  spots: TextSpot[];
  /** The page's visible text, one line per block (as a browser lays it out), white space collapsed. */
  lines: string[];
  /** Per line: inside a footer, navigation, sidebar or related list. */
  boilerplate: boolean[];
}

/** Bounds on what one page may contribute: giant pages must not make the metadata pass slow. */
const MAX_SPOTS = 60;
const MAX_SPOT_TEXT = 300;
const MAX_H1 = 5;

interface Exit {
  exit: Element;
  start: number;
  boilerplate: boolean;
  spot: Omit<TextSpot, 'text' | 'line'> | null;
  h1: boolean;
}

/** An element whose text is read after the pass, from its span of the page text. */
interface Span {
  start: number;
  end: number;
  spot: Omit<TextSpot, 'text' | 'line'> | null;
}

function attr(el: Element, name: string): string | undefined {
  return el.attribs[name];
}

function childText(el: Element): string {
  let s = '';
  for (const c of el.children) if ('data' in c && typeof c.data === 'string') s += c.data;
  return s;
}

/** Why an element's text is worth reading on its own, or null. */
function spotOf(el: Element): Omit<TextSpot, 'text' | 'line'> | null {
  if (el.name === 'time') return { machine: attr(el, 'datetime') ?? null, via: `time${attr(el, 'pubdate') !== undefined ? ':pubdate' : ''}` };
  const itemprop = attr(el, 'itemprop');
  if (itemprop && /^(?:datePublished|dateCreated|dateModified|author|creator|name|headline)$/i.test(itemprop)) {
    return { machine: attr(el, 'content') ?? attr(el, 'datetime') ?? null, via: `itemprop:${itemprop}` };
  }
  const rel = attr(el, 'rel');
  if (el.name === 'a' && rel && /\bauthor\b/i.test(rel)) return { machine: null, via: 'rel:author' };
  const hint = `${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`;
  if (hint.length < 3 || HINT_EXCLUDE.test(hint)) return null;
  if (AUTHOR_HINT.test(hint)) return { machine: null, via: 'class:author' };
  if (DATE_HINT.test(hint)) return { machine: attr(el, 'datetime') ?? attr(el, 'content') ?? null, via: 'class:date' };
  return null;
}

function isBoilerplate(el: Element): boolean {
  if (BOILERPLATE_TAGS.has(el.name)) return true;
  const role = attr(el, 'role');
  if (role === 'navigation' || role === 'contentinfo' || role === 'complementary') return true;
  const hint = `${attr(el, 'class') ?? ''} ${attr(el, 'id') ?? ''}`;
  return hint.length > 2 && BOILERPLATE_HINT.test(hint);
}

function addMeta(metas: Map<string, string[]>, key: string, value: string): void {
  const k = key.trim().toLowerCase();
  const v = value.trim();
  if (!k || !v) return;
  const list = metas.get(k);
  if (list) list.push(v);
  else metas.set(k, [v]);
}

/**
 * One iterative pass over the tree (no recursion: parseHtml caps depth, but huge flat pages exist) collecting
 * head metadata, JSON-LD, headings, date/byline elements and the page's text lines. Read-only.
 */
export function collectFacts(doc: Document): PageFacts {
  const metas = new Map<string, string[]>();
  const jsonLd: string[] = [];
  const chunks: string[] = [];
  const boilerRanges: [number, number][] = [];
  let length = 0;
  let titleText: string | null = null;
  let htmlLang: string | null = null;
  let canonicalHref: string | null = null;
  let baseHref: string | null = null;
  let imageSrcHref: string | null = null;
  let boilerDepth = 0;
  const spans: Span[] = [];
  const h1Spans: Span[] = [];

  const breakLine = (): void => {
    if (length > 0 && chunks[chunks.length - 1] !== '\n') {
      chunks.push('\n');
      length += 1;
    }
  };

  const stack: (AnyNode | Exit)[] = [...doc.children].reverse();
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('exit' in item) {
      const el = item.exit;
      if (BLOCK_TAGS.has(el.name)) breakLine();
      if (item.boilerplate) {
        boilerDepth -= 1;
        if (boilerDepth === 0) boilerRanges.push([item.start, length]);
      }
      if (item.spot) spans.push({ start: item.start, end: length, spot: item.spot });
      if (item.h1) h1Spans.push({ start: item.start, end: length, spot: null });
      continue;
    }
    if (item.type === 'text') {
      const data = (item as { data: string }).data;
      if (data.length > 0) {
        const text = data.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ');
        if (text !== ' ' || (length > 0 && chunks[chunks.length - 1] !== '\n')) {
          chunks.push(text);
          length += text.length;
        }
      }
      continue;
    }
    if (item.type !== 'tag' && item.type !== 'script' && item.type !== 'style') continue;
    const el = item as Element;
    const name = el.name;
    switch (name) {
      case 'html':
        htmlLang ??= attr(el, 'lang') ?? attr(el, 'xml:lang') ?? null;
        break;
      case 'meta': {
        const content = attr(el, 'content');
        if (content !== undefined) {
          for (const key of ['name', 'property', 'itemprop', 'http-equiv']) {
            const k = attr(el, key);
            if (k) for (const part of k.split(/\s+/)) addMeta(metas, part, content);
          }
        }
        continue;
      }
      case 'link': {
        const rel = (attr(el, 'rel') ?? '').toLowerCase().split(/\s+/);
        const href = attr(el, 'href');
        if (href && rel.includes('canonical')) canonicalHref ??= href;
        if (href && rel.includes('image_src')) imageSrcHref ??= href;
        continue;
      }
      case 'base':
        baseHref ??= attr(el, 'href') ?? null;
        continue;
      case 'title':
        if (titleText !== null) continue;
        titleText = childText(el).replace(/\s+/g, ' ').trim();
        continue;
      case 'script':
        if (/ld\+json/i.test(attr(el, 'type') ?? '')) jsonLd.push(childText(el));
        continue;
    }
    if (SKIPPED_TAGS.has(name)) continue;
    if (BLOCK_TAGS.has(name)) breakLine();
    const boilerplate = isBoilerplate(el);
    if (boilerplate) boilerDepth += 1;
    const spot = boilerDepth === 0 && spans.length < MAX_SPOTS ? spotOf(el) : null;
    const isH1 = name === 'h1' && h1Spans.length < MAX_H1;
    stack.push({ exit: el, start: length, boilerplate, spot, h1: isH1 });
    for (let i = el.children.length - 1; i >= 0; i -= 1) stack.push(el.children[i]);
  }

  const full = chunks.join('');
  const lineStarts: number[] = [];
  const lines: string[] = [];
  let offset = 0;
  for (const raw of full.split('\n')) {
    lineStarts.push(offset);
    lines.push(raw.trim());
    offset += raw.length + 1;
  }
  const lineAt = (pos: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const spanText = (span: Span): string => full.slice(span.start, span.end).replace(/\s+/g, ' ').trim();
  const h1: TextSpot[] = h1Spans
    .map((span) => ({ text: spanText(span), line: lineAt(span.start), machine: null, via: 'h1' }))
    .filter((spot) => spot.text.length > 0);
  const spots: TextSpot[] = [];
  for (const span of spans) {
    const text = spanText(span).slice(0, MAX_SPOT_TEXT);
    if (text || span.spot!.machine) spots.push({ ...span.spot!, text, line: lineAt(span.start) });
  }
  const boilerplateLines = lines.map(() => false);
  for (const [start, end] of boilerRanges) {
    for (let l = lineAt(start); l < lines.length && lineStarts[l] < end; l += 1) boilerplateLines[l] = true;
  }
  return {
    htmlLang, metas, jsonLd, titleText, h1, canonicalHref, baseHref, imageSrcHref, spots, lines, boilerplate: boilerplateLines,
  };
}

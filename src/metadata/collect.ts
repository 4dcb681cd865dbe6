import type { AnyNode, Document, Element } from 'domhandler';
import { collapseWhitespace } from '../normalize/text.js';
import { hintOf } from '../parse/index.js';
import {
  AUTHOR_HINT, BLOCK_TAGS, HEADLINE_CLASS, SITE_HEADING_HINT, BOILERPLATE_TOKEN, BOILERPLATE_TAGS, DATE_HINT, HINT_EXCLUDE, SKIPPED_TAGS,
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
  /** Other inline scripts, as written: read only when nothing else on the page dates it. */
  scripts: string[];
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
const MAX_SPOTS = 120;
const MAX_SPOT_TEXT = 300;
/** Characters of page text read first for a spot's text: enough for MAX_SPOT_TEXT once indentation is collapsed. */
const SPOT_HEAD_CHARS = 4 * MAX_SPOT_TEXT;
const MAX_H1 = 5;

/** Marks block boundaries in the collected text; a control character no page text contains after parsing. */
const LINE_BREAK = '\u0001';
/** A character that shows: neither white space, a zero-width space nor a block boundary. */
const VISIBLE_CHAR = /[^\s\u200b\u0001]/;

interface Exit {
  exit: Element;
  start: number;
  boilerplate: boolean;
  spot: Omit<TextSpot, 'text' | 'line'> | null;
  h1: boolean;
  headingVia?: string | null;
  scope: Scope | null;
}

/**
 * Elements whose extent the walk counts, as being inside them changes how an element reads: an <article>, its own
 * footer or aside (see isArticlePart), an <address> (contact of the nearest article's author).
 */
type Scope = 'article' | 'articlePart' | 'address';

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

/** Either hint's words, tested once before telling them apart: most class names have neither. */
const SPOT_WORD = new RegExp(`${AUTHOR_HINT.source}|${DATE_HINT.source}`, 'i');

/** Cheap pre-test before the per-token test: most class names contain none of the words. */
const BOILERPLATE_WORD = /footer|copyright|nav|menu|sidebar|related|recommend|comment|breadcrumb/i;

/** What an element's class/id words make of it. */
interface HintVerdict {
  boilerplate: boolean;
  spot: 'class:author' | 'class:date' | null;
}

/** The six possible verdicts, shared: one object per element would only feed the garbage collector. */
const VERDICTS = [false, true].map((boilerplate) => ({
  none: { boilerplate, spot: null },
  author: { boilerplate, spot: 'class:author' },
  date: { boilerplate, spot: 'class:date' },
} satisfies Record<string, HintVerdict>));
const NO_HINT = VERDICTS[0].none;
/** Any word either verdict looks for: one scan settles the many class names that have none. */
const HINT_WORD = new RegExp(`${SPOT_WORD.source}|${BOILERPLATE_WORD.source}`, 'i');

function hintVerdict(hint: string): HintVerdict {
  if (hint.length < 3 || !HINT_WORD.test(hint)) return NO_HINT;
  const verdicts = VERDICTS[boilerplateHint(hint) ? 1 : 0];
  if (!SPOT_WORD.test(hint) || HINT_EXCLUDE.test(hint)) return verdicts.none;
  return AUTHOR_HINT.test(hint) ? verdicts.author : DATE_HINT.test(hint) ? verdicts.date : verdicts.none;
}

/** Why an element's text is worth reading on its own, or null. */
function spotOf(el: Element, verdict: HintVerdict): Omit<TextSpot, 'text' | 'line'> | null {
  const itemprop = attr(el, 'itemprop');
  if (itemprop && /^(?:datePublished|dateCreated|dateModified|author|creator|name|headline)$/i.test(itemprop)) {
    return { machine: attr(el, 'content') ?? attr(el, 'datetime') ?? null, via: `itemprop:${itemprop}` };
  }
  if (el.name === 'time') return { machine: attr(el, 'datetime') ?? null, via: `time${attr(el, 'pubdate') !== undefined ? ':pubdate' : ''}` };
  if (el.name === 'a') {
    const rel = attr(el, 'rel');
    if (rel && /\bauthor\b/i.test(rel)) return { machine: null, via: 'rel:author' };
  }
  if (verdict.spot === 'class:author') return { machine: null, via: 'class:author' };
  if (verdict.spot !== 'class:date') return null;
  // Blogger and hAtom themes put the machine date in <abbr title="2016-12-23T05:11:00-05:00">.
  const machine = attr(el, 'datetime') ?? attr(el, 'content') ?? (el.name === 'abbr' ? attr(el, 'title') : undefined);
  return { machine: machine ?? null, via: 'class:date' };
}

/** Spots that name people: `class:author`, `rel:author`, `itemprop:author`/`creator`. */
export const AUTHOR_SPOT = /author|creator/i;

const CONTAINER_TAGS = new Set(['html', 'body', 'main', 'article']);

/**
 * The article's own header/footer (`entry-footer`, `post-footer` in WordPress themes) carries its date and tags;
 * state modifiers (`has-sidebar`, `no-menu`) describe a layout wrapper, not a region.
 */
const ARTICLE_PART_TOKEN = /^(?:post|entry|article|story|asset|node|content)[-_]|^(?:has|with|without|no|is|show|hide)[-_]/i;

/**
 * Headline elements: every h1 (marked `h1:site` when it is the site's name: blog themes put the blog title in an h1
 * linking home and the post title in `h2.entry-title`), and h2/h3 carrying a headline class.
 */
function headingKind(el: Element, hint: string): string | null {
  if (el.name === 'h1') {
    const parent = el.parent as Element | null;
    const around = `${hint} ${parent?.attribs?.class ?? ''} ${parent?.attribs?.id ?? ''}`;
    if (SITE_HEADING_HINT.test(around) || linksHome(el)) return 'h1:site';
    return 'h1';
  }
  if ((el.name === 'h2' || el.name === 'h3') && HEADLINE_CLASS.test(hint)) return el.name;
  return null;
}

function linksHome(el: Element): boolean {
  for (const child of el.children) {
    if (child.type === 'tag' && (child as Element).name === 'a') {
      const href = (child as Element).attribs.href?.trim() ?? '';
      if (/^(?:\/|\.\/|index\.\w+|https?:\/\/[^/]+\/?)$/i.test(href)) return true;
    }
  }
  return false;
}

/**
 * Inside an <article>, its footer and aside are its own (HTML): the footer holds the article's author, date and tags,
 * the aside the facts box beside its text, unless that aside lists other articles (`Lesen Sie auch` teasers).
 */
function isArticlePart(el: Element, holdsArticle: (el: Element) => boolean): boolean {
  const role = attr(el, 'role');
  if (el.name === 'footer' || role === 'contentinfo') return true;
  return (el.name === 'aside' || role === 'complementary') && !holdsArticle(el);
}

/** Every element with an <article> below it, in one pass: a scan per aside would be quadratic in nested asides. */
function articleHolders(doc: Document): Set<AnyNode> {
  const holders = new Set<AnyNode>();
  const stack: AnyNode[] = [doc];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type !== 'tag' && node.type !== 'root') continue;
    if ((node as Element).name === 'article') {
      for (let up = node.parent; up && !holders.has(up); up = up.parent) holders.add(up);
    }
    for (const child of (node as Element).children) stack.push(child);
  }
  return holders;
}

/** Only its class words can make an article's own part boilerplate. */
function isBoilerplate(el: Element, verdict: HintVerdict, articlePart: boolean): boolean {
  if (articlePart) return verdict.boilerplate;
  if (BOILERPLATE_TAGS.has(el.name)) return true;
  // Page-level classes describe the layout (`<body class="one-sidebar sidebar-first">`), and WordPress lists the
  // post's tag slugs on <article>: neither marks the element itself as a sidebar.
  if (CONTAINER_TAGS.has(el.name)) return false;
  const role = attr(el, 'role');
  if (role === 'navigation' || role === 'contentinfo' || role === 'complementary') return true;
  return verdict.boilerplate;
}

function boilerplateHint(hint: string): boolean {
  if (!BOILERPLATE_WORD.test(hint)) return false;
  for (const token of hint.split(/\s+/)) if (BOILERPLATE_TOKEN.test(token) && !ARTICLE_PART_TOKEN.test(token)) return true;
  return false;
}

const WHITE_SPACE = /\s/;
/** A word of a <link>'s rel list, in any case: tested in place, as pages link many stylesheets and preloads. */
const CANONICAL_REL = /(?:^|\s)canonical(?:\s|$)/i;
const IMAGE_SRC_REL = /(?:^|\s)image_src(?:\s|$)/i;

/** Attributes naming what a <meta>'s content is: name, Open Graph's property, microdata's itemprop, http-equiv. */
const META_KEY_ATTRIBUTES = ['name', 'property', 'itemprop', 'http-equiv'] as const;

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
  const scripts: string[] = [];
  const chunks: string[] = [];
  const boilerRanges: [number, number][] = [];
  let length = 0;
  let titleText: string | null = null;
  let htmlLang: string | null = null;
  let canonicalHref: string | null = null;
  let baseHref: string | null = null;
  let imageSrcHref: string | null = null;
  const spans: Span[] = [];
  const h1Spans: Span[] = [];
  const verdicts = new Map<string, HintVerdict>();

  let atLineStart = true;
  const breakLine = (): void => {
    if (!atLineStart) {
      chunks.push(LINE_BREAK);
      length += 1;
      atLineStart = true;
    }
  };

  const depth: Record<Scope, number> = { article: 0, articlePart: 0, address: 0 };
  // Built on the first aside inside an article: most pages have none.
  let holders: Set<AnyNode> | null = null;
  const holdsArticle = (el: Element): boolean => (holders ??= articleHolders(doc)).has(el);
  const leave = (exit: Exit): void => {
    if (exit.scope) depth[exit.scope] -= 1;
    if (exit.boilerplate) boilerRanges.push([exit.start, length]);
    if (exit.spot) spans.push({ start: exit.start, end: length, spot: exit.spot });
    if (exit.h1) h1Spans.push({ start: exit.start, end: length, spot: { machine: null, via: exit.headingVia ?? 'h1' } });
  };

  /** Reads one node; returns true when its children are to be walked. */
  const enter = (node: AnyNode): boolean => {
    if (node.type === 'text') {
      // Raw text: white space is collapsed once per line at the end, far cheaper than once per text node.
      const data = (node as { data: string }).data;
      if (data.length === 0) return false;
      // Indentation between tags collapses to one space anyway; one character keeps the elements around it apart.
      const kept = VISIBLE_CHAR.test(data) ? data : ' ';
      chunks.push(kept);
      length += kept.length;
      atLineStart = false;
      return false;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') return node.type === 'root';
    const el = node as Element;
    const name = el.name;
    switch (name) {
      case 'html':
        htmlLang ??= attr(el, 'lang') ?? attr(el, 'xml:lang') ?? null;
        break;
      case 'meta': {
        const content = attr(el, 'content');
        if (content !== undefined) {
          for (const key of META_KEY_ATTRIBUTES) {
            const k = attr(el, key);
            // Most keys are one word, which needs no split (an array and a regex run per <meta>).
            if (k) for (const part of WHITE_SPACE.test(k) ? k.split(/\s+/) : [k]) addMeta(metas, part, content);
          }
        }
        return false;
      }
      case 'link': {
        const rel = attr(el, 'rel') ?? '';
        const href = attr(el, 'href');
        if (href && CANONICAL_REL.test(rel)) canonicalHref ??= href;
        if (href && IMAGE_SRC_REL.test(rel)) imageSrcHref ??= href;
        return false;
      }
      case 'base':
        baseHref ??= attr(el, 'href') ?? null;
        return false;
      case 'title':
        if (titleText === null) titleText = childText(el).replace(/\s+/g, ' ').trim();
        return false;
      case 'script':
        if (/ld\+json/i.test(attr(el, 'type') ?? '')) jsonLd.push(childText(el));
        else if (el.children.length > 0) scripts.push(childText(el));
        return false;
    }
    if (SKIPPED_TAGS.has(name)) return false;
    const block = BLOCK_TAGS.has(name);
    if (block) breakLine();
    const hint = hintOf(el);
    // Pages repeat their class names thousands of times, and the hint regexes are long; most elements have none.
    let verdict = hint === '' ? NO_HINT : verdicts.get(hint);
    if (verdict === undefined) verdicts.set(hint, (verdict = hintVerdict(hint)));
    const articlePart = depth.article > 0 && isArticlePart(el, holdsArticle);
    const scope: Scope | null = name === 'article' ? 'article' : name === 'address' ? 'address' : articlePart ? 'articlePart' : null;
    if (scope) depth[scope] += 1;
    const boilerplate = isBoilerplate(el, verdict, articlePart);
    let spot = spans.length < MAX_SPOTS ? spotOf(el, verdict) : null;
    // An article's footer or aside dates it, but the names there are author bio boxes and credits, unless in its <address>.
    if (spot && depth.articlePart > 0 && depth.address === 0 && AUTHOR_SPOT.test(spot.via)) spot = null;
    const heading = h1Spans.length < MAX_H1 ? headingKind(el, hint) : null;
    const isH1 = heading !== null;
    // Only elements whose extent matters need a marker on the way out (block ends are seen when the walk climbs).
    if (boilerplate || spot || isH1 || scope) {
      const exit: Exit = { exit: el, start: length, boilerplate, spot, h1: isH1, headingVia: heading, scope };
      if (el.children.length === 0) leave(exit);
      else exits.push(exit);
    }
    return el.children.length > 0;
  };

  // Walks by sibling and parent pointers: no recursion and no stack of nodes, whatever the depth or width.
  const exits: Exit[] = [];
  let node: AnyNode | null = doc.children[0] ?? null;
  while (node) {
    if (enter(node)) {
      node = (node as Element).children[0];
      continue;
    }
    while (node) {
      if (node.next) {
        node = node.next;
        break;
      }
      const parent: AnyNode | null = node.parent as AnyNode | null;
      if (!parent || parent === doc) {
        node = null;
        break;
      }
      if (BLOCK_TAGS.has((parent as Element).name)) breakLine();
      if (exits.length > 0 && exits[exits.length - 1].exit === parent) leave(exits.pop()!);
      node = parent;
    }
  }

  const full = chunks.join('');
  // Kept lines (non-empty after collapsing white space) and the offset in `full` where each starts.
  const lineStarts: number[] = [];
  const lines: string[] = [];
  // Jumps from one visible character to the next: most stretches between block boundaries are indentation, and
  // skipping them in one regex scan spares a string per stretch.
  const visible = new RegExp(VISIBLE_CHAR.source, 'g');
  // test() rather than exec(): the match's place is all that is needed, and exec builds a match array per line.
  while (visible.test(full)) {
    const first = visible.lastIndex - 1;
    const start = full.lastIndexOf(LINE_BREAK, first) + 1;
    const breakAt = full.indexOf(LINE_BREAK, first);
    const end = breakAt < 0 ? full.length : breakAt;
    const trimmed = full.slice(first, end).trimEnd();
    const line = collapseWhitespace(trimmed);
    if (line) {
      lineStarts.push(start);
      lines.push(line);
    }
    visible.lastIndex = end;
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
  const spanText = (start: number, end: number): string => collapseWhitespace(full.slice(start, end).replaceAll(LINE_BREAK, ' '));
  /**
   * A spot's text, cut to MAX_SPOT_TEXT. A spot can hold the whole story (a `post-info` box around it): its first
   * SPOT_HEAD_CHARS are collapsed alone when they give enough text, which is the same text (collapsing a prefix of
   * the span gives a prefix of its collapsed text), without copying the story twice.
   */
  const spotText = (span: Span): string => {
    const headEnd = span.start + SPOT_HEAD_CHARS;
    const head = headEnd < span.end ? spanText(span.start, headEnd) : '';
    return (head.length >= MAX_SPOT_TEXT ? head : spanText(span.start, span.end)).slice(0, MAX_SPOT_TEXT);
  };
  const h1: TextSpot[] = h1Spans
    .map((span) => ({ text: spanText(span.start, span.end), line: lineAt(span.start), machine: null, via: span.spot?.via ?? 'h1' }))
    .filter((spot) => spot.text.length > 0);
  // A "boilerplate" region holding the headline is the content area under a misleading name (`id="sidebar"`).
  const headline = h1Spans.find((span) => span.spot?.via === 'h1') ?? h1Spans.find((span) => span.spot?.via !== 'h1:site');
  const kept = headline ? boilerRanges.filter(([start, end]) => !(start <= headline.start && headline.start < end)) : boilerRanges;
  // Nested regions merge into disjoint ones sorted by start, so membership is a binary search.
  kept.sort((a, b) => a[0] - b[0]);
  const regions: [number, number][] = [];
  for (const [start, end] of kept) {
    const last = regions[regions.length - 1];
    if (last && start < last[1]) last[1] = Math.max(last[1], end);
    else regions.push([start, end]);
  }
  const inRegion = (pos: number): boolean => {
    let lo = 0;
    let hi = regions.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (pos < regions[mid][0]) hi = mid - 1;
      else if (pos >= regions[mid][1]) lo = mid + 1;
      else return true;
    }
    return false;
  };
  const spots: TextSpot[] = [];
  for (const span of spans) {
    // Microdata (itemprop=datePublished) declares what it is wherever it sits (`<div class="footer news-meta">`).
    if (!span.spot!.via.startsWith('itemprop:') && inRegion(span.start)) continue;
    const text = spotText(span);
    if (text || span.spot!.machine) spots.push({ machine: span.spot!.machine, via: span.spot!.via, text, line: lineAt(span.start) });
  }
  const boilerplateLines = lines.map(() => false);
  for (const [start, end] of regions) {
    // A boilerplate element inside a line (the comment counter in a byline) does not taint the line.
    const first = lineAt(start);
    for (let l = lineStarts[first] >= start ? first : first + 1; l < lines.length && lineStarts[l] < end; l += 1) {
      boilerplateLines[l] = true;
    }
  }
  return {
    htmlLang, metas, jsonLd, scripts, titleText, h1, canonicalHref, baseHref, imageSrcHref, spots, lines, boilerplate: boilerplateLines,
  };
}

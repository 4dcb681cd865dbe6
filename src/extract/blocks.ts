import type { ChildNode, Element, ParentNode, Text } from 'domhandler';
import { hintOf, textOf } from '../parse/index.js';
import { collapseWhitespace, wordCount } from '../normalize/text.js';
import { addLinksIn, makeResolver, type Resolver } from './links.js';
import {
  BLOCK_TAGS, BOLD_TAGS, DROPPED_TAGS, FURNITURE_TAGS, HIDDEN_STYLE, IMAGE_SOURCE_ATTRIBUTES, ITALIC_TAGS,
  MAYBE_CONTENT_HINT, PARAGRAPH_TAGS, UNLIKELY_HINT,
} from './rules.js';

export type BlockKind = 'p' | 'h' | 'li' | 'quote' | 'pre' | 'caption' | 'table' | 'img';

/** One run of text between block boundaries (or one image / data table), in document order. */
export interface Block {
  index: number;
  kind: BlockKind;
  /** Heading level (1-6) or list nesting depth (1 = top level). */
  level: number;
  ordered: boolean;
  /** Plain text, white space collapsed. */
  text: string;
  /** Inline Markdown (links, bold, italic, code) of the same text. */
  markdown: string;
  words: number;
  linkWords: number;
  /** Words inside <b>/<strong>: a paragraph that is all bold is a section heading. */
  boldWords: number;
  /** The innermost block element holding the text. */
  owner: ParentNode;
  /** Furniture elements around the block (nav, footer, class="share" ...), outermost first; empty when none. */
  furniture: Element[];
  image?: { src: string; alt: string };
  rows?: string[][];
  fingerprint: string;
}

/**
 * Where each element's blocks start and end in the block list ([start, end)); only elements holding a block are
 * listed (an element that is absent holds no text: it was empty, skipped or hidden).
 */
export type BlockRanges = Map<ParentNode, { start: number; end: number }>;

export interface Segmentation {
  blocks: Block[];
  ranges: BlockRanges;
  /** Absolute http(s) links of the page (<a>, <area>), each once, in document order, hidden and skipped ones included. */
  links: string[];
}

/**
 * The normalised fingerprint of a text block: case folded, letters and digits only, hashed (FNV-1a in two
 * 32-bit lanes, 16 hex digits). Two copies of a paragraph that differ only in white space, punctuation or
 * markup share it. Empty for blocks without letters or digits. Not a cryptographic hash: it only has to tell
 * blocks of one host apart.
 */
export function blockFingerprint(text: string): string {
  // One pass over the characters: letters and digits only, ASCII case-folded, full-width forms mapped to ASCII
  // (what NFKC does for the characters Chinese pages mix in); other scripts' letters are kept as they are.
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  let kept = 0;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    if (c < 0x80) {
      if (c >= 0x41 && c <= 0x5a) c |= 0x20;
      else if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39))) continue;
    } else if (isSeparatorCode(c)) continue;
    else if (c >= 0xc0 && c <= 0x24f) c = text[i]!.toLowerCase().charCodeAt(0);
    kept++;
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h1 >>> 13);
  }
  if (kept === 0) return '';
  return hex8(h1) + hex8(h2);
}

/** Two hex digits per byte value: Number#toString(16) with padStart was a visible share of segmenting a page. */
const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex8(n: number): string {
  return HEX_BYTE[(n >>> 24) & 0xff]! + HEX_BYTE[(n >>> 16) & 0xff]! + HEX_BYTE[(n >>> 8) & 0xff]! + HEX_BYTE[n & 0xff]!;
}

/** Punctuation, symbols, spaces and emoji outside ASCII: Latin-1 signs, general punctuation, arrows and shapes, CJK punctuation, surrogates. */
function isSeparatorCode(c: number): boolean {
  return (c >= 0x80 && c <= 0xbf) || c === 0xd7 || c === 0xf7 || (c >= 0x2000 && c <= 0x2bff) || (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xd800 && c <= 0xdfff) || (c >= 0xfe10 && c <= 0xfe6f) || (c >= 0xff00 && c <= 0xff0f) || (c >= 0xff1a && c <= 0xff20) ||
    (c >= 0xff3b && c <= 0xff40) || (c >= 0xff5b && c <= 0xff65) || c === 0xfeff;
}

function isElement(node: ChildNode | ParentNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function isHidden(el: Element): boolean {
  const a = el.attribs;
  if (a.hidden !== undefined) return true;
  if (a['aria-hidden'] === 'true' && !/fallback-image/.test(a.class ?? '')) return true;
  return a.style !== undefined && HIDDEN_STYLE.test(a.style);
}

/**
 * Verdicts on a page's class/id hints, remembered: pages repeat their class names thousands of times, and the hint
 * regexes are long. Most elements carry a class or an id, not both: those are looked up by the attribute value
 * itself, sparing a concatenated key to build and hash.
 */
interface FurnitureVerdicts {
  byClass: Map<string, boolean>;
  byId: Map<string, boolean>;
  byBoth: Map<string, boolean>;
}

/**
 * Layout modifier classes (`has-sidebar`, `no-sub-nav`, `with-header-nav`) say what the page around an element has
 * or lacks: themes set them on the wrapper holding the article, so they are no hint about the element itself.
 */
const LAYOUT_MODIFIER = /(?:^|\s)(?:has|with|no|without)[-_]\S*/gi;

function furnitureHint(hint: string): boolean {
  const own = hint.includes('has') || hint.includes('with') || hint.includes('no') ? hint.replace(LAYOUT_MODIFIER, ' ') : hint;
  return UNLIKELY_HINT.test(own) && !MAYBE_CONTENT_HINT.test(own);
}

function isFurniture(el: Element, verdicts: FurnitureVerdicts): boolean {
  if (FURNITURE_TAGS.has(el.name)) return true;
  if (el.name === 'body' || el.name === 'html' || el.name === 'a' || el.name === 'article' || el.name === 'main') return false;
  const { class: cls, id } = el.attribs;
  let key: string;
  let cache: Map<string, boolean>;
  if (cls === undefined) {
    if (id === undefined) return false;
    key = id;
    cache = verdicts.byId;
  } else if (id === undefined) {
    key = cls;
    cache = verdicts.byClass;
  } else {
    key = `${cls} ${id}`;
    cache = verdicts.byBoth;
  }
  let verdict = cache.get(key);
  if (verdict === undefined) cache.set(key, (verdict = furnitureHint(hintOf(el))));
  return verdict;
}

function imageSource(el: Element, resolve: Resolver): string | null {
  for (const attr of IMAGE_SOURCE_ATTRIBUTES) {
    const url = resolve(el.attribs[attr]);
    if (url) return url;
  }
  return null;
}

/** Tracking pixels and spacer GIFs of old portals declare a 1-2 pixel size. */
function isSpacerImage(el: Element): boolean {
  const w = Number.parseInt(el.attribs.width ?? '', 10);
  const h = Number.parseInt(el.attribs.height ?? '', 10);
  return (w > 0 && w < 3) || (h > 0 && h < 3);
}

const CELL_BLOCK_TAGS = new Set(['p', 'div', 'ul', 'ol', 'table', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'br', 'img']);
/** A cell longer than this holds prose: the table is a layout table (old portals put whole articles in one <td>). */
const MAX_DATA_CELL_WORDS = 60;

/** Rows (and link words) of a table that holds data (cells of short text), or null for a layout table. */
function dataTable(table: Element): { rows: string[][]; linkWords: number } | null {
  const rows: string[][] = [];
  let linkWords = 0;
  const stack: ChildNode[] = [...table.children].reverse();
  let widest = 0;
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node)) continue;
    if (node.name === 'tr') {
      const cells: string[] = [];
      for (const cell of node.children) {
        if (!isElement(cell) || (cell.name !== 'td' && cell.name !== 'th')) continue;
        const inner: ChildNode[] = [...cell.children];
        while (inner.length > 0) {
          const n = inner.pop()!;
          if (!isElement(n)) continue;
          if (CELL_BLOCK_TAGS.has(n.name)) return null;
          if (n.name === 'a') linkWords += wordCount(textOf(n));
          else inner.push(...n.children);
        }
        const text = collapseWhitespace(textOf(cell));
        if (wordCount(text) > MAX_DATA_CELL_WORDS) return null;
        cells.push(text);
      }
      if (cells.length > 0) rows.push(cells);
      widest = Math.max(widest, cells.length);
      continue;
    }
    if (node.name === 'table') return null;
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  if (rows.length < 2 || widest < 2 || rows.every((r) => r.every((c) => c === ''))) return null;
  return { rows, linkWords };
}

const LIST_TAGS = new Set(['ul', 'ol']);
const HEADING_LEVEL: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };

/** Kind of the text at the top of the open block elements: the nearest structural element decides. */
function blockKind(open: readonly ParentNode[]): { kind: BlockKind; level: number; ordered: boolean } {
  for (let i = open.length - 1; i >= 0; i--) {
    const el = open[i]!;
    if (!isElement(el)) break;
    const heading = HEADING_LEVEL[el.name];
    if (heading) return { kind: 'h', level: heading, ordered: false };
    if (el.name === 'pre') return { kind: 'pre', level: 0, ordered: false };
    if (el.name === 'li' || el.name === 'dd') {
      let level = 0;
      let ordered = false;
      for (let j = i - 1; j >= 0; j--) {
        const up = open[j]!;
        if (isElement(up) && LIST_TAGS.has(up.name)) {
          if (level === 0) ordered = up.name === 'ol';
          level++;
        }
      }
      return { kind: 'li', level: Math.max(level, 1), ordered };
    }
    if (el.name === 'blockquote') return { kind: 'quote', level: 0, ordered: false };
    if (el.name === 'figcaption' || el.name === 'caption') return { kind: 'caption', level: 0, ordered: false };
  }
  return { kind: 'p', level: 0, ordered: false };
}

const MARKDOWN_SPECIAL = /[\\`*_[\]<>]/;
const WHITE_SPACE_RUN = /[\s\u200b]+/g;
/** White space that collapsing a text piece would change: anything but lone ASCII spaces (most prose has only those). */
const UNCOLLAPSED_RUN = /[^\S ]|\u200b|  /;

/**
 * Text made only of ASCII spaces, tabs and line breaks: most text nodes of a page are the indentation between
 * tags, and a character loop tells them apart cheaper than the collapsing regex.
 */
function isIndentation(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 0x20 && (c < 0x09 || c > 0x0d)) return false;
  }
  return true;
}

/** Text pieces arrive with their white space already collapsed: only the seams between pieces are left. */
function joinSpaces(s: string): string {
  return (s.includes('  ') ? s.replace(/ {2,}/g, ' ') : s).trim();
}

/** Escapes the characters that would turn plain text into Markdown syntax inside a line. */
function escapeInline(s: string): string {
  return MARKDOWN_SPECIAL.test(s) ? s.replace(/([\\`*_[\]<>])/g, '\\$1') : s;
}

interface InlineMark {
  el: Element;
  start: number;
  kind: 'link' | 'bold' | 'italic' | 'code';
  href?: string | null;
}

/**
 * Splits the page into blocks in one iterative pass: block elements, <br>, images and data tables end a
 * block; inline elements contribute Markdown marks. Hidden subtrees, non-content tags and elements `isRemoved`
 * picks (a site profile's `remove` selectors) are skipped. The same pass lists the page's links for the crawler:
 * a walk of its own cost as much as a third of segmenting.
 */
export function segment(
  root: ParentNode, base: URL | null, resolve: Resolver = makeResolver(base), isRemoved?: (el: Element) => boolean,
): Segmentation {
  const blocks: Block[] = [];
  const ranges: BlockRanges = new Map();
  const links = new Set<string>();
  const open: ParentNode[] = [root];
  const furniture: Element[] = [];
  let furnitureSnapshot: Element[] = [];
  const marks: InlineMark[] = [];
  let raw = '';
  let md = '';
  // Link text is counted in words (link density decides navigation); for bold text, its share of the block's
  // characters is enough to tell an all-bold heading.
  let linkText = '';
  let boldChars = 0;
  let linkDepth = 0;
  let boldDepth = 0;
  let preDepth = 0;

  const push = (fields: Omit<Block, 'index' | 'owner' | 'furniture' | 'fingerprint' | 'level' | 'ordered' | 'kind'> &
    Partial<Pick<Block, 'kind' | 'level' | 'ordered'>>): void => {
    const kind = fields.kind ? { kind: fields.kind, level: fields.level ?? 0, ordered: false } : blockKind(open);
    blocks.push({
      index: blocks.length,
      kind: kind.kind,
      level: kind.level,
      ordered: kind.ordered,
      text: fields.text,
      markdown: fields.markdown,
      words: fields.words,
      linkWords: fields.linkWords,
      boldWords: fields.boldWords,
      owner: open[open.length - 1]!,
      furniture: furnitureSnapshot,
      image: fields.image,
      rows: fields.rows,
      fingerprint: blockFingerprint(fields.text),
    });
  };

  const flush = (): void => {
    const text = preDepth > 0 ? raw.replace(/^\n+|\s+$/g, '') : joinSpaces(raw);
    if (text !== '') {
      // Marks still open continue in the next block: close them here, reopen after.
      let markdown = md;
      for (let i = marks.length - 1; i >= 0; i--) markdown = closeMark(markdown, marks[i]!);
      markdown = preDepth > 0 ? text : joinSpaces(markdown);
      const words = wordCount(text);
      const share = (chars: number) => (chars === 0 ? 0 : Math.min(words, Math.round((words * chars) / text.length)));
      // Menus and link lists are links from end to end: no need to count their words twice.
      const linked = linkText === '' ? '' : joinSpaces(linkText);
      const linkWords = linked === '' ? 0 : linked === text ? words : wordCount(linked);
      push({ text, markdown, words, linkWords, boldWords: share(boldChars) });
    }
    raw = '';
    md = '';
    linkText = '';
    boldChars = 0;
    for (const mark of marks) mark.start = 0;
  };

  const furnitureVerdicts: FurnitureVerdicts = { byClass: new Map(), byId: new Map(), byBoth: new Map() };
  // Nodes to visit, and beside each, on the visit that closes an element, the index its blocks start at; -1 on the
  // visits that open (parallel arrays of numbers: no object per element, most of which hold no block of their own).
  const stack: ChildNode[] = [];
  const starts: number[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) {
    stack.push(root.children[i]!);
    starts.push(-1);
  }

  while (stack.length > 0) {
    const node = stack.pop()!;
    const start = starts.pop()!;
    if (node.type === 'text') {
      const data = (node as Text).data;
      const piece = preDepth > 0 ? data : isIndentation(data) ? ' ' : UNCOLLAPSED_RUN.test(data) ? data.replace(WHITE_SPACE_RUN, ' ') : data;
      if (piece === ' ' || piece === '') {
        // Indentation between tags: one space at most, and nothing else to do.
        if (raw !== '' && !raw.endsWith(' ')) {
          raw += ' ';
          md += ' ';
        }
        continue;
      }
      raw += piece;
      md += preDepth > 0 ? piece : escapeInline(piece);
      if (linkDepth > 0) linkText += ` ${piece}`;
      if (boldDepth > 0) boldChars += piece.length;
      continue;
    }
    if (!isElement(node)) continue;
    const el = node;
    const name = el.name;

    if (start >= 0) {
      if (BLOCK_TAGS.has(name)) {
        flush();
        open.pop();
      } else {
        const mark = marks[marks.length - 1];
        if (mark?.el === el) {
          marks.pop();
          md = closeMark(md, mark);
          if (mark.kind === 'link') linkDepth--;
          if (mark.kind === 'bold') boldDepth--;
        }
      }
      if (name === 'pre') preDepth--;
      if (blocks.length > start) ranges.set(el, { start, end: blocks.length });
      if (furniture[furniture.length - 1] === el) {
        furniture.pop();
        furnitureSnapshot = furniture.slice();
      }
      continue;
    }

    if (DROPPED_TAGS.has(name) || isHidden(el) || isRemoved?.(el)) {
      addLinksIn(el, resolve, links);
      continue;
    }
    if (name === 'br') {
      if (preDepth > 0) {
        raw += '\n';
        md += '\n';
      } else flush();
      continue;
    }
    if (name === 'hr') {
      flush();
      continue;
    }
    if (name === 'img') {
      const src = imageSource(el, resolve);
      if (src && !isSpacerImage(el)) {
        flush();
        const alt = collapseWhitespace(el.attribs.alt ?? '');
        push({ kind: 'img', text: '', markdown: `![${escapeInline(alt)}](${src})`, words: 0, linkWords: 0, boldWords: 0, image: { src, alt } });
      }
      continue;
    }
    if (name === 'table') {
      const table = dataTable(el);
      if (table) {
        addLinksIn(el, resolve, links);
        flush();
        const text = table.rows.map((r) => r.join(' | ')).join('\n');
        ranges.set(el, { start: blocks.length, end: blocks.length + 1 });
        push({ kind: 'table', text, markdown: text, words: wordCount(text), linkWords: table.linkWords, boldWords: 0, rows: table.rows });
        continue;
      }
    }

    stack.push(el);
    starts.push(blocks.length);
    if (isFurniture(el, furnitureVerdicts)) {
      furniture.push(el);
      furnitureSnapshot = furniture.slice();
    }
    if (name === 'pre') preDepth++;
    if (BLOCK_TAGS.has(name)) {
      flush();
      open.push(el);
    } else if (name === 'a') {
      const href = resolve(el.attribs.href);
      if (href) links.add(href);
      marks.push({ el, start: md.length, kind: 'link', href });
      linkDepth++;
    } else if (BOLD_TAGS.has(name)) {
      marks.push({ el, start: md.length, kind: 'bold' });
      boldDepth++;
    } else if (ITALIC_TAGS.has(name)) {
      marks.push({ el, start: md.length, kind: 'italic' });
    } else if (name === 'code' && preDepth === 0) {
      marks.push({ el, start: md.length, kind: 'code' });
    }
    for (let i = el.children.length - 1; i >= 0; i--) {
      stack.push(el.children[i]!);
      starts.push(-1);
    }
  }
  flush();
  return { blocks, ranges, links: [...links] };
}

/** Words of a run of blocks. */
export function wordsOf(blocks: readonly Block[]): number {
  return blocks.reduce((n, b) => n + b.words, 0);
}

/** The element a block's paragraph sits in: the text flow it belongs to. */
export function flowOf(block: Block): ParentNode | null {
  let node: ParentNode | null = block.owner;
  while (node && isElement(node) && PARAGRAPH_TAGS.has(node.name)) node = node.parent;
  return node;
}

/** A furniture-looking element holding this share of the page's prose is a page wrapper, not furniture. */
const WRAPPER_PROSE_SHARE = 0.4;
const PROSE_BLOCK_WORDS = 8;

/**
 * Clears furniture marks that stand for page wrappers: themes name whole layouts after what they contain
 * (`class="container penci_sidebar"` around the article and its sidebar), so a hint on an element holding
 * most of the page's prose says nothing about that prose. Only wrappers holding at least `minWords` prose words
 * count. Returns whether any mark was cleared.
 */
export function releaseWrappers(blocks: Block[], minWords = 0): boolean {
  const prose = new Map<Element, number>();
  let total = 0;
  for (const b of blocks) {
    if (b.words < PROSE_BLOCK_WORDS || b.linkWords * 2 > b.words) continue;
    total += b.words;
    for (const el of b.furniture) prose.set(el, (prose.get(el) ?? 0) + b.words);
  }
  const wrappers = new Set<Element>();
  for (const [el, words] of prose) if (words >= total * WRAPPER_PROSE_SHARE && words >= minWords) wrappers.add(el);
  if (wrappers.size === 0) return false;
  for (const b of blocks) {
    if (b.furniture.some((el) => wrappers.has(el))) b.furniture = b.furniture.filter((el) => !wrappers.has(el));
  }
  return true;
}

/** Wraps the Markdown written since `mark.start` in the mark's syntax (nothing for an empty span). */
function closeMark(md: string, mark: InlineMark): string {
  const head = md.slice(0, mark.start);
  const span = md.slice(mark.start);
  const inner = span.trim();
  if (inner === '') return md;
  const lead = span.startsWith(' ') ? ' ' : '';
  const trail = span.endsWith(' ') ? ' ' : '';
  switch (mark.kind) {
    case 'link':
      return mark.href ? `${head}${lead}[${inner}](${mark.href})${trail}` : md;
    case 'bold':
      return `${head}${lead}**${inner}**${trail}`;
    case 'italic':
      return `${head}${lead}*${inner}*${trail}`;
    case 'code':
      return `${head}${lead}\`${inner.replace(/\\([\\`*_[\]<>])/g, '$1')}\`${trail}`;
  }
}

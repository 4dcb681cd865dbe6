import type { Element, ParentNode } from 'domhandler';
import { LABELS } from '../metadata/labels.js';
import { hintOf } from '../parse/index.js';
import { blockFingerprint, flowOf, type Block } from './blocks.js';
import { BOILERPLATE_LINE, END_OF_ARTICLE, TEASER_HEADING, THRESHOLDS } from './rules.js';

/** Label words of every metadata field; a body line opening with one is a metadata line, not prose. */
const ALL_LABELS = Object.values(LABELS).flat();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const labelAlternation = ALL_LABELS.map((w) => escapeRegExp(w).replace(/ /g, '\\s*')).sort((a, b) => b.length - a.length).join('|');
/** `作者:张三`, `来源 / 新华社`, `By Jane Doe`, `Updated: ...`, `- 作者：流泉`: a label, then a separator. */
const LABELLED_LINE = new RegExp(`^[\\[【(（\\-–—·•]?\\s*(?:${labelAlternation})\\s*[:：/|丨]`, 'i');
/**
 * `责任编辑胡津瑞`, `总监审姚卜成`, `标签媒体关注`: Chinese portals also run label and value together. Only labels of
 * two or more characters count here (a lone 文 or 编辑 opens prose too), and only on short lines.
 */
const RUN_TOGETHER_LABEL = new RegExp(
  `^(?:${ALL_LABELS.filter((w) => w.length >= 2 && /[\u4e00-\u9fff]/.test(w) && w !== '编辑' && w !== '来自').map(escapeRegExp).join('|')})`,
);
const ENGLISH_BYLINE = /^(?:by|written by|posted by|reported by|words by|photos? by)\s+\p{Lu}/iu;
/** `2022.01.20 16:31 来源：河南日报客户端`: a timestamp first, then labelled metadata. */
const DATED_LABEL_LINE = new RegExp(`^\\s*\\d{4}[-/.年]\\d{1,2}[-/.月]\\d{1,2}.*(?:${labelAlternation})\\s*[:：]`, 'i');
/** `Updated 5:27 am CST, Wednesday, November 20, 2019`, `Published 3 hours ago`: timestamps without a colon. */
const TIMESTAMP_LINE = /^(?:updated|published|posted|last updated|last modified|modified|veröffentlicht|aktualisiert|atualizado|publicado)\b.{0,60}(?:\d{4}|\d{1,2}:\d{2}|ago)\b/i;
/** `Photo: Jane Doe/Reuters`, `Image credit: NASA`: picture credits. */
const CREDIT_LINE = /^[(（]?(?:photo|image|picture|foto|bild|credit|photograph|illustration|titelbild|beitragsbild|crédits?(?: photos?)?|crédito)s?(?: credit)?\s*(?:[:：]|via\b|$)/i;
/** A caption that ends with a copyright credit: `Die Kranzniederlegung am Mahnmal © Bundesrat | Frank Bräuer`. */
const COPYRIGHT_TAIL = /\s©\s?[^©.!?]{2,60}$/;
/** `Protesters gather outside the court (Image: Getty)`: a picture caption that ends with its credit. */
const CREDITED_CAPTION = /[(（](?:photo|image|picture|foto|bild|credit|photograph|illustration|grafik|crédits?|crédito)s?(?: credit)?\s*[:：][^)）]{1,60}[)）]$/i;
const DATE_ONLY = /^[\s(（\[]*(?:\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|\d{1,2}\.? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{4})(?:\s*(?:\d{1,2}:\d{2}(?::\d{2})?)\s*(?:am|pm)?)?(?:\s*\S{0,4})?[\s)）\]]*$/i;

/** Lines that are metadata, widgets or footer text wherever they appear. */
export function isBoilerplateLine(block: Block): boolean {
  const text = block.text;
  if (block.kind === 'img' || block.kind === 'table') return false;
  if (block.words <= 40 && LABELLED_LINE.test(text)) return true;
  if (block.words <= 15 && RUN_TOGETHER_LABEL.test(text)) return true;
  if (block.words <= 12 && ENGLISH_BYLINE.test(text)) return true;
  if (block.words <= 12 && DATE_ONLY.test(text)) return true;
  if (block.words <= 20 && (TIMESTAMP_LINE.test(text) || CREDIT_LINE.test(text))) return true;
  if (block.words <= 40 && (CREDITED_CAPTION.test(text) || COPYRIGHT_TAIL.test(text))) return true;
  if (block.words <= 40 && DATED_LABEL_LINE.test(text)) return true;
  if (block.words > 60) return false;
  // A related-list or comments heading before the article's end (a teaser box inside the text) goes on its own.
  if (block.words <= MAX_END_MARKER_WORDS && (END_OF_ARTICLE.test(text) || TEASER_HEADING.test(text))) return true;
  return BOILERPLATE_LINE.some((re) => re.test(text));
}

/** A line that is one web address: the author typed the link out (a source, a shop link), menus name their links. */
const BARE_ADDRESS = /^(?:https?:\/\/|www\.)\S+$/i;

/**
 * Navigation inside the body: a block that is mostly link text (related lists, tag clouds, "next" links).
 * Long blocks get more room: roundups and link-rich list items carry several links in real sentences.
 */
export function isLinkBlock(block: Block): boolean {
  if (block.words === 0 || block.linkWords === 0 || BARE_ADDRESS.test(block.text)) return false;
  const density = block.linkWords / block.words;
  return density > (block.words >= THRESHOLDS.longLinkBlockWords ? THRESHOLDS.maxLongLinkDensity : THRESHOLDS.maxLinkDensity);
}

/** Whether `node` lies strictly inside `root` (parent pointers; the tree depth is capped). */
function isStrictlyInside(node: ParentNode, root: ParentNode): boolean {
  for (let up = node.parent; up; up = up.parent) if (up === root) return true;
  return false;
}

/** Furniture (share bars, tag lists, editor boxes) nested inside the chosen container. */
export function isNestedFurniture(block: Block, root: ParentNode): boolean {
  for (const el of block.furniture) if (isStrictlyInside(el, root)) return true;
  return false;
}

/**
 * class/id words of picture captions and credits that are not <figcaption>s (WordPress `wp-caption-text`,
 * `image-caption`, German `bildunterschrift`).
 */
const CAPTION_HINT = /caption|bildunterschrift|legende|credit/i;
const VIDEO_HINT = /video|embed/i;
/**
 * Utility classes that hide an element until a script shows it (Bootstrap `hidden`, `d-none`): paywall prompts and
 * app hints kept in the page for later.
 */
const HIDDEN_CLASS = /(?:^|\s)(?:hidden|d-none|is-hidden)(?:\s|$)/;
/**
 * A breakpoint class that shows the element again on wider screens (Tailwind `hidden md:block`, Bootstrap
 * `d-none d-lg-flex`): the text is hidden on phones only, and readers on a desktop see it.
 */
const SHOWN_AT_BREAKPOINT = /(?:^|\s)(?:[a-z0-9]+:(?:block|inline|inline-block|flex|inline-flex|grid|inline-grid|table|contents|flow-root)|d-(?:sm|md|lg|xl|xxl)-(?!none\b)[a-z-]+)(?=\s|$)/;

function isHiddenByClass(cls: string): boolean {
  return HIDDEN_CLASS.test(cls) && !SHOWN_AT_BREAKPOINT.test(cls);
}
/**
 * class/id words of notices and boxes set into the article: fact boxes, inline boxes, content breakers and
 * recirculation (`recirc`) boxes (the templates' slots for promotions, background and more stories), affiliate
 * and advertising disclosures, editorial disclaimers, community and reuse-licence notices, consent blockers,
 * call-to-action (`cta`) boxes.
 */
const NOTICE_HINT = /fact-?box|recirc|inline-?box|breaker|disclaimer|disclosure|notice|content-?blocker|licen[cs]e|(?:^|[-_\s])cta(?:$|[-_\s])/i;

/**
 * What the elements between the block and the chosen container make of it: left out (a notice, or hidden by a
 * utility class), a caption (but not under a video player or an embed: the text there describes the clip, which
 * such pages tell their story by), or nothing.
 */
function enclosingRole(block: Block, root: ParentNode): 'caption' | 'left-out' | null {
  let caption = false;
  let video = false;
  for (let node: ParentNode | null = block.owner; node && node !== root; node = node.parent) {
    if (node.type !== 'tag') break;
    const hint = hintOf(node as Element);
    if (hint === '') continue;
    const cls = (node as Element).attribs.class;
    if (NOTICE_HINT.test(hint) || (cls !== undefined && isHiddenByClass(cls))) return 'left-out';
    video ||= VIDEO_HINT.test(hint);
    caption ||= CAPTION_HINT.test(hint);
  }
  return caption && !video ? 'caption' : null;
}

/**
 * The block as the body shows it, or null when left out: a paragraph or list item (a gallery's) inside a caption
 * element is a caption (Markdown keeps it under its picture, plain text leaves it out).
 */
export function inBody(block: Block, root: ParentNode): Block | null {
  if (block.kind !== 'p' && block.kind !== 'h' && block.kind !== 'li') return block;
  const role = enclosingRole(block, root);
  if (role === 'left-out') return null;
  return role === 'caption' && block.kind !== 'h' ? { ...block, kind: 'caption' } : block;
}

/**
 * Drops the title line when the body repeats it (the page's <h1> sits inside the article container), and a table
 * opening with it: table-layout portals set the headline and its dateline in a small table of their own, which
 * reads as data once its rows are split.
 */
export function dropTitle(blocks: Block[], title: string | null | undefined): Block[] {
  const titlePrint = title ? blockFingerprint(title) : '';
  return blocks.filter((b, i) => {
    if (b.kind === 'h' && b.level === 1 && i < 3) return false;
    if (!titlePrint || i >= 5 || b.kind === 'img') return true;
    if (b.kind === 'table') return blockFingerprint(b.rows![0]!.join(' ')) !== titlePrint;
    return b.fingerprint !== titlePrint;
  });
}

/** A call to action this long or shorter is a promo line; longer text that mentions the same words is prose. */
const MAX_CALL_TO_ACTION_WORDS = 60;

/**
 * Invitations to subscribe, sign up, follow a channel, install the app or comment, in English, German, Spanish,
 * Polish and Japanese (有料会員 paid membership, 会員登録 sign-up): paywall, newsletter and comment prompts that templates put after the article's last paragraph, inside its
 * container.
 */
const CALL_TO_ACTION =
  /subscribe(?:rs?)?\b|有料会員|会員登録|leave a comment|in den kommentaren\b|hinterlass\w* .{0,20}kommentar|newsletter|\bsign(?:ing)? up\b|push notification|\bapps?\b.{0,30}\b(?:ios|android|app store|google play)\b|\babonniere[n]?\b|posteingang|suscr[ií]b|hazte miembro|únete|canal de (?:youtube|telegram|whatsapp)|subskrypc/i;

/**
 * Drops the calls to action that end the body (one promo line or a paywall box of several). Only at the end:
 * inside the article a sentence about subscribers or an app is the article's.
 */
export function dropTrailingCallsToAction(blocks: Block[]): Block[] {
  let end = blocks.length;
  while (end > 0) {
    const b = blocks[end - 1]!;
    if (b.kind === 'img' || b.kind === 'table' || b.words > MAX_CALL_TO_ACTION_WORDS || !CALL_TO_ACTION.test(b.text)) break;
    end--;
  }
  return end === blocks.length ? blocks : blocks.slice(0, end);
}

/** End-of-article markers are headings: a longer line opening with the same words is prose. */
const MAX_END_MARKER_WORDS = 12;

/** Share of the body's words that must come before an end-of-article line for the body to stop there. */
const MIN_SHARE_BEFORE_END = 0.5;

/**
 * Cuts the body at a related-list or comments heading that follows most of its text. `isProse` tells which
 * blocks count as the article's text (markers themselves are usually filtered out as boilerplate later).
 */
export function cutAtArticleEnd(blocks: Block[], isProse: (b: Block) => boolean): Block[] {
  let total = 0;
  for (const b of blocks) if (isProse(b)) total += b.words;
  let before = 0;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (b.words <= MAX_END_MARKER_WORDS && before >= total * MIN_SHARE_BEFORE_END && END_OF_ARTICLE.test(b.text) &&
      !resumesAfterList(blocks, i, isProse)) return blocks.slice(0, i);
    if (isProse(b)) before += b.words;
  }
  return blocks;
}

/**
 * Whether the article's text goes on after the list under the marker at `at`: a related-stories box set into the
 * text, followed by a paragraph in the same flow as the one before the box.
 */
function resumesAfterList(blocks: readonly Block[], at: number, isProse: (b: Block) => boolean): boolean {
  const last = blocks[at - 1];
  if (!last) return false;
  let j = at + 1;
  while (j < blocks.length && !isProse(blocks[j]!)) j++;
  const next = blocks[j];
  return next !== undefined && j > at + 1 && next.kind === 'p' && next.words >= THRESHOLDS.minScoredWords && flowOf(next) === flowOf(last);
}

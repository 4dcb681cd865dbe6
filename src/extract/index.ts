import type { Document, ParentNode } from 'domhandler';
import type { ExtractOptions } from '../types.js';
import type { JsonLdFacts } from '../metadata/jsonld.js';
import { blockFingerprint, releaseWrappers, segment, wordsOf, type Block, type BlockRanges } from './blocks.js';
import { dropRepeatedRuns } from './dedupe.js';
import { jsonLdBodyBlocks, visibleStandfirst } from './jsonld-body.js';
import { baseUrl, makeResolver } from './links.js';
import { classifyPage } from './pagekind.js';
import { selectByProfile } from './profile.js';
import { cutAtArticleEnd, dropTitle, dropTrailingCallsToAction, inBody, isBoilerplateLine, isLinkBlock, isNestedFurniture } from './prune.js';
import { render } from './render.js';
import { chooseBody, standfirstRoots, type BodyChoice } from './select.js';
import { THRESHOLDS } from './rules.js';

export { blockFingerprint };

export interface ContentOptions extends ExtractOptions {
  /** The title the metadata stage found: the body must not repeat it as its first line. */
  title?: string | null;
  /** The page's JSON-LD article: its articleBody is the body of pages that render their article with JavaScript. */
  jsonLd?: Pick<JsonLdFacts, 'headline' | 'articleBody'> | null;
  /** The page's description (og:description ...): the standfirst a JSON-LD body leaves out. */
  description?: string | null;
}

export interface ContentResult {
  text: string;
  markdown: string;
  /** How the body was chosen (for --debug), e.g. "scored container div#article (0.93)". */
  reason: string;
  isArticle: boolean;
  pageKindReason: string;
  links: string[];
  blockFingerprints: string[];
}

/**
 * Body blocks of the chosen containers, without nested furniture, navigation and metadata lines, and ending
 * where a related list or comment section begins.
 */
function bodyBlocks(blocks: readonly Block[], ranges: BlockRanges, roots: readonly ParentNode[]): Block[] {
  const inside: Block[] = [];
  for (const root of roots) {
    const range = ranges.get(root) ?? (root.parent === null ? { start: 0, end: blocks.length } : undefined);
    if (!range) continue;
    for (let i = range.start; i < range.end; i++) {
      const block = blocks[i]!;
      const shown = isNestedFurniture(block, root) ? null : inBody(block, root);
      if (shown) inside.push(shown);
    }
  }
  const isBody = (b: Block) => !isLinkBlock(b) && !isBoilerplateLine(b);
  return dropEmptySections(cutAtArticleEnd(inside, isBody), isBody);
}

/**
 * Keeps the body blocks, and of the headings only those with body text under them: a heading over links alone
 * ("Most read", "More on this topic") titles a link list that is gone.
 */
function dropEmptySections(blocks: readonly Block[], isBody: (b: Block) => boolean): Block[] {
  const kept: Block[] = [];
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i]!;
    if (!isBody(b)) continue;
    if (b.kind === 'h') {
      let j = i + 1;
      while (j < blocks.length && blocks[j]!.kind !== 'h' && !isBody(blocks[j]!)) j++;
      const titlesLinksOnly = j > i + 1 && (j === blocks.length || blocks[j]!.kind === 'h');
      if (titlesLinksOnly) continue;
    }
    kept.push(b);
  }
  return kept;
}

/** A furniture-looking wrapper holding this many times the chosen body's words holds the article instead. */
const MISSED_WRAPPER_FACTOR = 3;

/**
 * Blocks learned as boilerplate for the host leave the body only at its edges: inside the article's own run
 * of text a repeated sentence (a standing disclaimer, a recurring quote) is the article's.
 */
function trimLearnedBoilerplate(body: Block[], learned: ReadonlySet<string> | undefined): Block[] {
  if (!learned || learned.size === 0) return body;
  const isLearned = (b: Block) => b.fingerprint !== '' && learned.has(b.fingerprint);
  let from = 0;
  let to = body.length;
  while (from < to && (isLearned(body[from]!) || body[from]!.kind === 'img')) from++;
  while (to > from && (isLearned(body[to - 1]!) || body[to - 1]!.kind === 'img')) to--;
  // Images at the edges were only skipped over to reach learned blocks: give them back.
  while (from > 0 && body[from - 1]!.kind === 'img') from--;
  while (to < body.length && body[to]!.kind === 'img') to++;
  return body.slice(from, to);
}

/**
 * HTML tree → main content. Segments the page into blocks once, scores containers, takes the best with its
 * prose siblings, prunes furniture and metadata lines, drops second copies of the body, and renders text and
 * Markdown.
 */
export function extractContent(doc: Document, options: ContentOptions): ContentResult {
  const base = baseUrl(options.url, doc);
  const resolve = makeResolver(base);
  const profile = selectByProfile(doc, options.profile);
  const { blocks, ranges, links } = segment(doc, base, resolve, profile.isRemoved);
  // A body pick that holds no text (empty, or skipped by segmentation as removed or hidden): the generic choice stands.
  const profileRoots = profile.body.filter((el) => ranges.has(el));
  const learned = options.boilerplate;
  const skipLearned = (b: Block) => learned !== undefined && b.fingerprint !== '' && learned.has(b.fingerprint);
  const choose = (): BodyChoice | null => profileRoots.length > 0
    ? { roots: profileRoots, reason: `profile body selector ${options.profile!.body}` }
    : chooseBody(blocks, ranges, (b) => b.furniture.length > 0 || skipLearned(b)) ?? chooseBody(blocks, ranges, skipLearned);

  let choice = choose();
  let body = bodyBlocks(blocks, ranges, choice?.roots ?? [doc]);
  // Too little text outside furniture, or far less than one furniture-looking element holds: the article may sit
  // in a wrapper whose class only looks like furniture (`container penci_sidebar`, `above-footer`), and the pick is
  // then a disclosure box or a teaser. Readability retries the same way, without its unlikely-candidate cut.
  const bodyWords = wordsOf(body);
  const wrapperWords = bodyWords < THRESHOLDS.minArticleWords ? 0 : bodyWords * MISSED_WRAPPER_FACTOR;
  if (profileRoots.length === 0 && releaseWrappers(blocks, wrapperWords)) {
    choice = choose();
    body = bodyBlocks(blocks, ranges, choice?.roots ?? [doc]);
  }
  let reason = choice?.reason ?? 'no scored container: whole document';
  const fromJsonLd = profileRoots.length === 0 ? jsonLdBodyBlocks(options.jsonLd, body, options.title, base, resolve) : null;
  if (fromJsonLd) {
    reason = `json-ld articleBody (the HTML's body: ${wordsOf(body)} words, ${reason})`;
    const standfirst = visibleStandfirst(fromJsonLd, blocks, options.description);
    body = standfirst ? [standfirst, ...fromJsonLd] : fromJsonLd;
  } else if (choice && profileRoots.length === 0) {
    const lead = standfirstRoots(blocks, ranges, choice.roots, options.title ? blockFingerprint(options.title) : '');
    if (lead.length > 0) body = [...bodyBlocks(blocks, ranges, lead), ...body];
  }
  body = dropTitle(body, options.title);
  body = dropRepeatedRuns(body);
  body = trimLearnedBoilerplate(body, learned);
  body = dropTrailingCallsToAction(body);

  const { text, markdown } = render(body);
  const kind = classifyPage(body, blocks, base, options.title);
  const fingerprints = [...new Set(blocks.map((b) => b.fingerprint).filter((f) => f !== ''))];
  return {
    text,
    markdown,
    reason,
    isArticle: kind.isArticle,
    pageKindReason: kind.reason,
    links,
    blockFingerprints: fingerprints,
  };
}


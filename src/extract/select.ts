import type { Element, ParentNode } from 'domhandler';
import { flowOf, type Block, type BlockRanges } from './blocks.js';
import { CLASS_WEIGHT, NEGATIVE_HINT, PARAGRAPH_TAGS, POSITIVE_HINT, THRESHOLDS } from './rules.js';

/** The chosen body: the container elements (in document order) and how they were chosen. */
export interface BodyChoice {
  roots: ParentNode[];
  reason: string;
}

interface Tally {
  words: number;
  linkWords: number;
  /** Words of the link-free blocks that scored: running text, not labels, link lines or teasers. */
  prose: number;
  score: number;
}

/** Punctuation that separates clauses in English and Chinese prose: navigation has little of it. */
const CLAUSE_PUNCTUATION = /[,，、;；。.!?！？]/g;

function blockScore(block: Block): number {
  if (block.words < THRESHOLDS.minScoredWords) return 0;
  if (block.kind === 'h' || block.kind === 'img' || block.kind === 'caption') return 0;
  const clauses = block.text.match(CLAUSE_PUNCTUATION)?.length ?? 0;
  const length = Math.min(block.words / THRESHOLDS.wordsPerPoint, THRESHOLDS.maxLengthPoints);
  const linkShare = block.linkWords / block.words;
  return (1 + Math.min(clauses, 10) + length) * (1 - linkShare) ** 2;
}

function isElementNode(node: ParentNode): node is Element {
  return node.type === 'tag';
}

/** Readability's tag priors: prose lives in <div>/<article>, lists and headings rarely hold a whole article. */
const TAG_PRIOR: Record<string, number> = {
  article: 10, main: 5, section: 3, div: 5, td: 3, pre: 3, blockquote: 3,
  address: -3, ol: -3, ul: -3, dl: -3, dd: -3, dt: -3, li: -3, form: -3, h1: -5, h2: -5, h3: -5, h4: -5, h5: -5, h6: -5, th: -5,
};

function classWeight(el: Element): number {
  let weight = 0;
  for (const hint of [el.attribs.class, el.attribs.id]) {
    if (!hint) continue;
    if (NEGATIVE_HINT.test(hint)) weight -= CLASS_WEIGHT;
    if (POSITIVE_HINT.test(hint)) weight += CLASS_WEIGHT;
  }
  return weight;
}

/**
 * Scores containers Readability-style (each prose block adds to its container and, decaying, to the two above
 * it), weighting by tag, class/id hints and link density, then extends the winner to siblings that carry prose
 * too (articles split by ads or into sections).
 */
export function chooseBody(blocks: readonly Block[], ranges: BlockRanges, skip: (b: Block) => boolean): BodyChoice | null {
  const tallies = new Map<ParentNode, Tally>();
  const tally = (node: ParentNode): Tally => {
    let t = tallies.get(node);
    if (!t) {
      t = { words: 0, linkWords: 0, prose: 0, score: 0 };
      tallies.set(node, t);
    }
    return t;
  };

  for (const block of blocks) {
    if (block.words === 0 || skip(block)) continue;
    for (let node: ParentNode | null = block.owner; node; node = node.parent) {
      const t = tally(node);
      t.words += block.words;
      t.linkWords += block.linkWords;
    }
    const score = blockScore(block);
    if (score === 0) continue;
    if (block.linkWords === 0) for (let node: ParentNode | null = block.owner; node; node = node.parent) tally(node).prose += block.words;
    // A block's score starts at its text flow: paragraph elements pass it to the element around them.
    let node = flowOf(block);
    for (let level = 0; node && level < THRESHOLDS.scoreLevels; level++, node = node.parent) {
      if (!isElementNode(node)) break;
      tally(node).score += score / (level === 0 ? 1 : level === 1 ? 2 : level * 3);
    }
  }

  const finalScore = new Map<ParentNode, number>();
  let best: Element | null = null;
  let bestScore = 0;
  for (const [node, t] of tallies) {
    if (t.score === 0 || !isElementNode(node)) continue;
    const linkDensity = t.words > 0 ? t.linkWords / t.words : 0;
    const score = (t.score + (TAG_PRIOR[node.name] ?? 0) + classWeight(node)) * (1 - linkDensity);
    finalScore.set(node, score);
    if (score > bestScore) {
      bestScore = score;
      best = node;
    }
  }
  if (!best) return null;

  const bodyProse = minBodyProse(best, tallies);
  let top: ParentNode = joinChunks(best, finalScore, tallies, bodyProse);
  top = holderOfMostProse(top, tallies, bodyProse);
  // A lone child carries nothing its parent does not: climb so siblings of the real container are seen.
  while (top.parent && isElementNode(top.parent) && top.parent.name !== 'body' &&
    top.parent.children.filter((c) => c.type === 'tag').length === 1) top = top.parent;

  const roots: ParentNode[] = [];
  const threshold = Math.max(10, bestScore * THRESHOLDS.siblingShare);
  const parent = top.parent;
  const siblings = parent ? parent.children : [top];
  const topClass = isElementNode(top) ? top.attribs.class : undefined;
  for (const sibling of siblings) {
    if (sibling === top) {
      roots.push(top);
      continue;
    }
    if (sibling.type !== 'tag') continue;
    const el = sibling as Element;
    const range = ranges.get(el);
    if (!range || range.start === range.end) continue;
    // The lead image sits beside the text container on most templates (figure, then the body div).
    if (el.name === 'figure' && (nextElement(el) === top || roots.includes(previousElement(el)!))) {
      roots.push(el);
      continue;
    }
    const bonus = topClass && el.attribs.class === topClass ? bestScore * SAME_CLASS_BONUS : 0;
    const score = (finalScore.get(el) ?? 0) + bonus;
    if (score >= threshold) {
      roots.push(el);
      continue;
    }
    const isParagraph = PARAGRAPH_TAGS.has(el.name) && el.name !== 'li' && !el.name.startsWith('h');
    // Templates that wrap each paragraph in its own <div> (a lead box, one component per paragraph): a wrapper
    // holding a single link-free paragraph that ends a sentence joins like a <p>, but not on length alone
    // (donation and newsletter appeals are long single paragraphs too).
    const single = range.end - range.start === 1 ? blocks[range.start]! : null;
    const isWrappedParagraph = !isParagraph && single !== null && single.kind === 'p' && single.furniture.length === 0;
    if (isParagraph || isWrappedParagraph) {
      const t = tallies.get(el);
      if (!t || t.words === 0) continue;
      const linkDensity = t.linkWords / t.words;
      const lastText = blocks[range.end - 1]?.text ?? '';
      const isProse = isParagraph && t.words > SIBLING_PARAGRAPH_WORDS && linkDensity < SIBLING_PARAGRAPH_LINK_DENSITY;
      const ends = isParagraph ? SENTENCE_END.test(lastText) : FULL_STOP_END.test(lastText);
      if (isProse || (t.words > 0 && linkDensity === 0 && ends)) roots.push(el);
    }
  }
  const label = isElementNode(top) ? describe(top) : 'document';
  const extra = roots.length > 1 ? ` + ${roots.length - 1} sibling(s)` : '';
  return { roots, reason: `scored container ${label} (${bestScore.toFixed(1)})${extra}` };
}

/**
 * The headline sits at most this many blocks (images and furniture not counted) above the body for the text between
 * them to be its standfirst.
 */
const MAX_STANDFIRST_GAP = 10;
/** A standfirst is a sentence or more of plain text, not a kicker, a byline, a date line or a caption credit. */
const MIN_STANDFIRST_WORDS = 10;

/**
 * The standfirst (lead, teaser, summary) between the headline and the body: news templates put headline,
 * standfirst, byline and lead image in a header block and the body in a container after it, so scoring picks
 * the body alone. Prose blocks there, without links or furniture, are the article's; returns the elements
 * holding them, in document order, to join the roots before the body.
 */
export function standfirstRoots(blocks: readonly Block[], ranges: BlockRanges, roots: readonly ParentNode[], titlePrint: string): ParentNode[] {
  const start = ranges.get(roots[0]!)?.start;
  if (start === undefined) return [];
  let headline = -1;
  for (let i = start - 1, gap = 0; i >= 0 && gap < MAX_STANDFIRST_GAP; i--) {
    const b = blocks[i]!;
    if ((b.kind === 'h' && b.level === 1) || (titlePrint !== '' && b.fingerprint === titlePrint)) {
      headline = i;
      break;
    }
    // Share icons, the lead image and bylines in furniture boxes sit there too, in any number.
    if (b.kind !== 'img' && b.furniture.length === 0) gap++;
  }
  if (headline < 0) return [];
  const found: ParentNode[] = [];
  for (let i = headline + 1; i < start; i++) {
    const b = blocks[i]!;
    if (b.kind !== 'p' || b.words < MIN_STANDFIRST_WORDS || b.linkWords > 0 || b.furniture.length > 0 || !SENTENCE_END.test(b.text)) continue;
    // Text right under the lead image is its caption, credit included.
    if (blocks[i - 1]!.kind === 'img') continue;
    const range = ranges.get(b.owner);
    // The block's element must hold nothing of the body itself.
    if (!range || range.end > start || found.includes(b.owner)) continue;
    found.push(b.owner);
  }
  return found;
}

/** Readability's sibling rules: a sibling sharing the best container's class gets this share of its score... */
const SAME_CLASS_BONUS = 0.2;
/** ...and a sibling paragraph joins when it is this long with few links, or ends a sentence without any link. */
const SIBLING_PARAGRAPH_WORDS = 40;
const SIBLING_PARAGRAPH_LINK_DENSITY = 0.25;
const SENTENCE_END = /[.。!?！？"”]$/;
/** ...a wrapped paragraph must end a sentence itself (a headline in quotes ends with a quote mark only). */
const FULL_STOP_END = /[.。!?！？]["”’»]?$/;

/** The body holds at least this share of the page's running text. */
const MIN_PROSE_SHARE = 0.5;

/** The running text a body holds at least: MIN_PROSE_SHARE of the page's (the tally of the tree's root). */
function minBodyProse(node: ParentNode, tallies: Map<ParentNode, Tally>): number {
  let page: ParentNode = node;
  while (page.parent) page = page.parent;
  return (tallies.get(page)?.prose ?? 0) * MIN_PROSE_SHARE;
}

/**
 * A container holding less than half of the page's running text is one part of it (a section of a landing page,
 * one tab of a product or recipe page, the summary box of a reference page): the body is its smallest ancestor
 * holding most of the text. When only the page itself does, the rest lies in other columns (a teaser column
 * beside a short post) and the container stands.
 */
function holderOfMostProse(top: ParentNode, tallies: Map<ParentNode, Tally>, enough: number): ParentNode {
  for (let node: ParentNode = top; isElementNode(node) && node.name !== 'body' && node.parent; node = node.parent) {
    if ((tallies.get(node)?.prose ?? 0) >= enough) return node;
  }
  return top;
}

/** A chunk scoring at least this share of the best one is part of the same article, not a teaser. */
const MIN_CHUNK_SHARE = 0.1;

/**
 * Templates cut an article into chunks, each in its own wrapper (a column per chunk, an ad beside it), so the
 * best container is one chunk. Chunks share the best container's tag and class: the body is the smallest
 * ancestor holding all of them.
 */
function joinChunks(best: Element, scores: Map<ParentNode, number>, tallies: Map<ParentNode, Tally>, bodyProse: number): ParentNode {
  const cls = best.attribs.class?.trim();
  if (!cls) return best;
  const bestScore = scores.get(best)!;
  const chunks: Element[] = [];
  for (const [node, score] of scores) {
    if (node !== best && isElementNode(node) && node.name === best.name && node.attribs.class?.trim() === cls &&
      score >= bestScore * MIN_CHUNK_SHARE) chunks.push(node);
  }
  if (chunks.length === 0) return best;
  const ancestors = new Set<ParentNode>();
  for (let n: ParentNode | null = best; n; n = n.parent) ancestors.add(n);
  // Chunks that only meet at <body> (each section of the page its own full-width band) are the article when they
  // hold most of the page's running text; otherwise they are a teaser grid sharing the article's class.
  const chunkProse = [best, ...chunks].reduce((sum, c) => sum + (tallies.get(c)?.prose ?? 0), 0);
  const joinAtBody = chunkProse >= bodyProse;
  let common: ParentNode = best;
  for (const chunk of chunks) {
    let n: ParentNode | null = chunk;
    while (n && !ancestors.has(n)) n = n.parent;
    if (!n || !isElementNode(n) || (n.name === 'body' && !joinAtBody) || n.name === 'html') continue;
    // The common ancestor must be at or above the current one (ancestor set is ordered best → root).
    for (let up: ParentNode | null = common; up; up = up.parent) if (up === n) { common = n; break; }
  }
  return common;
}

function nextElement(el: Element): ParentNode | null {
  let n = el.next;
  while (n && n.type !== 'tag') n = n.next;
  return (n as Element | null) ?? null;
}

function previousElement(el: Element): ParentNode | null {
  let n = el.prev;
  while (n && n.type !== 'tag') n = n.prev;
  return (n as Element | null) ?? null;
}

/** `div#article.main-text` style label for --debug output. */
export function describe(el: Element): string {
  const id = el.attribs.id ? `#${el.attribs.id}` : '';
  const cls = el.attribs.class ? `.${el.attribs.class.trim().split(/\s+/).slice(0, 2).join('.')}` : '';
  return `${el.name}${id}${cls}`;
}

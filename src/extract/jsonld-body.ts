import { wordCount } from '../normalize/text.js';
import { parseHtml } from '../parse/index.js';
import { segment, type Block } from './blocks.js';
import type { Resolver } from './links.js';
import { THRESHOLDS } from './rules.js';

/** articleBody written as HTML: it has block markup; otherwise its line breaks are the paragraphs. */
const BLOCK_MARKUP = /<\/?(?:p|br|div|h[1-6]|ul|ol|li|blockquote|figure|table|section)\b/i;

/** The JSON-LD body replaces the DOM's only when it is clearly longer: at least this many times the DOM's words. */
const MIN_LENGTH_RATIO = 2;

/**
 * ...and when the DOM body is its teaser or a part of it: this share of the DOM body's text is found in it. A
 * JSON-LD body that does not contain what the DOM found may belong to another story of the page.
 */
const MIN_CONTAINED_SHARE = 0.5;

/** Letters and digits only, case folded: the DOM and the JSON-LD copy differ in white space, quotes and markup. */
function letters(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Share of the DOM body's letters in lines that the JSON-LD body also holds. */
function containedShare(domBody: readonly Block[], jsonText: string): number {
  let total = 0;
  let contained = 0;
  for (const block of domBody) {
    const key = letters(block.text);
    total += key.length;
    if (key.length > 0 && jsonText.includes(key)) contained += key.length;
  }
  return total === 0 ? 0 : contained / total;
}

function articleBodyHtml(articleBody: string): string {
  if (BLOCK_MARKUP.test(articleBody)) return articleBody;
  return articleBody.split(/\r?\n/).filter((line) => line.trim() !== '').map((line) => `<p>${line}</p>`).join('');
}

/**
 * Pages that render their article with JavaScript often show only a teaser (or nothing) in the HTML, while their
 * schema.org JSON-LD carries the whole text in `articleBody`. Its blocks replace the DOM body when the DOM found
 * no article, or found less than half of the JSON-LD text and that text holds most of what the DOM found (a
 * teaser, a first page). A JSON-LD body that is a summary is shorter than the DOM's and never replaces it.
 */
export function jsonLdBodyBlocks(
  articleBody: string | null | undefined, domBody: readonly Block[], base: URL | null, resolve: Resolver,
): Block[] | null {
  if (!articleBody) return null;
  const domWords = domBody.reduce((n, b) => n + b.words, 0);
  const domIsArticle = domWords >= THRESHOLDS.minArticleWords;
  // Markup and entities only add words: the raw count bounds the text's, so most pages stop here unparsed.
  if (domIsArticle && wordCount(articleBody) < domWords * MIN_LENGTH_RATIO) return null;
  const blocks = segment(parseHtml(articleBodyHtml(articleBody)), base, resolve).blocks;
  const jsonWords = blocks.reduce((n, b) => n + b.words, 0);
  if (jsonWords < THRESHOLDS.minArticleWords) return null;
  if (!domIsArticle) return blocks;
  if (jsonWords < domWords * MIN_LENGTH_RATIO) return null;
  const jsonText = letters(blocks.map((b) => b.text).join('\n'));
  return containedShare(domBody, jsonText) >= MIN_CONTAINED_SHARE ? blocks : null;
}

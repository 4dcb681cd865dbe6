import { wordCount } from '../normalize/text.js';
import { parseHtml } from '../parse/index.js';
import { segment, wordsOf, type Block } from './blocks.js';
import type { JsonLdFacts } from '../metadata/jsonld.js';
import type { Resolver } from './links.js';
import { THRESHOLDS } from './rules.js';

/** articleBody written as HTML: it has block markup; otherwise its line breaks are the paragraphs. */
const BLOCK_MARKUP = /<\/?(?:p|br|div|h[1-6]|ul|ol|li|blockquote|figure|table|section)\b/i;

/** The JSON-LD body replaces the DOM's only when it is clearly longer: at least this many times the DOM's words... */
const MIN_LENGTH_RATIO = 2;

/**
 * ...and when the DOM body is its teaser or a part of it: this share of the DOM body's text is found in it. A
 * JSON-LD body that does not contain what the DOM found may belong to another story of the page.
 */
const MIN_CONTAINED_SHARE = 0.5;

/**
 * A JSON-LD body this many times longer than the DOM's replaces it without sharing its text when the JSON-LD
 * article's headline is the page's title: on pages rendered with JavaScript the DOM's pick is then whatever static
 * text is left (an author card, a newsletter box), not the story.
 */
const MIN_LENGTH_RATIO_UNSHARED = 4;

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

/** The JSON-LD headline names the page's article: the same letters, or one holds the other (a site suffix). */
function isPageHeadline(headline: string | null, title: string | null | undefined): boolean {
  const h = headline ? letters(headline) : '';
  const t = title ? letters(title) : '';
  return h !== '' && t !== '' && (h.includes(t) || t.includes(h));
}

/**
 * Pages that render their article with JavaScript often show only a teaser (or nothing) in the HTML, while their
 * schema.org JSON-LD carries the whole text in `articleBody`. Its blocks replace the DOM body when the DOM found
 * no article; or found less than half of the JSON-LD text and that text holds most of what the DOM found (a
 * teaser, a first page); or found far less, unrelated text while the JSON-LD article is the page's by its
 * headline. A JSON-LD body that is a summary is shorter than the DOM's and never replaces it.
 */
export function jsonLdBodyBlocks(
  jsonLd: Pick<JsonLdFacts, 'headline' | 'articleBody'> | null | undefined, domBody: readonly Block[],
  title: string | null | undefined, base: URL | null, resolve: Resolver,
): Block[] | null {
  const articleBody = jsonLd?.articleBody;
  if (!articleBody) return null;
  const domWords = wordsOf(domBody);
  const domIsArticle = domWords >= THRESHOLDS.minArticleWords;
  // Markup and entities only add words: the raw count bounds the text's, so most pages stop here unparsed.
  if (domIsArticle && wordCount(articleBody) < domWords * MIN_LENGTH_RATIO) return null;
  const blocks = segment(parseHtml(articleBodyHtml(articleBody)), base, resolve).blocks;
  const jsonWords = wordsOf(blocks);
  if (jsonWords < THRESHOLDS.minArticleWords) return null;
  if (!domIsArticle) return blocks;
  if (jsonWords < domWords * MIN_LENGTH_RATIO) return null;
  if (jsonWords >= domWords * MIN_LENGTH_RATIO_UNSHARED && isPageHeadline(jsonLd.headline, title)) return blocks;
  const jsonText = letters(blocks.map((b) => b.text).join('\n'));
  return containedShare(domBody, jsonText) >= MIN_CONTAINED_SHARE ? blocks : null;
}

/**
 * The standfirst the page shows above a JSON-LD body: CMSs keep it in its own field (the page's description) and
 * leave it out of articleBody. Taken only as a block of its own on the page, outside furniture, with the
 * description's exact words.
 */
export function visibleStandfirst(
  body: readonly Block[], pageBlocks: readonly Block[], description: string | null | undefined,
): Block | null {
  const key = description ? letters(description) : '';
  if (key === '' || letters(body.map((b) => b.text).join('\n')).includes(key)) return null;
  return pageBlocks.find((b) => b.furniture.length === 0 && b.words >= THRESHOLDS.minScoredWords && letters(b.text) === key) ?? null;
}

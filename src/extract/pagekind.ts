import { wordsOf, type Block } from './blocks.js';
import { isLinkBlock } from './prune.js';
import { ERROR_PAGE_TEXT, LISTING_URL, THRESHOLDS } from './rules.js';

export interface PageKind {
  isArticle: boolean;
  reason: string;
}

/** Prose paragraphs of an article run this long; listing pages only have teasers and link lines. */
const SUBSTANTIAL_PARAGRAPH_WORDS = 40;

/**
 * Home, listing, tag, search and soft error pages are not articles. Decided on the extraction result and the
 * page's link structure: error wording with little text, too little body, or many short link lines and no
 * substantial paragraph.
 */
export function classifyPage(body: readonly Block[], page: readonly Block[], url: URL | null, title: string | null | undefined): PageKind {
  const bodyWords = wordsOf(body);
  const longest = body.reduce((n, b) => Math.max(n, b.kind === 'p' || b.kind === 'quote' || b.kind === 'li' ? b.words : 0), 0);
  const headings = page.filter((b) => b.kind === 'h').slice(0, 3).map((b) => b.text);
  const errorSigns = [title ?? '', ...headings, ...body.slice(0, 3).map((b) => b.text)];
  if (bodyWords < THRESHOLDS.errorPageMaxWords && errorSigns.some((t) => ERROR_PAGE_TEXT.test(t))) {
    return { isArticle: false, reason: 'soft error page (not-found wording, little text)' };
  }
  if (bodyWords < THRESHOLDS.minArticleWords) {
    return { isArticle: false, reason: `no substantial body text (${bodyWords} words)` };
  }
  if (url && LISTING_URL.test(url.pathname + url.search) && longest < SUBSTANTIAL_PARAGRAPH_WORDS) {
    return { isArticle: false, reason: 'listing address and no substantial paragraph' };
  }
  const linkLines = page.filter((b) => b.words <= THRESHOLDS.shortLinkBlockWords && isLinkBlock(b)).length;
  if (linkLines >= THRESHOLDS.listingLinkLines && bodyWords < THRESHOLDS.listingMaxBodyWords && longest < SUBSTANTIAL_PARAGRAPH_WORDS) {
    return { isArticle: false, reason: `link-dense page (${linkLines} link lines, longest paragraph ${longest} words)` };
  }
  return { isArticle: true, reason: `article body of ${bodyWords} words` };
}

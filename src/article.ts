import { parseHtml } from './parse/index.js';
import { extractMetadata } from './metadata/index.js';
import { extractContent } from './extract/index.js';
import { contentHash, wordCount } from './normalize/text.js';
import type { ArticleRecord, Extraction, ExtractOptions } from './types.js';

/** Bumped whenever extraction output can change, so `reextract` and the archive know which records are stale. */
export const EXTRACTOR_VERSION = '0.3.0';

/**
 * The one code path from HTML to an article record, shared by `newsarc extract`, the crawler and `reextract`.
 * Pure: no I/O. Metadata is read first, on the untouched tree, because content extraction prunes the tree.
 */
export function extractArticle(html: string, options: ExtractOptions = {}): Extraction {
  const doc = parseHtml(html);
  const meta = extractMetadata(doc, options);
  const content = extractContent(doc, { ...options, title: meta.values.title, jsonLd: meta.jsonLd, description: meta.values.description });
  const record: ArticleRecord = {
    url: options.url ?? '',
    canonicalUrl: meta.values.canonicalUrl,
    title: meta.values.title,
    authors: meta.values.authors,
    publishedAt: meta.values.publishedAt,
    modifiedAt: meta.values.modifiedAt,
    source: meta.values.source,
    editors: meta.values.editors,
    siteName: meta.values.siteName,
    language: meta.values.language,
    description: meta.values.description,
    tags: meta.values.tags,
    image: meta.values.image,
    text: content.text,
    markdown: content.markdown,
    wordCount: wordCount(content.text),
    contentHash: contentHash(content.text),
  };
  return {
    record,
    provenance: { ...meta.provenance, body: content.reason },
    isArticle: content.isArticle,
    pageKindReason: content.pageKindReason,
    links: content.links,
    blockFingerprints: content.blockFingerprints,
  };
}

import type { Document } from 'domhandler';
import type { ExtractOptions } from '../types.js';

export interface ContentOptions extends ExtractOptions {
  /** The title the metadata stage found: the body must not repeat it as its first line. */
  title?: string | null;
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

/** STUB: the content work replaces this. May prune the tree. */
export function extractContent(_doc: Document, _options: ContentOptions): ContentResult {
  return { text: '', markdown: '', reason: 'stub', isArticle: false, pageKindReason: 'stub', links: [], blockFingerprints: [] };
}

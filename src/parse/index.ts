import { parseDocument } from 'htmlparser2';
import type { Document } from 'domhandler';

/** Parses HTML with htmlparser2 (about 8x faster than parse5 on large news pages). STUB: the content work owns this. */
export function parseHtml(html: string): Document {
  return parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
}

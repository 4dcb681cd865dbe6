import { createHash } from 'node:crypto';

/** Han, Hiragana, Katakana, Hangul: scripts written without spaces between words. */
export const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]|[\u{20000}-\u{2ffff}]/u;
const CJK_CHARS = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{2ffff}]/gu;
const NON_CJK_WORD = /[^\s\p{P}\p{S}\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{2ffff}]+/gu;

/** Collapses runs of white space (including NBSP and full-width space) to one space and trims. */
export function collapseWhitespace(s: string): string {
  return s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim();
}

/**
 * Words, counting each CJK character as one word: a CJK character carries about as much as an
 * English word, so length thresholds expressed in words work for both scripts.
 */
export function wordCount(text: string): number {
  const cjk = text.match(CJK_CHARS)?.length ?? 0;
  const words = text.match(NON_CJK_WORD)?.length ?? 0;
  return cjk + words;
}

/** The normalised form hashed into contentHash: NFKC, white space collapsed per line, blank lines dropped. */
export function normalizeForHash(text: string): string {
  return text
    .normalize('NFKC')
    .split('\n')
    .map(collapseWhitespace)
    .filter((l) => l.length > 0)
    .join('\n');
}

export function contentHash(text: string): string {
  return createHash('sha256').update(normalizeForHash(text)).digest('hex');
}

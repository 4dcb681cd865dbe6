import { createHash } from 'node:crypto';

/** Han, Hiragana, Katakana, Hangul: scripts written without spaces between words. */
export const CJK_CHAR = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]|[\u{20000}-\u{2ffff}]/u;

/**
 * White space that collapsing would change: anything but a lone inner ASCII space. Most strings handed to
 * collapseWhitespace (rendered lines, meta values) have none, and testing is about 3x cheaper than replacing.
 */
const UNCOLLAPSED_SPACE = /[^\S ]|\u200b|  |^ | $/;

/** Collapses runs of white space (including NBSP and full-width space) to one space and trims. */
export function collapseWhitespace(s: string): string {
  return UNCOLLAPSED_SPACE.test(s) ? s.replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, ' ').trim() : s;
}

/** Characters that separate words: white space, punctuation and symbols (Unicode P and S). */
const SEPARATOR = /[\s\p{P}\p{S}]/u;
const separatorCache = new Map<number, boolean>();

function isCjkCode(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3040 && cp <= 0x30ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xac00 && cp <= 0xd7af) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x2ffff)
  );
}

function isSeparator(cp: number): boolean {
  if (cp < 0x80) {
    // ASCII letters and digits are the only word characters there ("_" is punctuation in Unicode).
    return !((cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a));
  }
  let known = separatorCache.get(cp);
  if (known === undefined) {
    known = SEPARATOR.test(String.fromCodePoint(cp));
    separatorCache.set(cp, known);
  }
  return known;
}

/**
 * Words, counting each CJK character as one word: a CJK character carries about as much as an
 * English word, so length thresholds expressed in words work for both scripts. One pass over the code points:
 * this runs on every text block of every page, where two global regex matches cost a fifth of extraction.
 */
export function wordCount(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    if (isCjkCode(cp)) {
      count++;
      inWord = false;
    } else if (isSeparator(cp)) {
      inWord = false;
    } else if (!inWord) {
      count++;
      inWord = true;
    }
  }
  return count;
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

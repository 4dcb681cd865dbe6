import { describe, expect, it } from 'vitest';
import { wordCount, contentHash } from '../src/normalize/text.js';

describe('normalize/text', () => {
  it('counts each CJK character as one word', () => {
    expect(wordCount('乡村振兴 is here')).toBe(6);
    // Surrogate-pair Han, "_" as punctuation, non-ASCII letters inside words, symbols as separators.
    expect(wordCount('𠀀𠀁 abc_def ÄÖÜ straße — 123 😀x')).toBe(8);
    expect(wordCount('')).toBe(0);
  });
  it('hashes NFKC-normalised text with collapsed white space', () => {
    expect(contentHash('Ａ  b\n\n c')).toBe(contentHash('A b\nc'));
  });
});

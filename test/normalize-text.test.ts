import { describe, expect, it } from 'vitest';
import { collapseWhitespace, wordCount, contentHash } from '../src/normalize/text.js';

describe('normalize/text', () => {
  it('counts each CJK character as one word', () => {
    expect(wordCount('乡村振兴 is here')).toBe(6);
    // Surrogate-pair Han, "_" as punctuation, non-ASCII letters inside words, symbols as separators.
    expect(wordCount('𠀀𠀁 abc_def ÄÖÜ straße — 123 😀x')).toBe(8);
    expect(wordCount('')).toBe(0);
  });
  it('collapses every kind of white space run, and returns already-collapsed text as it is', () => {
    expect(collapseWhitespace('By Jane Doe | 3 May 2021')).toBe('By Jane Doe | 3 May 2021');
    expect(collapseWhitespace(' By  Jane\tDoe\n')).toBe('By Jane Doe');
    expect(collapseWhitespace('Jane\u00a0Doe\u3000\u200b·\ufeff2021')).toBe('Jane Doe · 2021');
    expect(collapseWhitespace('\u200bJane Doe\u200b')).toBe('Jane Doe');
    expect(collapseWhitespace(' ')).toBe('');
    expect(collapseWhitespace('')).toBe('');
  });
  it('hashes NFKC-normalised text with collapsed white space', () => {
    expect(contentHash('Ａ  b\n\n c')).toBe(contentHash('A b\nc'));
  });
});

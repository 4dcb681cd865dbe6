import { describe, expect, it } from 'vitest';
import { wordCount, contentHash } from '../src/normalize/text.js';

describe('normalize/text', () => {
  it('counts each CJK character as one word', () => {
    expect(wordCount('乡村振兴 is here')).toBe(6);
  });
  it('hashes NFKC-normalised text with collapsed white space', () => {
    expect(contentHash('Ａ  b\n\n c')).toBe(contentHash('A b\nc'));
  });
});

import * as OpenCC from 'opencc-js';
import type { ArticleRecord } from '../types.js';

export const CONVERSIONS = ['t2s', 's2t', 'tw2s', 's2tw', 'hk2s', 's2hk', 'none'] as const;
export type Conversion = (typeof CONVERSIONS)[number];

type Locale = 'cn' | 'tw' | 'twp' | 'hk' | 't';
const LOCALES: Record<Exclude<Conversion, 'none'>, { from: Locale; to: Locale }> = {
  t2s: { from: 't', to: 'cn' },
  s2t: { from: 'cn', to: 't' },
  tw2s: { from: 'tw', to: 'cn' },
  s2tw: { from: 'cn', to: 'tw' },
  hk2s: { from: 'hk', to: 'cn' },
  s2hk: { from: 'cn', to: 'hk' },
};

const converters = new Map<Conversion, (s: string) => string>();

/** Returns a string converter for a Chinese script conversion; built once per kind (the dictionaries are large). */
export function converter(kind: Conversion): (s: string) => string {
  if (kind === 'none') return (s) => s;
  const cached = converters.get(kind);
  if (cached) return cached;
  const fn = OpenCC.Converter(LOCALES[kind]);
  converters.set(kind, fn);
  return fn;
}

/**
 * Converts what a reader sees (title, text, and markdown, which renders the same text) for output only: the stored
 * record and its contentHash stay those of the page as published.
 */
export function convertArticle<T extends ArticleRecord>(article: T, convert: (s: string) => string): T {
  return {
    ...article,
    title: article.title === null ? null : convert(article.title),
    text: convert(article.text),
    markdown: convert(article.markdown),
  };
}

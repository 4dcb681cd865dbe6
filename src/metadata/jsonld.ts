import { DomUtils, parseDocument } from 'htmlparser2';
import { ARTICLE_TYPES, GUIDE_TYPES, PAGE_TYPES } from './rules.js';

/** What the page's schema.org JSON-LD says about the article (first article node; page nodes for dates). */
export interface JsonLdFacts {
  headline: string | null;
  datePublished: string | null;
  dateModified: string | null;
  authors: string[];
  publisher: string | null;
  keywords: string[];
  image: string | null;
  description: string | null;
  inLanguage: string | null;
  /** The article's full text as the CMS wrote it: plain text with line breaks, or HTML (see articleBodyOf). */
  articleBody: string | null;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

/** Bounds the walk over a page's JSON-LD: some sites embed whole product catalogues. */
const MAX_NODES = 5000;

function parseLenient(text: string): Json | undefined {
  const trimmed = text.trim().replace(/^<!--|-->$/g, '').replace(/^\s*\/\/\s*<!\[CDATA\[|\/\/\s*\]\]>\s*$/g, '');
  try {
    return JSON.parse(trimmed) as Json;
  } catch {
    // CMS templates put raw line breaks and tabs inside strings; JSON forbids them but the intent is clear.
    try {
      return JSON.parse(trimmed.replace(/[\u0000-\u001f]+/g, ' ')) as Json;
    } catch {
      return undefined;
    }
  }
}

function typesOf(node: JsonObject): string[] {
  const t = node['@type'];
  const list = Array.isArray(t) ? t : [t];
  return list.filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase().replace(/^.*[/:]/, ''));
}

/** WordPress (Yoast) writes HTML entities into JSON-LD strings (`Swift&#8217;s`): decode them as the page would. */
function decodeEntities(s: string): string {
  return /&(?:#\d+|#x[\da-f]+|[a-z]+\d*);/i.test(s) ? DomUtils.textContent(parseDocument(s)) : s;
}

/** Markup escaped once more than it should be (`&lt;p&gt;`): some CMSs write articleBody HTML-escaped. */
const ESCAPED_MARKUP = /&lt;\/?(?:p|br|div|h[1-6]|ul|ol|li|blockquote|a|strong|em|b|i|span)\b/i;

/** articleBody with one layer of escaping removed where the CMS escaped its HTML; entities inside stay for the parser. */
function articleBodyOf(v: Json | undefined): string | null {
  if (typeof v !== 'string' || v.trim() === '') return null;
  return !/<[a-z/]/i.test(v) && ESCAPED_MARKUP.test(v) ? decodeEntities(v) : v;
}

function str(v: Json | undefined): string | null {
  if (typeof v === 'string') return decodeEntities(v.trim()) || null;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return str(v[0]);
  if (v && typeof v === 'object') return str(v['@value'] ?? v.name ?? v.url ?? v['@id']);
  return null;
}

function names(v: Json | undefined): string[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') return [decodeEntities(v)];
  if (Array.isArray(v)) return v.flatMap(names);
  if (typeof v === 'object') {
    const name = v.name;
    if (typeof name === 'string') return [decodeEntities(name)];
    if (Array.isArray(name)) return name.flatMap(names);
    const given = str(v.givenName);
    const family = str(v.familyName);
    if (given || family) return [[given, family].filter(Boolean).join(' ')];
  }
  return [];
}

function keywords(v: Json | undefined): string[] {
  if (typeof v === 'string') return v.split(/\s*[,，、;；]\s*/).filter(Boolean);
  if (Array.isArray(v)) return v.flatMap(keywords);
  return [];
}

/** The nodes of every block, flattened through arrays and @graph, bounded. */
function nodesOf(blocks: readonly string[]): JsonObject[] {
  const nodes: JsonObject[] = [];
  const stack: Json[] = [];
  for (let i = blocks.length - 1; i >= 0; i -= 1) {
    const parsed = parseLenient(blocks[i]);
    if (parsed !== undefined) stack.push(parsed);
  }
  let visited = 0;
  while (stack.length > 0 && visited < MAX_NODES) {
    const v = stack.pop()!;
    visited += 1;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i -= 1) stack.push(v[i]);
    } else if (v && typeof v === 'object') {
      nodes.push(v);
      const graph = v['@graph'];
      if (graph) stack.push(graph);
      const main = v.mainEntity ?? v.mainEntityOfPage;
      if (main && typeof main === 'object' && !Array.isArray(main) && typesOf(main).some((t) => ARTICLE_TYPES.has(t))) stack.push(main);
    }
  }
  return nodes;
}

export function readJsonLd(blocks: readonly string[]): JsonLdFacts | null {
  if (blocks.length === 0) return null;
  const nodes = nodesOf(blocks);
  if (nodes.length === 0) return null;
  const article = nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPES.has(t))) ??
    nodes.find((n) => typesOf(n).some((t) => GUIDE_TYPES.has(t)));
  const page = nodes.find((n) => typesOf(n).some((t) => PAGE_TYPES.has(t)));
  const primary = article ?? page;
  const byId = new Map<string, JsonObject>();
  for (const n of nodes) if (typeof n['@id'] === 'string' && Object.keys(n).length > 2) byId.set(n['@id'], n);
  // Yoast and similar graphs reference the author and publisher by @id only.
  const deref = (v: Json | undefined): Json | undefined => {
    if (Array.isArray(v)) return v.map((x) => deref(x) ?? null);
    if (v && typeof v === 'object' && typeof v['@id'] === 'string' && v.name === undefined) return byId.get(v['@id']) ?? v;
    return v;
  };
  const orgName = nodes.find((n) => typesOf(n).some((t) => t === 'organization' || t === 'newsmediaorganization'))?.name;
  return {
    headline: str(article?.headline) ?? str(article?.name) ?? null,
    datePublished: str(article?.datePublished) ?? str(article?.dateCreated) ?? str(page?.datePublished) ?? null,
    dateModified: str(article?.dateModified) ?? str(page?.dateModified) ?? null,
    authors: names(deref(article?.author ?? article?.creator)),
    publisher: str(deref(article?.publisher)) ?? str(deref(page?.publisher)) ?? str(orgName) ?? null,
    keywords: keywords(article?.keywords),
    image: str(article?.image) ?? str(article?.thumbnailUrl) ?? null,
    description: str(primary?.description),
    inLanguage: str(primary?.inLanguage),
    articleBody: articleBodyOf(article?.articleBody),
  };
}

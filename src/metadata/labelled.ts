import { LABELS, type LabelField } from './labels.js';
import { VALUE_TERMINATORS } from './rules.js';
import type { SiteProfile } from '../types.js';

/** One `label: value` stretch of a metadata line (`来源:中国乡村振兴网`). */
export interface LabelSegment {
  field: LabelField;
  label: string;
  value: string;
}

export interface LabelMatcher {
  re: RegExp;
  fieldOf: Map<string, LabelField>;
}

const HAN = /[\u3400-\u9fff]/;
const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The matcher for the shared label words, compiled once. */
let defaultMatcher: LabelMatcher | null = null;
/**
 * Matchers with a profile's own words, compiled once per loaded profile: every page of the host asks for the
 * same `labels` object, and compiling the ~100-word regex per page made profiled extraction a few % slower.
 */
const profileMatchers = new WeakMap<NonNullable<SiteProfile['labels']>, LabelMatcher>();

/** Compiles the label words (plus a profile's own) into one regex, longest first so 责任编辑 wins over 编辑. */
export function labelMatcher(extra?: SiteProfile['labels']): LabelMatcher {
  if (!extra) return (defaultMatcher ??= compileMatcher(undefined));
  let matcher = profileMatchers.get(extra);
  if (!matcher) profileMatchers.set(extra, (matcher = compileMatcher(extra)));
  return matcher;
}

function compileMatcher(extra: SiteProfile['labels']): LabelMatcher {
  const fieldOf = new Map<string, LabelField>();
  for (const [field, words] of Object.entries(LABELS) as [LabelField, readonly string[]][]) {
    for (const w of words) if (!fieldOf.has(w)) fieldOf.set(w, field);
  }
  for (const [field, words] of Object.entries(extra ?? {}) as [LabelField, string[]][]) {
    for (const w of words ?? []) fieldOf.set(w, field);
  }
  const words = [...fieldOf.keys()].sort((a, b) => b.length - a.length);
  const cjk = words.filter((w) => HAN.test(w)).map(escape);
  // A Latin word must not continue a word on its left. The check follows each word rather than leading the
  // alternation: there it would run at every position of every line scanned, here only where a word matched
  // (label scans get about 2.5x faster).
  const latin = words.filter((w) => !HAN.test(w)).map(escape).map((w) => `${w}(?<![\\p{L}\\p{N}]${w})`);
  const re = new RegExp(`(?:${cjk.join('|')})|(?:${latin.join('|')})(?![\\p{L}])`, 'giu');
  return { re, fieldOf };
}

const COLON = /^\s*[:：]\s*/;
/** "By" opens an English byline only when a capitalised name follows. */
const BYLINE_NAME = /^\s+\p{Lu}/u;
/** English labels that read naturally without a colon when a date follows (`Published 13 November 2021`). */
/** A colon-less "By" inside a line must follow a separator or a date ("Photo by X" credits a photographer). */
const BYLINE_AFTER = /(?:^|[|·•,\d])\s*$/u;
const COLONLESS_LATIN = new Set(['by', 'published', 'updated', 'written by', 'edited by']);
/** A colon-less CJK label only counts on a line this short: `责任编辑胡津瑞`, `记者 张三 李四`. */
const MAX_COLONLESS_LINE = 80;
/** Prose punctuation: a colon-less "label" followed by a clause is a sentence starting with 记者 or 编辑. */
const SENTENCE_PUNCTUATION = /[，。！？；“”"!?]/;
const LEFT_BOUNDARY = /[\s\p{P}\p{S}\d]/u;

const NO_SEGMENTS: readonly LabelSegment[] = Object.freeze([]);

/**
 * Splits a metadata line into label/value segments by finding every label word occurrence, because portals
 * run labels and values together: `时间:2021-11-13 16:24:01来源:中国乡村振兴网作者:柴秋实 吴鲁 任存军`,
 * `责任编辑胡津瑞`. A label counts when a colon follows it; without a colon only at the line start or after a
 * space (a CJK label inside prose has neither), and "文" only before `:` or `/` (文/张三).
 */
export function parseLabelLine(line: string, matcher: LabelMatcher): readonly LabelSegment[] {
  const { re, fieldOf } = matcher;
  re.lastIndex = 0;
  let m = re.exec(line);
  // Most lines hold no label word: they cost one scan and no allocation.
  if (!m) return NO_SEGMENTS;
  const hits: { field: LabelField; label: string; start: number; valueStart: number }[] = [];
  const colonless = new Set<number>();
  for (; m; m = re.exec(line)) {
    const label = m[0];
    const field = fieldOf.get(label) ?? fieldOf.get(findKey(fieldOf, label));
    if (!field) continue;
    const end = m.index + label.length;
    const rest = line.slice(end);
    const colon = COLON.exec(rest);
    const before = m.index === 0 ? ' ' : line[m.index - 1];
    const latin = !HAN.test(label);
    let valueStart: number;
    if (colon) {
      if (label.length === 1 && !LEFT_BOUNDARY.test(before)) continue;
      valueStart = end + colon[0].length;
    } else if (label === '文' && /^[/／]/.test(rest)) {
      if (!LEFT_BOUNDARY.test(before)) continue;
      valueStart = end + 1;
    } else if (latin) {
      const lower = label.toLowerCase();
      if (!COLONLESS_LATIN.has(lower)) continue;
      if (lower.endsWith('by') && !BYLINE_NAME.test(rest)) continue;
      if (lower === 'by' && m.index > 0 && !BYLINE_AFTER.test(line.slice(0, m.index))) continue;
      valueStart = end;
    } else {
      // Without a colon the label must stand apart (line start, or a space on either side) on a short line.
      if (label.length === 1 || line.length > MAX_COLONLESS_LINE) continue;
      if (!(m.index === 0 || /\s/.test(before) || /^\s/.test(rest))) continue;
      valueStart = end;
      colonless.add(hits.length);
    }
    hits.push({ field, label, start: m.index, valueStart });
    re.lastIndex = valueStart;
  }
  const segments: LabelSegment[] = [];
  hits.forEach((hit, i) => {
    const end = i + 1 < hits.length ? hits[i + 1].start : line.length;
    const value = cleanValue(line.slice(hit.valueStart, end));
    if (colonless.has(i) && SENTENCE_PUNCTUATION.test(value)) return;
    segments.push({ field: hit.field, label: hit.label, value });
  });
  return segments;
}

/** The regex matches case-insensitively; the map is keyed by the written form. */
function findKey(fieldOf: Map<string, LabelField>, label: string): string {
  const lower = label.toLowerCase();
  for (const k of fieldOf.keys()) if (k.toLowerCase() === lower) return k;
  return label;
}

function cleanValue(raw: string): string {
  const cut = VALUE_TERMINATORS.exec(raw);
  const value = cut ? raw.slice(0, cut.index) : raw;
  return value.replace(/^[\s:：|·•\-–—]+|[\s:：|·•,，;；\-–—(（【\[]+$/gu, '').trim();
}

/** A paragraph's last sentence, then the credit in brackets: `…高质量发展。（记者 胡晓蓉）`, or the credit alone on its line. */
const BRACKETED_TAIL = /(?:^|[。！？!?”"…])\s*[（(]([^（）()]{2,40})[）)]\s*$/;
/** Role words in a closing credit: `记者`, `总台记者`, `本报通讯员`, `实习生`, `评论员` (an editorial's writers). */
const CREDIT_ROLE = /^[\u4e00-\u9fff]{0,6}?(?:记者|通讯员|实习生|评论员)/;
/** `上海报道`: where the reporter filed from. */
const FILED_FROM_TAIL = /\s+[\u4e00-\u9fff]{2,8}报道$/;
const CJK_PERSON = /^[\u4e00-\u9fff]{2,4}$/;
/** Endings of organisation names (新华社, 人民网, 总台, 宣传部): a bracket naming one credits a source, not people. */
const ORGANISATION_END = /[社报网台刊站部局委办院所会厅处司组]$|中心$|公司$|集团$/;

/**
 * The credit Chinese papers print in brackets at the end of the story instead of a byline: `（记者 胡晓蓉）`,
 * `（姚峰 上海报道）`, `（常书香 马丹阳）`. A lone bare name in brackets may be anything (a quote's speaker, a
 * term), so it counts only with a role word or a filing place; two or more bare names read as a credit.
 */
export function closingCredit(line: string): string | null {
  if (!line.endsWith('）') && !line.endsWith(')')) return null;
  const m = BRACKETED_TAIL.exec(line);
  if (!m) return null;
  const inner = m[1].trim();
  const filed = FILED_FROM_TAIL.test(inner);
  let role = false;
  const names: string[] = [];
  for (const token of inner.replace(FILED_FROM_TAIL, '').split(/[\s、]+/)) {
    const roleWord = CREDIT_ROLE.exec(token);
    if (roleWord) role = true;
    const name = roleWord ? token.slice(roleWord[0].length) : token;
    if (!name) continue;
    if (!CJK_PERSON.test(name) || ORGANISATION_END.test(name)) return null;
    names.push(name);
  }
  if (names.length === 0 || (!role && !filed && names.length < 2)) return null;
  return names.join(' ');
}

/**
 * The Chinese form of a blog's "Posted by X @ time" line: `由海姑娘张贴 @ 2005-06-14 03:25:55`, `由 lily 发表于
 * 2006-01-02`. The date right after keeps a sentence starting with 由 (by) out.
 */
const POSTED_BY = /^由\s*([^\s，。,:：]{2,16}?)\s*(?:张贴|发表|发布|贴出)(?:于|在)?\s*[@＠]?\s*\d{4}[-/.年]\d{1,2}/u;

/** The poster a Chinese blog line names, or null. */
export function postedBy(line: string): string | null {
  return POSTED_BY.exec(line)?.[1] ?? null;
}

/**
 * The metrics of the evaluation datasets, exactly as ../shared/datasets/README.md and each SOURCE.md define them.
 * Pure functions over strings, so they are unit-tested (test/bench) and cross-checked against the reference
 * scorer ../shared/tools/aeb_score.py.
 */

// ---------------------------------------------------------------------------------------------------------------
// AEB (Zyte article-extraction-benchmark): 4-token shingles, per-page normalised counts, macro P/R.

/** Python's `\w+` on str: Unicode letters, digits and `_`. JS `\w` is ASCII-only, hence the u-flag classes. */
const WORD_TOKEN = /[\p{L}\p{N}_]+/gu;
/** The Han ranges of aeb.py's per-character variant (Hiragana, Katakana and Hangul stay word-like runs there). */
const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\u{20000}-\\u{2ffff}';
const CJK_TOKEN = new RegExp(`[${HAN}]|(?:(?![${HAN}])[\\p{L}\\p{N}_])+`, 'gu');
const SHINGLE_SIZE = 4;
/** Joins a shingle's tokens into one map key; tokens never contain it (it is neither letter nor digit). */
const KEY_SEPARATOR = '\u0001';

export interface AebOptions {
  /** Per-character variant: each Han character is one token (Chinese has no spaces, so a word token is a clause). */
  cjk?: boolean;
}

export function aebTokens(text: string | null | undefined, options: AebOptions = {}): string[] {
  return (text ?? '').match(options.cjk ? CJK_TOKEN : WORD_TOKEN) ?? [];
}

/** Multiset of 4-token windows; a text of 1-3 tokens is one shingle, an empty one none. */
export function shingles(tokens: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  if (tokens.length === 0) return counts;
  const add = (key: string): void => void counts.set(key, (counts.get(key) ?? 0) + 1);
  if (tokens.length < SHINGLE_SIZE) add(tokens.join(KEY_SEPARATOR));
  else for (let i = 0; i + SHINGLE_SIZE <= tokens.length; i++) add(tokens.slice(i, i + SHINGLE_SIZE).join(KEY_SEPARATOR));
  return counts;
}

export interface PageCounts {
  tp: number;
  fp: number;
  fn: number;
}

/** tp/fp/fn of one page, divided by their sum so that every page weighs the same. */
export function aebPageCounts(truth: string, predicted: string, options: AebOptions = {}): PageCounts {
  const t = shingles(aebTokens(truth, options));
  const p = shingles(aebTokens(predicted, options));
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const key of new Set([...t.keys(), ...p.keys()])) {
    const tc = t.get(key) ?? 0;
    const pc = p.get(key) ?? 0;
    tp += Math.min(tc, pc);
    fp += Math.max(0, pc - tc);
    fn += Math.max(0, tc - pc);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn };
}

/** Page precision and recall with the benchmark's conventions for empty sides. */
export function aebPagePR({ tp, fp, fn }: PageCounts): { precision: number; recall: number } {
  if (fp === 0 && fn === 0) return { precision: 1, recall: 1 };
  return {
    precision: tp === 0 && fp === 0 ? 0 : tp / (tp + fp),
    recall: tp === 0 && fn === 0 ? 0 : tp / (tp + fn),
  };
}

export interface AebPage {
  precision: number;
  recall: number;
  f1: number;
  /** Token sequence identical to the truth's. */
  exact: boolean;
}

export interface AebScore {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  pages: AebPage[];
}

export function f1Of(precision: number, recall: number): number {
  return precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
}

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** P = mean page precision over pages with tp+fp > 0, R likewise over tp+fn > 0, F1 of the means. */
export function aebScore(pairs: ReadonlyArray<{ truth: string; predicted: string }>, options: AebOptions = {}): AebScore {
  const precisions: number[] = [];
  const recalls: number[] = [];
  const pages: AebPage[] = [];
  for (const { truth, predicted } of pairs) {
    const counts = aebPageCounts(truth, predicted, options);
    const { precision, recall } = aebPagePR(counts);
    if (counts.tp + counts.fp > 0) precisions.push(precision);
    if (counts.tp + counts.fn > 0) recalls.push(recall);
    const exact = sameTokens(aebTokens(truth, options), aebTokens(predicted, options));
    pages.push({ precision, recall, f1: f1Of(precision, recall), exact });
  }
  const precision = mean(precisions);
  const recall = mean(recalls);
  return {
    precision,
    recall,
    f1: f1Of(precision, recall),
    accuracy: pages.length ? pages.filter((p) => p.exact).length / pages.length : 0,
    pages,
  };
}

function sameTokens(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => t === b[i]);
}

/**
 * The longest run of `text`'s tokens that no shingle of `other` covers, cut to `maxWords` words: the "why" of
 * a bad page (the biggest piece of the body that was missed, or of boilerplate that was kept).
 */
export function longestUncoveredRun(text: string, other: string, maxWords = 12, options: AebOptions = {}): string | null {
  const tokens = aebTokens(text, options);
  const otherShingles = shingles(aebTokens(other, options));
  const covered = new Array<boolean>(tokens.length).fill(false);
  for (let i = 0; i + SHINGLE_SIZE <= tokens.length; i++) {
    if (otherShingles.has(tokens.slice(i, i + SHINGLE_SIZE).join(KEY_SEPARATOR))) covered.fill(true, i, i + SHINGLE_SIZE);
  }
  let best: [number, number] | null = null;
  for (let i = 0; i < tokens.length; ) {
    if (covered[i]) {
      i++;
      continue;
    }
    let j = i;
    while (j < tokens.length && !covered[j]) j++;
    if (!best || j - i > best[1] - best[0]) best = [i, j];
    i = j;
  }
  if (!best) return null;
  const words = tokens.slice(best[0], Math.min(best[1], best[0] + maxWords)).join(' ');
  return best[1] - best[0] > maxWords ? `${words} …(${best[1] - best[0]} words)` : words;
}

// ---------------------------------------------------------------------------------------------------------------
// trafilatura-eval: `with` snippets must be found in the output, `without` snippets must not.

/** Python's `\s` on str (str.isspace): includes \x1c-\x1f and \x85, which JS `\s` lacks; JS adds \ufeff, Python not. */
const PY_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

/** `re.sub(r"\s+", " ", s).strip()` as tests/eval_common.py does. */
export function normalizeSnippetSpace(s: string): string {
  return s.replace(PY_SPACE, ' ').replace(/^ | $/g, '');
}

export interface SnippetPage {
  tp: number;
  fn: number;
  fp: number;
  tn: number;
  /** `with` snippets not found. */
  missed: string[];
  /** `without` snippets found. */
  kept: string[];
}

/** One document: a missing output (crash, null) finds nothing. */
export function snippetPage(output: string | null, withSnippets: readonly string[], withoutSnippets: readonly string[]): SnippetPage {
  const text = output == null ? null : normalizeSnippetSpace(output);
  const found = (s: string): boolean => text !== null && text.includes(normalizeSnippetSpace(s));
  const missed = withSnippets.filter((s) => !found(s));
  const kept = withoutSnippets.filter(found);
  return {
    tp: withSnippets.length - missed.length,
    fn: missed.length,
    fp: kept.length,
    tn: withoutSnippets.length - kept.length,
    missed,
    kept,
  };
}

export interface CorpusCounts {
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

/** Micro-averaged P/R/F1/accuracy over summed counts (trafilatura's and htmldate's corpus metric). */
export function corpusCounts(pages: ReadonlyArray<{ tp: number; fp: number; fn: number; tn: number }>): CorpusCounts {
  const sum = (k: 'tp' | 'fp' | 'fn' | 'tn'): number => pages.reduce((a, p) => a + p[k], 0);
  const tp = sum('tp');
  const fp = sum('fp');
  const fn = sum('fn');
  const tn = sum('tn');
  const all = tp + fp + fn + tn;
  return {
    tp,
    fp,
    fn,
    tn,
    precision: tp + fp ? tp / (tp + fp) : 0,
    recall: tp + fn ? tp / (tp + fn) : 0,
    f1: 2 * tp + fp + fn ? (2 * tp) / (2 * tp + fp + fn) : 0,
    accuracy: all ? (tp + tn) / all : 0,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Dates.

const DATE_PARTS = /^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?)?)?/;
const OFFSET = /(?:Z|([+-])(\d{2}):?(\d{2}))\s*$/;

/**
 * The numeric parts of a date as written, most significant first, as many as it has: `2005-5-7 21:23:57` →
 * [2005, 5, 7, 21, 23, 57]; `1998-3` → [1998, 3]; anything else (UNKNOWN, a name) → null.
 */
export function dateParts(value: string | null | undefined): number[] | null {
  const m = value ? DATE_PARTS.exec(value) : null;
  if (!m) return null;
  const parts = m.slice(1).filter((x) => x !== undefined).map(Number);
  const [, month, day, hour, minute, second] = parts;
  const bad = (x: number | undefined, lo: number, hi: number): boolean => x !== undefined && (x < lo || x > hi);
  if (bad(month, 1, 12) || bad(day, 1, 31) || bad(hour, 0, 23) || bad(minute, 0, 59) || bad(second, 0, 60)) return null;
  return parts;
}

/** YYYY-MM-DD of a date as written (htmldate's `%Y-%m-%d` output), or null without a full day. */
export function isoDay(value: string | null | undefined): string | null {
  const p = dateParts(value);
  if (!p || p.length < 3) return null;
  return `${String(p[0]).padStart(4, '0')}-${String(p[1]).padStart(2, '0')}-${String(p[2]).padStart(2, '0')}`;
}

/**
 * htmldate's per-page outcome (tests/evaluation.py): no output → FN (and TN too when the gold is also none),
 * equal day → TP, another day → FP.
 */
export function htmldatePage(gold: string | null, output: string | null): { tp: number; fp: number; fn: number; tn: number } {
  const got = isoDay(output);
  if (got === null) return { tp: 0, fp: 0, fn: 1, tn: gold === null ? 1 : 0 };
  return got === gold ? { tp: 1, fp: 0, fn: 0, tn: 0 } : { tp: 0, fp: 1, fn: 0, tn: 0 };
}

/**
 * A hand label compared at its own precision: `2018` needs the year, `2005-5-7 21:23` the minute. With
 * `maxParts` 3 the comparison stops at the day (for the day-level variant).
 */
export function dateMatchesLabel(label: string, output: string | null, maxParts = Infinity): boolean {
  const want = dateParts(label);
  const got = dateParts(output);
  if (!want || !got) return false;
  const n = Math.min(want.length, maxParts);
  if (got.length < n) return false;
  for (let i = 0; i < n; i++) if (want[i] !== got[i]) return false;
  return true;
}

/** Minutes east of UTC of a written offset, or null when the value has none. */
function offsetMinutes(value: string): number | null {
  const m = OFFSET.exec(value);
  if (!m) return null;
  if (!m[1]) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

/**
 * Same calendar day: in UTC when both values carry a time and an offset (fundus stores UTC, pages show local
 * time), else as written.
 */
export function sameDay(gold: string | null, output: string | null): boolean {
  if (!gold || !output) return false;
  const g = dateParts(gold);
  const o = dateParts(output);
  if (!g || !o || g.length < 3 || o.length < 3) return false;
  const gOff = g.length >= 5 ? offsetMinutes(gold) : null;
  const oOff = o.length >= 5 ? offsetMinutes(output) : null;
  if (gOff !== null && oOff !== null) return utcDay(g, gOff) === utcDay(o, oOff);
  return isoDay(gold) === isoDay(output);
}

function utcDay(p: number[], offset: number): string {
  const ms = Date.UTC(p[0], p[1] - 1, p[2], p[3] ?? 0, p[4] ?? 0) - offset * 60_000;
  return new Date(ms).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------------------------
// Titles and people.

/** NFKC, white space collapsed, trimmed: the form titles and names are compared in. */
export function normalizeLabel(s: string): string {
  return normalizeSnippetSpace(s.normalize('NFKC'));
}

export function titleMatches(gold: string, output: string | null): boolean {
  return output !== null && normalizeLabel(gold) === normalizeLabel(output);
}

/** Author lists compared as sets of names (order-free, case-free). Both empty is a match. */
export function authorsMatch(gold: readonly string[], output: readonly string[]): boolean {
  const set = (xs: readonly string[]): Set<string> => new Set(xs.map((x) => normalizeLabel(x).toLowerCase()).filter(Boolean));
  const g = set(gold);
  const o = set(output);
  return g.size === o.size && [...g].every((x) => o.has(x));
}

/** chinese-wced labels words that mean "no label" (one is a typo in the data). */
const UNLABELLED = /^(?:UNKNOWN|UNKNWON)?$/;
/** Separators of several people in one chinese-wced label: spaces (mostly), 、 (once). */
const LABEL_NAME_SEPARATOR = /[\s\u3000、，,;；]+/;

/** The names of a chinese-wced author label; [] for UNKNOWN or empty. */
export function labelNames(label: string): string[] {
  const trimmed = label.trim();
  if (UNLABELLED.test(trimmed)) return [];
  return trimmed.split(LABEL_NAME_SEPARATOR).filter(Boolean);
}

export function isUnlabelled(label: string): boolean {
  return UNLABELLED.test(label.trim());
}

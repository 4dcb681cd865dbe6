/**
 * Scores one system's outputs on one dataset with that set's official metric, and explains its worst pages.
 */
import type { BenchPage, Dataset } from './datasets.js';
import {
  aebScore,
  authorsMatch,
  corpusCounts,
  dateMatchesLabel,
  dateParts,
  htmldatePage,
  isoDay,
  labelNames,
  longestUncoveredRun,
  sameDay,
  snippetPage,
  titleMatches,
  type AebOptions,
} from './metrics.js';
import type { SystemOutput } from './systems.js';

/** Named figures of one system on one set, e.g. { "AEB F1": 0.95, ... }; null when the system gives no such field. */
export type Figures = Record<string, number | null>;

export interface WorstPage {
  id: string;
  /** What failed: body, title, authors, date (listed separately). */
  kind: string;
  /** The page's badness on the set's main metric (lower is worse), for sorting. */
  score: number;
  reason: string;
}

export interface DatasetScore {
  figures: Figures;
  worst: WorstPage[];
}

const MAX_REASON = 220;
const clip = (s: string, n = 70): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const quote = (s: string | null | undefined): string => (s == null ? 'none' : `"${clip(s.replace(/\s+/g, ' ').trim())}"`);
const share = (hits: number, total: number): number | null => (total ? hits / total : null);

function aebFigures(pages: BenchPage[], outputs: Map<string, SystemOutput>, options: AebOptions, label: string): { figures: Figures; worst: WorstPage[] } {
  const pairs = pages.map((p) => ({ truth: p.body ?? '', predicted: outputs.get(p.id)?.text ?? '' }));
  const s = aebScore(pairs, options);
  const worst = pages.map((p, i) => {
    const page = s.pages[i];
    const out = outputs.get(p.id);
    const predicted = pairs[i].predicted;
    let reason = `F1 ${page.f1.toFixed(2)} (P ${page.precision.toFixed(2)} R ${page.recall.toFixed(2)})`;
    if (!predicted.trim()) reason += ` empty output${out?.error ? `: ${out.error}` : ''}`;
    else {
      const missed = page.recall < 0.9 ? longestUncoveredRun(pairs[i].truth, predicted, 12, options) : null;
      const kept = page.precision < 0.9 ? longestUncoveredRun(predicted, pairs[i].truth, 12, options) : null;
      if (missed) reason += ` missed: ${quote(missed)}`;
      if (kept) reason += ` kept: ${quote(kept)}`;
    }
    if (out?.why?.body) reason += ` [body: ${clip(out.why.body, 60)}]`;
    return { id: p.id, kind: 'body', score: page.f1, reason: clip(reason, MAX_REASON) };
  });
  return {
    figures: {
      [`${label} P`]: s.precision,
      [`${label} R`]: s.recall,
      [`${label} F1`]: s.f1,
      [`${label} acc`]: s.accuracy,
    },
    worst,
  };
}

const why = (out: SystemOutput | undefined, field: string): string => (out?.why?.[field] ? ` [${clip(out.why[field], 40)}]` : '');

/** scrapinghub-aeb: the official AEB metric. */
function scoreAeb(ds: Dataset, outputs: Map<string, SystemOutput>): DatasetScore {
  return aebFigures(ds.pages, outputs, {}, 'AEB');
}

/** chinese-wced: AEB (official and per-Han-character), authors and dates at the label's precision. */
function scoreWced(ds: Dataset, outputs: Map<string, SystemOutput>): DatasetScore {
  const official = aebFigures(ds.pages, outputs, {}, 'AEB');
  const perChar = aebFigures(ds.pages, outputs, { cjk: true }, 'AEB/char');
  const worst = official.worst.map((w, i) => ({ ...w, reason: `${w.reason.replace(/^F1 [\d.]+/, (m) => `${m} (per-char ${perChar.worst[i].score.toFixed(2)})`)}` }));
  let authorHits = 0;
  let authorLabelled = 0;
  let authorAllHits = 0;
  let dateHits = 0;
  let dayHits = 0;
  let dateLabelled = 0;
  for (const p of ds.pages) {
    const out = outputs.get(p.id);
    const gold = labelNames(p.authorLabel ?? '');
    // The label separates people by spaces, so newsarc's list is compared after the same split.
    const ok = authorsMatch(gold, labelNames((out?.authors ?? []).join(' ')));
    authorAllHits += Number(ok);
    if (gold.length) {
      authorLabelled++;
      authorHits += Number(ok);
      if (!ok) worst.push({ id: p.id, kind: 'authors', score: 1, reason: `gold "${gold.join(' ')}", got ${quote((out?.authors ?? []).join(' | ') || null)}${why(out, 'authors')}` });
    }
    if (p.date && dateParts(p.date)) {
      dateLabelled++;
      const full = dateMatchesLabel(p.date, out?.date ?? null);
      dateHits += Number(full);
      dayHits += Number(dateMatchesLabel(p.date, out?.date ?? null, 3));
      if (!full) worst.push({ id: p.id, kind: 'date', score: 1, reason: `gold "${p.date.trim()}", got ${quote(out?.date)}${why(out, 'publishedAt')}` });
    }
  }
  return {
    figures: {
      ...official.figures,
      ...perChar.figures,
      'authors (labelled)': share(authorHits, authorLabelled),
      'authors (all, none=none)': share(authorAllHits, ds.pages.length),
      'date (label precision)': share(dateHits, dateLabelled),
      'date (day)': share(dayHits, dateLabelled),
    },
    worst,
  };
}

/** trafilatura-eval: with/without snippets, micro-averaged. */
function scoreSnippets(ds: Dataset, outputs: Map<string, SystemOutput>): DatasetScore {
  const pages = ds.pages.map((p) => {
    const out = outputs.get(p.id);
    return snippetPage(out && !out.error ? out.text : null, p.with ?? [], p.without ?? []);
  });
  const c = corpusCounts(pages);
  const worst = ds.pages.map((p, i) => {
    const r = pages[i];
    const parts: string[] = [];
    if (r.fn) parts.push(`missed ${r.fn}/${r.fn + r.tp} ${quote(r.missed[0])}`);
    if (r.fp) parts.push(`kept ${r.fp}/${r.fp + r.tn} ${quote(r.kept[0])}`);
    const body = outputs.get(p.id)?.why?.body;
    return { id: p.id, kind: 'body', score: -(r.fn + r.fp), reason: clip(`${parts.join('; ')}${body ? ` [body: ${clip(body, 50)}]` : ''}`, MAX_REASON) };
  });
  return {
    figures: { 'snippet P': c.precision, 'snippet R': c.recall, 'snippet F1': c.f1, 'snippet acc': c.accuracy },
    worst: worst.filter((w) => w.score < 0),
  };
}

/** htmldate-eval: htmldate's own corpus counts, plus the plain share of pages with the right day. */
function scoreHtmldate(ds: Dataset, outputs: Map<string, SystemOutput>): DatasetScore {
  const worst: WorstPage[] = [];
  let rightDay = 0;
  const pages = ds.pages.map((p) => {
    const out = outputs.get(p.id);
    const gold = p.date ?? null;
    const got = isoDay(out?.date);
    if (got === gold) rightDay++;
    else worst.push({ id: p.id, kind: 'date', score: 0, reason: `gold ${gold ?? 'none'}, got ${out?.date ?? 'none'}${why(out, 'publishedAt')}` });
    return htmldatePage(gold, out?.date ?? null);
  });
  const c = corpusCounts(pages);
  return {
    figures: { 'date P': c.precision, 'date R': c.recall, 'date F1': c.f1, 'date acc': c.accuracy, 'exact day': share(rightDay, ds.pages.length) },
    worst,
  };
}

/** fundus-fixtures: title, authors, date (day) accuracy and AEB on the curated body. */
function scoreFundus(ds: Dataset, outputs: Map<string, SystemOutput>): DatasetScore {
  const body = aebFigures(ds.pages, outputs, {}, 'AEB');
  const worst = [...body.worst];
  let titles = 0;
  let titled = 0;
  let authors = 0;
  let dates = 0;
  let dated = 0;
  for (const p of ds.pages) {
    const out = outputs.get(p.id);
    if (p.title) {
      titled++;
      const ok = titleMatches(p.title, out?.title ?? null);
      titles += Number(ok);
      if (!ok) worst.push({ id: p.id, kind: 'title', score: 1, reason: `gold ${quote(p.title)}, got ${quote(out?.title)}${why(out, 'title')}` });
    }
    const okAuthors = authorsMatch(p.authors ?? [], out?.authors ?? []);
    authors += Number(okAuthors);
    if (!okAuthors) worst.push({ id: p.id, kind: 'authors', score: 1, reason: `gold ${quote((p.authors ?? []).join(' | ') || null)}, got ${quote((out?.authors ?? []).join(' | ') || null)}${why(out, 'authors')}` });
    if (p.date) {
      dated++;
      const ok = sameDay(p.date, out?.date ?? null);
      dates += Number(ok);
      if (!ok) worst.push({ id: p.id, kind: 'date', score: 1, reason: `gold ${p.date}, got ${out?.date ?? 'none'}${why(out, 'publishedAt')}` });
    }
  }
  return {
    figures: {
      title: share(titles, titled),
      authors: share(authors, ds.pages.length),
      'date (day)': share(dates, dated),
      ...body.figures,
    },
    worst,
  };
}

export function scoreDataset(ds: Dataset, outputs: Map<string, SystemOutput>): DatasetScore {
  if (ds.name === 'scrapinghub-aeb') return scoreAeb(ds, outputs);
  if (ds.name === 'chinese-wced') return scoreWced(ds, outputs);
  if (ds.name === 'trafilatura-eval') return scoreSnippets(ds, outputs);
  if (ds.name.startsWith('htmldate-')) return scoreHtmldate(ds, outputs);
  if (ds.name === 'fundus-fixtures') return scoreFundus(ds, outputs);
  throw new Error(`no metric for dataset ${ds.name}`);
}

/** The `n` worst pages of each kind of failure (body by its score, metadata misses in page order). */
export function worstPages(worst: WorstPage[], n: number): WorstPage[] {
  const kinds = [...new Set(worst.map((w) => w.kind))];
  return kinds.flatMap((kind) =>
    worst
      .filter((w) => w.kind === kind && (kind !== 'body' || w.score < 1))
      .sort((a, b) => a.score - b.score)
      .slice(0, n),
  );
}

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  aebPageCounts,
  aebScore,
  aebTokens,
  authorsMatch,
  corpusCounts,
  dateMatchesLabel,
  dateParts,
  htmldatePage,
  isoDay,
  labelNames,
  longestUncoveredRun,
  normalizeSnippetSpace,
  sameDay,
  shingles,
  snippetPage,
  titleMatches,
} from '../../bench/lib/metrics.js';

describe('AEB tokens', () => {
  it('are Unicode letter/digit/underscore runs, not ASCII \\w', () => {
    expect(aebTokens('Größe: 3,5 cm — naïve_test!')).toEqual(['Größe', '3', '5', 'cm', 'naïve_test']);
    expect(aebTokens('Москва, 2020 год')).toEqual(['Москва', '2020', 'год']);
  });
  it('keep a Chinese clause as one token, and one a character in the per-character variant', () => {
    expect(aebTokens('乡村振兴，看今朝。abc')).toEqual(['乡村振兴', '看今朝', 'abc']);
    expect(aebTokens('乡村振兴 abc１２', { cjk: true })).toEqual(['乡', '村', '振', '兴', 'abc１２']);
  });
  it('leave Kana word-like in the per-character variant, as aeb.py does (only Han splits)', () => {
    expect(aebTokens('カタカナ漢字', { cjk: true })).toEqual(['カタカナ', '漢', '字']);
  });
});

describe('AEB shingles and page counts', () => {
  it('slide a 4-token window; 1-3 tokens make one shingle; none for empty text', () => {
    expect([...shingles(['a', 'b', 'c', 'd', 'e']).values()]).toEqual([1, 1]);
    expect(shingles(['a', 'b']).size).toBe(1);
    expect(shingles([]).size).toBe(0);
  });
  it('counts repeated shingles as a multiset', () => {
    const t = 'one two three four one two three four';
    const c = aebPageCounts(t, 'one two three four');
    // truth: 5 shingles, "one two three four" twice; prediction has it once.
    expect(c.tp).toBeCloseTo(1 / 5);
    expect(c.fn).toBeCloseTo(4 / 5);
    expect(c.fp).toBe(0);
  });
  it('normalises a page so tp+fp+fn = 1', () => {
    const c = aebPageCounts('the cat sat on the mat today', 'the cat sat on the mat and a dog');
    expect(c.tp + c.fp + c.fn).toBeCloseTo(1);
  });
});

describe('AEB score', () => {
  it('is perfect for identical token sequences whatever the spacing and punctuation', () => {
    const s = aebScore([{ truth: 'Hello, world! This is news.', predicted: 'Hello world\nThis  is news' }]);
    expect(s).toMatchObject({ precision: 1, recall: 1, f1: 1, accuracy: 1 });
  });
  it('averages per page, then takes F1 of the means', () => {
    const body = 'a b c d e f g h i j';
    const s = aebScore([
      { truth: body, predicted: body },
      { truth: body, predicted: '' },
    ]);
    // page 2: tp = fp = 0 → precision 0, excluded from P (tp+fp = 0); recall 0 counts.
    expect(s.precision).toBe(1);
    expect(s.recall).toBe(0.5);
    expect(s.f1).toBeCloseTo(2 / 3);
    expect(s.accuracy).toBe(0.5);
    expect(s.pages[1]).toMatchObject({ precision: 0, recall: 0, f1: 0, exact: false });
  });
  it('penalises boilerplate in precision and a cut body in recall', () => {
    const truth = 'w1 w2 w3 w4 w5 w6 w7 w8';
    const withExtra = aebScore([{ truth, predicted: `${truth} menu home login subscribe now` }]);
    expect(withExtra.recall).toBe(1);
    expect(withExtra.precision).toBeCloseTo(5 / 10);
    const cut = aebScore([{ truth, predicted: 'w1 w2 w3 w4 w5' }]);
    expect(cut.precision).toBe(1);
    expect(cut.recall).toBeCloseTo(2 / 5);
  });
  it('names the biggest missed or kept stretch of a page', () => {
    const truth = 'alpha beta gamma delta epsilon zeta eta theta iota kappa';
    expect(longestUncoveredRun(truth, 'alpha beta gamma delta epsilon')).toBe('zeta eta theta iota kappa');
    expect(longestUncoveredRun('Sign up for our newsletter today alpha beta gamma delta', 'alpha beta gamma delta')).toBe('Sign up for our newsletter today');
    expect(longestUncoveredRun(truth, truth)).toBeNull();
  });
});

describe('trafilatura snippets', () => {
  it('normalise white space as Python str \\s does (NBSP, ideographic space, \\x1c)', () => {
    expect(normalizeSnippetSpace('  a\u00a0\u3000b\x1cc\n')).toBe('a b c');
  });
  it('count with-snippets found and without-snippets found', () => {
    const page = snippetPage('The main text.\nIt  goes on here.', ['main text', 'goes on here', 'missing one'], ['Cookie banner', 'The main']);
    expect(page).toMatchObject({ tp: 2, fn: 1, fp: 1, tn: 1, missed: ['missing one'], kept: ['The main'] });
  });
  it('treat a missing output as finding nothing', () => {
    expect(snippetPage(null, ['a'], ['b'])).toMatchObject({ tp: 0, fn: 1, fp: 0, tn: 1 });
  });
  it('sum counts over the corpus (micro average)', () => {
    const c = corpusCounts([
      { tp: 2, fn: 1, fp: 1, tn: 1 },
      { tp: 3, fn: 0, fp: 0, tn: 2 },
    ]);
    expect(c.precision).toBeCloseTo(5 / 6);
    expect(c.recall).toBeCloseTo(5 / 6);
    expect(c.f1).toBeCloseTo(10 / 12);
    expect(c.accuracy).toBeCloseTo(8 / 10);
  });
});

describe('dates', () => {
  it('read the parts a label has, and reject non-dates', () => {
    expect(dateParts('2005-5-7 21:23:57')).toEqual([2005, 5, 7, 21, 23, 57]);
    expect(dateParts('1998-3')).toEqual([1998, 3]);
    expect(dateParts('2021-11-13T16:24:01+08:00')).toEqual([2021, 11, 13, 16, 24, 1]);
    expect(dateParts('刘涛')).toBeNull();
    expect(dateParts('UNKNOWN')).toBeNull();
    expect(dateParts('2020-13-01')).toBeNull();
  });
  it('give htmldate its YYYY-MM-DD day', () => {
    expect(isoDay('2020-2-9T10:00:00Z')).toBe('2020-02-09');
    expect(isoDay('2020-02')).toBeNull();
  });
  it('score htmldate pages as its evaluation does', () => {
    expect(htmldatePage('2020-02-19', '2020-02-19T08:00:00+08:00')).toEqual({ tp: 1, fp: 0, fn: 0, tn: 0 });
    expect(htmldatePage('2020-02-19', '2020-02-18')).toEqual({ tp: 0, fp: 1, fn: 0, tn: 0 });
    expect(htmldatePage('2020-02-19', null)).toEqual({ tp: 0, fp: 0, fn: 1, tn: 0 });
    expect(htmldatePage(null, null)).toEqual({ tp: 0, fp: 0, fn: 1, tn: 1 });
  });
  it("compare a hand label at the label's own precision", () => {
    expect(dateMatchesLabel('2021-11-13 16:24:01', '2021-11-13T16:24:01+08:00')).toBe(true);
    expect(dateMatchesLabel('2021-11-13 16:24', '2021-11-13T16:24:59+08:00')).toBe(true);
    expect(dateMatchesLabel('2021-11-13 16:24', '2021-11-13')).toBe(false);
    expect(dateMatchesLabel('2021-11-13 16:24', '2021-11-13', 3)).toBe(true);
    expect(dateMatchesLabel('1998-3', '1998-03-20')).toBe(true);
    expect(dateMatchesLabel('2018', '2017-12-31')).toBe(false);
    expect(dateMatchesLabel('刘涛', '2018-01-01')).toBe(false);
  });
  it('compare timestamps with offsets on their UTC day, and plain dates as written', () => {
    expect(sameDay('2024-05-03 23:30:00+00:00', '2024-05-04T01:30:00+02:00')).toBe(true);
    expect(sameDay('2024-05-03 15:47:42.389000+00:00', '2024-05-03')).toBe(true);
    expect(sameDay('2024-05-03 15:47:42+00:00', '2024-05-02')).toBe(false);
    expect(sameDay('2024-05-03', null)).toBe(false);
  });
});

describe('titles and people', () => {
  it('compare titles after NFKC and white space folding', () => {
    expect(titleMatches('Ｎews  headline ', 'News headline')).toBe(true);
    expect(titleMatches('News headline', 'News headline | Site')).toBe(false);
    expect(titleMatches('x', null)).toBe(false);
  });
  it('compare author lists as sets, ignoring order and case', () => {
    expect(authorsMatch(['Anna Fink', 'Jan Marchart'], ['jan marchart', 'Anna  Fink'])).toBe(true);
    expect(authorsMatch(['Anna Fink'], ['Anna Fink', 'dpa'])).toBe(false);
    expect(authorsMatch([], [])).toBe(true);
  });
  it('split chinese-wced author labels, with UNKNOWN (and its typo) as none', () => {
    expect(labelNames('柴秋实 吴鲁  任存军')).toEqual(['柴秋实', '吴鲁', '任存军']);
    expect(labelNames('赵延东、风笑天')).toEqual(['赵延东', '风笑天']);
    expect(labelNames(' UNKNOWN')).toEqual([]);
    expect(labelNames('UNKNWON')).toEqual([]);
  });
});

/** The reference scorer lives beside the datasets; CI clones may lack it, and then this part skips. */
const SCORER = join(process.cwd(), '..', 'shared', 'tools', 'aeb_score.py');
const python = spawnSync('python3', ['--version']).status === 0;

describe.skipIf(!existsSync(SCORER) || !python)('AEB metric against ../shared/tools/aeb_score.py', () => {
  function reference(truth: Record<string, string>, predicted: Record<string, string>, cjk: boolean): number[] {
    const dir = mkdtempSync(join(tmpdir(), 'aeb-'));
    try {
      writeFileSync(join(dir, 'gt.json'), JSON.stringify(Object.fromEntries(Object.entries(truth).map(([k, v]) => [k, { articleBody: v }]))));
      writeFileSync(join(dir, 'out.jsonl'), Object.entries(predicted).map(([k, v]) => JSON.stringify({ input: `${k}.html`, text: v })).join('\n'));
      const r = spawnSync('python3', [SCORER, join(dir, 'gt.json'), join(dir, 'out.jsonl'), ...(cjk ? ['--cjk'] : [])], { encoding: 'utf8' });
      const m = /P ([\d.]+) R ([\d.]+) F1 ([\d.]+) accuracy ([\d.]+)/.exec(r.stdout);
      if (!m) throw new Error(`aeb_score.py said: ${r.stdout} ${r.stderr}`);
      return m.slice(1).map(Number);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const ours = (truth: Record<string, string>, predicted: Record<string, string>, cjk: boolean): number[] => {
    const s = aebScore(Object.keys(truth).map((k) => ({ truth: truth[k], predicted: predicted[k] ?? '' })), { cjk });
    return [s.precision, s.recall, s.f1, s.accuracy].map((x) => Number(x.toFixed(3)));
  };

  it('agrees on hand-made pages in several scripts, both variants', () => {
    const truth: Record<string, string> = {
      en: 'The council voted on Tuesday to approve the new budget, which raises spending on schools by 4%.',
      de: 'Die Größe der Straße überrascht: naïve Planer übersahen 3,5 Kilometer.',
      ru: 'В Москве прошли выборы; явка составила 45 процентов.',
      zh: '时间:2021-11-13 乡村振兴，看今朝。村民们说，日子越过越红火。合作社带动了全村就业。',
      ja: 'カタカナの見出しと漢字の本文が続きます。',
      short: 'Brief note',
    };
    const predicted: Record<string, string> = {
      en: 'Home | News\nThe council voted on Tuesday to approve the new budget, which raises spending',
      de: 'Die Größe der Straße überrascht: naïve Planer übersahen 3,5 Kilometer.',
      ru: '',
      zh: '乡村振兴，看今朝。村民们说，日子越过越红火。责任编辑：王',
      ja: 'カタカナの見出しと漢字の本文が続きます。関連記事',
    };
    for (const cjk of [false, true]) expect(ours(truth, predicted, cjk)).toEqual(reference(truth, predicted, cjk));
  });

  const AEB = join(process.cwd(), '..', 'shared', 'datasets', 'scrapinghub-aeb', 'ground-truth.json');
  it.skipIf(!existsSync(AEB))('agrees on the AEB ground truth against cut and padded versions of itself', () => {
    const gt = JSON.parse(readFileSync(AEB, 'utf8')) as Record<string, { articleBody: string }>;
    const truth = Object.fromEntries(Object.entries(gt).slice(0, 60).map(([k, v]) => [k, v.articleBody]));
    const predicted = Object.fromEntries(
      Object.entries(truth).map(([k, v], i) => [k, i % 3 === 0 ? v : i % 3 === 1 ? v.slice(0, Math.floor(v.length * 0.6)) : `Menu Login Subscribe\n${v}\nRelated: ${v.slice(0, 300)}`]),
    );
    expect(ours(truth, predicted, false)).toEqual(reference(truth, predicted, false));
  });

  const WCED = join(process.cwd(), '..', 'shared', 'datasets', 'chinese-wced', 'eval', 'cleaned_ground.json');
  it.skipIf(!existsSync(WCED))('agrees on the chinese-wced ground truth in both variants', () => {
    const gt = JSON.parse(readFileSync(WCED, 'utf8')) as Record<string, { articleBody: string }>;
    const truth = Object.fromEntries(Object.entries(gt).map(([k, v]) => [k, v.articleBody]));
    const predicted = Object.fromEntries(
      Object.entries(truth).map(([k, v], i) => [k, i % 2 ? v.slice(Math.floor(v.length * 0.3)) : `首页 新闻 登录\n${v}\n责任编辑：张三`]),
    );
    for (const cjk of [false, true]) expect(ours(truth, predicted, cjk)).toEqual(reference(truth, predicted, cjk));
  });

  const REFERENCE_OUTPUTS = join(process.cwd(), '..', 'shared', 'datasets', 'scrapinghub-aeb', 'reference-outputs');
  it.skipIf(!existsSync(AEB) || !existsSync(REFERENCE_OUTPUTS))('reproduces the published Readability.js figures from its reference output', () => {
    const gt = JSON.parse(readFileSync(AEB, 'utf8')) as Record<string, { articleBody: string }>;
    const raw = JSON.parse(readFileSync(join(REFERENCE_OUTPUTS, 'readability_js.json'), 'utf8')) as Record<string, unknown>;
    const out = (raw.output ?? raw) as Record<string, { articleBody?: string }>;
    const truth = Object.fromEntries(Object.entries(gt).map(([k, v]) => [k, v.articleBody]));
    const predicted = Object.fromEntries(Object.keys(gt).map((k) => [k, out[k]?.articleBody ?? '']));
    const figures = ours(truth, predicted, false);
    // The published figures are on all 181 pages; a partial ground truth can only match the reference scorer.
    expect(figures).toEqual(Object.keys(gt).length === 181 ? [0.914, 0.982, 0.947, 0.166] : reference(truth, predicted, false));
  });
});

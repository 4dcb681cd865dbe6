import { describe, expect, it } from 'vitest';
import type { Dataset } from '../../bench/lib/datasets.js';
import { scoreDataset, worstPages } from '../../bench/lib/score.js';
import type { SystemOutput } from '../../bench/lib/systems.js';

const out = (o: Partial<SystemOutput>): SystemOutput => ({ text: '', title: null, authors: [], date: null, ...o });

describe('chinese-wced scoring', () => {
  const ds: Dataset = {
    name: 'chinese-wced',
    measures: 'test',
    pages: [
      { id: 'a', file: 'a.html.gz', body: '乡村振兴，看今朝。村民们说，日子越过越红火。', authorLabel: '柴秋实 吴鲁', date: '2021-11-13 16:24' },
      { id: 'b', file: 'b.html.gz', body: '合作社带动了全村就业，收入翻了一番。', authorLabel: 'UNKNOWN', date: '1998-3' },
      { id: 'c', file: 'c.html.gz', body: '论坛帖子正文。', authorLabel: '', date: '刘涛' },
    ],
  };
  const outputs = new Map([
    ['a', out({ text: '乡村振兴，看今朝。村民们说，日子越过越红火。', authors: ['吴鲁', '柴秋实'], date: '2021-11-13T16:24:00+08:00' })],
    ['b', out({ text: '合作社带动了全村就业，收入翻了一番。 相关新闻', authors: ['记者'], date: '1998-04-01' })],
    ['c', out({ text: '' })],
  ]);
  const s = scoreDataset(ds, outputs);

  it('counts authors over labelled pages, and UNKNOWN as "no author" in the all-pages figure', () => {
    expect(s.figures['authors (labelled)']).toBe(1);
    expect(s.figures['authors (all, none=none)']).toBeCloseTo(2 / 3);
  });
  it('counts dates over parseable labels only, at their precision', () => {
    expect(s.figures['date (label precision)']).toBe(0.5);
    expect(s.figures['date (day)']).toBe(0.5);
  });
  it('reports the official and the per-character AEB side by side', () => {
    expect(s.figures['AEB F1']).toBeGreaterThan(0);
    expect(s.figures['AEB/char F1']).toBeGreaterThan(0);
  });
  it('explains the worst pages, grouped by what failed', () => {
    const worst = worstPages(s.worst, 5);
    expect(worst.find((w) => w.kind === 'body' && w.id === 'c')?.reason).toMatch(/empty output/);
    expect(worst.find((w) => w.kind === 'authors' && w.id === 'b')).toBeUndefined();
    expect(worst.find((w) => w.kind === 'date' && w.id === 'b')?.reason).toMatch(/gold "1998-3", got "1998-04-01"/);
  });
});

describe('trafilatura-eval and htmldate scoring', () => {
  it('sums snippet counts over pages and lists the pages that lost some', () => {
    const ds: Dataset = {
      name: 'trafilatura-eval',
      measures: 'test',
      pages: [
        { id: 'p1', file: 'p1', with: ['first body line', 'second body line'], without: ['Cookie settings'] },
        { id: 'p2', file: 'p2', with: ['only line'], without: ['Share this'] },
      ],
    };
    const s = scoreDataset(ds, new Map([
      ['p1', out({ text: 'first body line\nCookie settings' })],
      ['p2', out({ text: 'only line' })],
    ]));
    expect(s.figures['snippet P']).toBeCloseTo(2 / 3);
    expect(s.figures['snippet R']).toBeCloseTo(2 / 3);
    expect(s.worst.map((w) => w.id)).toEqual(['p1']);
  });
  it('scores days as htmldate does, whatever the time and offset', () => {
    const ds: Dataset = {
      name: 'htmldate-default',
      measures: 'test',
      pages: [
        { id: 'd1', file: 'd1', date: '2020-02-19' },
        { id: 'd2', file: 'd2', date: '2020-02-19' },
        { id: 'd3', file: 'd3', date: null },
      ],
    };
    const s = scoreDataset(ds, new Map([
      ['d1', out({ date: '2020-02-19T08:00:00+08:00' })],
      ['d2', out({ date: '2020-02-18' })],
      ['d3', out({})],
    ]));
    expect(s.figures['date P']).toBe(0.5);
    expect(s.figures['exact day']).toBeCloseTo(2 / 3);
  });
});

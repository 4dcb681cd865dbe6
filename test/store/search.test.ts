import { describe, expect, it } from 'vitest';
import { queryTerms, searchArticles, snippet } from '../../src/store/query.js';
import { buildFixtureArchive } from '../export/fixture-archive.js';
import { saveInput } from './helpers.js';

describe('full-text search', () => {
  it('finds Chinese words through the trigram index, one hit per story', () => {
    const { archive, ids } = buildFixtureArchive();
    const hits = searchArticles(archive.db, { query: '乡村振兴' }, 10);
    expect(hits.map((h) => h.article.id)).toEqual([ids.rural]);
    expect(hits[0]!.snippet).toContain('[乡村振兴]');
    const all = searchArticles(archive.db, { query: '乡村振兴', includeDuplicates: true }, 10);
    expect(all.map((h) => h.article.id).sort()).toEqual([ids.rural, ids.ruralRepost].sort());
    archive.close();
  });

  it('finds two-character Chinese terms, below the trigram length, by scanning', () => {
    const { archive, ids } = buildFixtureArchive();
    expect(searchArticles(archive.db, { query: '秋粮' }, 10).map((h) => h.article.id)).toEqual([ids.harvest]);
    expect(searchArticles(archive.db, { query: '脱贫 务工' }, 10).map((h) => h.article.id)).toEqual([ids.rural]);
    archive.close();
  });

  it('finds English words and phrases, case-insensitively, as words or quoted phrases', () => {
    const { archive, ids } = buildFixtureArchive();
    expect(searchArticles(archive.db, { query: 'near duplicate' }, 10).map((h) => h.article.id)).toEqual([ids.bus]);
    expect(searchArticles(archive.db, { query: '"Bus Service"' }, 10).map((h) => h.article.id)).toEqual([ids.bus]);
    expect(searchArticles(archive.db, { query: 'tuesday' }, 10).map((h) => h.article.id).sort()).toEqual([ids.bus, ids.school].sort());
    archive.close();
  });

  it('applies the export filters to search', () => {
    const { archive, ids } = buildFixtureArchive();
    expect(searchArticles(archive.db, { query: '2021', lang: 'zh-Hant' }, 10).map((h) => h.article.id)).toEqual([]);
    expect(searchArticles(archive.db, { query: '3145', lang: 'zh-Hant' }, 10).map((h) => h.article.id)).toEqual([ids.ruralTraditional]);
    archive.close();
  });

  it('follows changed articles: the old text is no longer found, the new one is', () => {
    const { archive, ids } = buildFixtureArchive();
    const harvest = archive.getArticle(ids.harvest)!;
    archive.saveArticle(saveInput({ ...harvest, text: `${harvest.text}\n更正：冬小麦播种面积数据已更新。`.replace('秋汛等不利因素', '降雨等不利因素'), contentHash: 'changed' }));
    expect(searchArticles(archive.db, { query: '冬小麦播种面积' }, 10).map((h) => h.article.id)).toEqual([ids.harvest]);
    expect(searchArticles(archive.db, { query: '秋汛等不利' }, 10)).toEqual([]);
    archive.close();
  });

  it('splits queries into words and quoted phrases', () => {
    expect(queryTerms('near  "bus service" 乡村振兴')).toEqual(['near', 'bus service', '乡村振兴']);
    expect(snippet('a b c', ['z'])).toBe('a b c');
  });
});

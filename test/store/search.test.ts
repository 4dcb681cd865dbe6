import { describe, expect, it } from 'vitest';
import { queryTerms, searchArticles, snippet } from '../../src/store/query.js';
import { buildFixtureArchive } from '../export/fixture-archive.js';

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

  it('splits queries into words and quoted phrases', () => {
    expect(queryTerms('near  "bus service" 乡村振兴')).toEqual(['near', 'bus service', '乡村振兴']);
    expect(snippet('a b c', ['z'])).toBe('a b c');
  });
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fingerprint, shingleHashes, similarity as fingerprintSimilarity } from '../../src/dedup/fingerprint.js';
import { Archive } from '../../src/store/archive.js';
import { record, saveInput, tempDir } from '../store/helpers.js';
import { DEDUP_STORY_EN, DEDUP_STORY_EN_WIRE, HARVEST_STORY, OTHER_STORY_EN, RURAL_STORY, RURAL_STORY_REPOST, RURAL_STORY_TRADITIONAL } from './stories.js';

function similarity(a: string, b: string): number {
  return fingerprintSimilarity(fingerprint(a)!, fingerprint(b)!);
}

describe('fingerprints', () => {
  it('uses character shingles for Chinese and word shingles elsewhere', () => {
    expect(shingleHashes('乡村振兴局').size).toBe(1);
    expect(shingleHashes('乡村振兴局今天').size).toBe(3);
    expect(shingleHashes('city council members voted today').size).toBe(3);
  });
  it('scores a syndicated Chinese copy high and another story of the site low', () => {
    expect(similarity(RURAL_STORY, RURAL_STORY_REPOST)).toBeGreaterThan(0.8);
    expect(similarity(RURAL_STORY, HARVEST_STORY)).toBeLessThan(0.2);
  });
  it('keeps Traditional and Simplified copies apart', () => {
    expect(similarity(RURAL_STORY, RURAL_STORY_TRADITIONAL)).toBeLessThan(0.5);
  });
  it('does not fingerprint texts too short to compare', () => {
    expect(fingerprint('短讯：今日无事。')).toBeNull();
  });
});

describe('duplicate clusters in the archive', () => {
  function store(archive: Archive, url: string, text: string, publishedAt: string | null, fetchedAt = '2024-01-02T00:00:00Z') {
    return archive.saveArticle(saveInput(record({ url, text, publishedAt }), { fetchedAt })).articleId;
  }

  it('makes the earliest published copy the representative, whatever the arrival order', () => {
    const archive = Archive.open(join(tempDir(), 'a.db'));
    const repost = store(archive, 'https://portal.example.cn/2021/1114/a.html', RURAL_STORY_REPOST, '2021-11-14T09:00:00+08:00');
    const original = store(archive, 'https://news.example.cn/2021/1113/b.html', RURAL_STORY, '2021-11-13T16:24:01+08:00');
    const other = store(archive, 'https://news.example.cn/2021/1112/c.html', HARVEST_STORY, '2021-11-12');
    const traditional = store(archive, 'https://hk.example.com/a.html', RURAL_STORY_TRADITIONAL, '2021-11-13');
    expect(archive.getArticle(original)).toMatchObject({ duplicateOf: null, duplicates: [repost] });
    expect(archive.getArticle(repost)).toMatchObject({ duplicateOf: original, duplicates: [] });
    expect(archive.getArticle(other)!.duplicateOf).toBeNull();
    expect(archive.getArticle(traditional)!.duplicateOf).toBeNull();
    archive.close();
  });

  it('falls back to the first fetched copy when no date is known', () => {
    const archive = Archive.open(join(tempDir(), 'a.db'));
    const wire = store(archive, 'https://b.example.com/wire', DEDUP_STORY_EN_WIRE, null, '2024-01-03T00:00:00Z');
    const first = store(archive, 'https://a.example.com/story', DEDUP_STORY_EN, null, '2024-01-01T00:00:00Z');
    store(archive, 'https://a.example.com/other', OTHER_STORY_EN, null);
    expect(archive.getArticle(wire)!.duplicateOf).toBe(first);
    expect(archive.getArticle(first)!.duplicates).toEqual([wire]);
    archive.close();
  });

  it('hands the cluster to the earliest member when its representative changes into another story', () => {
    const archive = Archive.open(join(tempDir(), 'a.db'));
    const original = store(archive, 'https://news.example.cn/b.html', RURAL_STORY, '2021-11-13');
    const repost = store(archive, 'https://portal.example.cn/a.html', RURAL_STORY_REPOST, '2021-11-14');
    const third = store(archive, 'https://third.example.cn/a.html', `${RURAL_STORY}\n（完）`, '2021-11-15');
    archive.saveArticle(saveInput(record({ url: 'https://news.example.cn/b.html', text: HARVEST_STORY, publishedAt: '2021-11-13' })));
    expect(archive.getArticle(original)).toMatchObject({ duplicateOf: null, duplicates: [] });
    expect(archive.getArticle(repost)).toMatchObject({ duplicateOf: null, duplicates: [third] });
    expect(archive.getArticle(third)!.duplicateOf).toBe(repost);
    archive.close();
  });

  it('honours a stricter threshold', () => {
    const archive = Archive.open(join(tempDir(), 'a.db'), { dupThreshold: 0.99 });
    store(archive, 'https://a.example.com/story', DEDUP_STORY_EN, null);
    const wire = store(archive, 'https://b.example.com/wire', DEDUP_STORY_EN_WIRE, null);
    expect(archive.getArticle(wire)!.duplicateOf).toBeNull();
    archive.close();
  });
});

describe('re-clustering', () => {
  it('rebuilds clusters at a new threshold, which the archive then remembers', () => {
    const path = join(tempDir(), 'a.db');
    const archive = Archive.open(path);
    const first = archive.saveArticle(saveInput(record({ url: 'https://a.example.com/story', text: DEDUP_STORY_EN }))).articleId;
    const wire = archive.saveArticle(saveInput(record({ url: 'https://b.example.com/wire', text: DEDUP_STORY_EN_WIRE }))).articleId;
    expect(archive.getArticle(wire)!.duplicateOf).toBe(first);
    archive.close();

    const strict = Archive.open(path, { dupThreshold: 0.99 });
    strict.recluster();
    expect(strict.getArticle(wire)!.duplicateOf).toBeNull();
    strict.close();

    const reopened = Archive.open(path);
    expect(reopened.dupThreshold).toBe(0.99);
    reopened.close();
    expect(() => Archive.open(path, { dupThreshold: 1.5 })).toThrow(/--dup-threshold/);
  });
});

import type Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BOILERPLATE_RULE, boilerplateFor, boilerplateThreshold, forgetSite, learnedBoilerplate, pageKeyOf, recordPageBlocks, siteKey,
  siteSummaries,
} from '../../src/sites/memory.js';
import { Archive } from '../../src/store/archive.js';
import { tempDir } from '../store/helpers.js';

const FOOTER = ['footer-about', 'footer-icp', 'footer-contact'];

let archive: Archive;
let db: Database.Database;
beforeEach(() => {
  archive = Archive.open(join(tempDir(), 'memory.db'));
  db = archive.db;
});
afterEach(() => archive.close());

/** A page of the host: the shared footer plus paragraphs of its own. */
function recordStory(host: string, key: string, own: string[], extra: string[] = []): void {
  const fingerprints = [...own, ...FOOTER, ...extra];
  recordPageBlocks(db, host, key, fingerprints, fingerprints.map((f) => `text of ${f}`));
}

describe('site memory', () => {
  it('learns blocks repeated on a share of distinct pages, and nothing before the minimum', () => {
    for (let i = 1; i < BOILERPLATE_RULE.minPages; i++) recordStory('news.example.com', String(i), [`story${i}-p1`, `story${i}-p2`]);
    expect(boilerplateFor(db, 'news.example.com').size).toBe(0);
    recordStory('news.example.com', '5', ['story5-p1']);
    expect([...boilerplateFor(db, 'news.example.com')].sort()).toEqual([...FOOTER].sort());
  });

  it('counts a page once however often it is recorded (re-crawl, reextract)', () => {
    for (let round = 0; round < 10; round++) recordStory('example.com', 'only-page', ['p1', 'p2']);
    expect(boilerplateFor(db, 'example.com').size).toBe(0);
    const [summary] = siteSummaries(db);
    expect(summary).toMatchObject({ host: 'example.com', pagesSeen: 1, boilerplateBlocks: 0 });
  });

  it('does not learn a story from its syndicated copies: a duplicate cluster is one page', () => {
    const story = ['shared-lede', 'shared-p2', 'shared-p3'];
    for (let i = 1; i <= 8; i++) recordStory('example.com', `other-${i}`, [`o${i}`]);
    // Six copies of one story on the host; the archive marked copies 2..6 duplicates of article 100.
    const copies = [100, 101, 102, 103, 104, 105].map((id) => ({ id, duplicateOf: id === 100 ? null : 100 }));
    for (const copy of copies) recordStory('example.com', pageKeyOf(copy), [...story, `byline-${copy.id}`]);
    const learned = boilerplateFor(db, 'example.com');
    for (const f of story) expect(learned.has(f)).toBe(false);
    for (const f of FOOTER) expect(learned.has(f)).toBe(true);
    expect(siteSummaries(db)[0]!.pagesSeen).toBe(9);
  });

  it('uses a threshold relative to pages seen: a block on a few pages of a large site is not boilerplate', () => {
    for (let i = 0; i < 40; i++) recordStory('example.com', String(i), [`p${i}`], i < 6 ? ['promo-of-one-week'] : []);
    expect(boilerplateThreshold(40)).toBe(8);
    const learned = boilerplateFor(db, 'example.com');
    expect(learned.has('promo-of-one-week')).toBe(false);
    expect(learned.has('footer-icp')).toBe(true);
  });

  it('keeps hosts apart and files www. and case variants under one site', () => {
    for (let i = 0; i < 6; i++) recordStory(i % 2 ? 'WWW.Example.com' : 'example.com', String(i), [`p${i}`]);
    for (let i = 0; i < 6; i++) recordPageBlocks(db, 'other.org', String(i), [`q${i}`]);
    expect(boilerplateFor(db, 'https://www.example.com/a/b.html').size).toBe(FOOTER.length);
    expect(boilerplateFor(db, 'other.org').size).toBe(0);
    expect(siteKey('https://WWW.Example.com./x')).toBe('example.com');
  });

  it('summarises hosts with their top blocks and samples, and forgets one host', () => {
    for (let i = 0; i < 10; i++) recordStory('a.example', String(i), [`a${i}`], i < 7 ? ['related-box'] : []);
    for (let i = 0; i < 5; i++) recordStory('b.example', String(i), [`b${i}`]);
    const [a, b] = siteSummaries(db, { top: 2 });
    expect(a).toMatchObject({ host: 'a.example', pagesSeen: 10, threshold: 5, boilerplateBlocks: 4 });
    expect(a!.topBlocks).toHaveLength(2);
    expect(a!.topBlocks[0]).toMatchObject({ pages: 10, share: 1 });
    expect(a!.topBlocks[0]!.sample).toMatch(/^text of footer-/);
    expect(b!.host).toBe('b.example');
    expect(siteSummaries(db, { host: 'www.b.example' })).toHaveLength(1);

    expect(forgetSite(db, 'a.example')).toBe(10);
    expect(boilerplateFor(db, 'a.example').size).toBe(0);
    expect(siteSummaries(db).map((s) => s.host)).toEqual(['b.example']);
    expect(forgetSite(db, 'never-seen.example')).toBe(0);
  });

  it('serves the learned set per page from a cache re-read once a tenth more pages were recorded', () => {
    for (let i = 0; i < 100; i++) recordStory('big.example', String(i), [`p${i}`]);
    const first = boilerplateFor(db, 'big.example');
    expect(first).toEqual(new Set(FOOTER));
    for (let i = 100; i < 109; i++) {
      recordStory('big.example', String(i), [`p${i}`], ['new-banner']);
      expect(boilerplateFor(db, 'big.example')).toBe(first);
    }
    recordStory('big.example', '109', ['p109'], ['new-banner']);
    expect(boilerplateFor(db, 'big.example')).not.toBe(first);
    // The banner keeps coming: once on a fifth of the pages, it is learned.
    for (let i = 110; i < 150; i++) recordStory('big.example', String(i), [`p${i}`], ['new-banner']);
    expect(learnedBoilerplate(db, 'big.example').has('new-banner')).toBe(true);
    expect(boilerplateFor(db, 'big.example').has('new-banner')).toBe(true);
  });

  it('keeps no text of blocks seen on one page only', () => {
    recordStory('example.com', '1', ['unique-paragraph']);
    recordStory('example.com', '2', ['another-paragraph']);
    const rows = db.prepare('SELECT fingerprint, sample FROM site_blocks WHERE sample IS NOT NULL').all() as { fingerprint: string }[];
    expect(rows.map((r) => r.fingerprint).sort()).toEqual([...FOOTER].sort());
  });
});

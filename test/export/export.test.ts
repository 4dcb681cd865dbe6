import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { exportArticles, type ExportOptions } from '../../src/export/index.js';
import { markdownFileName } from '../../src/export/markdown.js';
import { Archive } from '../../src/store/archive.js';
import type { StoredArticle } from '../../src/store/types.js';
import { record, saveInput, tempDir } from '../store/helpers.js';
import { buildFixtureArchive } from './fixture-archive.js';

async function exportToString(archive: Archive, options: ExportOptions): Promise<string> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await exportArticles(archive.db, options, sink);
  return Buffer.concat(chunks).toString('utf8');
}

const jsonl = (s: string): StoredArticle[] => s.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as StoredArticle);

/** A minimal RFC 4180 reader, to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(cell), (cell = '');
    else if (c === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += c;
  }
  return rows;
}

describe('export formats', () => {
  it('writes one record per story by default and every copy with --include-duplicates', async () => {
    const { archive, ids } = buildFixtureArchive();
    const stories = jsonl(await exportToString(archive, { format: 'jsonl' }));
    expect(stories.map((r) => r.id)).toEqual([ids.rural, ids.ruralTraditional, ids.harvest, ids.bus, ids.school]);
    expect(stories.find((r) => r.id === ids.rural)!.duplicates).toEqual([ids.ruralRepost]);
    const all = jsonl(await exportToString(archive, { format: 'jsonl', includeDuplicates: true }));
    expect(all).toHaveLength(7);
    expect(all.find((r) => r.id === ids.ruralRepost)!.duplicateOf).toBe(ids.rural);
    expect(all.find((r) => r.id === ids.busWire)!.duplicateOf).toBe(ids.bus);
    expect(Object.keys(all[0]!)).toEqual([
      'id', 'url', 'canonicalUrl', 'title', 'authors', 'publishedAt', 'modifiedAt', 'source', 'editors', 'siteName', 'language',
      'description', 'tags', 'image', 'text', 'markdown', 'wordCount', 'contentHash', 'fetchedAt', 'httpStatus', 'duplicateOf', 'duplicates',
    ]);
    archive.close();
  });

  it('writes json as one array, empty or not', async () => {
    const { archive } = buildFixtureArchive();
    expect(JSON.parse(await exportToString(archive, { format: 'json' }))).toHaveLength(5);
    expect(JSON.parse(await exportToString(archive, { format: 'json', site: 'nowhere.example' }))).toEqual([]);
    archive.close();
  });

  it('writes RFC 4180 CSV, with a BOM only when asked and formula cells neutralised with --csv-safe', async () => {
    const { archive, ids } = buildFixtureArchive();
    const plain = await exportToString(archive, { format: 'csv', includeDuplicates: true });
    expect(plain.startsWith('id,url,')).toBe(true);
    const rows = parseCsv(plain);
    const header = rows[0]!;
    const col = (name: string) => header.indexOf(name);
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.length === header.length)).toBe(true);
    const bus = rows.find((r) => r[col('id')] === String(ids.bus))!;
    expect(bus[col('title')]).toBe('Council approves "near duplicate" bus plan: routes, hours\nand costs');
    const rural = rows.find((r) => r[col('id')] === String(ids.rural))!;
    expect(rural[col('authors')]).toBe('柴秋实; 吴鲁; 任存军');
    expect(rural[col('duplicates')]).toBe(String(ids.ruralRepost));
    const school = rows.find((r) => r[col('id')] === String(ids.school))!;
    expect(school[col('title')]).toBe('=HYPERLINK("http://evil.example","click")');

    const safe = parseCsv(await exportToString(archive, { format: 'csv', csvSafe: true, bom: true }).then((s) => {
      expect(s.startsWith('\ufeffid,url,')).toBe(true);
      return s.slice(1);
    }));
    expect(safe.find((r) => r[0] === String(ids.school))![col('title')]).toBe('\'=HYPERLINK("http://evil.example","click")');
    archive.close();
  });

  it('keeps Traditional and Simplified copies apart, and exports one of them once --convert makes them alike', async () => {
    const { archive, ids } = buildFixtureArchive();
    const zh = async (o: Partial<ExportOptions>) => jsonl(await exportToString(archive, { format: 'jsonl', lang: 'zh', ...o })).map((r) => r.id);
    expect(await zh({})).toEqual([ids.rural, ids.ruralTraditional, ids.harvest]);
    expect(await zh({ convert: 't2s' })).toEqual([ids.rural, ids.harvest]);
    expect(await zh({ convert: 's2t' })).toEqual([ids.rural, ids.harvest]);
    expect(await zh({ convert: 't2s', includeDuplicates: true })).toEqual([ids.rural, ids.ruralRepost, ids.ruralTraditional, ids.harvest]);
    archive.close();
  });

  it('converts title and body with --convert, never the archive', async () => {
    const { archive, ids } = buildFixtureArchive();
    const out = jsonl(await exportToString(archive, { format: 'jsonl', convert: 't2s', lang: 'zh-Hant' }));
    expect(out.map((r) => r.id)).toEqual([ids.ruralTraditional]);
    expect(out[0]!.title).toBe('全国脱贫人口务工规模达3145万人');
    expect(out[0]!.text).toContain('国家乡村振兴局');
    expect(archive.getArticle(ids.ruralTraditional)!.title).toBe('全國脫貧人口務工規模達3145萬人');
    archive.close();
  });
});

describe('export filters', () => {
  it('--since/--until compare the publication date (else the fetch date), a bare --until date including its day', async () => {
    const { archive, ids } = buildFixtureArchive();
    const idsOf = async (o: Partial<ExportOptions>) => jsonl(await exportToString(archive, { format: 'jsonl', includeDuplicates: true, ...o })).map((r) => r.id);
    expect(await idsOf({ since: '2021-11-13', until: '2021-11-13' })).toEqual([ids.rural, ids.ruralTraditional]);
    expect(await idsOf({ until: '2021-11-12' })).toEqual([ids.harvest]);
    expect(await idsOf({ since: '2021-11-13T17:00' , until: '2021-11-30' })).toEqual([ids.ruralRepost, ids.ruralTraditional]);
    // The school story has no publication date: its fetch date (2024-03-02) counts.
    expect(await idsOf({ since: '2024-03-01' })).toEqual([ids.school]);
    await expect(idsOf({ since: '13/11/2021' })).rejects.toThrow(/--since/);
    archive.close();
  });

  it('filters by site (subdomains included), language (zh matches zh-Hant) and full-text query', async () => {
    const { archive, ids } = buildFixtureArchive();
    const idsOf = async (o: Partial<ExportOptions>) => jsonl(await exportToString(archive, { format: 'jsonl', ...o })).map((r) => r.id);
    expect(await idsOf({ site: 'crnews.net' })).toEqual([ids.rural, ids.harvest]);
    expect(await idsOf({ site: 'portal.cn', includeDuplicates: true })).toEqual([ids.ruralRepost]);
    expect(await idsOf({ lang: 'zh' })).toEqual([ids.rural, ids.ruralTraditional, ids.harvest]);
    expect(await idsOf({ query: '乡村振兴' })).toEqual([ids.rural]);
    expect(await idsOf({ query: '秋粮' })).toEqual([ids.harvest]);
    expect(await idsOf({ query: 'school board', lang: 'en' })).toEqual([ids.school]);
    archive.close();
  });
});

describe('file outputs', () => {
  it('writes a file under a temporary name and leaves only the final file', async () => {
    const { archive, dir } = buildFixtureArchive();
    const out = join(dir, 'out', 'articles.jsonl');
    mkdirSync(join(dir, 'out'));
    expect(await exportArticles(archive.db, { format: 'jsonl', out })).toBe(5);
    expect(readdirSync(join(dir, 'out'))).toEqual(['articles.jsonl']);
    expect(jsonl(readFileSync(out, 'utf8'))).toHaveLength(5);
    await expect(exportArticles(archive.db, { format: 'jsonl', out: join(dir, 'missing-dir', 'x.jsonl') })).rejects.toThrow();
    expect(existsSync(join(dir, 'missing-dir'))).toBe(false);
    archive.close();
  });
});

describe('markdown export', () => {
  const HOSTILE_TITLES = ['../../etc/passwd', 'CON', 'x'.repeat(400), '同一个标题', '同一个标题', '..', '/abs/path', 'a\\b:c*d?e"f<g>h|i', '.hidden'];

  it('writes every article inside --out under a distinct, safe name, whatever its title', async () => {
    const dir = tempDir();
    const archive = Archive.open(join(dir, 'a.db'));
    HOSTILE_TITLES.forEach((title, i) =>
      archive.saveArticle(saveInput(record({ url: `https://e.com/${i}`, title, text: `Story number ${i} with its own words, ${'filler '.repeat(i)}` }))),
    );
    const out = join(dir, 'md');
    expect(await exportArticles(archive.db, { format: 'markdown', out })).toBe(HOSTILE_TITLES.length);
    const files = readdirSync(out);
    expect(files).toHaveLength(HOSTILE_TITLES.length);
    expect(readdirSync(dir).sort()).toEqual(['a.db', 'a.db-shm', 'a.db-wal', 'md']);
    for (const file of files) {
      expect(file).toMatch(/^\d+(-[^/\\]+)?\.md$/);
      expect(file).not.toMatch(/\.\./);
      expect(Buffer.byteLength(file)).toBeLessThanOrEqual(140);
      expect(resolve(out, file).startsWith(`${out}/`)).toBe(true);
    }
    expect(files).toContain('2-CON.md');
    archive.close();
  });

  it('caps names by bytes without splitting a character', () => {
    const name = markdownFileName(7, '乡'.repeat(100));
    expect(Buffer.byteLength(name)).toBeLessThanOrEqual(130);
    expect(name).toBe(`7-${'乡'.repeat(40)}.md`);
    expect(markdownFileName(8, null)).toBe('8.md');
    expect(markdownFileName(9, '  ../..  ')).toBe('9.md');
  });

  it('writes front matter that parses back to the record, whatever quotes, colons and newlines it holds', async () => {
    const { archive, dir, ids } = buildFixtureArchive();
    const out = join(dir, 'md');
    await exportArticles(archive.db, { format: 'markdown', out, includeDuplicates: true });
    const file = readdirSync(out).find((f) => f.startsWith(`${ids.bus}-`))!;
    const content = readFileSync(join(out, file), 'utf8');
    const [, yamlText, body] = /^---\n([\s\S]*?)\n---\n\n([\s\S]*)$/.exec(content)!;
    const front = parseYaml(yamlText!) as Record<string, unknown>;
    const stored = archive.getArticle(ids.bus)!;
    const { text: _t, markdown: _m, ...fields } = stored;
    expect(front).toEqual(fields);
    expect(body).toContain(stored.text.split('\n')[0]);
    archive.close();
  });
});

/**
 * End to end on a local 34-page site from one template (fixtures/template-site): pages fetched over HTTP from
 * 127.0.0.1, extracted, stored in a real archive, their blocks recorded in site memory as the crawler records
 * them, then the archive's bodies compared with a run without site memory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FOOTER_SENTENCES, RELATED_SENTENCES, templateSite, type TemplatePage } from '../../fixtures/template-site/site.js';
import { EXTRACTOR_VERSION, extractArticle } from '../../src/article.js';
import { decodeHtml } from '../../src/decode/index.js';
import { blockFingerprint } from '../../src/extract/blocks.js';
import { siteOf } from '../../src/normalize/url.js';
import { boilerplateFor, pageKeyOf, recordPageBlocks } from '../../src/sites/memory.js';
import { applyLearnedBoilerplate } from '../../src/sites/refresh.js';
import { Archive } from '../../src/store/archive.js';
import { runCli } from '../cli/run.js';
import { html, startTestServer, type TestServer } from '../helpers/server.js';

const site = templateSite();
const REPEATED = [...FOOTER_SENTENCES, ...RELATED_SENTENCES.flat()];

let server: TestServer;
let dir: string;
let host: string;
const bodies = { generic: new Map<string, string>(), memory: new Map<string, string>() };
let memoryDb: string;
/** Distinct duplicate clusters among the stored pages: what site memory counts as pages seen. */
let clusters: number;

/**
 * Fetches every article page in order and stores it, as the crawler does. With site memory, each page is
 * extracted with what the host has taught so far, its blocks are recorded under its duplicate cluster, and at the
 * end the pages stored before the lesson are brought up to date.
 */
async function crawl(dbPath: string, withMemory: boolean): Promise<Map<string, string>> {
  const archive = Archive.open(dbPath);
  try {
    for (const page of site.articles) {
      const url = server.url(page.path);
      const res = await fetch(url);
      const raw = new Uint8Array(await res.arrayBuffer());
      const decoded = decodeHtml(raw, res.headers.get('content-type'));
      const boilerplate = withMemory ? boilerplateFor(archive.db, host) : undefined;
      const extraction = extractArticle(decoded.html, { url, boilerplate });
      expect(extraction.isArticle).toBe(true);
      const { articleId } = archive.saveArticle({
        record: extraction.record,
        aliases: [],
        fetchedAt: new Date().toISOString(),
        httpStatus: res.status,
        charset: decoded.charset,
        extractorVersion: EXTRACTOR_VERSION,
        rawHtml: raw,
        blockFingerprints: extraction.blockFingerprints,
      });
      if (withMemory) recordPageBlocks(archive.db, host, pageKeyOf(archive.getArticle(articleId)!), extraction.blockFingerprints);
    }
    if (withMemory) applyLearnedBoilerplate(archive, host);
    const stored = new Map<string, string>();
    const keys = new Set<string>();
    for (const page of site.articles) {
      const article = archive.getArticle(archive.findArticleId(server.url(page.path))!)!;
      stored.set(page.path, article.text);
      keys.add(pageKeyOf(article));
    }
    if (withMemory) clusters = keys.size;
    return stored;
  } finally {
    archive.close();
  }
}

const holds = (text: string, sentences: readonly string[]) => sentences.filter((s) => text.includes(s));

beforeAll(async () => {
  server = await startTestServer(Object.fromEntries([...site.pages].map(([path, page]) => [path, html(page)])));
  host = siteOf(server.origin)!;
  dir = await mkdtemp(join(tmpdir(), 'newsarc-template-site-'));
  memoryDb = join(dir, 'memory.db');
  bodies.generic = await crawl(join(dir, 'generic.db'), false);
  bodies.memory = await crawl(memoryDb, true);
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a template site crawled with and without site memory', () => {
  it('has 30+ article pages', () => {
    expect(site.articles.length).toBeGreaterThanOrEqual(30);
  });

  it('without site memory, the generic extractor keeps the footer and the related box on some pages', () => {
    const withFooter = site.articles.filter((p) => holds(bodies.generic.get(p.path)!, FOOTER_SENTENCES).length > 0);
    const withRelated = site.articles.filter((p) => holds(bodies.generic.get(p.path)!, RELATED_SENTENCES.flat()).length > 0);
    expect(withFooter.length).toBeGreaterThan(0);
    expect(withRelated.length).toBeGreaterThan(0);
  });

  it('with site memory, no stored body holds the footer or the related box', () => {
    for (const page of site.articles) expect(holds(bodies.memory.get(page.path)!, REPEATED), page.path).toEqual([]);
  });

  it('with site memory, every story keeps all its own paragraphs, in order', () => {
    const own = (page: TemplatePage) => page.paragraphs.map((p) => `　　${p}`.trim());
    for (const page of site.articles) {
      const lines = bodies.memory.get(page.path)!.split('\n').map((l) => l.trim());
      expect(lines, page.path).toEqual(own(page));
    }
  });

  it('the two syndicated copies are one page to site memory and keep their shared story', async () => {
    const archive = Archive.open(memoryDb, { readonly: true });
    try {
      const [a, b] = site.syndicated.map((path) => archive.getArticle(archive.findArticleId(server.url(path))!)!);
      expect(pageKeyOf(a!)).toBe(pageKeyOf(b!));
      const learned = boilerplateFor(archive.db, host);
      const story = site.articles.find((p) => p.path === site.syndicated[0])!.paragraphs;
      for (const paragraph of story) {
        expect(learned.has(blockFingerprint(paragraph))).toBe(false);
        expect(a!.text).toContain(paragraph);
        expect(b!.text).toContain(paragraph);
      }
      for (const sentence of FOOTER_SENTENCES) expect(learned.has(blockFingerprint(sentence))).toBe(true);
    } finally {
      archive.close();
    }
  });
});

describe('newsarc sites', () => {
  it('lists the host, the pages it saw and the blocks it removes, with their text from the stored pages', async () => {
    const { code, stdout, stderr } = await runCli(['sites', '--db', memoryDb, '--top', '20']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // 34 pages, two of them one syndicated story: 33 distinct pages.
    expect(clusters).toBe(33);
    expect(stdout).toMatch(new RegExp(`^${host.replace(/\./g, '\\.')}: ${clusters} pages seen, \\d+ boilerplate blocks removed`));
    for (const sentence of FOOTER_SENTENCES) expect(stdout).toContain(sentence);
    expect(stdout).toContain('100%');
  });

  it('prints JSON for scripts', async () => {
    const { code, stdout } = await runCli(['sites', '--db', memoryDb, '--json']);
    expect(code).toBe(0);
    const [summary] = JSON.parse(stdout) as Array<{ host: string; pagesSeen: number; boilerplateBlocks: number; topBlocks: Array<{ pages: number; sample: string }> }>;
    expect(summary).toMatchObject({ host, pagesSeen: clusters });
    expect(summary!.boilerplateBlocks).toBeGreaterThanOrEqual(REPEATED.length);
    expect(summary!.topBlocks[0]!.pages).toBe(clusters);
    expect(FOOTER_SENTENCES).toContain(summary!.topBlocks[0]!.sample);
  });

  it('forgets a host, and says so in one line when there is nothing to forget', async () => {
    const copy = join(dir, 'forget.db');
    const archive = Archive.open(memoryDb, { readonly: true });
    archive.db.exec(`VACUUM INTO '${copy.replace(/'/g, "''")}'`);
    archive.close();
    const forgot = await runCli(['sites', '--db', copy, '--forget', `http://${host}/any/page.html`]);
    expect(forgot).toMatchObject({ code: 0, stdout: `forgot ${host} (${clusters} pages seen)\n` });
    expect((await runCli(['sites', '--db', copy])).stdout).toBe('site memory is empty: crawl some pages first\n');
    const again = await runCli(['sites', '--db', copy, '--forget', host]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(`newsarc: --forget: site memory knows nothing about ${host}\n`);
  });

  it('fails in one line on a missing archive', async () => {
    const { code, stderr } = await runCli(['sites', '--db', join(dir, 'absent.db')]);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^newsarc: no archive at .*absent\.db.*\n$/);
  });
});

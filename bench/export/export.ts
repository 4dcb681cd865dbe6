/**
 * bench/export: builds an archive of N generated articles (default 100,000; kept in the temp directory and reused)
 * and exports it to jsonl with the real CLI in a child process, reporting wall time, rows/s and peak RSS.
 * Usage: npm run bench:export [-- --articles N --format jsonl|json|csv --rebuild]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { contentHash, wordCount } from '../../src/normalize/text.js';
import { Archive } from '../../src/store/archive.js';
import type { ArticleRecord } from '../../src/types.js';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '100000' },
    format: { type: 'string', default: 'jsonl' },
    rebuild: { type: 'boolean', default: false },
  },
});
const COUNT = Number(args.articles);
/** Generated bodies: paragraphs of this many words, like a typical wire story (about 600 words, 3.5 kB). */
const PARAGRAPHS = 6;
const WORDS_PER_PARAGRAPH = 100;
/** Articles per outer transaction while building. */
const BATCH = 2000;

const VOCAB_EN = 'the council city plan said officials year new people state report week local government would market police school health water road budget court election minister company workers price energy'.split(' ');
const VOCAB_ZH = [...'国家乡村振兴局发布会今年以来各地巩固拓展脱贫攻坚成果记者获悉产业就业帮扶机制农业农村部粮食收获'];

function article(i: number): ArticleRecord {
  const chinese = i % 3 === 0;
  const vocab = chinese ? VOCAB_ZH : VOCAB_EN;
  const word = () => vocab[Math.floor(Math.random() * vocab.length)]!;
  const paragraph = () => Array.from({ length: WORDS_PER_PARAGRAPH }, word).join(chinese ? '' : ' ');
  const text = Array.from({ length: PARAGRAPHS }, paragraph).join('\n');
  const day = new Date(Date.UTC(2020, 0, 1) + (i % 1500) * 86_400_000).toISOString().slice(0, 10);
  return {
    url: `https://site${i % 50}.example.com/news/${day}/${i}.html`,
    canonicalUrl: null,
    title: chinese ? `第${i}号新闻：${word()}${word()}${word()}` : `Story ${i}: ${word()} ${word()} ${word()}`,
    authors: [chinese ? '柴秋实' : 'Jane Doe'],
    publishedAt: `${day}T08:00:00+08:00`,
    modifiedAt: null,
    source: null,
    editors: [],
    siteName: `Site ${i % 50}`,
    language: chinese ? 'zh' : 'en',
    description: null,
    tags: ['bench'],
    image: null,
    text,
    markdown: text,
    wordCount: wordCount(text),
    contentHash: contentHash(text),
  };
}

function buildArchive(path: string): void {
  const started = Date.now();
  const archive = Archive.open(path);
  const fetchedAt = new Date().toISOString();
  // Per-batch rates: near-duplicate lookups are indexed, so the last batch should store about as fast as the first.
  const rates: number[] = [];
  for (let start = 0; start < COUNT; start += BATCH) {
    const batchStarted = performance.now();
    // Nested saveArticle transactions become savepoints of this one: one commit per batch.
    archive.db.transaction(() => {
      for (let i = start; i < Math.min(COUNT, start + BATCH); i++) {
        archive.saveArticle({ record: article(i), aliases: [], fetchedAt, httpStatus: 200, charset: 'utf-8', extractorVersion: 'bench', rawHtml: null });
      }
    })();
    rates.push((Math.min(COUNT, start + BATCH) - start) / ((performance.now() - batchStarted) / 1000));
    process.stderr.write(`\rbuilding archive: ${Math.min(COUNT, start + BATCH)}/${COUNT}`);
  }
  archive.db.pragma('wal_checkpoint(TRUNCATE)');
  archive.close();
  process.stderr.write(
    `\rbuilt ${COUNT} articles in ${((Date.now() - started) / 1000).toFixed(1)} s, ${(statSync(path).size / 1e6).toFixed(0)} MB; ` +
      `stored ${Math.round(rates[0]!)} articles/s in the first batch, ${Math.round(rates.at(-1)!)} in the last\n`,
  );
}

const dir = join(tmpdir(), 'newsarc-bench-export');
mkdirSync(dir, { recursive: true });
const db = join(dir, `archive-${COUNT}.db`);
if (args.rebuild || !existsSync(db)) {
  rmSync(db, { force: true });
  buildArchive(db);
}
const out = join(dir, `export.${args.format}`);
const cli = resolve('dist/cli/index.js');
// The child runs the real export command and reports its own peak RSS (ru_maxrss, in kB) when done.
const harness = `
  const { main } = await import(${JSON.stringify(cli)});
  const started = performance.now();
  const code = await main(['node', 'newsarc', 'export', '--db', ${JSON.stringify(db)}, '--format', ${JSON.stringify(args.format)}, '--out', ${JSON.stringify(out)}]);
  console.log(JSON.stringify({ code, ms: performance.now() - started, maxRssKb: process.resourceUsage().maxRSS }));`;
const result = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', harness], { encoding: 'utf8' })) as {
  code: number;
  ms: number;
  maxRssKb: number;
};
const rows = COUNT;
console.log(
  `export ${rows} articles to ${args.format}: exit ${result.code}, ${(result.ms / 1000).toFixed(1)} s (${Math.round(rows / (result.ms / 1000))} articles/s), ` +
    `output ${(statSync(out).size / 1e6).toFixed(0)} MB, peak RSS ${(result.maxRssKb / 1024).toFixed(0)} MB`,
);

/**
 * Extraction speed with site profiles and learned boilerplate loaded vs without, on the same pages: the template
 * site (fixtures/template-site/pages) plus, when ../shared/datasets is present, the chinese-wced and
 * scrapinghub-aeb pages. Run on the built code, in plain node:
 *   npm run build && node test/sites/speed-bench.mjs [rounds] [memory|profiles] [remove,timezone,labels]
 * (the second argument measures one half alone: site memory only, or profiles only; the third keeps only
 * those profile fields, to see what each costs)
 * (Not under vitest: its module transform makes extraction slower for one options-object shape than for
 * another, a difference plain node does not show, so it measures vitest rather than newsarc.)
 *
 * The "with" side pays what a crawler pays per page: profileFor over a 40-profile file, boilerplateFor on a
 * SQLite site memory, then extraction with the profile (remove selectors, timezone, label words) and the
 * learned set. Every page's host has a profile (the worst case: in a real crawl, pages of hosts without one
 * pay only the lookup), and the remove selectors match little, so their cost is testing every element rather
 * than the work saved on removed subtrees. Both sides run the same function on the same already-decoded
 * pages (decoding and fetching are outside both); CPU time of this process is counted (waiting for a core
 * on a shared machine is not extraction time); of the rounds, the one with the median with/without ratio is
 * reported. Use 10 rounds for a figure to quote: on a loaded machine single rounds still vary by ±3 points.
 */
import Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../../dist/article.js';
import { decodeHtml } from '../../dist/decode/index.js';
import { blockFingerprint } from '../../dist/extract/blocks.js';
import { siteOf } from '../../dist/normalize/url.js';
import { BOILERPLATE_RULE, boilerplateFor, recordPageBlocks } from '../../dist/sites/memory.js';
import { parseSiteProfiles } from '../../dist/sites/profile-file.js';
import { profileFor } from '../../dist/sites/profiles.js';

const ROUNDS = Number(process.argv[2] ?? 6);
const ONLY = process.argv[3];
const FIELDS = new Set(process.argv[4]?.split(',') ?? ['remove', 'timezone', 'labels']);
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DATASETS = process.env.NEWSARC_DATASETS ?? join(ROOT, '..', 'shared', 'datasets');

function datasetPages(name, urlOf) {
  const dir = join(DATASETS, name, 'html');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.gz'))
    .sort()
    .map((f, i) => ({ html: decodeHtml(gunzipSync(readFileSync(join(dir, f)))).html, url: urlOf(f, i) }));
}

function pages() {
  const dir = join(ROOT, 'fixtures', 'template-site', 'pages');
  const template = readdirSync(dir)
    .filter((f) => f !== 'index.html')
    .map((f) => ({ html: readFileSync(join(dir, f), 'utf8'), url: `http://county.example.cn/${f.replace(/^(\d{4})-(\d{2})-/, '$1/$2/')}` }));
  const aebTruth = join(DATASETS, 'scrapinghub-aeb', 'ground-truth.json');
  const aebUrls = existsSync(aebTruth) ? JSON.parse(readFileSync(aebTruth, 'utf8')) : {};
  const wced = datasetPages('chinese-wced', (f, i) => `https://news${i}.example.cn/a/${f.replace(/\.html\.gz$/, '')}.html`);
  const aeb = datasetPages('scrapinghub-aeb', (f, i) => aebUrls[f.replace(/\.html\.gz$/, '')]?.url ?? `https://aeb${i}.example.com/`);
  if (wced.length + aeb.length === 0) console.log(`${DATASETS} absent: template-site pages only`);
  return [...template, ...wced, ...aeb];
}

/** 40 profiles: one per host the pages come from (the wced pages share `example.cn`), the rest for other hosts. */
function profiles(all) {
  const hosts = ['county.example.cn', 'example.cn', ...new Set(all.map((p) => siteOf(p.url)).filter((h) => !h.endsWith('example.cn')))];
  const unused = Array.from({ length: Math.max(0, 40 - hosts.length) }, (_, i) => `unused${i}.example.net`);
  const fields = {
    remove: '    remove: [".share-bar", ".comment-box", "#recommend"]\n',
    timezone: '    timezone: Asia/Shanghai\n',
    labels: '    labels: {author: [撰稿人, 采写], source: [稿源]}\n',
  };
  const chosen = Object.entries(fields).filter(([name]) => FIELDS.has(name)).map(([, yaml]) => yaml).join('');
  // With no field chosen the profile still matches (and costs its lookup): `include` does not touch extraction.
  const entry = (host) => `  - host: "${host}"\n${chosen || '    include: ["/"]\n'}`;
  return parseSiteProfiles(`hosts:\n${[...hosts, ...unused].map(entry).join('')}`, 'bench.yaml');
}

/**
 * Site memory for every host: the template site teaches its own; a dataset page (one page per host) stands in
 * for its site with the blocks outside its generic body, recorded on enough pages to count as learned.
 */
function siteMemory(all) {
  const db = new Database(':memory:');
  const byHost = new Map();
  for (const page of all) byHost.set(siteOf(page.url), [...(byHost.get(siteOf(page.url)) ?? []), page]);
  for (const [host, hostPages] of byHost) {
    if (hostPages.length >= BOILERPLATE_RULE.minPages) {
      for (const p of hostPages) recordPageBlocks(db, host, p.url, extractArticle(p.html, { url: p.url }).blockFingerprints);
      continue;
    }
    const extraction = extractArticle(hostPages[0].html, { url: hostPages[0].url });
    const body = new Set(extraction.record.text.split('\n').map(blockFingerprint));
    const furniture = extraction.blockFingerprints.filter((f) => !body.has(f));
    for (let i = 0; i < BOILERPLATE_RULE.minPages; i++) recordPageBlocks(db, host, `page-${i}`, furniture);
  }
  return db;
}

const all = pages();
const siteProfiles = profiles(all);
const db = siteMemory(all);
const extract = (p, withSites) =>
  extractArticle(
    p.html,
    withSites
      ? {
          url: p.url,
          profile: ONLY === 'memory' ? undefined : profileFor(siteProfiles, p.url),
          boilerplate: ONLY === 'profiles' ? undefined : boilerplateFor(db, p.url),
        }
      : { url: p.url },
  );
const cpuMs = (fn) => {
  const start = process.cpuUsage();
  fn();
  const spent = process.cpuUsage(start);
  return (spent.user + spent.system) / 1000;
};
for (const p of all) {
  extract(p, false);
  extract(p, true);
}
// Whole rounds side by side, in alternating order, so each side's garbage is collected on its own clock (run
// page by page, the other side paid for much of an allocating side's collections: the selector-per-page
// profile code measured +11% so and +43% in whole rounds). The ratio is taken within a round, where both
// sides met the same neighbours' load, not between independent medians.
const rounds = [];
for (let round = 0; round < ROUNDS; round++) {
  const spent = { without: 0, with: 0 };
  for (const withSites of round % 2 === 0 ? [false, true] : [true, false]) {
    spent[withSites ? 'with' : 'without'] = cpuMs(() => all.forEach((p) => extract(p, withSites)));
  }
  rounds.push(spent);
}
const { without, with: withSites } = rounds.sort((a, b) => a.with / a.without - b.with / b.without)[Math.floor(rounds.length / 2)];
const rate = (ms) => ((all.length / ms) * 1000).toFixed(1);
console.log(
  `${all.length} pages, ${ROUNDS} rounds, round with the median ratio (CPU time): without ${without.toFixed(0)} ms (${rate(without)} pages/s), ` +
    `with ${ONLY ?? 'profiles + site memory'}${process.argv[4] ? ` (${process.argv[4]})` : ''} ${withSites.toFixed(0)} ms (${rate(withSites)} pages/s): ${((withSites / without - 1) * 100).toFixed(1)}%`,
);
db.close();

/**
 * Quick feedback for the content stage (the full harness is bench/quality): runs extractArticle over the
 * AEB or chinese-wced pages and writes `{"input", "text"}` JSONL plus the ground truth of the pages present, for
 * ../shared/tools/aeb_score.py. Prints in-process pages/s (extraction only, decoding excluded).
 *
 * usage: node quick-content.js aeb|wced|fundus OUT_DIR
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../src/article.js';
import { decodeHtml } from '../src/decode/index.js';
import { parseHtml } from '../src/parse/index.js';
import { extractContent } from '../src/extract/index.js';

const DATASETS = {
  aeb: { html: 'scrapinghub-aeb/html', truth: 'scrapinghub-aeb/ground-truth.json' },
  wced: { html: 'chinese-wced/html', truth: 'chinese-wced/eval/cleaned_ground.json' },
  // Curated per-site parser output, not independent labels: a check that nothing breaks on other templates.
  fundus: { html: 'fundus-fixtures/test_data', truth: 'fundus-fixtures/index.derived.json' },
} as const;

const [name, outDir] = process.argv.slice(2) as [keyof typeof DATASETS, string];
const set = DATASETS[name];
if (!set || !outDir) {
  process.stderr.write('usage: quick-content aeb|wced|fundus OUT_DIR\n');
  process.exit(2);
}
const root = process.env.NEWSARC_DATASETS ?? '../shared/datasets';
const dir = join(root, set.html);
const rawTruth = JSON.parse(readFileSync(join(root, set.truth), 'utf8')) as Record<string, { articleBody: string }>;
// fundus keys are paths (`at/DerStandard_2024_05_03.html.gz`); the others are ids (file names up to the first dot).
const idOf = (file: string) => file.replace(/[/.]/g, '_').split('_html')[0]!;
const truth: Record<string, { articleBody: string }> = {};
for (const [key, value] of Object.entries(rawTruth)) truth[name === 'fundus' ? idOf(key) : key] = value;
const files = name === 'fundus'
  ? Object.keys(rawTruth).sort()
  : readdirSync(dir).filter((f) => f.endsWith('.html.gz')).sort();
// QUICK_ONLY=<id prefix> prints the chosen container and the text of matching pages (for looking at losses).
const only = process.env.QUICK_ONLY;
const pages = files.filter((f) => !only || f.startsWith(only)).map((file) => ({ file, html: decodeHtml(gunzipSync(readFileSync(join(dir, file)))).html }));

const lines: string[] = [];
const present: Record<string, { articleBody: string }> = {};
for (const { file, html } of pages) {
  const { record, provenance, pageKindReason } = extractArticle(html, {});
  if (only) process.stdout.write(`${file}: ${provenance.body} / ${pageKindReason}\n${record.text}\n`);
  const id = name === 'fundus' ? idOf(file) : file.split('.')[0]!;
  lines.push(JSON.stringify({ input: `${id}.html`, text: record.text }));
  if (truth[id]) present[id] = truth[id];
}

/** Best of a few rounds: the machine is shared, the fastest round is the least disturbed one. */
function bestSeconds(run: () => void, rounds = 3): number {
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const started = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e9);
  }
  return best;
}
const seconds = bestSeconds(() => pages.forEach(({ html }) => extractArticle(html, {})));
// The parse-only floor on the same pages, in the same process, for the ratio issue 3 asks for.
const parseSeconds = bestSeconds(() => pages.forEach(({ html }) => parseHtml(html)));
// Parse + content stage alone (no metadata): the share of the time this stage owns.
const contentSeconds = bestSeconds(() => pages.forEach(({ html }) => extractContent(parseHtml(html), {})));
writeFileSync(join(outDir, `${name}.jsonl`), `${lines.join('\n')}\n`);
writeFileSync(join(outDir, `${name}-truth.json`), JSON.stringify(present));
process.stdout.write(`${pages.length} pages, best of 3 rounds: ${(pages.length / seconds).toFixed(0)} pages/s ` +
  `(parse-only ${(pages.length / parseSeconds).toFixed(0)} pages/s, parse + content ${(pages.length / contentSeconds).toFixed(0)} pages/s)\n`);

import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { runMain } from '../cli/run.js';
import { EXTRACTOR_VERSION } from '../../src/article.js';
import { Archive } from '../../src/store/archive.js';
import { SCHEMA_VERSION } from '../../src/store/schema.js';
import { RURAL_STORY } from '../dedup/stories.js';
import { record, saveInput, tempDir } from '../store/helpers.js';
import { buildFixtureArchive } from './fixture-archive.js';

const BIN = resolve('bin/newsarc.js');

async function newsarc(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, ...args], { env: { ...process.env, ...env } });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Runs the CLI in this process (fast), capturing what it prints. */
describe('archive commands', () => {
  it('export (the executable), search, show, list and stats read the archive named by --db or $NEWSARC_DB', async () => {
    const { archive, path, dir, ids } = buildFixtureArchive();
    archive.close();
    const exported = await newsarc(['export', '--db', path]);
    expect(exported.code).toBe(0);
    expect(exported.stdout.trim().split('\n')).toHaveLength(5);

    const out = join(dir, 'all.json');
    expect((await runMain(['export', '--format', 'json', '--include-duplicates', '--out', out], { NEWSARC_DB: path })).code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toHaveLength(7);

    const search = await runMain(['search', '乡村振兴', '--db', path]);
    expect(search.stdout).toContain(`${ids.rural}\t2021-11-13\tcrnews.net\t全国脱贫人口务工规模达3145万人`);
    expect(search.stdout).toContain('[乡村振兴]');
    const phrase = await runMain(['search', 'near duplicate', '--db', path, '--json']);
    expect((JSON.parse(phrase.stdout) as { id: number }[]).map((h) => h.id)).toEqual([ids.bus]);

    const shown = await runMain(['show', 'https://WWW.crnews.net/2021/1113/a.html?utm_source=wechat#top', '--db', path]);
    expect(JSON.parse(shown.stdout)).toMatchObject({ id: ids.rural, duplicates: [ids.ruralRepost] });
    const markdown = await runMain(['show', String(ids.rural), '--db', path, '--format', 'markdown']);
    expect(markdown.stdout).toMatch(/^---\nid: \d+\n/);

    const list = await runMain(['list', '--db', path, '--json', '--limit', '2']);
    expect((JSON.parse(list.stdout) as { id: number }[]).map((a) => a.id)).toEqual([ids.school, ids.bus]);
    const stats = JSON.parse((await runMain(['stats', '--db', path, '--json'])).stdout);
    expect(stats).toMatchObject({ articles: 7, stories: 5, duplicates: 2, clusters: 2 });
    expect(stats.bySite[0]).toEqual({ site: 'courier.example', articles: 2 });
    expect(stats.notStored).toEqual([]);
  });

  it('fails with one newsarc: line for missing, corrupt, foreign and newer archives and bad flags', async () => {
    const dir = tempDir();
    const junk = join(dir, 'junk.db');
    writeFileSync(junk, 'PK\u0003\u0004 not a database'.repeat(200));
    const newer = join(dir, 'newer.db');
    const a = Archive.open(newer);
    a.db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    a.close();
    for (const [args, code, message] of [
      [['export', '--db', join(dir, 'missing.db')], 1, /^newsarc: no archive at /],
      [['list', '--db', junk], 1, /^newsarc: .*not a newsarc archive/],
      [['stats', '--db', newer], 1, /^newsarc: archive .* was written by a newer newsarc/],
      [['export', '--db', newer, '--format', 'xml'], 2, /^newsarc: .*xml/],
      [['export', '--db', newer, '--until', 'tomorrow'], 1, /^newsarc: archive .* newer/],
      [['search', '--db', junk], 2, /^newsarc: /],
    ] as const) {
      const result = await runMain([...args]);
      expect(result.code, args.join(' ')).toBe(code);
      expect(result.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
  });

  it('reextract re-runs the extractor over stored HTML, keeping ids', async () => {
    const dir = tempDir();
    const path = join(dir, 'a.db');
    const archive = Archive.open(path);
    const paragraphs = RURAL_STORY.split('\n').map((p) => `<p>${p}</p>`).join('');
    const html = `<!doctype html><html lang="zh"><head><meta charset="utf-8"><title>全国脱贫人口务工规模达3145万人_中国乡村振兴网</title></head>
      <body><div class="nav"><a href="/">首页</a></div><article><h1>全国脱贫人口务工规模达3145万人</h1>${paragraphs}</article><div class="footer">版权所有</div></body></html>`;
    const { articleId } = archive.saveArticle(
      saveInput(record({ url: 'https://www.crnews.net/2021/1113/a.html', text: 'old extractor output', title: 'old' }), {
        extractorVersion: 'old',
        rawHtml: new TextEncoder().encode(html),
      }),
    );
    archive.close();
    const result = await runMain(['reextract', '--db', path]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/reextract: 1 updated/);
    const after = Archive.open(path, { readonly: true });
    const article = after.getArticle(articleId)!;
    expect(article.text).toContain('3145万人');
    expect(after.db.prepare('SELECT extractor_version FROM articles WHERE id = ?').pluck().get(articleId)).toBe(EXTRACTOR_VERSION);
    expect(after.db.prepare('SELECT count(*) FROM history WHERE article_id = ?').pluck().get(articleId)).toBe(1);
    after.close();
  });
});

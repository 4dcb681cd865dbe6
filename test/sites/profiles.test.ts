import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { parseSiteProfiles } from '../../src/sites/profile-file.js';
import { loadSiteProfiles, profileFor } from '../../src/sites/profiles.js';
import { runCli } from '../cli/run.js';

const GOOD_YAML = `# profiles for two portals
hosts:
  - host: news.example.cn
    body: "div.article-content"
    title: h1.headline
    date: .pubtime
    author: .author
    remove: [".share-bar", "#related"]
    timezone: Asia/Shanghai
    labels:
      author: [撰稿人]
      source: 稿源
    include: ["/20\\\\d{2}-\\\\d{2}/"]
    exclude: ["/video/"]
  - host: "*.example.cn"
    timezone: "+08:00"
  - host: example.org
`;

/** The error a profile text fails with, as the CLI prints it after `newsarc: `. */
function failure(text: string, file = 'sites.yaml'): string {
  try {
    parseSiteProfiles(text, file);
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).exitCode).toBe(2);
    expect((err as Error).message).not.toContain('\n');
    return (err as Error).message;
  }
  throw new Error('profile text was accepted');
}

describe('loadSiteProfiles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'newsarc-sites-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads a YAML file with every field', async () => {
    const path = join(dir, 'sites.yaml');
    await writeFile(path, GOOD_YAML);
    const { profiles } = await loadSiteProfiles(path);
    expect(profiles).toHaveLength(3);
    expect(profiles[0]).toEqual({
      host: 'news.example.cn',
      body: 'div.article-content',
      title: 'h1.headline',
      date: '.pubtime',
      author: '.author',
      remove: ['.share-bar', '#related'],
      timezone: 'Asia/Shanghai',
      labels: { author: ['撰稿人'], source: ['稿源'] },
      include: ['/20\\d{2}-\\d{2}/'],
      exclude: ['/video/'],
    });
    expect(profiles[1]).toEqual({ host: '*.example.cn', timezone: '+08:00' });
  });

  it('reads the same profiles from JSON', async () => {
    const path = join(dir, 'sites.json');
    await writeFile(path, JSON.stringify({ hosts: [{ host: 'Example.COM', body: 'article', remove: '.ad' }] }, null, 2));
    expect((await loadSiteProfiles(path)).profiles).toEqual([{ host: 'example.com', body: 'article', remove: ['.ad'] }]);
  });

  it('newsarc sites --check lists a valid file, and fails a broken one with one newsarc: line (exit 2)', async () => {
    const good = join(dir, 'good.yaml');
    await writeFile(good, GOOD_YAML);
    const ok = await runCli(['sites', '--check', good]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('3 site profiles, valid');
    expect(ok.stdout).toContain('news.example.cn: body "div.article-content"');
    expect(ok.stdout).toContain('timezone Asia/Shanghai');

    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, GOOD_YAML.replace('Asia/Shanghai', 'Asia/Shangai'));
    const bad = await runCli(['sites', '--check', broken]);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe(
      `newsarc: ${broken}:9: hosts[0].timezone: unknown time zone "Asia/Shangai" (an IANA name like "Asia/Shanghai", or an offset like "+08:00")\n`,
    );
  });

  it('names a missing file in one line', async () => {
    await expect(loadSiteProfiles(join(dir, 'nope.yaml'))).rejects.toThrow(/nope\.yaml: cannot read site profiles: ENOENT/);
  });
});

describe('profile validation errors name the file, the line and the field', () => {
  it('unknown time zone', () => {
    const text = 'hosts:\n  - host: a.example\n  - host: b.example\n  - host: c.example\n    timezone: Asia/Shangai\n';
    expect(failure(text)).toMatch(/^sites\.yaml:5: hosts\[2\]\.timezone: unknown time zone "Asia\/Shangai"/);
  });

  it('invalid CSS selector', () => {
    expect(failure('hosts:\n  - host: a.example\n    body: "div.content["\n')).toMatch(
      /^sites\.yaml:3: hosts\[0\]\.body: invalid CSS selector "div\.content\["/,
    );
  });

  it('misspelt field', () => {
    expect(failure('hosts:\n  - host: a.example\n\n    tiemzone: UTC\n')).toMatch(/^sites\.yaml:4: hosts\[0\]\.tiemzone: unknown field/);
  });

  it('bad regular expression in a list', () => {
    expect(failure('hosts:\n  - host: a.example\n    exclude:\n      - /ok/\n      - "(unclosed"\n')).toMatch(
      /^sites\.yaml:5: hosts\[0\]\.exclude\[1\]: not a valid regular expression/,
    );
  });

  it('a URL where a host belongs, a missing host, a duplicate host', () => {
    expect(failure('hosts:\n  - host: https://a.example/news/\n')).toMatch(/^sites\.yaml:2: hosts\[0\]\.host: not a host pattern/);
    expect(failure('hosts:\n  - body: article\n')).toMatch(/^sites\.yaml:2: hosts\[0\]\.host: missing/);
    expect(failure('hosts:\n  - host: a.example\n  - host: A.Example\n')).toMatch(
      /^sites\.yaml:3: hosts\[1\]\.host: "a\.example" already has a profile \(hosts\[0\]\)/,
    );
  });

  it('wrong types and unknown label kinds', () => {
    expect(failure('hosts:\n  - host: a.example\n    remove: [.ad, 42]\n')).toMatch(/^sites\.yaml:3: hosts\[0\]\.remove\[1\]: expected a non-empty string, got number 42/);
    expect(failure('hosts:\n  - host: a.example\n    labels:\n      writer: [撰稿]\n')).toMatch(/^sites\.yaml:4: hosts\[0\]\.labels\.writer: unknown label kind/);
    expect(failure('hosts: a.example\n')).toMatch(/^sites\.yaml:1: hosts: expected a list of host profiles/);
    expect(failure('- host: a.example\n')).toMatch(/^sites\.yaml:1: file: expected a mapping with a "hosts" list/);
  });

  it('syntax errors in YAML and JSON carry the line', () => {
    expect(failure('hosts:\n  - host: a.example\n    body: [unclosed\n')).toMatch(/^sites\.yaml:\d+: /);
    expect(failure('{"hosts": [\n  {"host": "a.example",,}\n]}', 'sites.json')).toMatch(/^sites\.json:2: /);
  });
});

describe('profileFor', () => {
  const profiles = parseSiteProfiles(
    'hosts:\n  - host: example.cn\n    body: "#a"\n  - host: "*.example.cn"\n    body: "#b"\n  - host: news.example.cn\n    body: "#c"\n  - host: 新闻.中国\n    body: "#d"\n',
    'sites.yaml',
  );
  const bodyFor = (url: string): string | undefined => profileFor(profiles, url)?.body;

  it('matches a host and its subdomains, the most specific pattern first', () => {
    expect(bodyFor('http://example.cn/2021/a.html')).toBe('#a');
    expect(bodyFor('https://www.example.cn/a')).toBe('#b');
    expect(bodyFor('https://NEWS.example.cn:8443/a')).toBe('#c');
    expect(bodyFor('https://m.news.example.cn/a')).toBe('#c');
  });

  it('does not match lookalike hosts or non-URLs', () => {
    expect(bodyFor('http://badexample.cn/')).toBeUndefined();
    expect(bodyFor('http://example.cn.evil.com/')).toBeUndefined();
    expect(bodyFor('not a url')).toBeUndefined();
    expect(profileFor(undefined, 'http://example.cn/')).toBeUndefined();
  });

  it('compares IDN hosts in punycode, as URLs carry them', () => {
    expect(bodyFor('http://新闻.中国/a')).toBe('#d');
    expect(bodyFor(new URL('http://新闻.中国/a').href)).toBe('#d');
  });
});

import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { Archive, resolveDbPath } from '../store/archive.js';
import { collapseWhitespace } from '../normalize/text.js';
import { forgetSite, siteKey, siteSummaries, type SiteSummary } from '../sites/memory.js';
import { loadSiteProfiles, type SiteProfiles } from '../sites/profiles.js';
import { sampleTexts } from '../sites/samples.js';
import { parseCount } from './options.js';

interface SitesFlags {
  db?: string;
  top: number;
  forget?: string;
  check?: string;
  json?: boolean;
}

/** Fills in the text of shown blocks the crawler recorded without one, from the archive's raw pages. */
function withSamples(archive: Archive, summaries: SiteSummary[]): SiteSummary[] {
  return summaries.map((summary) => {
    const missing = summary.topBlocks.filter((b) => b.sample === null).map((b) => b.fingerprint);
    if (missing.length === 0) return summary;
    const texts = sampleTexts(archive, summary.host, missing);
    return { ...summary, topBlocks: summary.topBlocks.map((b) => ({ ...b, sample: b.sample ?? texts.get(b.fingerprint) ?? null })) };
  });
}

function renderText(summaries: SiteSummary[]): string {
  const lines: string[] = [];
  for (const s of summaries) {
    const learned =
      s.boilerplateBlocks === 0
        ? `nothing learned yet (a block must appear on ${s.threshold} of them)`
        : `${s.boilerplateBlocks} boilerplate block${s.boilerplateBlocks === 1 ? '' : 's'} removed (each on ≥ ${s.threshold} pages)`;
    lines.push(`${s.host}: ${s.pagesSeen} page${s.pagesSeen === 1 ? '' : 's'} seen, ${learned}`);
    for (const b of s.topBlocks) {
      const share = `${Math.round(b.share * 100)}%`.padStart(4);
      const text = b.sample === null ? `(block ${b.fingerprint}, text not stored)` : JSON.stringify(collapseWhitespace(b.sample));
      lines.push(`  ${String(b.pages).padStart(5)} pages ${share}  ${text}`);
    }
  }
  return lines.join('\n');
}

/** One line per profile naming what it sets, so a user sees the file was read as meant. */
function renderProfiles({ file, profiles }: SiteProfiles): string {
  const lines = [`${file}: ${profiles.length} site profile${profiles.length === 1 ? '' : 's'}, valid`];
  for (const p of profiles) {
    const parts = [
      ...(['body', 'title', 'date', 'author'] as const).filter((f) => p[f]).map((f) => `${f} ${JSON.stringify(p[f])}`),
      ...(p.remove ? [`remove ${p.remove.length}`] : []),
      ...(p.timezone ? [`timezone ${p.timezone}`] : []),
      ...(p.labels ? [`labels ${Object.keys(p.labels).join('/')}`] : []),
      ...(p.include ? [`include ${p.include.length}`] : []),
      ...(p.exclude ? [`exclude ${p.exclude.length}`] : []),
    ];
    lines.push(`  ${p.host}: ${parts.length > 0 ? parts.join(', ') : 'nothing set'}`);
  }
  return lines.join('\n');
}

export function registerSites(program: Command): void {
  program
    .command('sites')
    .description('show what site memory learned per host: pages seen and the repeated blocks removed from articles')
    .argument('[host]', 'show only this host')
    .option('--db <path>', 'archive file (default: $NEWSARC_DB, else ./newsarc.db)')
    .option('--top <n>', 'boilerplate blocks shown per host, most repeated first', parseCount, 5)
    .option('--forget <host>', 'clear everything learned about a host (it is learned again from the next pages stored)')
    .option('--check <file>', 'validate a site profile file (YAML or JSON, see docs/site-profiles.md) and list its profiles')
    .option('--json', 'print JSON for scripts')
    .action(async (host: string | undefined, flags: SitesFlags) => {
      if (flags.check !== undefined) {
        const profiles = await loadSiteProfiles(flags.check);
        process.stdout.write(`${flags.json ? JSON.stringify(profiles.profiles, null, 2) : renderProfiles(profiles)}\n`);
        return;
      }
      const path = resolveDbPath(flags.db);
      if (flags.forget !== undefined) {
        const archive = Archive.open(path, { create: false });
        try {
          // A running crawl is recording pages into site memory: clearing it under the crawl would be undone at once.
          archive.lock();
          const site = siteKey(flags.forget);
          const pages = forgetSite(archive.db, site);
          if (pages === 0) throw new UserError(`--forget: site memory knows nothing about ${site}`);
          process.stdout.write(flags.json ? `${JSON.stringify({ host: site, forgottenPages: pages })}\n` : `forgot ${site} (${pages} pages seen)\n`);
        } finally {
          archive.close();
        }
        return;
      }
      const archive = Archive.open(path, { readonly: true });
      try {
        const summaries = withSamples(archive, siteSummaries(archive.db, { host, top: flags.top }));
        if (host !== undefined && summaries.length === 0) throw new UserError(`site memory knows nothing about ${siteKey(host)}`);
        if (flags.json) process.stdout.write(`${JSON.stringify(summaries, null, 2)}\n`);
        else if (summaries.length === 0) process.stdout.write('site memory is empty: crawl some pages first\n');
        else process.stdout.write(`${renderText(summaries)}\n`);
      } finally {
        archive.close();
      }
    });
}

import type { Command } from 'commander';
import { archiveStats, type ArchiveStats } from '../store/stats.js';
import { openForReading } from './export.js';
import { renderTable } from './list.js';

/** Days shown in the terminal histogram, and the width of its longest bar. */
const HISTOGRAM = { days: 14, width: 40 } as const;
/** Sites shown in the terminal view (--json has STATS_ROWS.sites). */
const TERMINAL_SITES = 10;

function histogram(byDay: ArchiveStats['byDay']): string {
  const days = byDay.slice(0, HISTOGRAM.days).reverse();
  const max = Math.max(1, ...days.map((d) => d.articles));
  return days.map((d) => `${d.day}  ${'█'.repeat(Math.max(1, Math.round((d.articles / max) * HISTOGRAM.width)))} ${d.articles}`).join('\n');
}

function render(stats: ArchiveStats, terminal: boolean): string {
  const lines = [
    `articles ${stats.articles} (${stats.stories} stories, ${stats.duplicates} near duplicates in ${stats.clusters} clusters)`,
    `urls ${stats.urls}, raw pages ${stats.rawPages}, changed versions ${stats.changedVersions}, crawls ${stats.crawls}`,
    `frontier ${Object.entries(stats.frontier).map(([state, n]) => `${state} ${n}`).join(', ') || 'empty'}`,
    `http status ${stats.byStatus.map((s) => `${s.status}: ${s.articles}`).join(', ') || '-'}`,
    ...stats.notStored.map((r) => `${r.state} ${r.pages}: ${r.note ?? '(no reason recorded)'}`),
    `languages ${stats.byLanguage.map((l) => `${l.language ?? 'unknown'}: ${l.articles}`).join(', ') || '-'}`,
    '',
  ];
  const sites = stats.bySite.slice(0, terminal ? TERMINAL_SITES : undefined);
  if (terminal) {
    lines.push(renderTable(['articles', 'site'], sites.map((s) => [String(s.articles), s.site])));
    if (stats.byDay.length) lines.push(`by day (published, else fetched):\n${histogram(stats.byDay)}\n`);
  } else {
    lines.push(...sites.map((s) => `site\t${s.site}\t${s.articles}`), ...stats.byDay.map((d) => `day\t${d.day}\t${d.articles}`), '');
  }
  return lines.join('\n');
}

export function registerStats(program: Command): void {
  program
    .command('stats')
    .description('counts by site, day and status, and duplicates found (a histogram on a terminal)')
    .option('--db <path>', 'archive file (default: $NEWSARC_DB, else ./newsarc.db)')
    .option('--json', 'print a JSON object for scripts')
    .action((flags: { db?: string; json?: boolean }) => {
      const archive = openForReading(flags);
      try {
        const stats = archiveStats(archive.db);
        process.stdout.write(flags.json ? `${JSON.stringify(stats, null, 2)}\n` : render(stats, Boolean(process.stdout.isTTY)));
      } finally {
        archive.close();
      }
    });
}

import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { loadSiteProfiles } from '../sites/profiles.js';
import { addCrawlOptions, exitCodeOf, openLockedArchive, printSummary, runWithOutput, settingsOverrides, type RunOptions } from './crawl.js';

export function registerSync(program: Command): void {
  addCrawlOptions(
    program
      .command('sync')
      .description('repeat every recorded crawl, fetching only new or changed pages (for cron: silent on success)'),
  ).action(async (options: RunOptions, command: Command) => {
    const overrides = await settingsOverrides(command);
    const profiles = options.sites ? await loadSiteProfiles(options.sites) : undefined;
    const archive = openLockedArchive(options.db, { create: false, dupThreshold: options.dupThreshold });
    try {
      const crawls = archive.listCrawls();
      if (crawls.length === 0) throw new UserError(`no crawl recorded in ${archive.path} (run newsarc crawl first)`);
      const runs = crawls.map((crawl) => ({ ...crawl, settings: { ...crawl.settings, ...overrides } }));
      const totals = await runWithOutput(archive, runs, 'sync', options, profiles);
      printSummary('sync', totals, options);
      process.exitCode = exitCodeOf(totals);
    } finally {
      archive.close();
    }
  });
}

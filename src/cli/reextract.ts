import type { Command } from 'commander';
import { EXTRACTOR_VERSION, extractArticle } from '../article.js';
import { decodeHtml } from '../decode/index.js';
import { reasonOf } from '../errors.js';
import { boilerplateFor, pageKeyOf, recordPageBlocks, siteKey } from '../sites/memory.js';
import { loadSiteProfiles, profileFor } from '../sites/profiles.js';
import { Archive, resolveDbPath } from '../store/archive.js';
import { parseSimilarity } from './options.js';

interface ReextractFlags {
  db?: string;
  all?: boolean;
  dupThreshold?: number;
  sites?: string;
  quiet?: boolean;
}

export function registerReextract(program: Command): void {
  program
    .command('reextract')
    .description('re-run the current extractor over stored raw HTML (ids kept; hashes, search index and clusters updated)')
    .option('--db <path>', 'archive file (default: $NEWSARC_DB, else ./newsarc.db)')
    .option('--all', `every article with raw HTML, not only those extracted by a version other than ${EXTRACTOR_VERSION}`)
    .option('--dup-threshold <x>', 'similarity (0-1) from which articles are one story; re-clusters the whole archive', parseSimilarity)
    .option('--quiet', 'no summary line')
    .action((flags: ReextractFlags) => {
      // Nothing to re-extract in an archive that does not exist: say so rather than create an empty one.
      const archive = Archive.open(resolveDbPath(flags.db), { dupThreshold: flags.dupThreshold, create: false });
      try {
        archive.lock();
        const counts = { updated: 0, unchanged: 0, empty: 0, failed: 0 };
        for (const id of archive.articleIdsForReextract(EXTRACTOR_VERSION, flags.all ?? false)) {
          try {
            const raw = archive.rawPage(id)!;
            const decoded = decodeHtml(raw.html, raw.charset ? `text/html; charset=${raw.charset}` : null);
            const { record } = extractArticle(decoded.html, { url: raw.url });
            // An extractor that now finds nothing keeps the old record: losing text is worse than stale text.
            if (!record.text.trim()) counts.empty++;
            else counts[archive.replaceExtraction(id, record, EXTRACTOR_VERSION)]++;
          } catch (err) {
            counts.failed++;
            process.stderr.write(`newsarc: article ${id}: ${reasonOf(err)}\n`);
          }
        }
        if (flags.dupThreshold !== undefined) archive.recluster();
        if (!flags.quiet) {
          process.stderr.write(
            `newsarc: reextract: ${counts.updated} updated, ${counts.unchanged} unchanged, ${counts.empty} kept (no text found), ${counts.failed} failed` +
              `${flags.dupThreshold !== undefined ? `; re-clustered at ${flags.dupThreshold}` : ''}\n`,
          );
        }
      } finally {
        archive.close();
      }
    });
}

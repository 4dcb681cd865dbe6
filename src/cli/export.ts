import { type Command, Option } from 'commander';
import { EXPORT_FORMATS, type ExportFormat } from '../export/formats.js';
import { CONVERSIONS, type Conversion } from '../normalize/convert.js';
import { Archive, resolveDbPath } from '../store/archive.js';
import type { ArticleFilter } from '../store/query.js';
import { choiceOption } from './options.js';

/** Flags shared by the archive-reading commands (export, list, search). */
export interface ReadFlags {
  db?: string;
  since?: string;
  until?: string;
  site?: string;
  lang?: string;
  includeDuplicates?: boolean;
}

/** Adds --db and the filters of SPEC's export to a reading command. */
export function addReadOptions(command: Command): Command {
  return command
    .option('--db <path>', 'archive file (default: $NEWSARC_DB, else ./newsarc.db)')
    .option('--since <date>', 'published (else fetched) on or after this date: YYYY-MM-DD or YYYY-MM-DDTHH:MM')
    .option('--until <date>', 'published (else fetched) on or before this date (a date alone includes the whole day)')
    .option('--site <host>', 'only articles of this host and its subdomains')
    .option('--lang <code>', 'only articles in this language (zh also matches zh-Hant)')
    .option('--include-duplicates', 'every copy of a story, not only its representative');
}

export function filterOf(flags: ReadFlags & { query?: string }): ArticleFilter {
  return {
    since: flags.since,
    until: flags.until,
    site: flags.site,
    lang: flags.lang,
    query: flags.query,
    includeDuplicates: flags.includeDuplicates ?? false,
  };
}

/** Opens the archive for reading: never creates, migrates or locks it (a crawl may be writing meanwhile). */
export function openForReading(flags: { db?: string }): Archive {
  return Archive.open(resolveDbPath(flags.db), { readonly: true });
}

interface ExportFlags extends ReadFlags {
  format: ExportFormat;
  out?: string;
  query?: string;
  convert: Conversion;
  bom?: boolean;
  csvSafe?: boolean;
}

export function registerExport(program: Command): void {
  addReadOptions(
    program
      .command('export')
      .description('write archived articles as json, jsonl, csv, or a directory of Markdown files (streamed)')
      .addOption(choiceOption('--format <format>', 'output format', EXPORT_FORMATS, 'jsonl'))
      .option('--out <path>', 'output file (a directory for markdown); - or absent: standard output'),
  )
    .option('--query <text>', 'only articles matching this full-text query (CJK included)')
    .addOption(choiceOption('--convert <kind>', 'Chinese script conversion of the exported title and body', CONVERSIONS, 'none'))
    .addOption(new Option('--bom', 'start CSV output with a UTF-8 byte order mark (for Excel)'))
    .addOption(new Option('--csv-safe', "prefix CSV cells starting with = + - @ tab or CR with ' (spreadsheet formula injection)"))
    .action(async (flags: ExportFlags) => {
      const archive = openForReading(flags);
      try {
        // The writers (and the YAML of Markdown front matter) load only for an export: list and search share this file.
        const { exportArticles } = await import('../export/index.js');
        const count = await exportArticles(archive.db, {
          ...filterOf(flags),
          format: flags.format,
          out: flags.out,
          convert: flags.convert,
          bom: flags.bom,
          csvSafe: flags.csvSafe,
          dupThreshold: archive.dupThreshold,
        });
        if (process.stderr.isTTY) process.stderr.write(`newsarc: exported ${count} article${count === 1 ? '' : 's'}\n`);
      } catch (err) {
        // A reader that stops early (`newsarc export | head`) is not a failure of the export.
        if ((err as { code?: string }).code !== 'EPIPE') throw err;
      } finally {
        archive.close();
      }
    });
}

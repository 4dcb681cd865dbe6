import type { Command } from 'commander';
import { extractArticle } from '../article.js';
import { decodeHtml } from '../decode/index.js';
import { boilerplateFor } from '../sites/memory.js';
import { loadSiteProfiles, profileFor, type SiteProfiles } from '../sites/profiles.js';
import { Archive } from '../store/archive.js';
import { readPageFile, readStdin } from '../fetch/file.js';
import { HttpClient } from '../fetch/http.js';
import { CONVERSIONS, convertArticle, converter, type Conversion } from '../normalize/convert.js';
import { UserError, reasonOf } from '../errors.js';
import type { ArticleRecord, Extraction } from '../types.js';
import { choiceOption, parseCount } from './options.js';

const FORMATS = ['json', 'jsonl', 'markdown', 'text'] as const;
type Format = (typeof FORMATS)[number];

interface ExtractFlags {
  url?: string;
  sites?: string;
  db?: string;
  format?: Format;
  convert: Conversion;
  timeout?: number;
}

interface LoadedPage {
  bytes: Uint8Array;
  contentType: string | null;
  url: string | undefined;
}

async function loadInput(input: string, flags: ExtractFlags, http: () => HttpClient): Promise<LoadedPage> {
  if (/^https?:\/\//i.test(input)) {
    const page = await http().fetch({ url: input });
    if (page.truncated) throw new UserError(`page larger than ${http().options.maxBytes} bytes`);
    return { bytes: page.body, contentType: page.contentType, url: page.url };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) throw new UserError('only http(s) URLs, files and - are supported');
  const bytes = input === '-' ? await readStdin() : await readPageFile(input);
  return { bytes, contentType: null, url: flags.url };
}

/** Markdown output's writer, loaded only for that format (its YAML front matter is a tenth of the start-up). */
type MarkdownWriter = (record: ArticleRecord) => string;

function render(record: ArticleRecord, format: Format, input: string, debug: object | null, markdown: MarkdownWriter | null): string {
  switch (format) {
    case 'json':
      return JSON.stringify({ ...record, ...(debug ? { debug } : {}) }, null, 2);
    case 'jsonl':
      return JSON.stringify({ input, ...record, ...(debug ? { debug } : {}) });
    case 'markdown':
      return markdown!(record);
    case 'text':
      return `${record.title ? `${record.title}\n\n` : ''}${record.text}\n`;
  }
}

function debugInfo(extraction: Extraction, charset: string, charsetSource: string): object {
  return {
    provenance: extraction.provenance,
    isArticle: extraction.isArticle,
    pageKind: extraction.pageKindReason,
    charset: `${charset} (${charsetSource})`,
  };
}

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('extract articles from files (.html, .htm, .gz), http(s) URLs or - (stdin) without touching the archive')
    .argument('<input...>', 'files, URLs, or - for standard input')
    .option('--url <url>', "the page's address, for a file or stdin input (resolves links, feeds timezone guesses)")
    .addOption(choiceOption('--format <format>', 'output format (default: json for one input, jsonl for several)', FORMATS))
    .addOption(choiceOption('--convert <kind>', 'Chinese script conversion of title and text', CONVERSIONS, 'none'))
    .option('--timeout <ms>', 'per-request timeout for URL inputs', parseCount, 30_000)
    .option('--sites <file>', 'site profiles (YAML or JSON, see docs/site-profiles.md) applied to matching hosts')
    .option('--db <path>', "use this archive's learned site boilerplate (read only; the archive is never written)")
    .action(async (inputs: string[], flags: ExtractFlags, command: Command) => {
      const debug = Boolean(command.optsWithGlobals().debug);
      if (flags.url !== undefined && !/^https?:\/\/[^\s/]+/i.test(flags.url)) {
        throw new UserError(`--url: not an http(s) URL: ${flags.url}`, 2);
      }
      const format: Format = flags.format ?? (inputs.length === 1 ? 'json' : 'jsonl');
      const markdown = format === 'markdown' ? (await import('../export/markdown.js')).articleMarkdown : null;
      const profiles: SiteProfiles | undefined = flags.sites ? await loadSiteProfiles(flags.sites) : undefined;
      const archive = flags.db ? Archive.open(flags.db, { readonly: true }) : null;
      let failed = 0;
      // Created on the first URL input only: files never open sockets.
      const lazy: { client?: HttpClient } = {};
      const http = () => (lazy.client ??= new HttpClient({ timeoutMs: flags.timeout }));
      for (const input of inputs) {
        try {
          const page = await loadInput(input, flags, http);
          const decoded = decodeHtml(page.bytes, page.contentType);
          const extraction = extractArticle(decoded.html, {
            url: page.url,
            profile: page.url ? profileFor(profiles, page.url) : undefined,
            boilerplate: archive && page.url ? boilerplateFor(archive.db, page.url) : undefined,
          });
          if (!extraction.record.text) throw new UserError('no article text found');
          const record = flags.convert === 'none' ? extraction.record : convertArticle(extraction.record, converter(flags.convert));
          const extra = debug ? debugInfo(extraction, decoded.charset, decoded.charsetSource) : null;
          process.stdout.write(`${render(record, format, input, extra, markdown)}\n`);
        } catch (err) {
          failed++;
          process.stderr.write(`newsarc: ${input}: ${reasonOf(err)}\n`);
          if (debug && !(err instanceof UserError) && err instanceof Error) process.stderr.write(`${err.stack}\n`);
        }
      }
      await lazy.client?.close();
      archive?.close();
      if (failed > 0) process.exitCode = 1;
    });
}

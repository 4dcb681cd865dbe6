import { Command, CommanderError } from 'commander';
import { UserError, reasonOf } from '../errors.js';
import { registerExtract } from './extract.js';
import { registerCrawl } from './crawl.js';
import { registerSync } from './sync.js';
import { registerSites } from './sites.js';
import { registerExport } from './export.js';
import { registerList } from './list.js';
import { registerShow } from './show.js';
import { registerSearch } from './search.js';
import { registerStats } from './stats.js';
import { registerReextract } from './reextract.js';

/** Registers every command; each lives in its own file and only parses options and calls the pipeline. */
function buildProgram(): Command {
  const program = new Command('newsarc')
    .description('Crawl news sites, extract clean articles, and keep them in a SQLite archive.')
    .version('0.1.0')
    .option('--debug', 'print stack traces and extraction provenance')
    .showSuggestionAfterError()
    .exitOverride()
    .configureOutput({ outputError: (str, write) => write(`newsarc: ${str.replace(/^error: /, '').trim()}\n`) });
  registerExtract(program);
  registerCrawl(program);
  registerSync(program);
  registerSites(program);
  registerExport(program);
  registerList(program);
  registerShow(program);
  registerSearch(program);
  registerStats(program);
  registerReextract(program);
  return program;
}

/** Runs the CLI and returns the exit code (SPEC: 0 done, 1 failed, 2 bad usage). */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return err.exitCode === 0 ? 0 : 2;
    }
    const debug = argv.includes('--debug');
    if (err instanceof UserError) {
      process.stderr.write(`newsarc: ${err.message}\n`);
      if (debug && err.stack) process.stderr.write(`${err.stack}\n`);
      return err.exitCode;
    }
    process.stderr.write(`newsarc: ${reasonOf(err)}\n`);
    if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return 1;
  }
}

import type { Command } from 'commander';
import { siteOf } from '../normalize/url.js';
import { searchArticles } from '../store/query.js';
import { addReadOptions, filterOf, openForReading, type ReadFlags } from './export.js';
import { articleDay, articleSummary } from './list.js';
import { parseCount } from './options.js';

/** How matches are marked in snippets: bold on a terminal, brackets in plain output. */
const TERMINAL_MARK: [string, string] = ['\u001b[1m', '\u001b[22m'];
const PLAIN_MARK: [string, string] = ['[', ']'];

export function registerSearch(program: Command): void {
  addReadOptions(
    program
      .command('search')
      .description('full-text search of the archive (Chinese and English), best matches first, with snippets')
      .argument('<query...>', 'words that must all occur; "quoted phrases" stay whole; 1-2 character terms work too'),
  )
    .option('--limit <n>', 'at most this many hits', parseCount, 20)
    .option('--json', 'print a JSON array for scripts')
    .action((words: string[], flags: ReadFlags & { limit: number; json?: boolean }) => {
      const query = words.join(' ');
      const archive = openForReading(flags);
      try {
        const mark = process.stdout.isTTY && !flags.json ? TERMINAL_MARK : PLAIN_MARK;
        const hits = searchArticles(archive.db, { ...filterOf(flags), query }, flags.limit || 1, mark);
        if (flags.json) {
          process.stdout.write(`${JSON.stringify(hits.map((h) => ({ ...articleSummary(h.article), snippet: h.snippet })), null, 2)}\n`);
          return;
        }
        for (const { article, snippet } of hits) {
          process.stdout.write(`${article.id}\t${articleDay(article)}\t${siteOf(article.url) ?? ''}\t${article.title ?? '(untitled)'}\n`);
          process.stdout.write(`\t${snippet}\n`);
        }
        if (hits.length === 0 && process.stderr.isTTY) process.stderr.write('newsarc: no matches\n');
      } finally {
        archive.close();
      }
    });
}

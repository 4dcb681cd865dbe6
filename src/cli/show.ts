import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { openForReading } from './export.js';
import { choiceOption } from './options.js';

export function registerShow(program: Command): void {
  program
    .command('show')
    .description('print one archived article, by id or by any of its URLs')
    .argument('<id|url>', 'article id, or a URL (aliases and tracking-parameter variants match)')
    .option('--db <path>', 'archive file (default: $NEWSARC_DB, else ./newsarc.db)')
    .addOption(choiceOption('--format <format>', 'output format', ['json', 'markdown'], 'json'))
    .action(async (idOrUrl: string, flags: { db?: string; format: 'json' | 'markdown' }) => {
      const archive = openForReading(flags);
      try {
        const id = archive.findArticleId(idOrUrl);
        const article = id === null ? null : archive.getArticle(id);
        if (!article) throw new UserError(`no article ${idOrUrl} in ${archive.path}`);
        if (flags.format === 'markdown') {
          const { articleMarkdown } = await import('../export/markdown.js');
          process.stdout.write(articleMarkdown(article));
        } else process.stdout.write(`${JSON.stringify(article, null, 2)}\n`);
      } finally {
        archive.close();
      }
    });
}

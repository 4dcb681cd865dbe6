import type { Command } from 'commander';

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('extract articles from files, URLs or stdin without touching the archive')
    .argument('<input...>')
    .action(() => {
      throw new Error('not yet');
    });
}

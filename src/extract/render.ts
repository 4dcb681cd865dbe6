import type { Block } from './blocks.js';
import { THRESHOLDS } from './rules.js';

/** Sentence-final punctuation: a bold line ending like this is an emphasised sentence, not a heading. */
const SENTENCE_END = /[。！？!?.;；:：,，]$/;

/** A short paragraph that is bold from end to end is a section heading (Chinese portals' 小标题, English subheads). */
export function isBoldHeading(block: Block): boolean {
  return block.kind === 'p' && block.words > 0 && block.words <= THRESHOLDS.maxBoldHeadingWords &&
    block.boldWords >= block.words && !SENTENCE_END.test(block.text) && block.linkWords === 0;
}

function stripBold(md: string): string {
  return md.replace(/\*\*/g, '').trim();
}

function tableMarkdown(rows: string[][]): string {
  const width = Math.max(...rows.map((r) => r.length));
  const cell = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|');
  const line = (r: string[]) => `| ${Array.from({ length: width }, (_, i) => cell(r[i])).join(' | ')} |`;
  return [line(rows[0]!), `| ${Array.from({ length: width }, () => '---').join(' | ')} |`, ...rows.slice(1).map(line)].join('\n');
}

function blockMarkdown(block: Block): string {
  switch (block.kind) {
    case 'h':
      return `${'#'.repeat(Math.min(Math.max(block.level, 2), 6))} ${stripBold(block.markdown)}`;
    case 'li':
      return `${'  '.repeat(block.level - 1)}${block.ordered ? '1.' : '-'} ${block.markdown}`;
    case 'quote':
      return `> ${block.markdown}`;
    case 'pre':
      return `\`\`\`\n${block.text}\n\`\`\``;
    case 'caption':
      return `*${block.markdown}*`;
    case 'table':
      return tableMarkdown(block.rows!);
    case 'img':
      return block.markdown;
    case 'p':
      return isBoldHeading(block) ? `### ${stripBold(block.markdown)}` : block.markdown;
  }
}

/**
 * Plain text (one prose block a line) and Markdown (blank lines between blocks, list items kept together), in
 * Unicode's composed form: pages written on macOS often carry decomposed letters (`u` + combining diaeresis for
 * `ü`), which look the same but match no search for the word.
 */
export function render(blocks: readonly Block[]): { text: string; markdown: string } {
  const lines: string[] = [];
  const md: string[] = [];
  let previous: Block | null = null;
  for (const block of blocks) {
    // Images and their captions belong to the Markdown; the plain text is the prose.
    if (block.kind !== 'img' && block.kind !== 'caption') lines.push(block.text);
    const piece = blockMarkdown(block);
    if (md.length > 0) md.push(previous?.kind === 'li' && block.kind === 'li' ? '\n' : '\n\n');
    md.push(piece);
    previous = block;
  }
  return { text: lines.join('\n').normalize('NFC'), markdown: md.join('').normalize('NFC') };
}

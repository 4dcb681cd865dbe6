/**
 * One article as a Markdown document with YAML front matter, and the safe file name it gets in an export
 * directory. Also used by `show --format markdown`.
 */
import { stringify } from 'yaml';
import type { StoredArticle } from '../store/types.js';
import type { ArticleRecord } from '../types.js';

/** File names stay well under common 255-byte limits, leaving room for the id prefix and temp suffixes. */
const MAX_NAME_BYTES = 120;
/** Characters no file system or shell should see in a name: separators, Windows-reserved, control characters. */
const UNSAFE_NAME_CHARS = /[/\\:*?"<>|\u0000-\u001f\u007f\s]+/gu;

/**
 * The document: front matter with every record field but the body (`text` and `markdown`: the body follows it),
 * written by the yaml library so quotes, colons and newlines in values cannot break it.
 */
export function articleMarkdown(article: ArticleRecord | StoredArticle): string {
  const { text: _text, markdown, ...fields } = article;
  const frontMatter = stringify(fields, { lineWidth: 0 });
  const heading = article.title ? `# ${article.title.replace(/\s+/g, ' ')}\n\n` : '';
  return `---\n${frontMatter}---\n\n${heading}${markdown.trim()}\n`;
}

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
function truncateBytes(s: string, max: number): string {
  let bytes = 0;
  let out = '';
  for (const ch of s) {
    bytes += Buffer.byteLength(ch);
    if (bytes > max) break;
    out += ch;
  }
  return out;
}

/**
 * `<id>-<title slug>.md`. The id prefix makes names unique (two equal titles never collide) and keeps them clear of
 * Windows device names (CON, NUL...); the slug has no separators, no dot runs (`..`) and no leading dots.
 */
export function markdownFileName(id: number, title: string | null): string {
  const slug = truncateBytes(
    (title ?? '')
      .normalize('NFC')
      .replace(UNSAFE_NAME_CHARS, '-')
      .replace(/\.{2,}/g, '.')
      .replace(/-{2,}/g, '-')
      .replace(/^[-.]+|[-.]+$/g, ''),
    MAX_NAME_BYTES,
  ).replace(/[-.]+$/, '');
  return `${id}${slug ? `-${slug}` : ''}.md`;
}

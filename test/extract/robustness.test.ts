import { describe, expect, it } from 'vitest';
import { MAX_TREE_DEPTH, parseHtml } from '../../src/parse/index.js';
import { extractContent } from '../../src/extract/index.js';
import { extractArticle } from '../../src/article.js';

function depthOf(html: string): number {
  const doc = parseHtml(html);
  let deepest = 0;
  const stack: Array<[typeof doc.children[number], number]> = doc.children.map((c) => [c, 1]);
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if ('children' in node) for (const child of node.children) stack.push([child, depth + 1]);
  }
  return deepest;
}

describe('hostile pages', () => {
  it('survives 200,000 levels of nesting and keeps the text inside', () => {
    const depth = 200_000;
    const html = `<html><body>${'<div>'.repeat(depth)}<p>Deep inside the nesting, the article text is still here and readable by everyone.</p>${'</div>'.repeat(depth)}</body></html>`;
    expect(depthOf(html)).toBeLessThanOrEqual(MAX_TREE_DEPTH + 2);
    const result = extractArticle(html, {});
    expect(result.record.text).toContain('Deep inside the nesting');
  });

  it('survives unclosed inline tags nested 200,000 deep', () => {
    const html = `<html><body><p>${'<b>'.repeat(200_000)}bold all the way down</p></body></html>`;
    expect(extractArticle(html, {}).record.text).toContain('bold all the way down');
  });

  it('completes on a 50 MB page', () => {
    const paragraphs: string[] = [];
    for (let i = 0, size = 0; size < 50e6; i++) {
      const p = `<p>Paragraph ${i} of a very long page, with commas, clauses, and enough words to count as prose.</p>\n`;
      paragraphs.push(p);
      size += p.length;
    }
    const html = `<html><body><div class="content">${paragraphs.join('')}</div></body></html>`;
    expect(html.length).toBeGreaterThanOrEqual(50e6);
    const result = extractContent(parseHtml(html), {});
    expect(result.text.length).toBeGreaterThan(1e6);
  }, 120_000);

  it('returns an empty body for a script-only page', () => {
    const result = extractArticle('<html><head><script>var a = "<p>not text</p>";</script></head><body><script>document.write("x")</script></body></html>', {});
    expect(result.record.text).toBe('');
    expect(result.isArticle).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { limitNesting } from '../../src/parse/nesting.js';
import { parseHtml, textOf } from '../../src/parse/index.js';

describe('limitNesting', () => {
  it('returns an ordinary page unchanged (same string, no copy)', () => {
    const html = '<html><body><div><p>One<p>Two<ul><li>a<li>b</ul><img src=x><br></div><script>if (a<b) {}</script></body></html>';
    expect(limitNesting(html, 5)).toBe(html);
  });

  it('drops the tags but keeps the text of elements nested too deep', () => {
    const html = `${'<div>'.repeat(50)}deep text${'</div>'.repeat(50)}<p>after</p>`;
    const out = limitNesting(html, 10);
    expect(out).toBe(`${'<div>'.repeat(10)}deep text${'</div>'.repeat(10)}<p>after</p>`);
  });

  it('ignores tag-like text inside comments and scripts', () => {
    const html = `<!-- ${'<div>'.repeat(50)} --><script>var s = "${'<b>'.repeat(50)}";</script><div>x</div>`;
    expect(limitNesting(html, 10)).toBe(html);
  });

  it('lets parseHtml take a 200,000-deep page without overflowing the stack', () => {
    const depth = 200_000;
    const doc = parseHtml(`<html><body>${'<div>'.repeat(depth)}<p>Deep paragraph.</p>${'</div>'.repeat(depth)}<p>Tail.</p></body></html>`);
    const text = textOf(doc);
    expect(text).toContain('Deep paragraph.');
    expect(text).toContain('Tail.');
  });
});

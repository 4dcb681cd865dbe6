import { describe, expect, it } from 'vitest';
import { limitNesting, MAX_PARSE_NESTING } from '../../src/parse/nesting.js';
import { parseDocument } from 'htmlparser2';
import { isTag, type ParentNode } from 'domhandler';
import { MAX_TREE_DEPTH, parseHtml, textOf, walk } from '../../src/parse/index.js';

/** Depth of the deepest element below `root` (its children are at depth 1). */
function deepestElement(root: ParentNode): number {
  const depth = new Map<ParentNode, number>([[root, 0]]);
  let deepest = 0;
  walk(root, (node) => {
    if (!isTag(node)) return;
    const d = depth.get(node.parent!)! + 1;
    depth.set(node, d);
    deepest = Math.max(deepest, d);
  });
  return deepest;
}

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

  it('takes a stray end tag for what the parser takes it: nothing closed', () => {
    const html = `${'</div>'.repeat(50)}${'<div>'.repeat(50)}deep text${'</div>'.repeat(50)}`;
    expect(limitNesting(html, 10)).toBe(`${'</div>'.repeat(50)}${'<div>'.repeat(10)}deep text${'</div>'.repeat(10)}`);
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

  it('is not misled by stray end tags placed before a nesting bomb (the parser would take minutes on it)', () => {
    const depth = 200_000;
    const html = `<html><body>${'</b>'.repeat(depth + 10)}${'<div>'.repeat(depth)}<p>Deep paragraph.</p>${'</div>'.repeat(depth)}<p>Tail.</p></body></html>`;
    const limited = limitNesting(html);
    // + 1: the <p> in the innermost <div>, which limitNesting leaves (a <p> cannot hold another).
    expect(deepestElement(parseDocument(limited))).toBeLessThanOrEqual(MAX_PARSE_NESTING + 1);
    const text = textOf(parseHtml(html));
    expect(text).toContain('Deep paragraph.');
    expect(text).toContain('Tail.');
  });

  it('falls back to the page text for markup whose implied closes mislead the tag dropping', () => {
    // <select> closes an open <button> in the parser, which limitNesting does not model: each round leaves the
    // parser 60 elements deeper than limitNesting counts.
    const round = `<button><select>${'<span>'.repeat(60)}</button>`;
    const doc = parseHtml(`<html><body>${round.repeat(5_000)}<p>Still here.</p></body></html>`);
    expect(textOf(doc)).toContain('Still here.');
    expect(deepestElement(doc)).toBeLessThanOrEqual(MAX_TREE_DEPTH + 1);
  });

  it('keeps a tree MAX_TREE_DEPTH deep as the parser built it, and flattens what lies deeper', () => {
    // <html> and <body> are levels 1 and 2; the spans fill the rest.
    const nested = (levels: number): string =>
      `<html><body>${'<span>'.repeat(levels - 2)}Deepest words.${'</span>'.repeat(levels - 2)}<p>After.</p></body></html>`;
    const atLimit = nested(MAX_TREE_DEPTH);
    expect(deepestElement(parseHtml(atLimit))).toBe(MAX_TREE_DEPTH);
    expect(textOf(parseHtml(atLimit))).toBe(textOf(parseDocument(atLimit)));
    // Below the limit the elements survive side by side, emptied, one level under the element at the limit.
    const beyond = parseHtml(nested(MAX_TREE_DEPTH + 5));
    expect(deepestElement(beyond)).toBe(MAX_TREE_DEPTH + 1);
    expect(textOf(beyond)).toBe('Deepest words.After.');
  });
});

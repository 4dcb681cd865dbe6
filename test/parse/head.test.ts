import { describe, expect, it } from 'vitest';
import { isTag, type Element, type ParentNode } from 'domhandler';
import { parseHtml, textOf } from '../../src/parse/index.js';

const child = (parent: ParentNode, name: string): Element | undefined =>
  parent.children.find((c): c is Element => isTag(c) && c.name === name);

function headAndBody(html: string): { head: Element; body: Element } {
  const root = child(parseHtml(html), 'html')!;
  return { head: child(root, 'head')!, body: child(root, 'body')! };
}

describe('body content left inside an unclosed <head>', () => {
  it('moves into a body made for it when the page has no <body> tag', () => {
    const { head, body } = headAndBody(
      '<html><head><title>Gute Löhne</title><meta charset="utf-8"><script>var a = 1;</script>' +
        '<div class="article"><h1>Gute Löhne allein reichen nicht</h1><p>Die Gewerkschaft fordert mehr.</p></div></html>',
    );
    expect(head.children.filter(isTag).map((c) => c.name)).toEqual(['title', 'meta', 'script']);
    expect(textOf(body)).toBe('Gute Löhne allein reichen nichtDie Gewerkschaft fordert mehr.');
    expect(body.parent?.type).toBe('tag');
  });

  it('goes before the body the page does declare, in document order', () => {
    const { head, body } = headAndBody(
      '<html><head><meta name="x" content="y"><div id="banner">Spendenaufruf</div><link rel="icon" href="/i.png">' +
        '</head><body><p>Der Artikel beginnt hier.</p></body></html>',
    );
    expect(head.children.filter(isTag).map((c) => c.name)).toEqual(['meta']);
    expect(textOf(body)).toBe('SpendenaufrufDer Artikel beginnt hier.');
  });

  it('leaves a well-formed page as the parser built it', () => {
    const { head, body } = headAndBody('<html><head><title>T</title><noscript><img src="p.gif"></noscript></head><body><p>Text.</p></body></html>');
    expect(head.children.filter(isTag).map((c) => c.name)).toEqual(['title', 'noscript']);
    expect(textOf(body)).toBe('Text.');
  });
});

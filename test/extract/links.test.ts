import { describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import { parseHtml } from '../../src/parse/index.js';
import { segment } from '../../src/extract/blocks.js';

describe('the links segmenting lists', () => {
  const page = `<html><head><title>Tide tables</title></head><body>
    <header><a href="/">Home</a><a href="/coast/">Coast</a></header>
    <div hidden><a href="/hidden-promo">Offer</a></div>
    <article><p>High water at <a href="/ports/porthaven#times">Porthaven</a> is at 06:12.</p>
      <img src="/map.png" usemap="#harbour"><map name="harbour"><area href="/ports/north-quay" alt="North quay"></map>
      <p>See <a href="https://tides.example.net/">the national tables</a> and <a href="/coast/">the coast page</a>.</p>
    </article>
  </body></html>`;
  const url = 'https://harbour.example.org/tides/today.html';
  const expected = [
    'https://harbour.example.org/', 'https://harbour.example.org/coast/', 'https://harbour.example.org/hidden-promo',
    'https://harbour.example.org/ports/porthaven', 'https://harbour.example.org/ports/north-quay', 'https://tides.example.net/',
  ];

  it('lists every <a> and <area> link once, in document order, hidden ones included', () => {
    expect(segment(parseHtml(page), new URL(url)).links).toEqual(expected);
  });

  it('finds the same links in a tree built by htmlparser2 alone', () => {
    expect(segment(parseDocument(page), new URL(url)).links).toEqual(expected);
  });

  it('keeps links inside subtrees segmenting skips (templates, data tables, removed elements) in their place', () => {
    const skipped = `<body><p><a href="/first">First</a></p>
      <template><a href="/later">Loaded later</a></template>
      <table><tr><th>Port</th><th>High water</th></tr><tr><td><a href="/ports/east">East</a></td><td>06:40</td></tr></table>
      <div class="ad"><a href="/removed">Sponsor</a></div>
      <p><a href="/last">Last</a> and <a href="/first#again">first again</a></p></body>`;
    const isRemoved = (el: { attribs: Record<string, string> }) => el.attribs.class === 'ad';
    expect(segment(parseHtml(skipped), new URL(url), undefined, isRemoved).links).toEqual(
      ['/first', '/later', '/ports/east', '/removed', '/last'].map((path) => `https://harbour.example.org${path}`),
    );
  });
});

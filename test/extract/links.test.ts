import { describe, expect, it } from 'vitest';
import { parseDocument } from 'htmlparser2';
import { parseHtml } from '../../src/parse/index.js';
import { collectLinks, makeResolver } from '../../src/extract/links.js';

describe('collectLinks', () => {
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
    expect(collectLinks(parseHtml(page), makeResolver(new URL(url)))).toEqual(expected);
  });

  it('finds the same links in a tree built by htmlparser2 alone', () => {
    expect(collectLinks(parseDocument(page), makeResolver(new URL(url)))).toEqual(expected);
  });
});

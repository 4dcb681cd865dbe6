import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/parse/index.js';
import { collectFacts } from '../../src/metadata/collect.js';

describe('collectFacts hint verdicts', () => {
  it('reads repeated class and id hints the same on every element, and ignores empty ones', () => {
    const facts = collectFacts(parseHtml(`<html><body>
      <ul class="menu"><li>Home</li><li>World</li></ul>
      <h1>Bridge reopens after repairs</h1>
      <span class="byline">By Ana Costa</span> <span class="post-date">12 March 2024</span>
      <p class="">The bridge reopened to traffic on Tuesday morning.</p>
      <div id="sidebar"><span class="post-date">1 January 2020</span></div>
      <div class="menu" id="x"><span>Archive</span></div>
      <span class="byline">By Rui Lopes</span>
    </body></html>`));
    expect(facts.spots.map((s) => `${s.via} ${s.text}`)).toEqual([
      'class:author By Ana Costa', 'class:date 12 March 2024', 'class:author By Rui Lopes',
    ]);
    const boilerplate = facts.lines.filter((_, i) => facts.boilerplate[i]);
    expect(boilerplate).toEqual(['Home', 'World', '1 January 2020', 'Archive']);
  });
});

import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/parse/index.js';
import { extractContent } from '../../src/extract/index.js';
import { linesOf } from './helpers.js';

const PARAGRAPHS = [
  'The harbour authority approved the dredging plan on Tuesday after two years of consultation with fishing crews.',
  'Work will start in September and close the northern channel to large vessels for about six weeks.',
  'Crews say the plan protects the spawning grounds that the first proposal would have buried under silt.',
  'The authority will publish weekly updates on the channel depth while the dredgers are at work.',
];

function extract(html: string) {
  return extractContent(parseHtml(html), { url: 'https://news.example.org/harbour/dredging' });
}

describe('a body printed twice', () => {
  it('keeps one copy when desktop and mobile layouts sit in one container', () => {
    const html = `<html><body><div class="article">
      <div class="pc-body">${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</div>
      <div class="mobile-body">${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}</div>
    </div></body></html>`;
    expect(linesOf(extract(html).text)).toEqual(PARAGRAPHS);
  });

  it('keeps the richer copy (the one with headings and images)', () => {
    const plain = PARAGRAPHS.map((p) => `<p>${p}</p>`).join('');
    const rich = `<p>${PARAGRAPHS[0]}</p><h2>What changes</h2><p>${PARAGRAPHS[1]}</p><img src="/img/dredger.jpg" alt="A dredger"><p>${PARAGRAPHS[2]}</p><p>${PARAGRAPHS[3]}</p>`;
    const html = `<html><body><article><div class="print-copy">${plain}</div><div class="body">${rich}</div></article></body></html>`;
    const { markdown, text } = extract(html);
    expect(markdown).toContain('## What changes');
    expect(markdown).toContain('![A dredger](https://news.example.org/img/dredger.jpg)');
    expect(linesOf(text).filter((l) => l === PARAGRAPHS[0])).toHaveLength(1);
  });

  it('drops a <noscript> fallback copy of the body', () => {
    const body = PARAGRAPHS.map((p) => `<p>${p}</p>`).join('');
    const html = `<html><body><div id="story">${body}<noscript><div>${body}</div></noscript></div></body></html>`;
    expect(linesOf(extract(html).text)).toEqual(PARAGRAPHS);
  });

  it('never drops a line the article legitimately repeats once (a quote taken up again)', () => {
    const quote = '“We will not close the harbour,” the mayor said.';
    const html = `<html><body><div class="story-body">
      <p>${PARAGRAPHS[0]}</p><p>${quote}</p><p>${PARAGRAPHS[1]}</p><p>${PARAGRAPHS[2]}</p>
      <blockquote><p>${quote}</p></blockquote><p>${PARAGRAPHS[3]}</p>
    </div></body></html>`;
    const lines = linesOf(extract(html).text);
    expect(lines.filter((l) => l === quote)).toHaveLength(2);
    expect(lines).toHaveLength(6);
  });

  it('keeps the lines an article repeats in its own flow of paragraphs (meal plans, a recipe per day)', () => {
    const day = (name: string, dinner: string) => [`Plan ${name}`, 'Breakfast', 'Eat within an hour of waking up',
      'Two eggs, one cup of spinach and a slice of whole-grain toast', 'Dinner', 'Eat at least two hours before bed', dinner];
    const lines = [...day('A', 'Baked cod with green beans and lemon'), ...day('B', 'Chicken stir-fry with peppers and rice'),
      ...day('C', 'Lentil soup with carrots and a bread roll')];
    const html = `<html><body><div class="entry-content"><p>${PARAGRAPHS[0]}</p>
      ${lines.map((l) => (l.startsWith('Plan ') ? `<h2>${l}</h2>` : l === 'Breakfast' || l === 'Dinner' ? `<h3>${l}</h3>` : `<p>${l}</p>`)).join('')}
    </div></body></html>`;
    expect(linesOf(extract(html).text)).toEqual([PARAGRAPHS[0], ...lines]);
  });

  it('drops only the repeated lines of a copy whose matches lie far apart, not the text between them', () => {
    const facts = ['Depth: 12m.', 'Length: 4km.', 'Cost: €2m.', 'Start: September.'];
    const html = `<html><body><div class="article"><div class="story-text"><p>${PARAGRAPHS[0]}</p>
      ${facts.map((f) => `<p>${f}</p>`).join('')}<p>${PARAGRAPHS[3]}</p></div>
      <div class="summary-box"><h3>In short</h3><img src="/img/a.jpg" alt="Dredger"><p>${PARAGRAPHS[0]}</p>
      <img src="/img/b.jpg" alt="Channel"><img src="/img/d.jpg" alt="Buoy"><img src="/img/e.jpg" alt="Pier"><p>${PARAGRAPHS[3]}</p><img src="/img/c.jpg" alt="Crew"></div></div></body></html>`;
    const lines = linesOf(extract(html).text);
    expect(lines).toEqual(expect.arrayContaining(facts));
    expect(lines.filter((l) => l === PARAGRAPHS[0])).toHaveLength(1);
  });

  it('keeps an interview whose speaker labels repeat, each answer in its own block', () => {
    const turns = [['Anna:', 'When does the dredging start, and how long will the channel stay closed to large vessels?'],
      ['Mayor:', 'Work starts in September and the northern channel closes for about six weeks, as planned.'],
      ['Anna:', 'What do the fishing crews say about the plan that the authority approved this week?'],
      ['Mayor:', 'They support it, because it protects the spawning grounds the first proposal would have buried.']];
    const html = `<html><body><div class="post-body">${turns.map(([who, said]) => `<div><b>${who}</b><br>${said}</div>`).join('')}</div></body></html>`;
    expect(linesOf(extract(html).text)).toEqual(turns.flat());
  });
});

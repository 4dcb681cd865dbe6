/**
 * Issue 6, "Input" rows: hostile or broken page content goes through decode → parse → extract without throwing,
 * and nothing dangerous comes out of it (links the crawler must never follow, broken strings).
 */
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/article.js';
import { decodeHtml } from '../../src/decode/index.js';

const PARAGRAPHS = Array.from(
  { length: 6 },
  (_, i) => `<p>Paragraph ${i + 1} of the report: the city council approved the new harbour budget after a long debate about ferry fares and repairs.</p>`,
).join('\n');

const page = (body: string, head = '<title>Harbour budget approved</title>') => `<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`;

describe('hostile input', () => {
  it.each([
    ['unclosed tags everywhere', `<div><article><h1>Harbour budget approved<p>${PARAGRAPHS.replaceAll('</p>', '')}<div><span><b>`],
    ['stray closing tags', `</div></span></article><article>${PARAGRAPHS}</td></tr></table></article></html></body>`],
    ['attributes without quotes and broken comments', `<article class=story id=main data-x=>${PARAGRAPHS}<!-- unterminated comment <p>hidden</p>`],
    ['a table-in-paragraph soup', `<p><table><tr><td><p>${PARAGRAPHS}</td></tr></p></table>`],
    ['CDATA and processing instructions', `<?xml version="1.0"?><![CDATA[ junk ]]><article>${PARAGRAPHS}</article>`],
  ])('extracts through malformed HTML: %s', (_name, body) => {
    const { record } = extractArticle(page(body), { url: 'https://news.example/a' });
    expect(record.text).toContain('Paragraph 3 of the report');
  });

  it('keeps going through NUL bytes', () => {
    const { record } = extractArticle(page(`<article>${PARAGRAPHS.replace('approved', 'appro\u0000ved')}</article>`));
    expect(record.text).toContain('Paragraph 6 of the report');
  });

  it('decodes invalid UTF-8 leniently (replacement characters, no exception)', () => {
    const bytes = Buffer.concat([Buffer.from(page(`<article>${PARAGRAPHS}`)), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff]), Buffer.from('</article></body></html>')]);
    const { html } = decodeHtml(bytes);
    const { record } = extractArticle(html);
    expect(record.text).toContain('Paragraph 2 of the report');
  });

  it('reads mixed encodings (a Latin-1 fragment inside a UTF-8 page) as UTF-8 with the rest intact', () => {
    const utf8 = Buffer.from(page(`<article><p>${'Überraschung in der Stadtratssitzung über den Hafenhaushalt. '.repeat(5)}</p>${PARAGRAPHS}`));
    const latin1 = Buffer.from('<p>Caf\xe9 cr\xe8me</p></article>', 'latin1');
    const { html, charset } = decodeHtml(Buffer.concat([utf8, latin1]));
    expect(charset).toBe('utf-8');
    expect(extractArticle(html).record.text).toContain('Überraschung');
  });

  it('turns entities that decode to lone surrogates or out-of-range code points into valid text', () => {
    const { record } = extractArticle(page(`<article><p>Odd entities &#xD800; &#55296; &#x110000; &#0; and &amp; fine.</p>${PARAGRAPHS}</article>`));
    expect(record.text).toContain('fine.');
    expect(record.text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(JSON.parse(JSON.stringify(record)).text).toBe(record.text);
  });

  it('never offers javascript:, data:, mailto: or credential-bearing links to the crawler; resolves .. and IDN hosts', () => {
    const links = `<p><a href="javascript:alert(1)">js</a> <a href=" JaVaScRiPt:alert(2)">js2</a> <a href="data:text/html,<b>x</b>">data</a>
      <a href="mailto:desk@news.example">mail</a> <a href="../world/../news/./story.html#comments">rel</a>
      <a href="https://用户:密码@新闻.example/a">idn</a> <a href="//cdn.news.example/img">proto-relative</a></p>`;
    const { links: found } = extractArticle(page(`<article>${PARAGRAPHS}${links}</article>`), { url: 'https://news.example/section/page.html' });
    expect(found).toContain('https://news.example/news/story.html');
    expect(found).toContain('https://cdn.news.example/img');
    expect(found.some((l) => /^(javascript|data|mailto):/i.test(l))).toBe(false);
    expect(found.every((l) => l.startsWith('http://') || l.startsWith('https://'))).toBe(true);
    const idn = found.find((l) => l.includes('xn--'));
    expect(idn).toBeDefined();
  });
});

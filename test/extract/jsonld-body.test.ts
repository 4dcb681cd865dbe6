import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/article.js';
import { linesOf } from './helpers.js';

const URL_ = 'https://www.riverside-herald.example/news/2024/03/ferry-timetable';

const FULL_TEXT = [
  'The ferry between Eastport and Millbrook will run every twenty minutes from April, the transport authority said on Tuesday, doubling the service for the first time since the crossing opened.',
  'Commuters have complained for years about queues at the Eastport pier, where the last boat of the evening regularly leaves passengers behind during the summer months.',
  'The authority will lease two additional vessels from a northern operator while its own new boats are built, at a cost it put at 4.2 million over three years.',
  'Local councillors welcomed the plan but asked whether fares would rise to pay for it. The authority said prices would stay frozen until at least the end of next year.',
  'The first of the leased ferries is expected to arrive in Eastport at the end of March for crew training and trial crossings.',
];

const LATER_TEXT = [
  'Fares on the crossing were last raised three years ago, when a single adult ticket went up by twenty pence and a monthly pass by four pounds.',
  'The authority also plans to extend the evening timetable on Fridays and Saturdays, with a last departure from Millbrook at half past eleven instead of ten.',
  'Pier staff will be trained to manage the larger crowds expected on summer weekends, and a second ticket machine will be installed at the Eastport gate.',
  'A public meeting on the changes will be held at Eastport library on 14 March, where residents can put their questions to the authority and the operator.',
];

function page(visibleBody: string, jsonLd: object, head = ''): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Ferry service to double from April | Riverside Herald</title>
<meta property="og:title" content="Ferry service to double from April">${head}
<script type="application/ld+json">${JSON.stringify(jsonLd)}</script>
</head><body>
<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav></header>
<main><article><h1>Ferry service to double from April</h1>${visibleBody}</article></main>
<footer><p>© 2024 Riverside Herald. All rights reserved.</p></footer>
</body></html>`;
}

function graph(article: object): object {
  return {
    '@context': 'https://schema.org',
    '@graph': [
      { '@type': 'WebPage', '@id': `${URL_}#webpage`, url: URL_ },
      { '@type': 'NewsArticle', headline: 'Ferry service to double from April', datePublished: '2024-03-05T09:00:00Z', ...article },
    ],
  };
}

describe('the JSON-LD articleBody of pages that render their article with JavaScript', () => {
  it('replaces a visible teaser that it contains', () => {
    const teaser = `<p>${FULL_TEXT[0]}</p><div class="paywall"><p>Subscribe to keep reading.</p></div>`;
    const result = extractArticle(page(teaser, graph({ articleBody: FULL_TEXT.join('\n') })), { url: URL_ });
    expect(linesOf(result.record.text)).toEqual(FULL_TEXT);
    expect(result.record.markdown).toBe(FULL_TEXT.join('\n\n'));
    expect(result.provenance.body).toMatch(/^json-ld articleBody/);
    expect(result.isArticle).toBe(true);
  });

  it('fills an empty application shell', () => {
    const shell = '<div id="root"><p>Loading…</p></div>';
    const result = extractArticle(page(shell, graph({ articleBody: FULL_TEXT.join('\n') })), { url: URL_ });
    expect(linesOf(result.record.text)).toEqual(FULL_TEXT);
    expect(result.isArticle).toBe(true);
  });

  it('leads with the standfirst the page shows, which articleBody leaves out', () => {
    const standfirst = 'Two leased boats will join the crossing while the authority waits for its own.';
    const head = `<meta property="og:description" content="${standfirst}">`;
    const shown = extractArticle(page(`<p class="standfirst">${standfirst}</p><div id="root"></div>`, graph({ articleBody: FULL_TEXT.join('\n') }), head), { url: URL_ });
    expect(linesOf(shown.record.text)).toEqual([standfirst, ...FULL_TEXT]);
    const notShown = extractArticle(page('<div id="root"></div>', graph({ articleBody: FULL_TEXT.join('\n') }), head), { url: URL_ });
    expect(linesOf(notShown.record.text)).toEqual(FULL_TEXT);
  });

  it('does not replace the page body when it is only a summary', () => {
    const body = FULL_TEXT.map((p) => `<p>${p}</p>`).join('');
    const summary = 'The Eastport ferry will run every twenty minutes from April, with two leased vessels.';
    const result = extractArticle(page(body, graph({ articleBody: summary })), { url: URL_ });
    expect(linesOf(result.record.text)).toEqual(FULL_TEXT);
    expect(result.provenance.body).not.toMatch(/json-ld/);
  });

  it('replaces unrelated static text far shorter than the article whose headline is the page title', () => {
    const authorCard = '<div class="author-card"><p>Dana Whitlock has covered transport and the waterfront for the Herald since 2011. ' +
      'Before that she reported on local politics in Millbrook. She lives on the east bank with two cats, a canoe and far too many timetables.</p></div>';
    const longStory = [...FULL_TEXT, ...LATER_TEXT];
    const result = extractArticle(page(authorCard, graph({ articleBody: longStory.join('\n') })), { url: URL_ });
    expect(linesOf(result.record.text)).toEqual(longStory);
    expect(result.provenance.body).toMatch(/^json-ld articleBody/);
  });

  it('does not replace a page body with the text of another story', () => {
    const body = FULL_TEXT.slice(0, 2).map((p) => `<p>${p}</p>`).join('');
    const other = Array.from({ length: 14 }, (_, i) => `Paragraph ${i + 1} of a different story about the harbour festival, its music stages, food stalls and the fireworks over the water on Saturday night.`);
    const result = extractArticle(page(body, graph({ headline: 'Harbour festival returns with fireworks', articleBody: other.join('\n') })), { url: URL_ });
    expect(linesOf(result.record.text)).toEqual(FULL_TEXT.slice(0, 2));
  });

  it('reads HTML inside articleBody, also when escaped once more, and decodes its entities', () => {
    const html = '<p>The caf&eacute; on Eastport pier will open at 6am for the first boats, its owner said.</p>' +
      `<h2>Two new vessels</h2><p>${FULL_TEXT[2]}</p><p>Councillors&#8217; question: will fares rise? &ldquo;No,&rdquo; said the authority &amp; its chair.</p>` +
      `<p>${FULL_TEXT[4]}</p>`;
    const escaped = html.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    for (const articleBody of [html, escaped]) {
      const result = extractArticle(page('<div id="app"></div>', graph({ articleBody })), { url: URL_ });
      expect(linesOf(result.record.text)).toEqual([
        'The café on Eastport pier will open at 6am for the first boats, its owner said.',
        'Two new vessels',
        FULL_TEXT[2],
        'Councillors’ question: will fares rise? “No,” said the authority & its chair.',
        FULL_TEXT[4],
      ]);
      expect(result.record.markdown).toContain('## Two new vessels');
    }
  });
});

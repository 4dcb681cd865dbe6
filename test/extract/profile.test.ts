/**
 * Site profile selectors are compiled once per profile and reused on every page of the host: the results must
 * be those of running each selector on each page, including jQuery's positional selectors that profile
 * validation accepts through cheerio.
 */
import { describe, expect, it } from 'vitest';
import { extractContent } from '../../src/extract/index.js';
import { parseHtml } from '../../src/parse/index.js';
import type { SiteProfile } from '../../src/types.js';

const storyPage = (n: number) => `<html><body>
  <div class="share-bar">Share this story on WeChat, Weibo and by e-mail with your friends and family today.</div>
  <div class="story">
    <p>Story ${n}: the ferry across the bay resumed service on Monday after three weeks of repairs to its engines and hull.</p>
    <p>Story ${n}: commuters who had driven around the bay for an hour each way said the crossing saved them the whole morning.</p>
    <p>Story ${n}: the operator said the timetable would stay reduced until a second boat returned from the shipyard in spring.</p>
    <div class="story-tools"><p>Story ${n}: print this page, save it for later, or send a correction to the news desk.</p></div>
  </div>
  <ul class="related"><li>Harbour dues rise again</li><li>New pier opens in the north</li></ul>
</body></html>`;
const url = 'https://example.org/news/ferry.html';

describe('site profile selectors compiled once per profile', () => {
  it('one profile object applied to several pages removes and picks on each page, not only the first', () => {
    const profile: SiteProfile = { host: 'example.org', body: 'div.story', remove: ['.share-bar', '.story-tools', '#absent'] };
    for (const n of [1, 2, 3]) {
      const { text, reason } = extractContent(parseHtml(storyPage(n)), { url, profile });
      expect(reason).toMatch(/profile body selector div\.story/);
      expect(text).toContain(`Story ${n}: the ferry across the bay`);
      expect(text).not.toMatch(/Share this story|print this page/);
    }
  });

  it('jQuery positional selectors (:eq, :first) still work beside standard ones', () => {
    const profile: SiteProfile = { host: 'example.org', body: '.story p:first', remove: ['.share-bar', '.related li:eq(1)'] };
    const { text } = extractContent(parseHtml(storyPage(7)), { url, profile });
    expect(text).toBe('Story 7: the ferry across the bay resumed service on Monday after three weeks of repairs to its engines and hull.');
    const related = extractContent(parseHtml(storyPage(7)), { url, profile: { host: 'example.org', body: 'ul.related', remove: ['.related li:eq(1)'] } });
    expect(related.text).toContain('Harbour dues rise again');
    expect(related.text).not.toContain('New pier opens');
  });

  it('a body selector matching nested elements keeps the outermost, so no text is printed twice', () => {
    const profile: SiteProfile = { host: 'example.org', body: 'div.story, div.story-tools' };
    const { text } = extractContent(parseHtml(storyPage(4)), { url, profile });
    expect(text.match(/Story 4: the ferry/g)).toHaveLength(1);
  });

  it('a body pick inside a removed block leaves the choice to the generic scorer', () => {
    const profile: SiteProfile = { host: 'example.org', body: '.story-tools p', remove: ['.story-tools'] };
    const { text, reason } = extractContent(parseHtml(storyPage(5)), { url, profile });
    expect(reason).not.toMatch(/profile/);
    expect(text).toContain('Story 5: commuters who had driven');
    expect(text).not.toContain('print this page');
  });

  it('a body pick that holds no text (an empty placeholder the page fills by script) leaves the choice to the generic scorer', () => {
    const page = storyPage(6).replace('<div class="story">', '<div class="story-placeholder"></div><div class="story">');
    const profile: SiteProfile = { host: 'example.org', body: '.story-placeholder' };
    const { text, reason } = extractContent(parseHtml(page), { url, profile });
    expect(reason).not.toMatch(/profile/);
    expect(text).toContain('Story 6: commuters who had driven');
  });
});

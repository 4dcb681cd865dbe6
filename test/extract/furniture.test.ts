import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../src/parse/index.js';
import { segment } from '../../src/extract/blocks.js';

describe('furniture marks from class and id hints', () => {
  it('judges a class alone, an id alone and the two together, whatever came first on the page', () => {
    const { blocks } = segment(parseHtml(`<html><body>
      <div class="box"><p>Ferry services resume on Monday after the storm repairs.</p></div>
      <div class="box" id="related"><p>More from the coast desk</p></div>
      <div id="sidebar"><p>Weather for the week ahead</p></div>
      <div class="box"><p>The harbour master said the north quay is safe again.</p></div>
      <div id="story"><p>Crews worked through the weekend to clear the slipway.</p></div>
      <div class="sidebar" id="story"><p>Tide times and sunset</p></div>
    </body></html>`), null);
    const furnished = Object.fromEntries(blocks.map((b) => [b.text, b.furniture.length > 0]));
    expect(furnished).toEqual({
      'Ferry services resume on Monday after the storm repairs.': false,
      'More from the coast desk': true,
      'Weather for the week ahead': true,
      'The harbour master said the north quay is safe again.': false,
      'Crews worked through the weekend to clear the slipway.': false,
      // A content hint (story) outweighs the furniture one on the same element.
      'Tide times and sunset': false,
    });
  });
});

describe('layout classes', () => {
  it('reads has-/no-/with- classes as the layout around an element, not as furniture', () => {
    const { blocks } = segment(parseHtml(`<html><body>
      <div class="layout-container has-sidebar"><p>Ferry services resume on Monday after the storm repairs.</p></div>
      <div class="container no-sub-nav"><p>The harbour master said the north quay is safe again.</p></div>
      <div class="left-navigation_page-wrapper"><p>Crews worked through the weekend to clear the slipway.</p></div>
      <div class="sidebar"><p>Tide times and sunset</p></div>
    </body></html>`), null);
    const furnished = Object.fromEntries(blocks.map((b) => [b.text, b.furniture.length > 0]));
    expect(furnished).toEqual({
      'Ferry services resume on Monday after the storm repairs.': false,
      'The harbour master said the north quay is safe again.': false,
      // The page's wrapper, named after the navigation column beside the text.
      'Crews worked through the weekend to clear the slipway.': false,
      'Tide times and sunset': true,
    });
  });
});

describe('embedded posts', () => {
  it('keeps a social-media post embedded in the story, but not a social share bar', () => {
    const { blocks } = segment(parseHtml(`<html><body>
      <div class="social-media-embed"><blockquote class="twitter-tweet"><p>The ferry is back, finally. pic.twitter.com/abc</p></blockquote></div>
      <div class="social-share"><p>Share on Facebook</p></div>
    </body></html>`), null);
    const furnished = Object.fromEntries(blocks.map((b) => [b.text, b.furniture.length > 0]));
    expect(furnished).toEqual({ 'The ferry is back, finally. pic.twitter.com/abc': false, 'Share on Facebook': true });
  });
});

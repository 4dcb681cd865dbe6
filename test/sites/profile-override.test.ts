/**
 * A user's site profile overrides the generic result for matching hosts: the body selector decides the body,
 * the timezone decides the offset of dates written without one, label words teach the site's own metadata line.
 */
import { describe, expect, it } from 'vitest';
import { templateSite } from '../../fixtures/template-site/site.js';
import { extractArticle } from '../../src/article.js';
import { parseSiteProfiles } from '../../src/sites/profile-file.js';
import { profileFor } from '../../src/sites/profiles.js';

const PROFILES = parseSiteProfiles(
  `hosts:
  - host: county.example.cn
    body: "div.txt > p:first-child"
    timezone: Europe/Berlin
    labels:
      author: [采写]
`,
  'sites.yaml',
);

const page = templateSite().articles[3]!;
/** The template page with the byline written the way only this site writes it. */
const html = page.html.replace(/作者:[^<]+/, '采写:周小川');
const URL_MATCHING = 'https://www.county.example.cn/2021/11/content_1003.html';
const URL_OTHER = 'https://other.example.cn/2021/11/content_1003.html';

describe('a site profile overrides the generic result for matching hosts', () => {
  const generic = extractArticle(html, { url: URL_OTHER, profile: profileFor(PROFILES, URL_OTHER) });
  const profiled = extractArticle(html, { url: URL_MATCHING, profile: profileFor(PROFILES, URL_MATCHING) });

  it('matches only the profile host', () => {
    expect(profileFor(PROFILES, URL_OTHER)).toBeUndefined();
    expect(profileFor(PROFILES, URL_MATCHING)?.body).toBe('div.txt > p:first-child');
  });

  it('the body selector decides the body, whatever the generic scorer would choose', () => {
    for (const paragraph of page.paragraphs) expect(generic.record.text).toContain(paragraph);
    expect(profiled.record.text).toBe(page.paragraphs[0]);
    expect(profiled.provenance.body).toMatch(/profile/);
  });

  it('the timezone decides the offset of a date written without one', () => {
    expect(generic.record.publishedAt).toBe('2021-11-04T16:24:01+08:00');
    expect(profiled.record.publishedAt).toBe('2021-11-04T16:24:01+01:00');
  });

  it("the site's own label words find its byline", () => {
    expect(generic.record.authors).not.toContain('周小川');
    expect(profiled.record.authors).toEqual(['周小川']);
  });
});

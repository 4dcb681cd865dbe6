import { describe, expect, it } from 'vitest';
import { normalizeUrl, siteOf } from '../../src/normalize/url.js';

describe('normalizeUrl', () => {
  it('lower-cases scheme and host, drops default ports and fragments', () => {
    expect(normalizeUrl('HTTP://News.Example.COM:80/a/B.html#top')).toBe('http://news.example.com/a/B.html');
    expect(normalizeUrl('https://example.com:443/x')).toBe('https://example.com/x');
    expect(normalizeUrl('https://example.com:8443/x')).toBe('https://example.com:8443/x');
  });
  it('converts IDN hosts to punycode', () => {
    expect(normalizeUrl('http://中国.example/新闻')).toBe('http://xn--fiqs8s.example/%E6%96%B0%E9%97%BB');
  });
  it('removes tracking parameters and sorts the rest', () => {
    expect(normalizeUrl('https://e.com/p?utm_source=x&b=2&fbclid=Z&a=1&UTM_Medium=y&gclid=1')).toBe('https://e.com/p?a=1&b=2');
    expect(normalizeUrl('https://news.e.cn/a.html?spm=1.2.3&from=timeline&isappinstalled=0')).toBe('https://news.e.cn/a.html');
    expect(normalizeUrl('https://e.com/p?id=7&utm_campaign=z')).toBe('https://e.com/p?id=7');
  });
  it('keeps query pairs as written', () => {
    expect(normalizeUrl('https://e.com/s?q=a%20b&flag')).toBe('https://e.com/s?flag&q=a%20b');
  });
  it('drops a trailing index file', () => {
    expect(normalizeUrl('http://e.com/news/index.html')).toBe('http://e.com/news/');
    expect(normalizeUrl('http://e.com/Default.htm')).toBe('http://e.com/');
    expect(normalizeUrl('http://e.com/news/index.html?id=1')).toBe('http://e.com/news/?id=1');
    expect(normalizeUrl('http://e.com/news/myindex.html')).toBe('http://e.com/news/myindex.html');
  });
  it('resolves relative links and dot segments against a base', () => {
    expect(normalizeUrl('../b/c.html', 'http://e.com/x/y/z.html')).toBe('http://e.com/x/b/c.html');
    expect(normalizeUrl('//cdn.e.com/a', 'https://e.com/')).toBe('https://cdn.e.com/a');
    expect(normalizeUrl('http://e.com/a/./b/../c')).toBe('http://e.com/a/c');
  });
  it('drops session ids and credentials', () => {
    expect(normalizeUrl('http://user:pw@e.com/a.jsp;jsessionid=AB12')).toBe('http://e.com/a.jsp');
  });
  it('returns null for non-web addresses', () => {
    for (const bad of ['mailto:a@b.c', 'javascript:void(0)', 'data:text/html,hi', 'ftp://e.com/f', 'not a url', '']) {
      expect(normalizeUrl(bad)).toBeNull();
    }
    expect(normalizeUrl('javascript:void(0)', 'http://e.com/')).toBeNull();
  });
  it('is idempotent', () => {
    const once = normalizeUrl('HTTP://WWW.E.com/a/../b/index.html?z=1&utm_x=2&a=%E4%B8%AD#f')!;
    expect(normalizeUrl(once)).toBe(once);
  });
});

describe('siteOf', () => {
  it('is the host without www.', () => {
    expect(siteOf('https://WWW.Example.com/a')).toBe('example.com');
    expect(siteOf('https://news.example.com/a')).toBe('news.example.com');
    expect(siteOf('mailto:x@y.z')).toBeNull();
  });
});

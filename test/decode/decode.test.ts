import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { canonicalCharset, decodeHtml, utf8Verdict } from '../../src/decode/index.js';
import { looksBinary, pageBytes } from '../../src/fetch/file.js';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../../fixtures/decode/${name}`, import.meta.url)));

describe('decodeHtml', () => {
  it('decodes a GBK page whose charset is only in <meta http-equiv> (declared gb2312) as GB18030', () => {
    const page = decodeHtml(fixture('gbk-meta-gb2312.html'));
    expect(page.charset).toBe('gb18030');
    expect(page.charsetSource).toBe('meta');
    expect(page.html).toContain('东西帮扶助振兴 山海相连情相依');
  });

  it('decodes a GBK page with the charset only in the HTTP header', () => {
    const page = decodeHtml(fixture('gbk-undeclared.html'), 'text/html; charset=GBK');
    expect(page).toMatchObject({ charset: 'gb18030', charsetSource: 'http' });
    expect(page.html).toContain('东西呼应,海陆遥望');
  });

  it('sniffs an undeclared GBK page instead of producing mojibake', () => {
    const page = decodeHtml(fixture('gbk-undeclared.html'));
    expect(page).toMatchObject({ charset: 'gb18030', charsetSource: 'sniff' });
    expect(page.html).toContain('山海相连');
  });

  it('sniffs an undeclared Big5 page', () => {
    const page = decodeHtml(fixture('big5-undeclared.html'));
    expect(page.charset).toBe('big5');
    expect(page.html).toContain('東西幫扶助振興');
  });

  it('trusts valid UTF-8 bytes over a meta tag that says gb2312', () => {
    const page = decodeHtml(fixture('utf8-declared-gb2312.html'));
    expect(page).toMatchObject({ charset: 'utf-8', charsetSource: 'utf8-bytes' });
    expect(page.html).toContain('山海相连情相依');
  });

  it('trusts valid UTF-8 bytes over an HTTP header that lies', () => {
    const page = decodeHtml(fixture('utf8-declared-gb2312.html'), 'text/html; charset=iso-8859-1');
    expect(page.charset).toBe('utf-8');
  });

  it('honours a declared single-byte charset (iso-8859-1 decodes as windows-1252, as browsers do)', () => {
    const page = decodeHtml(fixture('latin1-declared.html'));
    expect(page.charset).toBe('windows-1252');
    expect(page.html).toContain('Über die Brücke');
  });

  it('strips a UTF-8 byte order mark and obeys it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from('<p>中文</p>')]);
    const page = decodeHtml(bytes, 'text/html; charset=gbk');
    expect(page).toMatchObject({ charset: 'utf-8', charsetSource: 'bom', html: '<p>中文</p>' });
  });

  it('reads a UTF-8 page with a few broken bytes as UTF-8, not as a legacy encoding', () => {
    const good = Buffer.from(`<p>${'乡村振兴'.repeat(50)}</p>`);
    const bytes = new Uint8Array([...good, 0xff, 0xfe, ...good]);
    const page = decodeHtml(bytes);
    expect(page.charset).toBe('utf-8');
    expect(page.html).toContain('乡村振兴乡村振兴');
  });
});

describe('utf8Verdict', () => {
  it('tells ascii, valid, damaged and foreign bytes apart', () => {
    expect(utf8Verdict(Buffer.from('plain <b>ascii</b>'))).toBe('ascii');
    expect(utf8Verdict(Buffer.from('naïve 中文 😀'))).toBe('valid');
    expect(utf8Verdict(fixture('gbk-undeclared.html'))).toBe('invalid');
    // Overlong encodings and encoded surrogates are not valid UTF-8.
    expect(utf8Verdict(new Uint8Array([0xc0, 0xaf]))).toBe('invalid');
    expect(utf8Verdict(new Uint8Array([0xed, 0xa0, 0x80]))).toBe('invalid');
  });
});

describe('canonicalCharset', () => {
  it('maps GB labels to GB18030 and rejects unknown labels', () => {
    expect(canonicalCharset('GB2312')).toBe('gb18030');
    expect(canonicalCharset('"gbk"')).toBe('gb18030');
    expect(canonicalCharset('big5-hkscs')).toBe('big5');
    expect(canonicalCharset('x-no-such-charset')).toBeNull();
  });
});

describe('pageBytes', () => {
  it('gunzips by magic bytes and refuses broken gzip, empty and binary input', () => {
    expect(Buffer.from(pageBytes(gzipSync('<p>hi</p>'), 'a.html')).toString()).toBe('<p>hi</p>');
    expect(() => pageBytes(gzipSync('<p>hi</p>').subarray(0, 12), 'a.html.gz')).toThrow(/gzip/);
    expect(() => pageBytes(Buffer.from('<p>not gzip</p>'), 'a.html.gz')).toThrow(/gzip/);
    expect(() => pageBytes(new Uint8Array(0), 'a.html')).toThrow(/empty/);
    const random = new Uint8Array(4096).map((_, i) => (i * 7919 + 13) % 256);
    expect(looksBinary(random)).toBe(true);
    expect(() => pageBytes(random, 'a.html')).toThrow(/binary/);
  });

  it('accepts a page with a few NUL bytes', () => {
    expect(looksBinary(Buffer.from(`<p>text\u0000 with a NUL</p>${'x'.repeat(200)}`))).toBe(false);
  });
});

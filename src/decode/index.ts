import { analyse } from 'chardet';

/** Where the charset used for a page came from, most trusted first (kept with the article for debugging). */
export type CharsetSource = 'bom' | 'utf8-bytes' | 'http' | 'meta' | 'sniff' | 'default';

export interface DecodedPage {
  html: string;
  /** WHATWG encoding name actually used, e.g. `utf-8`, `gb18030`, `big5`, `windows-1252`. */
  charset: string;
  charsetSource: CharsetSource;
}

/**
 * Labels pages use for legacy encodings, mapped to the decoder a browser really uses. GB2312/GBK pages routinely
 * contain GBK/GB18030-only characters (人名 with rare characters), so every GB label decodes as GB18030; big5 pages
 * from Hong Kong use HKSCS, which WHATWG's big5 decoder covers.
 */
const LABEL_ALIASES: Record<string, string> = {
  gb2312: 'gb18030',
  gbk: 'gb18030',
  'x-gbk': 'gb18030',
  'gb_2312-80': 'gb18030',
  cp936: 'gb18030',
  'x-euc-cn': 'gb18030',
  'euc-cn': 'gb18030',
  hz: 'gb18030',
  'big5-hkscs': 'big5',
  'x-x-big5': 'big5',
  cp950: 'big5',
  unicode: 'utf-16le',
  'utf-16': 'utf-16le',
};

/** chardet's names → WHATWG labels; chardet returns "GB18030" for GBK text and "Big5" for Big5. */
const CHARDET_NAMES: Record<string, string> = {
  'UTF-8': 'utf-8',
  GB18030: 'gb18030',
  Big5: 'big5',
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  'EUC-KR': 'euc-kr',
  'ISO-2022-JP': 'iso-2022-jp',
  'ISO-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  'ISO-8859-2': 'iso-8859-2',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'KOI8-R': 'koi8-r',
  'ISO-8859-5': 'iso-8859-5',
  'ISO-8859-7': 'iso-8859-7',
  'ISO-8859-9': 'windows-1254',
  'windows-1256': 'windows-1256',
};

/** Browsers prescan 1024 bytes; Chinese portals often put <meta charset> after long <script> blocks, so look further. */
const META_PRESCAN_BYTES = 16 * 1024;
/** How much of a page chardet sees: enough for a stable verdict, bounded so 50 MB pages stay fast. */
const SNIFF_SAMPLE_BYTES = 64 * 1024;

/** Returns a usable WHATWG encoding name for a declared label, or null when the runtime has no such decoder. */
export function canonicalCharset(label: string | null | undefined): string | null {
  if (!label) return null;
  const key = label.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!key) return null;
  const name = LABEL_ALIASES[key] ?? key;
  try {
    return new TextDecoder(name).encoding;
  } catch {
    return null;
  }
}

/** The charset parameter of a Content-Type header value. */
export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = contentType?.match(/charset\s*=\s*["']?([\w.:-]+)/i);
  return m ? m[1] : null;
}

function bomCharset(bytes: Uint8Array): { charset: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { charset: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { charset: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { charset: 'utf-16be', length: 2 };
  return null;
}

/** `<meta charset=...>` or `<meta http-equiv="Content-Type" content="...; charset=...">` in the page's head. */
export function metaCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, META_PRESCAN_BYTES)).toString('latin1');
  const re = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/gi;
  for (let m = re.exec(head); m; m = re.exec(head)) {
    const charset = canonicalCharset(m[1]);
    if (charset) return charset;
  }
  return null;
}

/**
 * Classifies the bytes as UTF-8: 'ascii' (no byte ≥ 0x80: any ASCII-compatible label decodes it the same),
 * 'valid', 'mostly' (a few broken sequences in otherwise UTF-8 text: a truncated copy or a bad include) or 'invalid'.
 * Valid multi-byte UTF-8 almost never arises by accident from a legacy encoding, which is why it outranks a declared label.
 */
export function utf8Verdict(bytes: Uint8Array): 'ascii' | 'valid' | 'mostly' | 'invalid' {
  let multibyte = 0;
  let broken = 0;
  const n = bytes.length;
  for (let i = 0; i < n; ) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need = 0;
    let min = 0;
    if (b >= 0xc2 && b <= 0xdf) need = 1, min = 0x80;
    else if (b >= 0xe0 && b <= 0xef) need = 2, min = 0x800;
    else if (b >= 0xf0 && b <= 0xf4) need = 3, min = 0x10000;
    else {
      broken++;
      i++;
      continue;
    }
    let cp = b & (0x3f >> need);
    let ok = i + need < n;
    for (let k = 1; ok && k <= need; k++) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) ok = false;
      else cp = (cp << 6) | (c & 0x3f);
    }
    if (ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff)) {
      multibyte++;
      i += need + 1;
    } else {
      broken++;
      i++;
    }
  }
  if (multibyte === 0 && broken === 0) return 'ascii';
  if (broken === 0) return 'valid';
  // A few bad bytes among many good sequences is a damaged UTF-8 page (or a Latin-1 include in a UTF-8 page), not a
  // legacy-encoded one: GBK or Latin-1 text forms a valid multi-byte UTF-8 sequence only by accident, far less often
  // than it breaks one.
  return multibyte >= 4 * broken ? 'mostly' : 'invalid';
}

function sniffLegacy(bytes: Uint8Array): string | null {
  const sample = bytes.length > SNIFF_SAMPLE_BYTES ? bytes.subarray(0, SNIFF_SAMPLE_BYTES) : bytes;
  for (const match of analyse(sample)) {
    const name = CHARDET_NAMES[match.name];
    if (name && name !== 'utf-8') return name;
  }
  return null;
}

function decodeWith(bytes: Uint8Array, charset: string): string {
  return new TextDecoder(charset, { fatal: false, ignoreBOM: false }).decode(bytes);
}

/**
 * Bytes → text as a browser would, but trusting the bytes over tags that lie: BOM first; then the bytes themselves
 * when they are valid UTF-8 (pages declaring gb2312 that are really UTF-8); then the HTTP charset; then a `<meta>`
 * prescan; then a statistical sniff (pages that declare nothing and are GBK); else windows-1252.
 */
export function decodeHtml(bytes: Uint8Array, contentType?: string | null): DecodedPage {
  const bom = bomCharset(bytes);
  if (bom) {
    return { html: decodeWith(bytes.subarray(bom.length), bom.charset), charset: bom.charset, charsetSource: 'bom' };
  }
  const verdict = utf8Verdict(bytes);
  if (verdict === 'valid') return { html: decodeWith(bytes, 'utf-8'), charset: 'utf-8', charsetSource: 'utf8-bytes' };

  const http = canonicalCharset(charsetFromContentType(contentType));
  const meta = http ? null : metaCharset(bytes);
  const declared = http ?? meta;
  const declaredSource: CharsetSource = http ? 'http' : 'meta';
  if (verdict === 'ascii') {
    return { html: decodeWith(bytes, declared && !declared.startsWith('utf-16') ? declared : 'utf-8'), charset: declared ?? 'utf-8', charsetSource: declared ? declaredSource : 'default' };
  }
  if (declared && declared !== 'utf-8' && !declared.startsWith('utf-16')) {
    return { html: decodeWith(bytes, declared), charset: declared, charsetSource: declaredSource };
  }
  if (verdict === 'mostly') return { html: decodeWith(bytes, 'utf-8'), charset: 'utf-8', charsetSource: declared ? declaredSource : 'sniff' };
  const sniffed = sniffLegacy(bytes);
  if (sniffed) return { html: decodeWith(bytes, sniffed), charset: sniffed, charsetSource: 'sniff' };
  return { html: decodeWith(bytes, 'windows-1252'), charset: 'windows-1252', charsetSource: 'default' };
}

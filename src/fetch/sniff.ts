/**
 * Content sniffing after the WHATWG MIME Sniffing Standard (§7.1 "identifying a resource with an unknown MIME
 * type"): the declared Content-Type is often wrong, in both directions, on old portals and behind CDNs.
 */

/** Tag openings that mark HTML when they come first (WHATWG's list, plus `<meta`, `<link`, `<?xml`: see below). */
const HTML_OPENINGS = [
  '<!doctype html',
  '<html',
  '<head',
  '<script',
  '<iframe',
  '<h1',
  '<div',
  '<font',
  '<table',
  '<a',
  '<style',
  '<title',
  '<b',
  '<body',
  '<br',
  '<p',
  '<!--',
  // Hand-made Chinese portal pages often open with a bare <meta http-equiv=Content-Type> or a stylesheet link.
  '<meta',
  '<link',
];

/** XHTML pages open with an XML declaration; they count as HTML only if an <html element follows soon. */
const XML_DECLARATION = '<?xml';

/** Magic numbers of what servers mislabel as text/html: images, PDFs, archives, media (WHATWG §6). */
const BINARY_SIGNATURES: { offset: number; bytes: number[] }[] = [
  { offset: 0, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] }, // PNG
  { offset: 0, bytes: [0xff, 0xd8, 0xff] }, // JPEG
  { offset: 0, bytes: ascii('GIF87a') },
  { offset: 0, bytes: ascii('GIF89a') },
  { offset: 8, bytes: ascii('WEBP') }, // RIFF....WEBP
  { offset: 0, bytes: [0x00, 0x00, 0x01, 0x00] }, // ICO
  { offset: 0, bytes: ascii('%PDF-') },
  { offset: 0, bytes: [0x50, 0x4b, 0x03, 0x04] }, // ZIP, docx, epub
  { offset: 0, bytes: [0x1f, 0x8b, 0x08] }, // gzip sent without Content-Encoding
  { offset: 0, bytes: ascii('Rar!') },
  { offset: 4, bytes: ascii('ftyp') }, // MP4, MOV
  { offset: 0, bytes: ascii('OggS') },
  { offset: 0, bytes: ascii('ID3') }, // MP3
  { offset: 0, bytes: [0x1a, 0x45, 0xdf, 0xa3] }, // WebM, MKV
];

const WHITESPACE = new Set([0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** Bytes that open with a known binary format's magic number. */
export function looksLikeBinary(bytes: Uint8Array): boolean {
  return BINARY_SIGNATURES.some(({ offset, bytes: magic }) => magic.every((b, i) => bytes[offset + i] === b));
}

/** Bytes whose first tag (after BOM and white space) is one that opens HTML documents. */
export function looksLikeHtml(bytes: Uint8Array): boolean {
  if (looksLikeBinary(bytes)) return false;
  let start = UTF8_BOM.every((b, i) => bytes[i] === b) ? 3 : 0;
  while (start < bytes.length && WHITESPACE.has(bytes[start])) start++;
  const head = Buffer.from(bytes.subarray(start, start + 512)).toString('latin1').toLowerCase();
  if (head.startsWith(XML_DECLARATION)) return /<html[\s>]/.test(head);
  return HTML_OPENINGS.some((opening) => head.startsWith(opening) && isTagEnd(head, opening));
}

/** WHATWG requires a tag-terminating byte (space or `>`) after the name, so `<body` does not match `<bogus`. */
function isTagEnd(head: string, opening: string): boolean {
  if (opening === '<!--') return true;
  const next = head.charAt(opening.length);
  return next === '>' || next === ' ' || next === '\t' || next === '\n' || next === '\r' || next === '\f' || next === '/';
}

function ascii(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0));
}

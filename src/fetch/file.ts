import { readFile, stat } from 'node:fs/promises';
import { gunzipSync } from 'node:zlib';
import { UserError } from '../errors.js';

/** A page file larger than this is refused rather than read into memory (SPEC default --max-bytes is 10 MB; files get room). */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;
/** Share of control bytes in a page's first bytes above which it is binary data, not HTML (images, archives, random bytes). */
const BINARY_CONTROL_SHARE = 0.1;
const BINARY_SAMPLE_BYTES = 8192;

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** True when the sample is mostly text: NUL and other C0 controls (bar tab, newlines, form feed, escape) are rare in any text encoding. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, BINARY_SAMPLE_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c && b !== 0x1b) controls++;
  }
  return n > 0 && controls / n > BINARY_CONTROL_SHARE;
}

/** Checks raw page bytes and gunzips them when gzipped (by magic bytes, whatever the file name says). */
export function pageBytes(raw: Uint8Array, name: string): Uint8Array {
  let bytes = raw;
  if (isGzip(bytes)) {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: MAX_FILE_BYTES });
    } catch (err) {
      throw new UserError(`not a valid gzip file (${(err as Error).message.split('\n')[0]})`);
    }
  } else if (/\.gz$/i.test(name)) {
    throw new UserError('not a valid gzip file (no gzip header)');
  }
  if (bytes.length === 0) throw new UserError('empty file');
  if (looksBinary(bytes)) throw new UserError('binary data, not an HTML page');
  return bytes;
}

/** Reads a page from disk (`.html`, `.htm`, or gzipped) with errors a user can act on. */
export async function readPageFile(path: string): Promise<Uint8Array> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? 'error'})`);
  }
  if (info.isDirectory()) throw new UserError('is a directory');
  if (!info.isFile()) throw new UserError('not a regular file');
  if (info.size > MAX_FILE_BYTES) throw new UserError(`file too large (${info.size} bytes; the limit is ${MAX_FILE_BYTES})`);
  try {
    return pageBytes(await readFile(path), path);
  } catch (err) {
    if (err instanceof UserError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new UserError(code === 'EACCES' ? 'permission denied' : `cannot read (${code ?? (err as Error).message})`);
  }
}

/** Reads standard input to the end. */
export async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return pageBytes(Buffer.concat(chunks), '-');
}

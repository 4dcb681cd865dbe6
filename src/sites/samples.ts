/**
 * The text behind learned fingerprints, for showing a user what site memory removes. The crawler records only
 * fingerprints, so the text is recovered from the raw pages the archive keeps: a boilerplate block sits on a
 * large share of the host's pages, so the first few pages read hold nearly all of them.
 */
import { decodeHtml } from '../decode/index.js';
import { segment } from '../extract/blocks.js';
import { parseHtml } from '../parse/index.js';
import type { RawPage } from '../store/archive.js';
import type { Database } from 'better-sqlite3';
import { pageKeysOf } from './memory.js';

/** Stored pages read per host before giving up on the blocks still without text. */
const PAGES_TO_READ = 3;

/** What sampling needs of the archive: its handle and its raw pages (Archive has both). */
export interface RawPageSource {
  readonly db: Database;
  rawPage(id: number): RawPage | null;
}

/** Texts of `fingerprints` (those found) from up to three stored pages of the host; nothing is written. */
export function sampleTexts(archive: RawPageSource, host: string, fingerprints: readonly string[]): Map<string, string> {
  const wanted = new Set(fingerprints);
  const found = new Map<string, string>();
  if (wanted.size === 0) return found;
  for (const key of pageKeysOf(archive.db, host, PAGES_TO_READ)) {
    const id = Number(key);
    const raw = Number.isSafeInteger(id) ? archive.rawPage(id) : null;
    if (!raw) continue;
    const { html } = decodeHtml(raw.html, raw.charset ? `text/html; charset=${raw.charset}` : null);
    let base: URL | null = null;
    try {
      base = new URL(raw.url);
    } catch {
      // a relative or broken stored URL only costs the image links, which samples do not show
    }
    for (const block of segment(parseHtml(html), base).blocks) {
      if (wanted.has(block.fingerprint) && !found.has(block.fingerprint)) found.set(block.fingerprint, block.text);
    }
    if (found.size === wanted.size) break;
  }
  return found;
}

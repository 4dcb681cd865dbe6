/**
 * Pages stored before site memory knew a host's boilerplate (the first pages of a crawl, an archive filled
 * before an upgrade) still carry it. After a crawl, stored bodies that contain a block now learned as
 * boilerplate are re-extracted from their raw HTML, so every stored body of the host ends up without it.
 */
import { extractArticle, EXTRACTOR_VERSION } from '../article.js';
import { decodeHtml } from '../decode/index.js';
import { blockFingerprint } from '../extract/blocks.js';
import type { ArticleRecord } from '../types.js';
import { learnedBoilerplate, siteKey } from './memory.js';
import { profileFor, type SiteProfiles } from './profiles.js';
import type { RawPageSource } from './samples.js';

/** Articles read per query while checking a site. */
const REFRESH_PAGE_ROWS = 500;

/** What re-extraction needs of the archive (Archive has all of it). */
export interface RefreshableArchive extends RawPageSource {
  replaceExtraction(id: number, record: ArticleRecord, extractorVersion: string): 'updated' | 'unchanged';
}

export interface RefreshResult {
  /** Stored articles of the host looked at. */
  checked: number;
  /** Articles whose body held learned boilerplate and were re-extracted from their raw HTML. */
  reextracted: number;
  /** Articles whose body held learned boilerplate but which have no raw HTML (crawled with --no-store-html). */
  withoutRawHtml: number;
}

/**
 * Re-extracts the host's stored articles whose text still holds a block learned as boilerplate. Cheap for clean
 * articles: their text lines are fingerprinted, nothing is parsed. Call once per host at the end of a crawl.
 */
export function applyLearnedBoilerplate(archive: RefreshableArchive, host: string, options: { profiles?: SiteProfiles } = {}): RefreshResult {
  const result: RefreshResult = { checked: 0, reextracted: 0, withoutRawHtml: 0 };
  const site = siteKey(host);
  const learned = learnedBoilerplate(archive.db, site);
  if (learned.size === 0) return result;
  // articles.site is siteOf(url): the same key site memory files hosts under.
  // Keyset pages of rows: memory stays flat on a site of any size, and no statement is left open while writing.
  const page = archive.db.prepare('SELECT id, text FROM articles WHERE site = ? AND id > ? ORDER BY id LIMIT ?');
  for (let after = 0, rows: { id: number; text: string }[]; (rows = page.all(site, after, REFRESH_PAGE_ROWS) as typeof rows).length > 0; ) {
    after = rows[rows.length - 1]!.id;
    for (const row of rows) {
      if (refreshRow(archive, row, learned, options.profiles, result)) result.reextracted++;
    }
  }
  return result;
}

/** Re-extracts one stored article if its text still holds learned boilerplate; true when its record was replaced. */
function refreshRow(
  archive: RefreshableArchive,
  row: { id: number; text: string },
  learned: ReadonlySet<string>,
  profiles: SiteProfiles | undefined,
  result: RefreshResult,
): boolean {
  result.checked++;
  if (!row.text.split('\n').some((line) => learned.has(blockFingerprint(line)))) return false;
  const raw = archive.rawPage(row.id);
  if (!raw) {
    result.withoutRawHtml++;
    return false;
  }
  const { html } = decodeHtml(raw.html, raw.charset ? `text/html; charset=${raw.charset}` : null);
  const extraction = extractArticle(html, { url: raw.url, profile: profileFor(profiles, raw.url), boilerplate: learned });
  // A page that yields nothing now keeps what it had: losing an article is worse than keeping a footer.
  if (extraction.record.text === '') return false;
  archive.replaceExtraction(row.id, extraction.record, EXTRACTOR_VERSION);
  return true;
}

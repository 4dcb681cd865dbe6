import type Database from 'better-sqlite3';
import type { DiscoveredUrl } from '../store/types.js';

export const NOTE_LASTMOD_UNCHANGED = 'unchanged (lastmod)';

/**
 * Sync's use of sitemap `<lastmod>` and feed entry dates, on the archive's frontier and validators tables.
 * Entries whose date equals the one recorded at their last fetch are finished without a request; the others
 * get the new date so the fetch records it. Runs in SQL so a million-entry sitemap costs no memory.
 */
export class FrontierLastmods {
  private readonly markUnchanged: Database.Statement;
  private readonly updateLastmod: Database.Statement;

  constructor(private readonly db: Database.Database) {
    this.markUnchanged = db.prepare(
      `UPDATE frontier SET state = 'done', note = '${NOTE_LASTMOD_UNCHANGED}'
       WHERE crawl_id = ? AND url = ? AND state IN ('queued', 'in-flight')
         AND EXISTS (SELECT 1 FROM validators v WHERE v.url = frontier.url AND v.sitemap_lastmod = ?)`,
    );
    this.updateLastmod = db.prepare('UPDATE frontier SET lastmod = ? WHERE crawl_id = ? AND url = ?');
  }

  /**
   * Applies the entries' dates to frontier items; returns how many were found unchanged. Called while sync
   * reads sitemaps and feeds, when no page is being fetched: in-flight items are only claimed and held.
   */
  apply(crawlId: number, entries: readonly DiscoveredUrl[]): number {
    return this.db.transaction(() => {
      let unchanged = 0;
      for (const entry of entries) {
        if (entry.kind !== 'page' || !entry.lastmod) continue;
        if (this.markUnchanged.run(crawlId, entry.url, entry.lastmod).changes > 0) unchanged++;
        else this.updateLastmod.run(entry.lastmod, crawlId, entry.url);
      }
      return unchanged;
    })();
  }
}

import type Database from 'better-sqlite3';
import { boilerplateFor, pageKeyOf, recordPageBlocks, siteKey } from '../sites/memory.js';
import { profileFor, type SiteProfiles } from '../sites/profiles.js';
import type { ExtractOptions, SiteProfile } from '../types.js';

/**
 * Pages of a host recorded between two reads of its learned boilerplate: the lesson changes slowly, and
 * re-reading it for every page would cost two queries a page for nothing.
 */
const BOILERPLATE_REFRESH_PAGES = 20;

interface HostLesson {
  boilerplate: ReadonlySet<string>;
  recordedSince: number;
}

/**
 * What the crawler knows about a site beyond one page (issue 7): the boilerplate learned from the host's
 * stored pages (src/sites/memory.ts), fed back into extraction and kept current as pages are stored, and the
 * user's site profiles (`--sites FILE`): extraction rules and crawl include/exclude patterns per host.
 * Holds one small entry per host, never per page.
 */
export class SiteKnowledge {
  private readonly lessons = new Map<string, HostLesson>();
  private readonly duplicateOf: Database.Statement;
  private readonly patterns = new Map<SiteProfile, { include: RegExp[]; exclude: RegExp[] }>();

  constructor(
    private readonly db: Database.Database,
    private readonly profiles?: SiteProfiles,
  ) {
    this.duplicateOf = db.prepare('SELECT duplicate_of FROM articles WHERE id = ?').pluck();
  }

  /** The extraction options for a page: its host's profile and learned boilerplate. */
  extractOptionsFor(url: string): Pick<ExtractOptions, 'profile' | 'boilerplate'> {
    const host = siteKey(url);
    let lesson = this.lessons.get(host);
    if (!lesson || lesson.recordedSince >= BOILERPLATE_REFRESH_PAGES) {
      lesson = { boilerplate: boilerplateFor(this.db, host), recordedSince: 0 };
      this.lessons.set(host, lesson);
    }
    return { profile: profileFor(this.profiles, url), boilerplate: lesson.boilerplate };
  }

  /** Counts a stored page's blocks for its host, under its duplicate cluster (syndicated copies count once). */
  recordStoredPage(url: string, articleId: number, fingerprints: readonly string[]): void {
    const host = siteKey(url);
    const duplicateOf = (this.duplicateOf.get(articleId) as number | null | undefined) ?? null;
    recordPageBlocks(this.db, host, pageKeyOf({ id: articleId, duplicateOf }), fingerprints);
    const lesson = this.lessons.get(host);
    if (lesson) lesson.recordedSince++;
  }

  /** Sites (as site memory names them) this run extracted pages of. */
  sitesSeen(): string[] {
    return [...this.lessons.keys()];
  }

  /** The profile's crawl patterns for the URL's host: at least one `include` must match, no `exclude` may. */
  accepts(url: string): boolean {
    const profile = profileFor(this.profiles, url);
    if (!profile) return true;
    let compiled = this.patterns.get(profile);
    if (!compiled) {
      // Validated when the file was loaded (src/sites/profiles.ts), so they compile.
      compiled = { include: (profile.include ?? []).map((p) => new RegExp(p)), exclude: (profile.exclude ?? []).map((p) => new RegExp(p)) };
      this.patterns.set(profile, compiled);
    }
    if (compiled.include.length > 0 && !compiled.include.some((re) => re.test(url))) return false;
    return !compiled.exclude.some((re) => re.test(url));
  }
}

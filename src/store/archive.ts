/**
 * The SQLite archive (better-sqlite3): articles with their URL aliases, raw pages, history, the crawl frontier,
 * validators, the run log, the near-duplicate index and full-text search, in one file. Every write is one
 * transaction, so a process killed at any point leaves the archive as of its last completed call.
 */
import Database from 'better-sqlite3';
import { accessSync, closeSync, constants as fsConstants, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { DEFAULT_DUP_THRESHOLD, DuplicateClusters } from '../dedup/clusters.js';
import { UserError } from '../errors.js';
import { normalizeUrl, siteOf } from '../normalize/url.js';
import type { ArticleRecord } from '../types.js';
import { ArchiveLock } from './lock.js';
import { compressRawPage } from './raw-page.js';
import { ARTICLE_SELECT, type ArticleRow, dateKey, recordColumns, rowToArticle } from './rows.js';
import { APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION } from './schema.js';
import type {
  CrawlDefinition,
  CrawlSettings,
  CrawlStore,
  DiscoveredUrl,
  FrontierItem,
  FrontierState,
  PageCompletion,
  SaveArticleInput,
  SaveOutcome,
  StoredArticle,
  Validators,
} from './types.js';

export interface ArchiveOptions {
  /** Open for reading only (export, list, search...): never creates, migrates or writes. */
  readonly?: boolean;
  /** Create the file when missing (default true unless readonly). */
  create?: boolean;
  /**
   * Similarity from which two articles are one story (see src/dedup). Remembered in the archive, so later runs
   * without the option cluster alike; `reextract --dup-threshold` re-clusters what is stored.
   */
  dupThreshold?: number;
}

const RECLUSTER_BATCH = 1000;
/** How long a statement waits for another process's write transaction before failing. */
const BUSY_TIMEOUT_MS = 10_000;
const SQLITE_HEADER = 'SQLite format 3\0';

/** `--db PATH`, else $NEWSARC_DB, else ./newsarc.db, as an absolute path. */
export function resolveDbPath(option?: string | null): string {
  return resolve(option || process.env.NEWSARC_DB || 'newsarc.db');
}

export interface RawPage {
  url: string;
  charset: string | null;
  html: Uint8Array;
}

export class Archive implements CrawlStore {
  private writerLock: ArchiveLock | null = null;
  private readonly clusters: DuplicateClusters | null;
  private readonly statements = new Map<string, Database.Statement>();

  private constructor(
    private readonly handle: Database.Database,
    readonly path: string,
    dupThreshold: number | undefined,
  ) {
    if (dupThreshold !== undefined && !handle.readonly) {
      handle.prepare("INSERT OR REPLACE INTO settings (key, value) VALUES ('dup_threshold', ?)").run(String(dupThreshold));
    }
    const stored = handle.prepare("SELECT value FROM settings WHERE key = 'dup_threshold'").pluck().get() as string | undefined;
    this.dupThreshold = dupThreshold ?? (stored === undefined ? DEFAULT_DUP_THRESHOLD : Number(stored));
    this.clusters = handle.readonly ? null : new DuplicateClusters(handle, this.dupThreshold);
  }

  /** The similarity from which articles are clustered as one story in this archive. */
  readonly dupThreshold: number;

  /** Opens (and creates or migrates) an archive; a missing, foreign, corrupt or too-new file is a UserError. */
  static open(path: string, options: ArchiveOptions = {}): Archive {
    if (options.dupThreshold !== undefined && !(options.dupThreshold > 0 && options.dupThreshold <= 1)) {
      throw new UserError(`--dup-threshold: expected a number in (0, 1], got ${options.dupThreshold}`, 2);
    }
    const readonly = options.readonly ?? false;
    const create = !readonly && (options.create ?? true);
    const exists = existsSync(path);
    if (!exists && !create) throw new UserError(`no archive at ${path} (crawl something first, or pass --db)`);
    if (exists) checkHeader(path);
    if (exists && !readonly) checkWritable(path);
    let db: Database.Database;
    try {
      db = new Database(path, { readonly, fileMustExist: !create, timeout: BUSY_TIMEOUT_MS });
    } catch (err) {
      throw new UserError(`cannot open archive ${path}: ${(err as Error).message}`);
    }
    try {
      prepareSchema(db, path, readonly);
    } catch (err) {
      db.close();
      throw asUserError(err, path);
    }
    return new Archive(db, path, options.dupThreshold);
  }

  /** The better-sqlite3 handle, for read queries of other stages; writes go through this class. */
  get db(): Database.Database {
    return this.handle;
  }

  /** Takes the writer lock (crawl, sync): a second writer fails with a UserError naming the holder's pid. */
  lock(): void {
    this.writerLock ??= ArchiveLock.acquire(this.path);
  }

  close(): void {
    this.writerLock?.release();
    this.writerLock = null;
    if (this.handle.open) this.handle.close();
  }

  private stmt(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.handle.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  // ---- articles ----

  /**
   * Stores a fetched article. Known URL: unchanged or updated (the old version's hash goes to history). Unknown URL
   * but the same text as a stored article: that article gains the URL as an alias ('duplicate'). Otherwise a new
   * article, clustered with its near duplicates.
   */
  saveArticle(input: SaveArticleInput): { articleId: number; outcome: SaveOutcome } {
    return this.handle.transaction(() => this.saveArticleInTransaction(input))();
  }

  private saveArticleInTransaction(input: SaveArticleInput): { articleId: number; outcome: SaveOutcome } {
    const url = normalizeUrl(input.record.url);
    if (!url) throw new Error(`cannot store an article without an http(s) URL: ${input.record.url}`);
    const fetchedUrls = [url, ...input.aliases.map((a) => normalizeUrl(a)).filter((a): a is string => a !== null)];
    const known = this.articleIdByUrls(fetchedUrls);
    if (known !== null) {
      const changed = this.writeRecord(known, input.record, input.extractorVersion, {
        fetchedAt: input.fetchedAt,
        httpStatus: input.httpStatus,
        charset: input.charset,
      });
      this.addAliases(known, fetchedUrls, input.record.canonicalUrl);
      if (input.rawHtml) this.putRawPage(known, input.record.url, input.charset, input.rawHtml, input.rawHtmlCompressed);
      return { articleId: known, outcome: changed ? 'updated' : 'unchanged' };
    }
    const same =
      input.record.text.trim() === ''
        ? undefined
        : (this.stmt('SELECT id FROM articles WHERE content_hash = ? ORDER BY id LIMIT 1').pluck().get(input.record.contentHash) as number | undefined);
    if (same !== undefined) {
      this.addAliases(same, fetchedUrls, input.record.canonicalUrl);
      return { articleId: same, outcome: 'duplicate' };
    }
    const columns = recordColumns(input.record);
    const id = Number(
      this.stmt(
        `INSERT INTO articles (url, site, ${Object.keys(columns).join(', ')}, date_key, fetched_at, first_fetched_at, http_status, charset, extractor_version)
         VALUES (@url, @site, ${Object.keys(columns).map((c) => `@${c}`).join(', ')}, @date_key, @fetched_at, @fetched_at, @http_status, @charset, @extractor_version)`,
      ).run({
        ...columns,
        url,
        site: siteOf(url),
        date_key: dateKey(input.record.publishedAt, input.fetchedAt),
        fetched_at: input.fetchedAt,
        http_status: input.httpStatus,
        charset: input.charset,
        extractor_version: input.extractorVersion,
      }).lastInsertRowid,
    );
    this.addAliases(id, fetchedUrls, input.record.canonicalUrl);
    if (input.rawHtml) this.putRawPage(id, input.record.url, input.charset, input.rawHtml, input.rawHtmlCompressed);
    this.clusters!.add(id, input.record.text, input.textFingerprint);
    return { articleId: id, outcome: 'new' };
  }

  /**
   * Rewrites an article's record in place (same id). A changed text keeps the old hash in history and moves the
   * article through the near-duplicate index again. Returns whether anything in the record changed.
   */
  private writeRecord(
    id: number,
    record: ArticleRecord,
    extractorVersion: string,
    fetch?: { fetchedAt: string; httpStatus: number; charset: string },
  ): boolean {
    const old = this.stmt(`${ARTICLE_SELECT} WHERE a.id = ?`).get(id) as ArticleRow;
    const oldRecord = rowToArticle(old);
    const columns = recordColumns(record);
    const changed = Object.entries(recordColumns(oldRecord)).some(([k, v]) => columns[k] !== v);
    const fetchedAt = fetch?.fetchedAt ?? old.fetched_at;
    if (old.content_hash !== record.contentHash) {
      this.stmt(
        `INSERT INTO history (article_id, content_hash, title, fetched_at, extractor_version, replaced_at)
         SELECT id, content_hash, title, fetched_at, extractor_version, ? FROM articles WHERE id = ?`,
      ).run(new Date().toISOString(), id);
      this.clusters!.remove(id);
    }
    this.stmt(
      `UPDATE articles SET ${Object.keys(columns).map((c) => `${c} = @${c}`).join(', ')}, date_key = @date_key,
       fetched_at = @fetched_at, http_status = coalesce(@http_status, http_status), charset = coalesce(@charset, charset),
       extractor_version = @extractor_version WHERE id = @id`,
    ).run({
      ...columns,
      id,
      date_key: dateKey(record.publishedAt, fetchedAt),
      fetched_at: fetchedAt,
      http_status: fetch?.httpStatus ?? null,
      charset: fetch?.charset ?? null,
      extractor_version: extractorVersion,
    });
    if (old.content_hash !== record.contentHash) this.clusters!.add(id, record.text);
    return changed;
  }

  /** For reextract: replaces the extracted record of a stored article, keeping its id, URL and fetch facts. */
  replaceExtraction(id: number, record: ArticleRecord, extractorVersion: string): 'updated' | 'unchanged' {
    return this.handle.transaction(() => {
      const stored = this.stmt('SELECT url FROM articles WHERE id = ?').pluck().get(id) as string | undefined;
      if (stored === undefined) throw new Error(`no article ${id}`);
      return this.writeRecord(id, { ...record, url: stored }, extractorVersion) ? 'updated' : 'unchanged';
    })();
  }

  private articleIdByUrls(urls: string[]): number | null {
    for (const url of urls) {
      const id = this.stmt('SELECT article_id FROM article_urls WHERE url = ?').pluck().get(url) as number | undefined;
      if (id !== undefined) return id;
    }
    return null;
  }

  /**
   * Maps fetched URLs to the article (they are its addresses), and the canonical URL too unless another article
   * already owns it or it is a site root: some sites declare their home page canonical on every page.
   */
  private addAliases(id: number, fetchedUrls: string[], canonicalUrl: string | null): void {
    const add = this.stmt('INSERT OR IGNORE INTO article_urls (url, article_id) VALUES (?, ?)');
    for (const url of fetchedUrls) add.run(url, id);
    const canonical = canonicalUrl ? normalizeUrl(canonicalUrl) : null;
    if (canonical && new URL(canonical).pathname !== '/') add.run(canonical, id);
  }

  private putRawPage(id: number, url: string, charset: string, html: Uint8Array, compressed?: Uint8Array): void {
    const body = compressed ?? compressRawPage(html);
    this.stmt('INSERT OR REPLACE INTO raw_pages (article_id, url, charset, compression, body) VALUES (?, ?, ?, ?, ?)').run(
      id,
      url,
      charset,
      'br',
      body,
    );
  }

  /** The raw HTML stored for an article (as fetched), or null when it was crawled with --no-store-html. */
  rawPage(id: number): RawPage | null {
    const row = this.stmt('SELECT url, charset, compression, body FROM raw_pages WHERE article_id = ?').get(id) as
      | { url: string; charset: string | null; compression: string; body: Buffer }
      | undefined;
    if (!row) return null;
    return { url: row.url, charset: row.charset, html: row.compression === 'br' ? brotliDecompressSync(row.body) : row.body };
  }

  getArticle(id: number): StoredArticle | null {
    const row = this.stmt(`${ARTICLE_SELECT} WHERE a.id = ?`).get(id) as ArticleRow | undefined;
    return row ? rowToArticle(row) : null;
  }

  /** An article id from `show`'s argument: a number is an id, anything else a URL or alias. */
  findArticleId(idOrUrl: string): number | null {
    if (/^\d+$/.test(idOrUrl)) {
      return (this.stmt('SELECT id FROM articles WHERE id = ?').pluck().get(Number(idOrUrl)) as number | undefined) ?? null;
    }
    const url = normalizeUrl(idOrUrl);
    return url ? this.articleIdByUrls([url]) : null;
  }

  /**
   * Rebuilds every duplicate cluster (after a threshold change), oldest articles first, in transactions of
   * RECLUSTER_BATCH articles so a kill loses at most one batch of work (and a rerun redoes it).
   */
  recluster(): void {
    const ids = this.stmt('SELECT id FROM articles ORDER BY id').pluck().all() as number[];
    this.handle.transaction(() => {
      this.stmt('UPDATE articles SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL').run();
      this.stmt('DELETE FROM lsh_bands').run();
      this.stmt('DELETE FROM fingerprints').run();
    })();
    const textOf = this.stmt('SELECT text FROM articles WHERE id = ?').pluck();
    for (let i = 0; i < ids.length; i += RECLUSTER_BATCH) {
      this.handle.transaction(() => {
        for (const id of ids.slice(i, i + RECLUSTER_BATCH)) this.clusters!.add(id, textOf.get(id) as string);
      })();
    }
  }

  /** Ids of articles whose record came from another extractor version than `version` (all with `all`). */
  articleIdsForReextract(version: string, all: boolean): number[] {
    const sql = all
      ? 'SELECT article_id FROM raw_pages ORDER BY article_id'
      : 'SELECT r.article_id FROM raw_pages r JOIN articles a ON a.id = r.article_id WHERE a.extractor_version <> ? ORDER BY r.article_id';
    const stmt = this.stmt(sql).pluck();
    return (all ? stmt.all() : stmt.all(version)) as number[];
  }

  // ---- CrawlStore ----

  saveCrawl(seeds: string[], settings: CrawlSettings): number {
    const key = JSON.stringify(seeds);
    return this.handle.transaction(() => {
      const existing = this.stmt('SELECT id FROM crawls WHERE seeds = ?').pluck().get(key) as number | undefined;
      if (existing !== undefined) {
        this.stmt('UPDATE crawls SET settings = ? WHERE id = ?').run(JSON.stringify(settings), existing);
        return existing;
      }
      return Number(
        this.stmt('INSERT INTO crawls (seeds, settings, created_at) VALUES (?, ?, ?)').run(key, JSON.stringify(settings), new Date().toISOString())
          .lastInsertRowid,
      );
    })();
  }

  listCrawls(): CrawlDefinition[] {
    const rows = this.stmt('SELECT id, seeds, settings, created_at, last_run_at FROM crawls ORDER BY id').all() as {
      id: number;
      seeds: string;
      settings: string;
      created_at: string;
      last_run_at: string | null;
    }[];
    return rows.map((r) => ({
      id: r.id,
      seeds: JSON.parse(r.seeds) as string[],
      settings: JSON.parse(r.settings) as CrawlSettings,
      createdAt: r.created_at,
      lastRunAt: r.last_run_at,
    }));
  }

  markCrawlRun(crawlId: number, at: string): void {
    this.stmt('UPDATE crawls SET last_run_at = ? WHERE id = ?').run(at, crawlId);
  }

  enqueue(crawlId: number, items: DiscoveredUrl[]): number {
    return this.handle.transaction(() => this.enqueueInTransaction(crawlId, items))();
  }

  private enqueueInTransaction(crawlId: number, items: DiscoveredUrl[]): number {
    const insert = this.stmt("INSERT OR IGNORE INTO frontier (crawl_id, url, depth, kind, state, lastmod) VALUES (?, ?, ?, ?, 'queued', ?)");
    let added = 0;
    for (const item of items) {
      const url = normalizeUrl(item.url);
      if (url) added += insert.run(crawlId, url, item.depth, item.kind, item.lastmod ?? null).changes;
    }
    return added;
  }

  claim(crawlId: number, limit: number): FrontierItem[] {
    return this.handle.transaction(() => {
      const rows = this.stmt(
        "SELECT id, crawl_id, url, depth, kind, attempts, lastmod FROM frontier WHERE crawl_id = ? AND state = 'queued' ORDER BY depth, id LIMIT ?",
      ).all(crawlId, limit) as { id: number; crawl_id: number; url: string; depth: number; kind: FrontierItem['kind']; attempts: number; lastmod: string | null }[];
      const start = this.stmt("UPDATE frontier SET state = 'in-flight', attempts = attempts + 1 WHERE id = ?");
      return rows.map((r) => {
        start.run(r.id);
        return { id: r.id, crawlId: r.crawl_id, url: r.url, depth: r.depth, kind: r.kind, state: 'in-flight' as const, attempts: r.attempts + 1, lastmod: r.lastmod };
      });
    })();
  }

  completePage(item: FrontierItem, completion: PageCompletion): { articleId: number | null; outcome: SaveOutcome | null } {
    return this.handle.transaction(() => {
      const saved = completion.article ? this.saveArticleInTransaction(completion.article) : null;
      if (completion.links?.length) this.enqueueInTransaction(item.crawlId, completion.links);
      if (completion.validators) this.putValidators(item.url, completion.validators);
      this.stmt('UPDATE frontier SET state = ?, note = ? WHERE id = ?').run(completion.state, completion.note ?? null, item.id);
      return { articleId: saved?.articleId ?? null, outcome: saved?.outcome ?? null };
    })();
  }

  requeueInFlight(crawlId: number): number {
    return this.stmt("UPDATE frontier SET state = 'queued' WHERE crawl_id = ? AND state = 'in-flight'").run(crawlId).changes;
  }

  requeueFinished(crawlId: number): number {
    return this.stmt("UPDATE frontier SET state = 'queued', attempts = 0, note = NULL WHERE crawl_id = ? AND state IN ('done', 'failed', 'skipped')").run(crawlId)
      .changes;
  }

  frontierCounts(crawlId: number): Record<FrontierState, number> {
    const counts: Record<FrontierState, number> = { queued: 0, 'in-flight': 0, done: 0, failed: 0, skipped: 0 };
    const rows = this.stmt('SELECT state, count(*) AS n FROM frontier WHERE crawl_id = ? GROUP BY state').all(crawlId) as { state: FrontierState; n: number }[];
    for (const r of rows) counts[r.state] = r.n;
    return counts;
  }

  getValidators(url: string): Validators | null {
    const key = normalizeUrl(url);
    if (!key) return null;
    const row = this.stmt('SELECT etag, last_modified, sitemap_lastmod FROM validators WHERE url = ?').get(key) as
      | { etag: string | null; last_modified: string | null; sitemap_lastmod: string | null }
      | undefined;
    return row ? { etag: row.etag, lastModified: row.last_modified, sitemapLastmod: row.sitemap_lastmod } : null;
  }

  private putValidators(url: string, update: Partial<Validators>): void {
    const key = normalizeUrl(url);
    if (!key) return;
    const merged = { etag: null, lastModified: null, sitemapLastmod: null, ...this.getValidators(key), ...update };
    this.stmt('INSERT OR REPLACE INTO validators (url, etag, last_modified, sitemap_lastmod) VALUES (?, ?, ?, ?)').run(
      key,
      merged.etag,
      merged.lastModified,
      merged.sitemapLastmod,
    );
  }

  hasArticle(url: string): boolean {
    const key = normalizeUrl(url);
    return key !== null && this.articleIdByUrls([key]) !== null;
  }

  logRun(run: { crawlId: number; command: 'crawl' | 'sync'; startedAt: string; finishedAt: string; stats: Record<string, number> }): void {
    this.stmt('INSERT INTO runs (crawl_id, command, started_at, finished_at, stats) VALUES (?, ?, ?, ?, ?)').run(
      run.crawlId,
      run.command,
      run.startedAt,
      run.finishedAt,
      JSON.stringify(run.stats),
    );
  }
}

/** Refuses non-SQLite files before SQLite sees them (it would report them only at the first query). */
function checkHeader(path: string): void {
  const stat = statSync(path);
  if (!stat.isFile()) throw new UserError(`${path} is not a file`);
  if (stat.size === 0) return;
  const header = Buffer.alloc(SQLITE_HEADER.length);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  if (header.toString('latin1') !== SQLITE_HEADER) throw new UserError(`${path} is not a newsarc archive (not a SQLite database)`);
}

/**
 * A writer needs the file, and its directory for the -wal and -shm files, writable. Checked up front because
 * SQLite would open a read-only file silently read-only and fail only at the first write, with no path in its message.
 */
function checkWritable(path: string): void {
  for (const target of [path, dirname(path)]) {
    try {
      accessSync(target, fsConstants.W_OK);
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === 'EROFS' ? 'on a read-only file system' : `${target} is not writable`;
      throw new UserError(`archive ${path} is read-only (${why}); crawl, sync and reextract need to write it`);
    }
  }
}

/** Creates the schema in an empty file, migrates an older one, and refuses files that are not ours or too new. */
function prepareSchema(db: Database.Database, path: string, readonly: boolean): void {
  // Both pragmas and the table count in one read transaction: another process creating the archive right now
  // commits all of them at once, so a half-created file is never mistaken for another application's.
  const version = db.transaction(() => checkIdentity(db, path, readonly))();
  if (!readonly) {
    db.pragma('journal_mode = WAL');
    // NORMAL is safe against process kills in WAL mode; only an OS crash can lose the last commits.
    db.pragma('synchronous = NORMAL');
  }
  db.pragma('foreign_keys = ON');
  if (version < SCHEMA_VERSION) {
    if (readonly) throw new UserError(`archive ${path} uses an older schema; run a writing command (crawl, reextract) once to upgrade it`);
    db.transaction(() => {
      // Two crawls started at once on a new file both get here: the second, once it holds the write lock, must see
      // what the first created and not run the migrations again.
      for (let v = checkIdentity(db, path, readonly); v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }).immediate();
  }
}

/** The file's schema version; throws for another application's database, an empty file read-only, a newer schema. */
function checkIdentity(db: Database.Database, path: string, readonly: boolean): number {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  if (applicationId !== APPLICATION_ID) {
    const objects = db.prepare('SELECT count(*) FROM sqlite_schema').pluck().get() as number;
    if (applicationId !== 0 || version !== 0 || objects > 0) {
      throw new UserError(`${path} is not a newsarc archive (a SQLite database of another application)`);
    }
    if (readonly) throw new UserError(`${path} is an empty file, not a newsarc archive`);
  }
  if (version > SCHEMA_VERSION) {
    throw new UserError(`archive ${path} was written by a newer newsarc (schema ${version}, this one knows ${SCHEMA_VERSION}); upgrade newsarc`);
  }
  return version;
}

function asUserError(err: unknown, path: string): Error {
  if (err instanceof UserError) return err;
  const code = (err as { code?: string }).code;
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
    return new UserError(`${path} is corrupt or not a newsarc archive (${(err as Error).message})`);
  }
  if (code === 'SQLITE_BUSY') return new UserError(`archive ${path} is busy (another process holds a long write); try again`);
  // E.g. a WAL archive on read-only media: SQLite needs to create its -shm file even to read.
  if (code === 'SQLITE_CANTOPEN') return new UserError(`cannot open archive ${path}: ${(err as Error).message}`);
  return err as Error;
}

/**
 * The archive's schema as an ordered list of migrations: MIGRATIONS[n] takes a database from version n to n + 1
 * (PRAGMA user_version). Never edit a released migration; append a new one.
 */

/** PRAGMA application_id of a newsarc archive ("NARC"): tells our files from other apps' SQLite databases. */
export const APPLICATION_ID = 0x4e415243;

const V1 = `
-- Archive-wide settings that must stay the same across runs (e.g. the duplicate threshold).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  url TEXT NOT NULL,
  site TEXT NOT NULL,
  canonical_url TEXT,
  title TEXT,
  authors TEXT NOT NULL DEFAULT '[]',
  published_at TEXT,
  modified_at TEXT,
  source TEXT,
  editors TEXT NOT NULL DEFAULT '[]',
  site_name TEXT,
  language TEXT,
  description TEXT,
  tags TEXT NOT NULL DEFAULT '[]',
  image TEXT,
  text TEXT NOT NULL,
  markdown TEXT NOT NULL,
  word_count INTEGER NOT NULL,
  content_hash TEXT NOT NULL,
  -- publishedAt else fetchedAt, as written on the page (wall clock, no offset): what --since/--until compare.
  date_key TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  first_fetched_at TEXT NOT NULL,
  http_status INTEGER NOT NULL,
  charset TEXT,
  extractor_version TEXT NOT NULL,
  duplicate_of INTEGER REFERENCES articles(id) ON DELETE SET NULL
);
CREATE INDEX articles_content_hash ON articles(content_hash);
CREATE INDEX articles_date ON articles(date_key);
CREATE INDEX articles_site_date ON articles(site, date_key);
CREATE INDEX articles_duplicate_of ON articles(duplicate_of);

CREATE TABLE article_urls (
  url TEXT PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX article_urls_article ON article_urls(article_id);

CREATE TABLE raw_pages (
  article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  charset TEXT,
  compression TEXT NOT NULL,
  body BLOB NOT NULL
);

CREATE TABLE history (
  id INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  content_hash TEXT NOT NULL,
  title TEXT,
  fetched_at TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  replaced_at TEXT NOT NULL
);
CREATE INDEX history_article ON history(article_id);

CREATE TABLE crawls (
  id INTEGER PRIMARY KEY,
  seeds TEXT NOT NULL UNIQUE,
  settings TEXT NOT NULL,
  created_at TEXT NOT NULL,
  last_run_at TEXT
);

CREATE TABLE frontier (
  id INTEGER PRIMARY KEY,
  crawl_id INTEGER NOT NULL REFERENCES crawls(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  depth INTEGER NOT NULL,
  kind TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  lastmod TEXT,
  note TEXT,
  UNIQUE (crawl_id, url)
);
CREATE INDEX frontier_claim ON frontier(crawl_id, state, depth, id);

CREATE TABLE validators (
  url TEXT PRIMARY KEY,
  etag TEXT,
  last_modified TEXT,
  sitemap_lastmod TEXT
) WITHOUT ROWID;

CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  crawl_id INTEGER REFERENCES crawls(id) ON DELETE SET NULL,
  command TEXT NOT NULL,
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  stats TEXT NOT NULL
);

-- Near-duplicate index (src/dedup): one MinHash signature per article, and its LSH band keys.
CREATE TABLE fingerprints (
  article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
  shingle_count INTEGER NOT NULL,
  signature BLOB NOT NULL
);
CREATE TABLE lsh_bands (
  band_key INTEGER NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;
CREATE INDEX lsh_bands_article ON lsh_bands(article_id);

-- Full text: trigram tokens work for Chinese (no word spaces) and English alike; kept in sync by triggers.
CREATE VIRTUAL TABLE articles_fts USING fts5(
  title, text, content='articles', content_rowid='id', tokenize='trigram remove_diacritics 1'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, coalesce(new.title, ''), new.text);
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, coalesce(old.title, ''), old.text);
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles
WHEN old.title IS NOT new.title OR old.text IS NOT new.text BEGIN
  INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, coalesce(old.title, ''), old.text);
  INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, coalesce(new.title, ''), new.text);
END;
`;

/**
 * Site memory (src/sites/memory.ts): how many of a host's distinct pages each block fingerprint was seen on.
 * IF NOT EXISTS because archives written before this migration may already hold the tables (site memory created
 * them itself then).
 */
const V2 = `
CREATE TABLE IF NOT EXISTS site_pages (
  host TEXT NOT NULL,
  page_key TEXT NOT NULL,
  -- The fingerprints already counted for this page, space-separated: recording the page again (a re-crawl,
  -- reextract, a syndicated copy in the same cluster) only counts what is new.
  fingerprints TEXT NOT NULL,
  PRIMARY KEY (host, page_key)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS site_blocks (
  host TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  pages INTEGER NOT NULL,
  -- Kept from the second page on: a block seen once is an article's own paragraph, not worth a copy.
  sample TEXT,
  PRIMARY KEY (host, fingerprint)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS site_blocks_by_pages ON site_blocks(host, pages);
`;

export const MIGRATIONS: readonly string[] = [V1, V2];

/** The schema version this code writes; a file with a higher user_version was written by a newer newsarc. */
export const SCHEMA_VERSION = MIGRATIONS.length;

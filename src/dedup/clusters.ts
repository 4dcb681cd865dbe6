/**
 * Duplicate clusters in the archive: each near-duplicate group has one representative (duplicate_of NULL) and
 * members pointing at it. Candidates come from the LSH band index, so adding an article costs a few indexed
 * lookups whatever the archive's size.
 */
import type { Database, Statement } from 'better-sqlite3';
import { type Fingerprint, MINHASH, bandKeys, fingerprint, signatureFromBlob, signatureToBlob, similarity } from './fingerprint.js';

/** Default similarity (src/dedup/fingerprint.ts `similarity`) from which two texts are one story. */
export const DEFAULT_DUP_THRESHOLD = 0.8;

/** Most candidates verified per article: bounds the cost when a huge cluster shares a band. */
const MAX_CANDIDATES = 200;

interface RankRow {
  id: number;
  published_at: string | null;
  first_fetched_at: string;
  duplicate_of: number | null;
}

/** Sort key of a cluster representative: the earliest published, else the first fetched, else the oldest id. */
function rankKey(row: RankRow): [number, string, number] {
  const published = row.published_at ? Date.parse(row.published_at) : NaN;
  return [Number.isNaN(published) ? Number.POSITIVE_INFINITY : published, row.first_fetched_at, row.id];
}

function earlier(a: RankRow, b: RankRow): boolean {
  const [ap, af, ai] = rankKey(a);
  const [bp, bf, bi] = rankKey(b);
  if (ap !== bp) return ap < bp;
  if (af !== bf) return af < bf;
  return ai < bi;
}

export class DuplicateClusters {
  private readonly candidatesOf: Statement;
  private readonly insertFingerprint: Statement;
  private readonly insertBand: Statement;
  private readonly deleteFingerprint: Statement;
  private readonly deleteBands: Statement;
  private readonly fingerprintOf: Statement;
  private readonly rankOf: Statement;
  private readonly membersOf: Statement;
  private readonly setDuplicateOf: Statement;
  private readonly repoint: Statement;

  constructor(
    db: Database,
    readonly threshold: number = DEFAULT_DUP_THRESHOLD,
  ) {
    const bandParams = Array.from({ length: MINHASH.bands }, () => '?').join(',');
    this.candidatesOf = db
      .prepare(`SELECT DISTINCT article_id FROM lsh_bands WHERE band_key IN (${bandParams}) LIMIT ${MAX_CANDIDATES}`)
      .pluck();
    this.insertFingerprint = db.prepare('INSERT OR REPLACE INTO fingerprints(article_id, shingle_count, signature) VALUES (?, ?, ?)');
    this.insertBand = db.prepare('INSERT OR IGNORE INTO lsh_bands(band_key, article_id) VALUES (?, ?)');
    this.deleteFingerprint = db.prepare('DELETE FROM fingerprints WHERE article_id = ?');
    this.deleteBands = db.prepare('DELETE FROM lsh_bands WHERE article_id = ?');
    this.fingerprintOf = db.prepare('SELECT signature, shingle_count FROM fingerprints WHERE article_id = ?');
    this.rankOf = db.prepare('SELECT id, published_at, first_fetched_at, duplicate_of FROM articles WHERE id = ?');
    this.membersOf = db.prepare('SELECT id, published_at, first_fetched_at, duplicate_of FROM articles WHERE duplicate_of = ?');
    this.setDuplicateOf = db.prepare('UPDATE articles SET duplicate_of = ? WHERE id = ?');
    this.repoint = db.prepare('UPDATE articles SET duplicate_of = ? WHERE duplicate_of = ?');
  }

  /**
   * Fingerprints a stored article and joins it to the cluster of its most similar match (if any reaches the
   * threshold), making it the representative when it was published earlier. Returns its representative's id or null.
   * `precomputed` is `fingerprint(text)` when the caller has it already. Call inside the caller's transaction.
   */
  add(articleId: number, text: string, precomputed?: Fingerprint | null): number | null {
    const fp = precomputed === undefined ? fingerprint(text) : precomputed;
    if (!fp) return null;
    const keys = bandKeys(fp.signature);
    const candidates = this.candidatesOf.all(...keys) as number[];
    this.insertFingerprint.run(articleId, fp.shingleCount, signatureToBlob(fp.signature));
    for (const key of keys) this.insertBand.run(key, articleId);

    let best: { id: number; similarity: number } | null = null;
    for (const id of candidates) {
      if (id === articleId) continue;
      const row = this.fingerprintOf.get(id) as { signature: Buffer; shingle_count: number } | undefined;
      if (!row) continue;
      const score = similarity(fp, { signature: signatureFromBlob(row.signature), shingleCount: row.shingle_count });
      if (score >= this.threshold && (!best || score > best.similarity)) best = { id, similarity: score };
    }
    if (!best) return null;

    const match = this.rankOf.get(best.id) as RankRow;
    const root = match.duplicate_of === null ? match : (this.rankOf.get(match.duplicate_of) as RankRow);
    const self = this.rankOf.get(articleId) as RankRow;
    if (earlier(self, root)) {
      this.repoint.run(articleId, root.id);
      this.setDuplicateOf.run(articleId, root.id);
      return null;
    }
    this.setDuplicateOf.run(root.id, articleId);
    return root.id;
  }

  /**
   * Takes an article out of the index and out of its cluster (before its text changes or it is deleted);
   * when it was a representative, its earliest member takes over the rest. Call inside a transaction.
   */
  remove(articleId: number): void {
    const members = this.membersOf.all(articleId) as RankRow[];
    if (members.length > 0) {
      const heir = members.reduce((a, b) => (earlier(b, a) ? b : a));
      this.repoint.run(heir.id, articleId);
      this.setDuplicateOf.run(null, heir.id);
    }
    this.setDuplicateOf.run(null, articleId);
    this.deleteBands.run(articleId);
    this.deleteFingerprint.run(articleId);
  }
}

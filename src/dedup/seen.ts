/**
 * Near-duplicate memory for one pass over texts that are not in the archive's index, e.g. Traditional and
 * Simplified copies that only become alike after `export --convert`. Kept in a temporary SQLite file (deleted on
 * close), so memory stays flat however many texts pass.
 */
import Database from 'better-sqlite3';
import { DEFAULT_DUP_THRESHOLD } from './clusters.js';
import { type Fingerprint, bandKeys, MINHASH, signatureFromBlob, signatureToBlob, similarity } from './fingerprint.js';

export class SeenTexts {
  // An empty file name: SQLite's private temporary database, removed when closed.
  private readonly db = new Database('');
  private readonly candidates: Database.Statement;
  private readonly fingerprintOf: Database.Statement;
  private readonly insertFingerprint: Database.Statement;
  private readonly insertBand: Database.Statement;
  private next = 0;

  constructor(private readonly threshold = DEFAULT_DUP_THRESHOLD) {
    this.db.exec(`
      CREATE TABLE fingerprints (id INTEGER PRIMARY KEY, shingle_count INTEGER NOT NULL, signature BLOB NOT NULL);
      CREATE TABLE bands (band_key INTEGER NOT NULL, id INTEGER NOT NULL, PRIMARY KEY (band_key, id)) WITHOUT ROWID;`);
    const bandParams = Array.from({ length: MINHASH.bands }, () => '?').join(',');
    this.candidates = this.db.prepare(`SELECT DISTINCT id FROM bands WHERE band_key IN (${bandParams})`).pluck();
    this.fingerprintOf = this.db.prepare('SELECT signature, shingle_count FROM fingerprints WHERE id = ?');
    this.insertFingerprint = this.db.prepare('INSERT INTO fingerprints (id, shingle_count, signature) VALUES (?, ?, ?)');
    this.insertBand = this.db.prepare('INSERT OR IGNORE INTO bands (band_key, id) VALUES (?, ?)');
  }

  /** True when a text like this one passed before; otherwise remembers it and returns false. */
  seenBefore(fp: Fingerprint): boolean {
    const keys = bandKeys(fp.signature);
    for (const id of this.candidates.all(...keys) as number[]) {
      const row = this.fingerprintOf.get(id) as { signature: Buffer; shingle_count: number };
      if (similarity(fp, { signature: signatureFromBlob(row.signature), shingleCount: row.shingle_count }) >= this.threshold) return true;
    }
    const id = this.next++;
    this.db.transaction(() => {
      this.insertFingerprint.run(id, fp.shingleCount, signatureToBlob(fp.signature));
      for (const key of keys) this.insertBand.run(key, id);
    })();
    return false;
  }

  close(): void {
    this.db.close();
  }
}

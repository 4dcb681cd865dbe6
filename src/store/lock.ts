/**
 * The advisory writer lock of an archive (crawl, sync). It is an exclusive SQLite transaction held on a small
 * file beside the archive: the kernel drops the underlying file lock when its process dies, even on kill -9,
 * so a dead holder never blocks the next crawl, and no pid-liveness guessing is needed.
 */
import Database from 'better-sqlite3';
import { hostname } from 'node:os';
import { UserError } from '../errors.js';

interface Holder {
  pid: number;
  host: string;
}

export class ArchiveLock {
  private constructor(private readonly db: Database.Database) {}

  /** Takes the lock on `archivePath` or throws a UserError naming the process holding it. */
  static acquire(archivePath: string): ArchiveLock {
    const lockPath = `${archivePath}.lock`;
    let db: Database.Database;
    try {
      db = new Database(lockPath, { timeout: 0 });
      db.exec('CREATE TABLE IF NOT EXISTS holder (pid INTEGER NOT NULL, host TEXT NOT NULL)');
    } catch (err) {
      throw heldOrUnusable(archivePath, lockPath, err);
    }
    try {
      // Publish who we are, then take the lock for good; a process slipping in between simply wins instead.
      db.exec('BEGIN IMMEDIATE');
      db.prepare('DELETE FROM holder').run();
      db.prepare('INSERT INTO holder (pid, host) VALUES (?, ?)').run(process.pid, hostname());
      db.exec('COMMIT');
      db.exec('BEGIN IMMEDIATE');
    } catch (err) {
      if (db.inTransaction) db.exec('ROLLBACK');
      const holder = readHolder(db);
      db.close();
      throw heldOrUnusable(archivePath, lockPath, err, holder);
    }
    return new ArchiveLock(db);
  }

  release(): void {
    if (!this.db.open) return;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
    this.db.close();
  }
}

function readHolder(db: Database.Database): Holder | null {
  try {
    return (db.prepare('SELECT pid, host FROM holder').get() as Holder | undefined) ?? null;
  } catch {
    return null;
  }
}

function heldOrUnusable(archivePath: string, lockPath: string, err: unknown, holder: Holder | null = null): UserError {
  const code = (err as { code?: string }).code;
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    const who = holder ? `pid ${holder.pid}${holder.host === hostname() ? '' : ` on ${holder.host}`}` : 'pid unknown';
    return new UserError(`archive ${archivePath} is being written by another newsarc process (${who})`);
  }
  return new UserError(`cannot lock archive ${archivePath} (${lockPath}): ${(err as Error).message}`);
}

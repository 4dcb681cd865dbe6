import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { Archive } from '../../src/store/archive.js';
import { tempDir } from './helpers.js';

const DIST_LOCK = resolve('dist/store/lock.js');

/** Starts a process that takes the archive lock and then waits forever; resolves once it holds the lock. */
async function holdLockInChild(path: string) {
  const child = spawn(process.execPath, [
    '--input-type=module',
    '-e',
    `import { ArchiveLock } from ${JSON.stringify(DIST_LOCK)}; globalThis.held = ArchiveLock.acquire(${JSON.stringify(path)}); console.log('locked'); setInterval(() => {}, 1000);`,
  ], { stdio: ['ignore', 'pipe', 'inherit'] });
  onTestFinished(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  await once(child.stdout, 'data');
  return child;
}

describe('archive lock', () => {
  it('lets one writer in and names the holder to the second', () => {
    const path = join(tempDir(), 'a.db');
    const first = Archive.open(path);
    const second = Archive.open(path);
    first.lock();
    expect(() => second.lock()).toThrow(`archive ${path} is being written by another newsarc process (pid ${process.pid})`);
    first.close();
    second.lock();
    second.close();
  });

  it('is released when the holder is killed with SIGKILL', async () => {
    const path = join(tempDir(), 'a.db');
    Archive.open(path).close();
    const child = await holdLockInChild(path);
    const archive = Archive.open(path);
    expect(() => archive.lock()).toThrow(`(pid ${child.pid})`);
    child.kill('SIGKILL');
    await once(child, 'exit');
    archive.lock();
    archive.close();
  });
});

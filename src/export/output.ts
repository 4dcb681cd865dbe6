/**
 * Where exported text goes: standard output, or a file written under a temporary name in the same directory and
 * renamed when complete, so a killed export never leaves a half file under the final name. Writes wait for
 * 'drain', so a slow reader holds back the producer instead of filling memory.
 */
import { once } from 'node:events';
import { createWriteStream, existsSync, renameSync, statSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { UserError } from '../errors.js';

/** Writes are batched to this many characters before reaching the stream. */
const CHUNK_CHARS = 64 * 1024;

export class TextOutput {
  private pending: string[] = [];
  private pendingChars = 0;
  private failure: Error | null = null;

  private constructor(
    private readonly stream: Writable,
    private readonly tempPath: string | null,
    private readonly finalPath: string | null,
  ) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      // The temporary name means nothing to the user: name the file they asked for, and the system's reason.
      this.failure = finalPath ? new UserError(`--out: cannot write ${finalPath} (${err.message.replace(/, .*$/, '')})`) : err;
    });
  }

  static stdout(stream: Writable = process.stdout): TextOutput {
    return new TextOutput(stream, null, null);
  }

  /** A file output; `path` must not be a directory and its directory must exist. */
  static file(path: string): TextOutput {
    let isDirectory = false;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch {
      // A missing file is what we expect.
    }
    if (isDirectory) throw new UserError(`--out: ${path} is a directory (a file is expected for this format)`, 2);
    if (!existsSync(dirname(path))) throw new UserError(`--out: directory ${dirname(path)} does not exist`);
    const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    const stream = createWriteStream(temp, { flags: 'wx' });
    return new TextOutput(stream, temp, path);
  }

  async write(text: string): Promise<void> {
    this.pending.push(text);
    this.pendingChars += text.length;
    if (this.pendingChars >= CHUNK_CHARS) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.pending.length === 0) return;
    const chunk = this.pending.join('');
    this.pending = [];
    this.pendingChars = 0;
    if (!this.stream.write(chunk)) await this.drained();
    if (this.failure) throw this.failure;
  }

  /** Resolves on 'drain', rejects on 'error'; removes both listeners either way. */
  private drained(): Promise<void> {
    return new Promise((resolve, reject) => {
      const done = (err?: Error) => {
        this.stream.off('drain', done);
        this.stream.off('error', done);
        if (err) reject(this.failure ?? err);
        else resolve();
      };
      this.stream.on('drain', done);
      this.stream.on('error', done);
    });
  }

  /** Flushes; a file is closed and renamed to its final name. */
  async close(): Promise<void> {
    await this.flush();
    if (!this.tempPath || !this.finalPath) return;
    this.stream.end();
    await once(this.stream, 'finish').catch((err: Error) => Promise.reject(this.failure ?? err));
    if (this.failure) throw this.failure;
    renameSync(this.tempPath, this.finalPath);
  }

  /** Drops a file output's temporary file after a failure. */
  abandon(): void {
    if (!this.tempPath) return;
    this.stream.destroy();
    try {
      unlinkSync(this.tempPath);
    } catch {
      // Never created, or already gone.
    }
  }
}

import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { extractArticle } from '../article.js';
import { decodeHtml } from '../decode/index.js';
import { fingerprint, type Fingerprint } from '../dedup/fingerprint.js';
import { compressRawPage } from '../store/raw-page.js';
import type { Extraction, ExtractOptions } from '../types.js';

/** A fetched HTML page decoded and extracted: what the crawler stores or follows. */
export interface PageExtraction {
  /** The charset the bytes were decoded with. */
  charset: string;
  extraction: Extraction;
  /**
   * For articles, the archive's per-page CPU work done here rather than on the thread that writes the archive
   * (which also serves the sockets): the raw page compressed (when it is stored) and the text's fingerprint.
   */
  rawHtmlCompressed?: Uint8Array;
  textFingerprint?: Fingerprint | null;
}

/** What the archive will need of an extracted page beyond the record. */
export interface StorePreparation {
  /** The raw HTML is stored (not --no-store-html): compress it. */
  compressHtml: boolean;
}

/** Decodes and extracts fetched pages, on this thread or off it. */
export interface PageExtractor {
  extract(body: Uint8Array, contentType: string | null, options: ExtractOptions, prepare?: StorePreparation): Promise<PageExtraction>;
  close(): Promise<void>;
}

/** Bytes to record: the one decode + extract path, shared by the inline extractor and the workers. */
export function extractPage(body: Uint8Array, contentType: string | null, options: ExtractOptions, prepare?: StorePreparation): PageExtraction {
  const decoded = decodeHtml(body, contentType);
  const page: PageExtraction = { charset: decoded.charset, extraction: extractArticle(decoded.html, options) };
  if (prepare && page.extraction.isArticle) {
    page.textFingerprint = fingerprint(page.extraction.record.text);
    if (prepare.compressHtml) page.rawHtmlCompressed = compressRawPage(body);
  }
  return page;
}

export const inlineExtractor: PageExtractor = {
  extract: async (body, contentType, options, prepare) => extractPage(body, contentType, options, prepare),
  close: async () => {},
};

/** A job as posted to a worker, and its answer. */
export interface ExtractJob {
  id: number;
  body: Uint8Array;
  contentType: string | null;
  options: ExtractOptions;
  prepare?: StorePreparation;
}
export type ExtractAnswer = { id: number; result: PageExtraction } | { id: number; error: string };

/**
 * The main thread keeps fetching and writing the archive (SQLite is synchronous and single-connection), so one
 * core is left to it; extraction, about a third of a small page's CPU, runs on the others.
 */
const WORKERS = Math.max(1, availableParallelism() - 1);

/** The compiled worker; absent when the crawler runs from TypeScript sources (tests), where extraction stays inline. */
const WORKER_URL = new URL('./extract-worker.js', import.meta.url);

interface Pending {
  job: ExtractJob;
  resolve(result: PageExtraction): void;
  reject(err: Error): void;
}

/**
 * Extraction on worker_threads: jobs queue here and go to whichever worker is idle, one at a time each, so
 * a slow page never holds up pages behind it on another worker. A crashed worker fails only its own page
 * and is replaced.
 */
class WorkerPool implements PageExtractor {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;

  constructor(size: number) {
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
  }

  extract(body: Uint8Array, contentType: string | null, options: ExtractOptions, prepare?: StorePreparation): Promise<PageExtraction> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, body, contentType, options, prepare }, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const workers = [...this.idle, ...this.busy.keys()];
    this.idle.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const worker = new Worker(WORKER_URL);
    worker.on('message', (answer: ExtractAnswer) => {
      const pending = this.busy.get(worker);
      this.busy.delete(worker);
      this.idle.push(worker);
      if (pending) {
        if ('result' in answer) pending.resolve(answer.result);
        else pending.reject(new Error(answer.error));
      }
      this.dispatch();
    });
    worker.on('error', (err) => this.replace(worker, err));
    worker.on('exit', (code) => this.replace(worker, new Error(`extraction worker exited with code ${code}`)));
    return worker;
  }

  private replace(worker: Worker, err: Error): void {
    if (this.closed) return;
    const pending = this.busy.get(worker);
    const wasIdle = this.idle.indexOf(worker);
    if (!pending && wasIdle < 0) return; // already replaced ('error' is followed by 'exit')
    this.busy.delete(worker);
    if (wasIdle >= 0) this.idle.splice(wasIdle, 1);
    pending?.reject(err);
    this.idle.push(this.spawn());
    this.dispatch();
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const pending = this.queue.shift()!;
      this.busy.set(worker, pending);
      worker.postMessage(pending.job);
    }
  }
}

/** Extraction off the main thread when the compiled worker is there, else on it. */
export function createPageExtractor(): PageExtractor {
  return existsSync(fileURLToPath(WORKER_URL)) ? new WorkerPool(WORKERS) : inlineExtractor;
}

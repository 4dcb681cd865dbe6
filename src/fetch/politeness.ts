/**
 * Per-host politeness, after Scrapy's CONCURRENT_REQUESTS_PER_DOMAIN and DOWNLOAD_DELAY: at most `perHost`
 * requests in flight to one host, and request starts to one host at least `delayMs` apart. It sits outside
 * the crawler's global p-limit, so a request waiting for its host holds no global slot.
 */

export interface PolitenessOptions {
  /** Requests in flight to one host at most (SPEC `--per-host`, default 2). */
  perHost: number;
  /** Minimum gap between request starts to one host in ms (SPEC `--delay`, default 1000). */
  delayMs: number;
}

export const DEFAULT_POLITENESS: PolitenessOptions = { perHost: 2, delayMs: 1_000 };

/** Hosts are what servers and their operators see: `example.com:8080`; http and https of a host share one budget. */
export function hostKey(url: string): string {
  return new URL(url).host;
}

interface HostState {
  inFlight: number;
  /** When the last request to this host started; performance.now(), immune to clock jumps. -Infinity before any. */
  lastStart: number;
  /** No request starts before this (performance.now()): the server asked us to wait (Retry-After). */
  pausedUntil: number;
  /** Callers waiting for a turn, first come first served. */
  waiting: Array<() => void>;
  timer: NodeJS.Timeout | null;
}

export class HostScheduler {
  private readonly options: PolitenessOptions;
  private readonly hosts = new Map<string, HostState>();
  /** Delays raised above the default for one host (robots.txt Crawl-delay). */
  private readonly delays = new Map<string, number>();

  constructor(options: Partial<PolitenessOptions> = {}) {
    this.options = { ...DEFAULT_POLITENESS, ...options };
    if (!(this.options.perHost >= 1)) throw new RangeError(`perHost must be at least 1, got ${this.options.perHost}`);
  }

  /** Runs `task` when the URL's host has a free slot and its delay has passed since the previous start. */
  async schedule<T>(url: string, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const host = hostKey(url);
    await this.acquire(host, signal);
    try {
      return await task();
    } finally {
      this.release(host);
    }
  }

  /** Sets the gap for one host (robots.txt Crawl-delay); never below the crawl's own `delayMs`. */
  raiseDelay(url: string, delayMs: number): void {
    const host = hostKey(url);
    if (delayMs > this.delayOf(host)) this.delays.set(host, delayMs);
  }

  /**
   * Holds every new request to the URL's host for `ms`: a 429 or 503 with Retry-After speaks for the whole host,
   * not only for the request that got it (wire HttpClient's `onRetryAfter` here).
   */
  pause(url: string, ms: number): void {
    const host = hostKey(url);
    const state = this.stateOf(host);
    state.pausedUntil = Math.max(state.pausedUntil, performance.now() + ms);
  }

  /** The gap in force for the URL's host. */
  delayFor(url: string): number {
    return this.delayOf(hostKey(url));
  }

  private delayOf(host: string): number {
    return this.delays.get(host) ?? this.options.delayMs;
  }

  private stateOf(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { inFlight: 0, lastStart: -Infinity, pausedUntil: -Infinity, waiting: [], timer: null };
      this.hosts.set(host, state);
    }
    return state;
  }

  private acquire(host: string, signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    const hostState = this.stateOf(host);
    return new Promise<void>((resolve, reject) => {
      const onAbort = (): void => {
        const index = hostState.waiting.indexOf(turn);
        if (index >= 0) hostState.waiting.splice(index, 1);
        reject(signal?.reason);
      };
      const turn = (): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      hostState.waiting.push(turn);
      this.pump(host, hostState);
    });
  }

  private release(host: string): void {
    const state = this.hosts.get(host);
    if (!state) return;
    state.inFlight--;
    this.pump(host, state);
  }

  /** Starts as many waiting callers as the host's slots and delay allow; sets a timer for the next one. */
  private pump(host: string, state: HostState): void {
    if (state.timer) return;
    while (state.waiting.length > 0 && state.inFlight < this.options.perHost) {
      const now = performance.now();
      const wait = Math.max(state.lastStart + this.delayOf(host), state.pausedUntil) - now;
      if (wait > 0) {
        state.timer = setTimeout(() => {
          state.timer = null;
          this.pump(host, state);
        }, wait);
        return;
      }
      state.lastStart = now;
      state.inFlight++;
      state.waiting.shift()!();
    }
    // A host with nothing running or waiting keeps only its delay raise once its gap and any pause have passed.
    const now = performance.now();
    const idle = state.inFlight === 0 && state.waiting.length === 0;
    if (idle && now - state.lastStart >= this.delayOf(host) && now >= state.pausedUntil) this.hosts.delete(host);
  }
}

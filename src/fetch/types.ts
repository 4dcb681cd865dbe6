/** The contract between the fetch stage and its callers (crawler, `extract <url>`). */

export interface HttpOptions {
  /** Per-request budget in ms: connect, headers and body each must arrive within it. */
  timeoutMs: number;
  /** Decoded body cap in bytes; a larger body is cut off and marked `truncated` (also stops gzip bombs). */
  maxBytes: number;
  /** Retries on network errors, 5xx and 429, with exponential backoff and jitter; honours Retry-After. */
  retries: number;
  userAgent: string;
  maxRedirects: number;
  /** Base backoff in ms (tests set it low). */
  backoffMs: number;
}

export interface FetchRequest {
  url: string;
  /** Extra headers, e.g. If-None-Match / If-Modified-Since for sync. */
  headers?: Record<string, string>;
  /** Accept non-HTML bodies (robots.txt, sitemaps, feeds). Default false: non-HTML types fail with kind 'not-html'. */
  anyContentType?: boolean;
  /** Overrides the client's `maxBytes` for this request (robots.txt is read up to 500 KiB). */
  maxBytes?: number;
  /** Cancels the request and any backoff wait (crawl shutdown); the abort reason is thrown as is. */
  signal?: AbortSignal;
}

export interface FetchResult {
  /** The URL asked for. */
  requestedUrl: string;
  /** The final URL after redirects. */
  url: string;
  /** Every URL passed through, in order, excluding the final one. */
  redirects: string[];
  status: number;
  /** Lower-case header names. */
  headers: Record<string, string>;
  contentType: string | null;
  /** Content-Encoding already decoded. Empty on 304. */
  body: Uint8Array;
  /** The body reached maxBytes and was cut off. */
  truncated: boolean;
}

/** Anything that fetches like HttpClient: the crawler and robots take this, so tests can stand in for the network. */
export interface Fetcher {
  /** Resolves with a 2xx or 304 result; anything else throws FetchError (or the abort reason of `signal`). */
  fetch(req: FetchRequest): Promise<FetchResult>;
}

export type FetchErrorKind =
  | 'bad-url'
  | 'timeout'
  | 'network'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'http-status'
  | 'not-html'
  | 'too-large'
  | 'robots';

export class FetchError extends Error {
  constructor(
    readonly kind: FetchErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

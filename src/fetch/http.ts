/**
 * The HTTP client of the crawler and of `extract <url>`: undici's `request` over one keep-alive Agent, with
 * manual redirects, capped content decoding, content-type sniffing and retries. `request` rather than `fetch`:
 * it hands over the raw body stream, so the size cap applies to what we decode, not to what undici buffers.
 */
import type { Agent, Dispatcher } from 'undici';

/**
 * undici is loaded with the first request: most commands (extract on files, export, list, show) never fetch, and
 * loading it cost about a quarter of their start-up.
 */
let undici: Promise<typeof import('undici')> | null = null;
const loadUndici = (): Promise<typeof import('undici')> => (undici ??= import('undici'));
import { PassThrough, pipeline, Transform, type Readable, type TransformCallback } from 'node:stream';
import { constants as zlibConstants, createBrotliDecompress, createGunzip, createInflate, createInflateRaw } from 'node:zlib';
import { setTimeout as sleep } from 'node:timers/promises';
import { FetchError, type Fetcher, type FetchRequest, type FetchResult, type HttpOptions } from './types.js';
import { looksLikeBinary, looksLikeHtml } from './sniff.js';

export const DEFAULT_USER_AGENT = 'newsarc/0.1 (+https://github.com/newsarc)';

/** SPEC defaults of `crawl`: --timeout 30000, --max-bytes 10 MB, --retries 3. */
export const DEFAULT_HTTP_OPTIONS: HttpOptions = {
  timeoutMs: 30_000,
  maxBytes: 10 * 1024 * 1024,
  retries: 3,
  userAgent: DEFAULT_USER_AGENT,
  maxRedirects: 10,
  backoffMs: 1_000,
};

/**
 * A slow server that trickles a byte every few seconds never trips the idle body timeout; each attempt
 * therefore also has a wall-clock deadline of this many timeouts (connect + headers + a generous body).
 */
const ATTEMPT_DEADLINE_FACTOR = 4;

/** Retry-After of a rate-limited news CDN can say "3600"; we wait at most this long before retrying. */
const MAX_RETRY_AFTER_MS = 60_000;

/** Statuses worth retrying: server trouble and rate limiting (RFC 9110 §15.6, RFC 6585 §4). */
function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Media types that are HTML by declaration (the bytes are still checked for images and other binaries). */
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);

/**
 * Media types servers put on anything when misconfigured: the bytes decide. Old Chinese portals serve
 * articles as application/octet-stream or text/plain; a missing Content-Type lands here too.
 */
const SNIFFED_TYPES = new Set(['', 'application/octet-stream', 'text/plain', 'application/unknown', 'unknown/unknown']);

/** Undici's timeouts (connect, headers, idle body): worth another attempt, like other network trouble. */
const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
/** Network failures a retry a second later will not cure: a host name that does not exist, a bad certificate. */
const PERMANENT_NETWORK_CODES = new Set([
  'ENOTFOUND',
  'ERR_INVALID_URL',
  'UND_ERR_INVALID_ARG',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

export interface HttpClientOptions extends Partial<HttpOptions> {
  /** Keep-alive connections per origin: the crawl's per-host concurrency. */
  connections?: number;
  /** Told when a server answers 429/5xx with Retry-After (the capped wait in ms), so a scheduler can pause the host. */
  onRetryAfter?(url: string, waitMs: number): void;
}

export class HttpClient implements Fetcher {
  readonly options: HttpOptions;
  private readonly agentOptions: Agent.Options;
  private agent: Promise<Agent> | null = null;
  private readonly onRetryAfter: HttpClientOptions['onRetryAfter'];

  constructor(options: HttpClientOptions = {}) {
    const { connections, onRetryAfter, ...http } = options;
    this.onRetryAfter = onRetryAfter;
    this.options = { ...DEFAULT_HTTP_OPTIONS, ...stripUndefined(http) };
    const { timeoutMs } = this.options;
    this.agentOptions = {
      connections: connections ?? 8,
      connectTimeout: timeoutMs,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      keepAliveTimeout: 10_000,
    };
  }

  /** The keep-alive pool, made on the first request. */
  private dispatcher(): Promise<Agent> {
    return (this.agent ??= loadUndici().then(({ Agent }) => new Agent(this.agentOptions)));
  }

  /** Fetches one URL, following redirects; throws FetchError. A 304 comes back as a result with an empty body. */
  async fetch(req: FetchRequest): Promise<FetchResult> {
    const requestedUrl = req.url;
    let url = checkedUrl(req.url);
    const redirects: string[] = [];
    const seen = new Set<string>([url]);
    for (;;) {
      const answer = await this.withRetries(url, req);
      if (answer.kind === 'result') return { ...answer.result, requestedUrl, redirects };
      redirects.push(url);
      if (redirects.length > this.options.maxRedirects) {
        throw new FetchError('too-many-redirects', `more than ${this.options.maxRedirects} redirects from ${requestedUrl}`);
      }
      const next = checkedUrl(answer.location, url);
      if (seen.has(next)) throw new FetchError('redirect-loop', `redirect loop at ${next}`);
      seen.add(next);
      url = next;
    }
  }

  async close(): Promise<void> {
    if (this.agent) await (await this.agent).destroy();
  }

  private async withRetries(url: string, req: FetchRequest): Promise<Answer> {
    for (let attempt = 0; ; attempt++) {
      let failure: FetchError;
      let retryAfterMs: number | null = null;
      try {
        const answer = await this.attempt(url, req);
        if (answer.kind !== 'retry') return answer;
        failure = answer.error;
        retryAfterMs = answer.retryAfterMs;
      } catch (err) {
        if (req.signal?.aborted) throw req.signal.reason;
        if (!(err instanceof RetryableError)) throw err;
        failure = err.error;
      }
      if (retryAfterMs !== null) this.onRetryAfter?.(url, retryAfterMs);
      if (attempt >= this.options.retries) throw failure;
      const backoff = this.options.backoffMs * 2 ** attempt;
      // Equal jitter: half the backoff fixed, half random, so hosts that failed together do not retry together.
      const delay = retryAfterMs ?? backoff / 2 + Math.random() * (backoff / 2);
      await sleep(delay, undefined, { signal: req.signal });
    }
  }

  /** One request to one URL, no redirects followed. */
  private async attempt(url: string, req: FetchRequest): Promise<Outcome> {
    const deadline = new AttemptDeadline(this.options.timeoutMs * ATTEMPT_DEADLINE_FACTOR, req.signal);
    try {
      return await this.exchange(url, req, deadline);
    } finally {
      deadline.dispose();
    }
  }

  private async exchange(url: string, req: FetchRequest, deadline: AttemptDeadline): Promise<Outcome> {
    const { userAgent } = this.options;
    const maxBytes = req.maxBytes ?? this.options.maxBytes;
    let response: Dispatcher.ResponseData;
    try {
      const [{ request }, dispatcher] = await Promise.all([loadUndici(), this.dispatcher()]);
      response = await request(url, {
        dispatcher,
        method: 'GET',
        headers: {
          'user-agent': userAgent,
          accept: req.anyContentType ? '*/*' : 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
          ...req.headers,
        },
        signal: deadline.signal,
      });
    } catch (err) {
      throw classify(err, url, deadline);
    }
    const { statusCode: status, body } = response;
    const headers = flattenHeaders(response.headers);

    if (REDIRECT_STATUSES.has(status) && headers.location) {
      await body.dump().catch(() => undefined);
      return { kind: 'redirect', location: headers.location };
    }
    if (isRetryableStatus(status)) {
      await body.dump().catch(() => undefined);
      return {
        kind: 'retry',
        error: new FetchError('http-status', `HTTP ${status} from ${url}`, status),
        retryAfterMs: parseRetryAfter(headers['retry-after']),
      };
    }
    if (status >= 400) {
      await body.dump().catch(() => undefined);
      throw new FetchError('http-status', `HTTP ${status} from ${url}`, status);
    }

    const contentType = headers['content-type'] ?? null;
    const mediaType = mediaTypeOf(contentType);
    const result = { requestedUrl: url, url, redirects: [], status, headers, contentType };
    if (status === 304 || status === 204) {
      await body.dump().catch(() => undefined);
      return { kind: 'result', result: { ...result, body: new Uint8Array(0), truncated: false } };
    }
    if (!req.anyContentType && !HTML_TYPES.has(mediaType) && !SNIFFED_TYPES.has(mediaType)) {
      discard(body);
      throw new FetchError('not-html', `not HTML (${mediaType}): ${url}`);
    }
    let read: { bytes: Uint8Array; truncated: boolean };
    try {
      read = await readCapped(body, headers['content-encoding'], maxBytes);
    } catch (err) {
      throw classify(err, url, deadline);
    }
    if (!req.anyContentType) {
      const isHtml = HTML_TYPES.has(mediaType) ? !looksLikeBinary(read.bytes) : looksLikeHtml(read.bytes);
      if (!isHtml) throw new FetchError('not-html', `not HTML (${mediaType || 'no type'}, sniffed): ${url}`);
    }
    return { kind: 'result', result: { ...result, body: read.bytes, truncated: read.truncated } };
  }
}

/** What one URL finally gave: a result to return or a redirect to follow. */
type Answer = { kind: 'result'; result: FetchResult } | { kind: 'redirect'; location: string };
/** What one attempt gave: an answer, or a status worth another attempt. */
type Outcome = Answer | { kind: 'retry'; error: FetchError; retryAfterMs: number | null };

/** A failure that another attempt might not meet (network trouble, timeouts). */
class RetryableError extends Error {
  constructor(readonly error: FetchError) {
    super(error.message);
  }
}

/**
 * Parses and checks a URL for fetching. Only http(s) is fetched; `javascript:`, `data:`, `mailto:`, `ftp:` are
 * 'bad-url'. Credentials (`http://user:pass@host/`) are stripped, not sent: a link copied from somewhere must not
 * make us log in anywhere, and the public page is what an archive wants. Fragments never reach the server.
 */
export function checkedUrl(raw: string, base?: string): string {
  let parsed: URL;
  try {
    parsed = new URL(raw.trim(), base);
  } catch {
    throw new FetchError('bad-url', `not a valid URL: ${raw.slice(0, 200)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new FetchError('bad-url', `not an http(s) URL: ${raw.slice(0, 200)}`);
  }
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  return parsed.href;
}

/**
 * Reads a body stream, decoding its Content-Encoding, and stops once `maxBytes` DECODED bytes are in hand, so a
 * gzip bomb costs a few megabytes, not gigabytes. Encodings we do not know (or stacked ones) are an error.
 */
async function readCapped(
  body: Readable,
  contentEncoding: string | undefined,
  maxBytes: number,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  let source: Readable = body;
  try {
    const decoder = decoderFor(contentEncoding);
    if (decoder) source = pipeline(body, decoder, () => undefined);
    for await (const chunk of source as AsyncIterable<Buffer>) {
      if (size + chunk.length > maxBytes) {
        chunks.push(chunk.subarray(0, maxBytes - size));
        size = maxBytes;
        truncated = true;
        break;
      }
      chunks.push(chunk);
      size += chunk.length;
    }
  } finally {
    discard(source);
    discard(body);
  }
  return { bytes: new Uint8Array(Buffer.concat(chunks, size)), truncated };
}

function decoderFor(contentEncoding: string | undefined): Transform | null {
  const encoding = (contentEncoding ?? '').trim().toLowerCase();
  switch (encoding) {
    case '':
    case 'identity':
      return null;
    case 'gzip':
    case 'x-gzip':
    case 'deflate':
      return new ZlibFamilyDecoder(encoding === 'deflate' ? 'deflate' : 'gzip');
    case 'br':
      return createBrotliDecompress();
    default:
      throw new FetchError('network', `unsupported Content-Encoding: ${encoding}`);
  }
}

/** Decoders keep what they decoded from a body cut before its end (servers that drop the gzip trailer). */
const LENIENT = { finishFlush: zlibConstants.Z_SYNC_FLUSH };

/**
 * gzip and deflate as servers really send them, told apart by the first bytes rather than the label: "deflate"
 * should be zlib-wrapped (RFC 9110 §8.4.1.2) but old IIS and some CDNs send it raw; PHP sites behind a
 * compressing proxy label gzip twice or label plain HTML as gzip. gzip has the magic 1f 8b; a zlib header has
 * method 8 in its low nibble and is a multiple of 31 read as a 16-bit number.
 */
class ZlibFamilyDecoder extends Transform {
  private inner: Transform | null = null;

  constructor(private readonly declared: 'gzip' | 'deflate') {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (!this.inner) {
      if (chunk.length === 0) return done();
      const inner = this.innerFor(chunk);
      inner.on('data', (data: Buffer) => {
        if (!this.push(data)) inner.pause();
      });
      inner.on('error', (err) => this.destroy(err));
      this.inner = inner;
    }
    this.inner.write(chunk, done);
  }

  private innerFor(head: Buffer): Transform {
    if (head[0] === 0x1f && head[1] === 0x8b) return createGunzip(LENIENT);
    if ((head[0] & 0x0f) === 0x08 && head.length > 1 && (head[0] * 256 + head[1]) % 31 === 0) return createInflate(LENIENT);
    if (this.declared === 'deflate') return createInflateRaw(LENIENT);
    // Labelled gzip, but no gzip magic: the bytes were never compressed.
    return new PassThrough();
  }

  override _read(size: number): void {
    this.inner?.resume();
    super._read(size);
  }

  override _flush(done: TransformCallback): void {
    if (!this.inner) return done();
    this.inner.once('end', () => done());
    this.inner.end();
  }

  override _destroy(err: Error | null, done: (error?: Error | null) => void): void {
    this.inner?.destroy();
    done(err);
  }
}

/**
 * The abort signal of one attempt: fires on the caller's signal or at the wall-clock deadline, and lets go of
 * both when the attempt ends. (AbortSignal.any would keep a dependant on the crawl-long caller signal for every
 * request: nodejs/node#55351.)
 */
class AttemptDeadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onCallerAbort: () => void;
  expired = false;

  constructor(
    ms: number,
    readonly callerSignal: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => {
      this.expired = true;
      this.controller.abort(new FetchError('timeout', `no complete answer within ${ms} ms`));
    }, ms);
    this.onCallerAbort = () => this.controller.abort(callerSignal?.reason);
    if (callerSignal?.aborted) this.onCallerAbort();
    else callerSignal?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}

/** Maps what undici, zlib or an abort threw to a FetchError; retryable ones come wrapped in RetryableError. */
function classify(err: unknown, url: string, deadline: AttemptDeadline): unknown {
  if (deadline.callerSignal?.aborted) return deadline.callerSignal.reason;
  if (err instanceof FetchError && err.kind !== 'timeout') return err;
  const code = (err as { code?: string } | null)?.code ?? '';
  if (deadline.expired || TIMEOUT_CODES.has(code)) {
    return new RetryableError(new FetchError('timeout', `timed out: ${url}`));
  }
  const message = err instanceof Error ? err.message : String(err);
  if (code.startsWith('Z_') || code.startsWith('ERR__ERROR_FORMAT')) {
    return new FetchError('network', `corrupt compressed body from ${url}: ${message}`);
  }
  const failure = new FetchError('network', `${code || 'network error'}: ${message} (${url})`);
  return PERMANENT_NETWORK_CODES.has(code) ? failure : new RetryableError(failure);
}

/** Retry-After as delay-seconds or an HTTP-date (RFC 9110 §10.2.3), capped; null when absent or unparsable. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  let ms: number;
  if (/^\d+$/.test(trimmed)) ms = Number(trimmed) * 1000;
  else {
    const date = Date.parse(trimmed);
    if (Number.isNaN(date)) return null;
    ms = date - now;
  }
  return Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS);
}

/** `text/html; charset=gbk` → `text/html`. */
function mediaTypeOf(contentType: string | null): string {
  return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

/** Closes a body we will not read; undici reports the abort as an 'error' event nobody needs. */
function discard(stream: Readable): void {
  stream.on('error', () => undefined);
  stream.destroy();
}

function flattenHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

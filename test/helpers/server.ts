/**
 * A local HTTP server for tests: node:http on 127.0.0.1, port 0, routes as functions. Besides plain pages it
 * offers the traps real news sites set for a crawler (stalls, endless bodies, gzip bombs, redirect loops,
 * rate limits, resets, GBK pages labelled only in the HTTP header), so fetch, crawl and fault tests share them.
 */
import { createServer, type IncomingMessage, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';

export type Route = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/** Routes keyed by path: an exact `path?query` key wins over a bare pathname key; `*` catches the rest. */
export type Routes = Record<string, Route>;

export interface RecordedRequest {
  method: string;
  /** Path with query, as received. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The client's port: requests sharing it came over one keep-alive connection. */
  remotePort: number | undefined;
}

export interface TestServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Absolute URL of a path on this server. */
  url(path?: string): string;
  /** Every request received, in arrival order. */
  requests: RecordedRequest[];
  /** Requests for one path (pathname with query, or pathname alone if `path` has no `?`). */
  requestsTo(path: string): RecordedRequest[];
  /** Replaces or adds routes while the server runs. */
  route(path: string, handler: Route): void;
  /** Stops the server, cutting stalled and endless responses. */
  close(): Promise<void>;
}

export async function startTestServer(routes: Routes = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const requests: RecordedRequest[] = [];
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? 'GET', path, headers: req.headers, remotePort: req.socket.remotePort });
    const pathname = path.split('?')[0];
    const handler = table.get(path) ?? table.get(pathname) ?? table.get('*') ?? notFound;
    Promise.resolve(handler(req, res)).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(err));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;

  return {
    origin,
    url: (path = '/') => new URL(path, origin).href,
    requests,
    requestsTo: (path) =>
      requests.filter((r) => (path.includes('?') ? r.path === path : r.path.split('?')[0] === path)),
    route: (path, handler) => void table.set(path, handler),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const notFound: Route = (_req, res) => {
  res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
  res.end('<html><body><h1>404 Not Found</h1></body></html>');
};

export interface ReplyOptions {
  status?: number;
  headers?: Record<string, string | number>;
}

/** Serves fixed bytes or text with the given content type (charset only if you put it there). */
export function bytes(body: string | Uint8Array, contentType: string, options: ReplyOptions = {}): Route {
  const payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
  return (_req, res) => {
    res.writeHead(options.status ?? 200, {
      'content-type': contentType,
      'content-length': payload.length,
      ...options.headers,
    });
    res.end(payload);
  };
}

/** A UTF-8 HTML page. */
export function html(body: string, options: ReplyOptions = {}): Route {
  return bytes(body, 'text/html; charset=utf-8', options);
}

/** A plain-text body, e.g. robots.txt. */
export function text(body: string, options: ReplyOptions = {}): Route {
  return bytes(body, 'text/plain; charset=utf-8', options);
}

/** A UTF-8 HTML page sent gzip-compressed. */
export function gzipped(body: string, contentType = 'text/html; charset=utf-8'): Route {
  const payload = gzipSync(Buffer.from(body, 'utf8'));
  return (_req, res) => {
    res.writeHead(200, { 'content-type': contentType, 'content-encoding': 'gzip', 'content-length': payload.length });
    res.end(payload);
  };
}

/** A redirect to `location` (relative locations stay relative, as servers send them). */
export function redirect(location: string, status = 302): Route {
  return (_req, res) => {
    res.writeHead(status, { location });
    res.end();
  };
}

/** Routes `${prefix}/1` → `${prefix}/2` → … → `${prefix}/${hops}` → `finalPath`: `hops` redirects in all. */
export function redirectChain(prefix: string, hops: number, finalPath: string): Routes {
  const chain: Routes = {};
  for (let i = 1; i <= hops; i++) chain[`${prefix}/${i}`] = redirect(i === hops ? finalPath : `${prefix}/${i + 1}`);
  return chain;
}

/** Routes that redirect in a circle through the given paths (a → b → … → a). */
export function redirectLoop(...paths: string[]): Routes {
  const loop: Routes = {};
  paths.forEach((path, i) => (loop[path] = redirect(paths[(i + 1) % paths.length])));
  return loop;
}

/** Accepts the request and never answers: the client's headers timeout must fire. */
export function stallBeforeHeaders(): Route {
  return () => undefined;
}

/** Sends headers (with a Content-Length it will never honour) and a first chunk, then goes silent. */
export function stallMidBody(firstChunk = '<html><head><title>Stalled</title></head><body><p>Begun'): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': 1_000_000 });
    res.write(firstChunk);
  };
}

/**
 * An endless chunked body with no Content-Length: a chunk every `intervalMs` (0 = as fast as the socket takes it),
 * until the client goes away. Fast mode tests the size cap; slow mode (a trickle) tests the overall deadline.
 */
export function endlessBody(intervalMs = 0, chunk = '<p>more news, more news, more news</p>\n'.repeat(100)): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.write('<html><body>');
    let open = true;
    res.on('close', () => (open = false));
    const pump = (): void => {
      if (!open) return;
      if (intervalMs > 0) {
        res.write(chunk);
        setTimeout(pump, intervalMs);
      } else if (res.write(chunk)) {
        setImmediate(pump);
      } else {
        res.once('drain', pump);
      }
    };
    pump();
  };
}

/**
 * A small gzip body that inflates to `decodedBytes` (default 64 MiB) of HTML-ish filler: the client must stop
 * decoding at its cap. Compressed once per call, at route creation.
 */
export function gzipBomb(decodedBytes = 64 * 1024 * 1024, encoding: 'gzip' | 'deflate' | 'br' = 'gzip'): Route {
  const payload = compressFiller(decodedBytes, encoding);
  return (_req, res) => {
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-encoding': encoding,
      'content-length': payload.length,
    });
    res.end(payload);
  };
}

function compressFiller(decodedBytes: number, encoding: 'gzip' | 'deflate' | 'br'): Buffer {
  // Built in memory once; 64 MiB of one repeated byte compresses to ~64 KiB.
  const filler = Buffer.alloc(decodedBytes, 0x20);
  Buffer.from('<html><body>').copy(filler);
  switch (encoding) {
    case 'gzip':
      return gzipSync(filler, { level: 9 });
    case 'deflate':
      return deflateSync(filler, { level: 9 });
    case 'br':
      return brotliCompressSync(filler);
  }
}

export interface FlakyOptions {
  /** Status of the failing answers: 503 or 429 usually. */
  status?: number;
  /** Retry-After header value on failing answers (`'0'`, `'1'`, or an HTTP date); omitted if undefined. */
  retryAfter?: string;
}

/**
 * Fails the first `failures` requests (503 with Retry-After by default), then hands over to `success`.
 * `attempts()` tells how many requests arrived.
 */
export function failThenSucceed(
  failures: number,
  success: Route,
  options: FlakyOptions = {},
): Route & { attempts(): number } {
  let count = 0;
  const route: Route = (req, res) => {
    count++;
    if (count > failures) return success(req, res);
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' };
    if (options.retryAfter !== undefined) headers['retry-after'] = options.retryAfter;
    res.writeHead(options.status ?? 503, headers);
    res.end('<html><body><h1>Service Unavailable</h1></body></html>');
  };
  return Object.assign(route, { attempts: () => count });
}

/** Sends headers and part of the body, then resets the TCP connection (RST): a network error mid-body. */
export function resetMidBody(firstChunk = '<html><head><title>Cut</title></head><body><p>Begun'): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': 100_000 });
    res.write(firstChunk, () => {
      const socket = res.socket;
      if (socket && typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
      else socket?.destroy();
    });
  };
}

/** Resets the connection before any response: a network error the client may retry. */
export function resetBeforeHeaders(): Route {
  return (req) => {
    const socket = req.socket;
    if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
    else socket.destroy();
  };
}

/** The title and a body line of GBK_PAGE_BYTES, for assertions. */
export const GBK_PAGE_TITLE = '乡村振兴的新路子';
export const GBK_PAGE_LINE = '时间:2021-11-13 16:24:01来源:中国乡村振兴网作者:柴秋实';

/** A small Chinese article encoded in GBK, with no <meta charset>: only the HTTP header can tell. */
export const GBK_PAGE_BYTES = Buffer.from(
  '3c68746d6c3e3c686561643e3c7469746c653ecfe7b4e5d5f1d0cbb5c4d0c2c2b7d7d33c2f7469746c653e3c2f686561643e3c626f6479' +
    '3e3c61727469636c653e3c68313ecfe7b4e5d5f1d0cbb5c4d0c2c2b7d7d33c2f68313e3c703ecab1bce43a323032312d31312d313320' +
    '31363a32343a3031c0b4d4b43ad6d0b9facfe7b4e5d5f1d0cbcdf8d7f7d5df3ab2f1c7efcab53c2f703e3c703eb4e5c0efb5c4bacfd7' +
    'f7c9e7bdf1c4eacad5b3c9badcbac3a1a33c2f703e3c2f61727469636c653e3c2f626f64793e3c2f68746d6c3e',
  'hex',
);

/** Serves GBK_PAGE_BYTES as `text/html; charset=<charset>` (header only; pass a wrong one to test a lying header). */
export function gbkPage(charset = 'gbk'): Route {
  return bytes(GBK_PAGE_BYTES, `text/html; charset=${charset}`);
}

/** A few bytes of a real PNG header, for "image served as text/html". */
export const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

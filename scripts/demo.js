#!/usr/bin/env node
// The offline quick start: serves fixtures/site/ on 127.0.0.1, crawls it into a fresh archive, prints the export.
// Nothing leaves this machine. Usage: npm run demo [-- --keep]   (--keep leaves the archive in ./demo.db)
import { spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const site = join(root, 'fixtures', 'site');
const bin = join(root, 'bin', 'newsarc.js');
const TYPES = { '.html': 'text/html', '.xml': 'application/xml', '.txt': 'text/plain', '.json': 'application/json' };

const server = createServer((req, res) => {
  const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  let file = normalize(join(site, path));
  if (!file.startsWith(site + sep) && file !== site) return void res.writeHead(403).end();
  if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
  if (!existsSync(file) || path.startsWith('/traps')) return void res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404 Not Found</h1>');
  // The GBK sample page declares its charset only in the HTTP header, as many Chinese portals do.
  const charset = path.startsWith('/gbk/') ? 'gbk' : 'utf-8';
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, { 'content-type': type.startsWith('text/') ? `${type}; charset=${charset}` : type });
  createReadStream(file).pipe(res);
});

await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const keep = process.argv.includes('--keep');
const dir = keep ? root : mkdtempSync(join(tmpdir(), 'newsarc-demo-'));
const db = join(dir, 'demo.db');
if (keep) rmSync(db, { force: true });

/** Runs newsarc as a child; asynchronously, because this process must keep serving the site meanwhile. */
const run = (args) =>
  new Promise((resolve) => {
    process.stderr.write(`\n$ newsarc ${args.join(' ')}\n`);
    spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'inherit', 'inherit'] }).on('close', resolve);
  });

try {
  // Two seeds: the home page, and a GBK page whose charset is only in the HTTP header (as on many Chinese portals).
  const status = await run(['crawl', `${origin}/`, `${origin}/gbk/chaye.html`, '--db', db, '--delay', '0', '--depth', '3', '--verbose']);
  if (status !== 0) process.exitCode = status ?? 1;
  else {
    await run(['list', '--db', db]);
    await run(['export', '--db', db, '--format', 'jsonl']);
  }
} finally {
  server.close();
  if (!keep) rmSync(dir, { recursive: true, force: true });
}

/**
 * A generated news site of any size, for the resume tests and bench/crawl: a home page linking every listing
 * page, listing pages of `perListing` articles each, and articles with distinct text (seeded pseudo-random
 * prose, so no two are near-duplicates) that link to a few others, as related-story boxes do.
 */
import type { Route } from '../helpers/server.js';

export interface GeneratedSiteOptions {
  articles: number;
  perListing: number;
  /** Server-side delay before each answer, so a crawl lasts long enough to be interrupted. */
  latencyMs?: number;
}

const WORDS = (
  'harbour council ferry bridge storm season forecast minister budget school hospital river coast port city ' +
  'residents workers engineers police court report election market prices rain wind road rail station trade ' +
  'farmers fishing village tourism museum festival library housing rents water power grid solar wind turbines ' +
  'said told announced expected warned agreed rejected opened closed delayed approved reviewed released voted ' +
  'on in at after before during since until over under across along near with without from into about against ' +
  'the a an this that these those their its his her our new old first last next local national regional ' +
  'week month year morning evening night monday tuesday wednesday thursday friday saturday sunday spring summer ' +
  'million thousand hundred per cent percent dollars tonnes kilometres hours days passengers vehicles ships'
).split(' ');

/** mulberry32: a tiny deterministic PRNG, so article K has the same text in every run. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(next: () => number, words: number): string {
  const picked = Array.from({ length: words }, () => WORDS[Math.floor(next() * WORDS.length)]);
  const text = picked.join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
}

export function articlePath(k: number): string {
  return `/a/${k}.html`;
}

export function listingPath(n: number): string {
  return `/list/${n}.html`;
}

function page(title: string, main: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${title} - The Generated Times</title></head>
<body><header><a href="/">The Generated Times</a> <nav><a href="${listingPath(1)}">Latest</a></nav></header>
${main}
<footer><p>© The Generated Times</p></footer></body></html>`;
}

export function articleTitle(k: number): string {
  return sentence(random(k * 7919 + 1), 6).slice(0, -1);
}

function articlePage(k: number, total: number): string {
  const next = random(k * 7919 + 2);
  const paragraphs = Array.from({ length: 5 }, () => `<p>${[0, 1, 2].map(() => sentence(next, 12 + Math.floor(next() * 8))).join(' ')}</p>`);
  const related = [k + 1, k + 7, (k * 3) % total].filter((r) => r !== k && r < total);
  return page(
    articleTitle(k),
    `<main><article><h1>${articleTitle(k)}</h1><p class="byline">By Staff Reporter · <time datetime="2024-05-0${1 + (k % 9)}">2024-05-0${1 + (k % 9)}</time></p>
${paragraphs.join('\n')}</article>
<aside><h2>Related</h2><ul>${related.map((r) => `<li><a href="${articlePath(r)}">${articleTitle(r)}</a></li>`).join('')}</ul></aside></main>`,
  );
}

function listingPage(n: number, options: GeneratedSiteOptions, listings: number): string {
  const first = (n - 1) * options.perListing;
  const items = [];
  for (let k = first; k < Math.min(first + options.perListing, options.articles); k++) {
    items.push(`<li><a href="${articlePath(k)}">${articleTitle(k)}</a></li>`);
  }
  const pager = n < listings ? `<a href="${listingPath(n + 1)}" rel="next">Next</a>` : '';
  return page(`Latest news, page ${n}`, `<main><h1>Latest news</h1><ul>${items.join('\n')}</ul>${pager}</main>`);
}

/** One catch-all route serving the whole site. */
export function generatedSite(options: GeneratedSiteOptions): Route {
  const listings = Math.ceil(options.articles / options.perListing);
  const home = page(
    'Home',
    `<main><h1>Sections</h1><ul>${Array.from({ length: listings }, (_, i) => `<li><a href="${listingPath(i + 1)}">Page ${i + 1}</a></li>`).join('')}</ul></main>`,
  );
  const answer = (pathname: string): string | null => {
    if (pathname === '/') return home;
    const article = /^\/a\/(\d+)\.html$/.exec(pathname);
    if (article && Number(article[1]) < options.articles) return articlePage(Number(article[1]), options.articles);
    const listing = /^\/list\/(\d+)\.html$/.exec(pathname);
    if (listing && Number(listing[1]) >= 1 && Number(listing[1]) <= listings) return listingPage(Number(listing[1]), options, listings);
    return null;
  };
  return (req, res) => {
    const body = answer((req.url ?? '/').split('?')[0]);
    const send = (): void => {
      if (body === null) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    };
    if (options.latencyMs) setTimeout(send, options.latencyMs);
    else send();
  };
}

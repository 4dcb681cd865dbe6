/**
 * URL identity: two addresses of one page must normalise to the same string, so the archive stores one
 * article with aliases and the crawler's frontier never queues a page twice. Used by src/store and src/crawl.
 */

/**
 * Query parameters that say how a reader arrived, not which page they read. Exact names, lower case.
 * utm_* is matched by prefix (TRACKING_PARAM_PREFIXES). Taught by links shared from social apps, ad
 * networks and newsletters, and by Chinese portals' `spm` / `from=timeline` share links.
 */
const TRACKING_PARAMS = new Set([
  // ad-click identifiers
  'fbclid', 'gclid', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'igshid', 'li_fat_id',
  // newsletter and analytics tags
  'mc_cid', 'mc_eid', '_ga', '_gl', '_hsenc', '_hsmi', 'mkt_tok', 'ncid', 'cmpid', 'ocid',
  // Chinese portals (Alibaba spm/scm, WeChat and Weibo share links)
  'spm', 'scm', 'from', 'isappinstalled', 'share_token', 'share_source', 'share_medium', 'share_from',
  'sharer_shareid', 'sharer_sharetime', 'wfr', 'wxshare', 'ivk_sa',
  // generic share/referral tags
  'ref_src', 'ref_url', 'share', 'shared', 'sharetype', 'share_id', 'smid', 'sr_share',
]);
const TRACKING_PARAM_PREFIXES = ['utm_', 'pk_', 'mtm_', 'hmsr', 'at_'];

/** Directory index files that servers answer for the directory itself (`/news/` and `/news/index.html`). */
const INDEX_FILE = /\/(?:index|default)\.(?:html?|shtml|php|aspx?)$/i;

/** Servlet session ids carried in the path (`/a.jsp;jsessionid=AB12`): one page per visitor otherwise. */
const SESSION_ID = /;jsessionid=[^/]*$/i;

const WEB_SCHEMES = new Set(['http:', 'https:']);

function isTrackingParam(name: string): boolean {
  const key = name.toLowerCase();
  return TRACKING_PARAMS.has(key) || TRACKING_PARAM_PREFIXES.some((p) => key.startsWith(p));
}

/**
 * The canonical form of an http(s) URL, resolved against `base` when relative; null for anything that is
 * not a web page address (mailto:, javascript:, data:, unparsable). The URL parser already lower-cases the
 * scheme and host, converts IDN hosts to punycode, drops default ports and resolves `..` segments.
 */
export function normalizeUrl(url: string, base?: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim(), base);
  } catch {
    return null;
  }
  if (!WEB_SCHEMES.has(parsed.protocol) || parsed.hostname === '') return null;
  parsed.hash = '';
  parsed.username = '';
  parsed.password = '';
  if (parsed.hostname.endsWith('.')) parsed.hostname = parsed.hostname.slice(0, -1);
  parsed.pathname = parsed.pathname.replace(SESSION_ID, '').replace(INDEX_FILE, '/');
  // Pairs are kept as written (not re-encoded) so `?a` stays `?a` and `%20` stays `%20`: only order and tracking change.
  const kept = parsed.search
    .slice(1)
    .split('&')
    .filter((pair) => pair !== '' && !isTrackingParam(paramName(pair)))
    .sort();
  parsed.search = kept.join('&');
  return parsed.href;
}

function paramName(pair: string): string {
  const raw = pair.split('=', 1)[0]!.replace(/\+/g, ' ');
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The site a URL belongs to: its host without a leading `www.`; null when the URL is not http(s). */
export function siteOf(url: string): string | null {
  const normalized = normalizeUrl(url);
  if (normalized === null) return null;
  return new URL(normalized).hostname.replace(/^www\./, '');
}

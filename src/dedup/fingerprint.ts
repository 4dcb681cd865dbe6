/**
 * Near-duplicate fingerprints: MinHash signatures over shingles, and the LSH band keys that let the archive find
 * candidates by index lookup instead of comparing against every stored article.
 */
import { CJK_CHAR } from '../normalize/text.js';

/** Tuning of the fingerprint; changing any of these invalidates stored signatures (rebuild with reextract --all). */
export const MINHASH = {
  /** Hash functions per signature: the Jaccard estimate's standard error is about 1/sqrt(100) = 0.05. */
  hashes: 100,
  /**
   * 25 bands of 4 rows: a pair with Jaccard 0.8 shares a band with probability 0.99999, at 0.5 (a repost wrapped
   * in as much boilerplate again, see containment) with 0.80, at 0.2 with 0.04, so unrelated stories are rarely
   * even compared, and the estimate decides.
   */
  bands: 25,
  rows: 4,
  /** Shingle length in tokens: a CJK character carries about a syllable, so CJK needs longer shingles than words. */
  cjkShingle: 5,
  wordShingle: 3,
  /**
   * Texts with fewer tokens than this are not clustered: short briefs and captions share stock phrases
   * ("記者 xx 報道", "All rights reserved") often enough to look alike while being different stories.
   */
  minTokens: 40,
  /**
   * Containment counts only between texts of comparable size (shorter / longer at least this): a reposted story
   * wrapped in another portal's boilerplate is contained in it, but so is a two-line brief in a long roundup.
   */
  containmentMinRatio: 0.6,
} as const;

/** A token is one CJK character or one run of letters/digits; punctuation and spaces only separate. */
const TOKEN = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\u{20000}-\u{2ffff}]|[\p{L}\p{N}]+/gu;

export interface Fingerprint {
  signature: Uint32Array;
  /** Distinct shingles hashed (estimates overlap sizes). */
  shingleCount: number;
}

/** Tokens of a text, case-folded and NFKC-normalised (full-width letters and digits become ASCII). */
export function tokens(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(TOKEN) ?? [];
}

/** 32-bit FNV-1a over a string's UTF-16 code units. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Murmur3's finaliser: a cheap, well-mixing 32-bit permutation. */
function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** One seed per hash function, fixed so signatures stored by one run compare with the next run's. */
const SEEDS = Uint32Array.from({ length: MINHASH.hashes }, (_, i) => mix32(0x9e3779b9 + i * 0x7f4a7c15));

/** Hashed shingles: CJK-dominant texts use 5-token shingles, others 3-word shingles. */
export function shingleHashes(text: string): Set<number> {
  const toks = tokens(text);
  const cjk = toks.filter((t) => t.length === 1 && CJK_CHAR.test(t)).length;
  const k = cjk * 2 > toks.length ? MINHASH.cjkShingle : MINHASH.wordShingle;
  const tokenHashes = toks.map(fnv1a);
  const out = new Set<number>();
  for (let i = 0; i + k <= tokenHashes.length; i++) {
    let h: number = k;
    for (let j = i; j < i + k; j++) h = mix32(h ^ tokenHashes[j]!);
    out.add(h >>> 0);
  }
  return out;
}

/** The text's fingerprint, or null when it is too short to be compared reliably (see MINHASH.minTokens). */
export function fingerprint(text: string): Fingerprint | null {
  if (tokens(text).length < MINHASH.minTokens) return null;
  const shingles = shingleHashes(text);
  const signature = new Uint32Array(MINHASH.hashes).fill(0xffffffff);
  for (const s of shingles) {
    for (let i = 0; i < MINHASH.hashes; i++) {
      const h = mix32(s ^ SEEDS[i]!);
      if (h < signature[i]!) signature[i] = h;
    }
  }
  return { signature, shingleCount: shingles.size };
}

/** Estimated Jaccard similarity of the two shingle sets: the share of hash functions whose minima agree. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}

/**
 * How alike two texts are, 0..1: their Jaccard estimate, or when the texts are of comparable size the share of
 * the shorter one found in the longer (reposts add their own boilerplate and trim, which Jaccard punishes twice).
 */
export function similarity(a: Fingerprint, b: Fingerprint): number {
  const jaccard = estimateJaccard(a.signature, b.signature);
  const smaller = Math.min(a.shingleCount, b.shingleCount);
  const larger = Math.max(a.shingleCount, b.shingleCount);
  if (smaller < larger * MINHASH.containmentMinRatio) return jaccard;
  const overlap = (jaccard / (1 + jaccard)) * (a.shingleCount + b.shingleCount);
  return Math.max(jaccard, Math.min(1, overlap / smaller));
}

/**
 * One integer key per band: band number in the high bits, a hash of the band's rows below, so a single
 * indexed column holds all bands (keys stay under 2^53, exact in a JS number and an SQLite INTEGER).
 */
export function bandKeys(signature: Uint32Array): number[] {
  const keys: number[] = [];
  for (let band = 0; band < MINHASH.bands; band++) {
    let h = band + 1;
    for (let r = 0; r < MINHASH.rows; r++) h = mix32(h ^ signature[band * MINHASH.rows + r]!) ^ Math.imul(h, 31);
    keys.push(band * 2 ** 32 + (h >>> 0));
  }
  return keys;
}

export function signatureToBlob(signature: Uint32Array): Buffer {
  return Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength);
}

export function signatureFromBlob(blob: Uint8Array): Uint32Array {
  // Copied into an aligned buffer: SQLite blobs can start at any byte offset.
  return new Uint32Array(Uint8Array.from(blob).buffer);
}

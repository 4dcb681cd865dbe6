/**
 * The article record: the contract of SPEC.md ("The article record"). Every stage of the pipeline
 * produces or consumes parts of it; `extractArticle` (src/article.ts) assembles it.
 */
export interface ArticleRecord {
  url: string;
  canonicalUrl: string | null;
  title: string | null;
  authors: string[];
  publishedAt: string | null;
  modifiedAt: string | null;
  source: string | null;
  editors: string[];
  siteName: string | null;
  language: string | null;
  description: string | null;
  tags: string[];
  image: string | null;
  text: string;
  markdown: string;
  wordCount: number;
  contentHash: string;
}

/** Metadata fields of the record (everything the metadata stage decides). */
export type MetadataField =
  | 'title'
  | 'authors'
  | 'publishedAt'
  | 'modifiedAt'
  | 'source'
  | 'editors'
  | 'siteName'
  | 'language'
  | 'description'
  | 'tags'
  | 'canonicalUrl'
  | 'image';

/** Where each metadata value came from, e.g. `{ publishedAt: "text:时间", title: "h1" }`: for --debug. */
export type Provenance = Partial<Record<MetadataField | 'body', string>>;

/** A user-written site profile (issue 7, `--sites FILE`); every field optional. */
export interface SiteProfile {
  /** Host pattern: `example.com` matches it and its subdomains; `*.example.com` only subdomains. */
  host: string;
  body?: string;
  title?: string;
  date?: string;
  author?: string;
  remove?: string[];
  /** IANA zone or fixed offset (`Asia/Shanghai`, `+08:00`) for dates without one. */
  timezone?: string;
  labels?: Partial<Record<'author' | 'source' | 'editor' | 'date', string[]>>;
  include?: string[];
  exclude?: string[];
}

export interface ExtractOptions {
  /** The page's address (final URL); resolves links, feeds timezone guesses. */
  url?: string;
  /** The matching user profile for this page's host, if any. */
  profile?: SiteProfile;
  /** Fingerprints (see src/extract/blocks.ts) of blocks learned as boilerplate for this host. */
  boilerplate?: ReadonlySet<string>;
  /** "Now", for rejecting future dates; defaults to the current time. */
  now?: Date;
}

/** What one page yields: the record plus what the crawler and site memory need. */
export interface Extraction {
  record: ArticleRecord;
  provenance: Provenance;
  /** False for home, listing, tag, search and error pages: followed for links, not stored. */
  isArticle: boolean;
  /** Why isArticle was decided so (one short phrase, for --debug and logs). */
  pageKindReason: string;
  /** Absolute http(s) links of the page, in document order, without fragments. */
  links: string[];
  /** Fingerprints of every text block of the page (not only the body), for site memory. */
  blockFingerprints: string[];
}

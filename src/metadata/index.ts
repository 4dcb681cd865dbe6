import type { Document } from 'domhandler';
import type { ExtractOptions, MetadataField, Provenance } from '../types.js';

export interface MetadataValues {
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
  canonicalUrl: string | null;
  image: string | null;
}

export interface MetadataResult {
  values: MetadataValues;
  provenance: Partial<Record<MetadataField, string>>;
}

/** STUB: the metadata work replaces this. Reads the tree, never modifies it. */
export function extractMetadata(_doc: Document, _options: ExtractOptions): MetadataResult {
  return {
    values: {
      title: null, authors: [], publishedAt: null, modifiedAt: null, source: null, editors: [], siteName: null,
      language: null, description: null, tags: [], canonicalUrl: null, image: null,
    },
    provenance: {} satisfies Provenance,
  };
}

import type { Document } from 'domhandler';
import { load } from 'cheerio/slim';
import type { ArticleRecord, ExtractOptions, MetadataField, SiteProfile } from '../types.js';
import { collapseWhitespace, CJK_CHAR } from '../normalize/text.js';
import { urlDate } from '../normalize/date.js';
import { AUTHOR_SPOT, collectFacts, type PageFacts, type TextSpot } from './collect.js';
import { readJsonLd, type JsonLdFacts } from './jsonld.js';
import { closingCredit, labelMatcher, parseLabelLine, postedBy, type LabelSegment } from './labelled.js';
import { MODIFIED_DATE_LABELS, type LabelField } from './labels.js';
import { namesFrom } from './names.js';
import { chooseAuthors } from './authors.js';
import { chooseTitle, titleKey } from './title.js';
import { detectLanguage } from './language.js';
import { firstDate, inferZone, type DateCandidate, type DateContext } from './dates.js';
import {
  AUTHOR_META, BEFORE_TITLE_LINES, DESCRIPTION_META, IMAGE_META, LANGUAGE_META, MAX_LABEL_LINE, MODIFIED_META,
  GENERIC_DATE_META, NEAR_TITLE_LINES, PUBLISHED_META, SCRIPT_DATE_KEY, SITE_NAME_META, SOURCE_META, TAG_META, TITLE_META,
} from './rules.js';

/** The record's metadata fields: everything this stage decides. */
export type MetadataValues = Pick<ArticleRecord, MetadataField>;

export interface MetadataResult {
  values: MetadataValues;
  provenance: Partial<Record<MetadataField, string>>;
  /** What the page's JSON-LD says, for the content stage (articleBody of pages rendered with JavaScript). */
  jsonLd: JsonLdFacts | null;
}

/** Lines of the page read for the language guess: enough text to outvote menus in another script. */
const LANGUAGE_SAMPLE_CHARS = 3000;
/**
 * Lines read for labels from the headline on (tags and editors sit below the article; a long article runs to a few
 * hundred lines); lines above the headline belong to the site header.
 */
const MAX_LABEL_SCAN_LINES = 800;
const MAX_TAGS = 30;
/** Lines right under the headline that hold the byline and dateline, and how long such a line is at most. */
const BYLINE_LINES = 3;
const MAX_DATELINE = 120;
/** Lines around the headline where the page shows its dateline; dates further down are the story's own. */
const DATELINE_LINES = 6;
/** Lines searched for a date below the headline's surroundings, or from the top when the headline was not found. */
const MAX_DATE_SCAN_LINES = 600;

/** Values of a profile's CSS selectors (site profiles, issue 7): the first match's text or machine attribute. */
function profileValues(doc: Document, profile: SiteProfile | undefined): Partial<Record<'title' | 'date' | 'author', string>> {
  if (!profile || !(profile.title || profile.date || profile.author)) return {};
  const $ = load(doc);
  const read = (sel: string | undefined, attrs: string[] = []): string | undefined => {
    if (!sel) return undefined;
    const el = $(sel).first();
    if (el.length === 0) return undefined;
    for (const a of attrs) {
      const v = el.attr(a);
      if (v) return v;
    }
    return collapseWhitespace(el.text()) || undefined;
  };
  return {
    title: read(profile.title),
    date: read(profile.date, ['datetime', 'content']),
    author: profile.author ? $(profile.author).map((_, e) => collapseWhitespace($(e).text())).get().join(', ') : undefined,
  };
}

function firstMeta(facts: PageFacts, keys: readonly string[]): [string, string] | null {
  for (const k of keys) {
    const v = facts.metas.get(k)?.find((x) => collapseWhitespace(x).length > 0);
    if (v) return [collapseWhitespace(v), `meta:${k}`];
  }
  return null;
}

function absoluteUrl(href: string | null | undefined, base: string | undefined): string | null {
  if (!href) return null;
  try {
    const u = base ? new URL(href.trim(), base) : new URL(href.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function looksLikeUrl(s: string): boolean {
  return /^(?:https?:)?\/\/|^www\./i.test(s);
}

/** A labelled segment and the line of the page text it sits on. */
interface PlacedSegment extends LabelSegment {
  line: number;
}

interface PageSegments {
  near: PlacedSegment[];
  far: PlacedSegment[];
}

/** Labelled segments of the page, those near the headline first (they belong to this article, not a list). */
function labelSegments(facts: PageFacts, titleLine: number, profile: SiteProfile | undefined): PageSegments {
  const matcher = labelMatcher(profile?.labels);
  const near: PlacedSegment[] = [];
  const far: PlacedSegment[] = [];
  const from = titleLine < 0 ? 0 : Math.max(0, titleLine - BEFORE_TITLE_LINES);
  const to = titleLine < 0 ? -1 : titleLine + NEAR_TITLE_LINES;
  const limit = Math.min(facts.lines.length, from + MAX_LABEL_SCAN_LINES);
  for (let i = from; i < limit; i += 1) {
    const line = facts.lines[i];
    if (line.length === 0 || line.length > MAX_LABEL_LINE || facts.boilerplate[i]) continue;
    const segments = parseLabelLine(line, matcher);
    if (segments.length === 0) continue;
    const list = i >= from && i <= to ? near : far;
    for (const segment of segments) list.push({ ...segment, line: i });
  }
  return { near, far };
}

/**
 * The first credit `read` finds below the headline: a bracketed credit closing a paragraph (the story's end, on
 * most pages), a blog's posted-by line (the post's own comes before its comments').
 */
function firstCreditBelow(facts: PageFacts, titleLine: number, read: (line: string) => string | null): string[] {
  const from = Math.max(0, titleLine + 1);
  const end = Math.min(facts.lines.length, from + MAX_LABEL_SCAN_LINES);
  for (let i = from; i < end; i += 1) {
    if (facts.boilerplate[i]) continue;
    const credit = read(facts.lines[i]);
    if (credit) return [credit];
  }
  return [];
}

function segmentsOf(segments: PageSegments, field: LabelField): LabelSegment[] {
  return [...segments.near, ...segments.far].filter((s) => s.field === field && s.value.length > 0);
}

/** Where the headline sits in the page text: the byline and dateline are looked for right around it. */
function findTitleLine(facts: PageFacts, title: string | null, via: string | null): number {
  if (!title) return -1;
  const key = titleKey(title);
  if (via && /^h\d/.test(via)) {
    // A heading respelled from metadata or read without its kicker still ends with the title's words.
    const h = facts.h1.find((x) => collapseWhitespace(x.text) === title) ?? facts.h1.find((x) => titleKey(x.text).endsWith(key));
    if (h) return h.line;
  }
  // A line that is the headline beats an earlier one that merely holds it: hero banners and hidden site h1s
  // repeat it with a subtitle or the site name (`Headline | Site`) far from the story's dateline.
  let holding = -1;
  for (let i = 0; i < facts.lines.length; i += 1) {
    const line = facts.lines[i];
    if (facts.boilerplate[i] || line.length > title.length * 2 + 10 || line.length < title.length / 2) continue;
    const lineKey = titleKey(line);
    if (lineKey.length === 0) continue;
    if (lineKey === key) return i;
    if (holding < 0 && lineKey.includes(key) && key.length >= 6) holding = i;
  }
  if (holding >= 0) return holding;
  return facts.h1.find((h) => h.via === 'h1')?.line ?? -1;
}

/** `size="20"`, `{$source}`, `<%=from%>`: a template that printed its markup or placeholder instead of the value. */
const TEMPLATE_RESIDUE = /^[a-z][\w-]*\s*=\s*["']|[<>{}]/i;

function cleanSource(value: string): string | null {
  let v = value;
  if (CJK_CHAR.test(v)) v = v.split(' ')[0];
  v = v.replace(/[\s,，;；。]+$/u, '');
  if (!v || v.length > 60 || /^\d/.test(v) || TEMPLATE_RESIDUE.test(v)) return null;
  return v;
}

function splitTags(value: string): string[] {
  const separators = CJK_CHAR.test(value) ? /[\s,，、;；|]+/ : /\s*[,，、;；|]\s*/;
  return value.split(separators).map((t) => t.trim()).filter((t) => t.length > 0 && t.length <= 50);
}

function unique(list: string[]): string[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const k = x.toLowerCase();
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * The publication date's candidates, best first; `later` gives the last ones (every line further down the story,
 * a month-only URL), which most pages date before reaching, so firstDate builds and reads them only on demand.
 */
function dateCandidates(
  facts: PageFacts, ld: JsonLdFacts | null, segments: PageSegments, titleLine: number,
  url: string | undefined, profileDate: string | undefined,
): { candidates: DateCandidate[]; later: () => DateCandidate[] } {
  const c: DateCandidate[] = [];
  if (profileDate) c.push({ value: profileDate, via: 'profile', machine: true });
  // What readers see under the headline beats metadata: CMS metadata dates are often the last edit, a migration
  // or the UTC instant of another calendar day, while archives and readers date a story by its dateline.
  const published = (s: PlacedSegment): boolean => s.field === 'date' && !MODIFIED_DATE_LABELS.includes(s.label);
  for (const s of segments.near) {
    if (published(s)) c.push({ value: s.value, via: `text:${s.label}`, machine: false, visible: true });
  }
  // A dateline may show the last revision before the publication (`<span itemprop="dateModified">` first): the
  // revision's text is not read as the line's date.
  const revisions = facts.spots.filter((s) => /dateModified/i.test(s.via) && s.text).map((s) => s.text);
  const withoutRevisions = (line: string): string => revisions.reduce((rest, text) => rest.replace(text, ' '), line);
  if (titleLine >= 0) {
    const end = Math.min(facts.lines.length, titleLine + BYLINE_LINES + 1);
    for (let i = titleLine + 1; i < end; i += 1) {
      const line = facts.lines[i];
      if (!facts.boilerplate[i] && line.length <= MAX_DATELINE) c.push({ value: withoutRevisions(line), via: 'dateline', machine: false, visible: true });
    }
  }
  if (ld?.datePublished) c.push({ value: ld.datePublished, via: 'json-ld', machine: true });
  for (const k of PUBLISHED_META) for (const v of facts.metas.get(k) ?? []) c.push({ value: v, via: `meta:${k}`, machine: true });
  for (const s of facts.spots) {
    if (/datePublished|dateCreated|pubdate/i.test(s.via)) c.push({ value: s.machine ?? s.text, via: s.via, machine: s.machine !== null });
  }
  for (const s of segments.near) {
    if (s.field === 'date' && !MODIFIED_DATE_LABELS.includes(s.label)) c.push({ value: s.value, via: `text:${s.label}`, machine: false, visible: true });
  }
  const fromUrl = url ? urlDate(url) : null;
  // CMSs write the URL's date path in the site's calendar: it tells the local day of a UTC instant like a dateline.
  if (fromUrl?.day) c.push({ value: url!, via: 'url', machine: true, parts: fromUrl, visible: true });
  const nearTitle = (s: TextSpot): boolean => titleLine < 0 || (s.line >= titleLine - BEFORE_TITLE_LINES && s.line <= titleLine + NEAR_TITLE_LINES);
  for (const s of facts.spots) {
    if (s.via.startsWith('time') && nearTitle(s)) c.push({ value: s.machine ?? s.text, via: 'time', machine: s.machine !== null });
  }
  if (titleLine >= 0) {
    // Nearest first: the headline's own line, then alternately below and above it, then further down the story.
    const line = (i: number): void => {
      if (i >= 0 && i < facts.lines.length && !facts.boilerplate[i]) {
        const visible = Math.abs(i - titleLine) <= DATELINE_LINES;
        c.push({ value: facts.lines[i].slice(0, MAX_LABEL_LINE), via: 'text', machine: false, visible });
      }
    };
    line(titleLine);
    for (let d = 1; d <= Math.max(DATELINE_LINES, BEFORE_TITLE_LINES); d += 1) {
      if (d <= DATELINE_LINES) line(titleLine + d);
      if (d <= BEFORE_TITLE_LINES) line(titleLine - d);
    }
    for (const s of facts.spots) if (s.via === 'class:date' && nearTitle(s)) c.push({ value: s.text, via: 'class:date', machine: false });
  }
  for (const k of GENERIC_DATE_META) for (const v of facts.metas.get(k) ?? []) c.push({ value: v, via: `meta:${k}`, machine: true });
  if (titleLine >= 0) {
    for (let i = titleLine + DATELINE_LINES + 1; i <= titleLine + NEAR_TITLE_LINES; i += 1) {
      if (i < facts.lines.length && !facts.boilerplate[i]) c.push({ value: facts.lines[i].slice(0, MAX_LABEL_LINE), via: 'text', machine: false });
    }
  }
  const farDates = segments.far.filter(published);
  if (titleLine >= 0) for (const s of farDates) c.push({ value: s.value, via: `text:${s.label}`, machine: false });
  for (const s of facts.spots) {
    if (s.via.startsWith('time') && !nearTitle(s)) c.push({ value: s.machine ?? s.text, via: 'time', machine: s.machine !== null });
  }
  for (const s of facts.spots) {
    if (s.via === 'class:date') {
      if (s.machine) c.push({ value: s.machine, via: 'class:date', machine: true });
      c.push({ value: s.text, via: 'class:date', machine: false });
    }
  }
  if (titleLine < 0) {
    // Last resort, for pages whose headline was not found in the text: the first dated line of the page, read in
    // order, so a bare date under the unfound title comes before a labelled date far down (the `发表时间` of a
    // reader comment); a labelled line gives its label's value.
    const end = Math.min(facts.lines.length, MAX_DATE_SCAN_LINES);
    let next = 0;
    for (let i = 0; i < end; i += 1) {
      const line = facts.lines[i];
      if (facts.boilerplate[i] || line.length > MAX_LABEL_LINE) continue;
      while (next < farDates.length && farDates[next].line < i) next += 1;
      if (next < farDates.length && farDates[next].line === i) {
        for (; next < farDates.length && farDates[next].line === i; next += 1) c.push({ value: farDates[next].value, via: `text:${farDates[next].label}`, machine: false });
      } else c.push({ value: line, via: 'text', machine: false });
    }
    for (const s of farDates) c.push({ value: s.value, via: `text:${s.label}`, machine: false });
  }
  const later = (): DateCandidate[] => {
    const more: DateCandidate[] = [];
    if (titleLine >= 0) {
      // Last resort: a dated line further down the story, nearest first (blog themes put `Dieser Artikel wurde am
      // 14. Dezember 2015 um 14:48 geschrieben` under a long post, and forums the first post's date under a long head).
      const end = Math.min(facts.lines.length, titleLine + MAX_DATE_SCAN_LINES);
      for (let i = titleLine + NEAR_TITLE_LINES + 1; i < end; i += 1) {
        if (!facts.boilerplate[i]) more.push({ value: facts.lines[i].slice(0, MAX_LABEL_LINE), via: 'text:far', machine: false });
      }
    }
    if (fromUrl && !fromUrl.day) more.push({ value: url!, via: 'url', machine: true, parts: fromUrl });
    return more;
  };
  return { candidates: c, later };
}

/** Publication dates in the pages' inline script state, first script first. */
function scriptDates(facts: PageFacts): DateCandidate[] {
  const c: DateCandidate[] = [];
  for (const script of facts.scripts) {
    const m = SCRIPT_DATE_KEY.exec(script);
    if (m) c.push({ value: m[1], via: 'script', machine: true });
  }
  return c;
}

function modifiedCandidates(facts: PageFacts, ld: JsonLdFacts | null, segments: PageSegments): DateCandidate[] {
  const c: DateCandidate[] = [];
  if (ld?.dateModified) c.push({ value: ld.dateModified, via: 'json-ld', machine: true });
  for (const k of MODIFIED_META) for (const v of facts.metas.get(k) ?? []) c.push({ value: v, via: `meta:${k}`, machine: true });
  for (const s of facts.spots) if (/dateModified/i.test(s.via)) c.push({ value: s.machine ?? s.text, via: s.via, machine: s.machine !== null });
  for (const s of [...segments.near, ...segments.far]) {
    if (s.field === 'date' && MODIFIED_DATE_LABELS.includes(s.label)) c.push({ value: s.value, via: `text:${s.label}`, machine: false });
  }
  return c;
}

/**
 * The metadata of one page, each value with where it came from. Reads the untouched tree (before content
 * extraction prunes it) in one pass (collectFacts), then decides each field from the collected facts.
 */
export function extractMetadata(doc: Document, options: ExtractOptions): MetadataResult {
  const facts = collectFacts(doc);
  const ld = readJsonLd(facts.jsonLd);
  const fromProfile = profileValues(doc, options.profile);
  const provenance: Partial<Record<MetadataField, string>> = {};
  const base = absoluteUrl(facts.baseHref, options.url) ?? options.url;

  // Site name first: it is what the title's suffix is recognised by.
  const siteMeta = firstMeta(facts, SITE_NAME_META);
  const siteFromMeta = siteMeta && !looksLikeUrl(siteMeta[0]) ? siteMeta : null;
  const publisher = ld?.publisher && !looksLikeUrl(ld.publisher) ? ld.publisher : null;
  const hostNames: string[] = [];
  if (options.url) {
    try {
      const host = new URL(options.url).hostname.replace(/^www\./, '');
      hostNames.push(host, host.split('.')[0]);
    } catch {
      // A --url that is not a URL only costs the host-based suffix hint.
    }
  }

  const declaredTitles: [string, string][] = [];
  if (ld?.headline) declaredTitles.push([ld.headline, 'json-ld']);
  for (const k of TITLE_META) for (const v of facts.metas.get(k) ?? []) declaredTitles.push([v, `meta:${k}`]);
  const titleChoice = fromProfile.title
    ? { title: fromProfile.title, via: 'profile', titleSuffix: null }
    : chooseTitle({
        headings: facts.h1.map((h): [string, string] => [h.text, h.via]),
        declared: declaredTitles,
        titleTag: facts.titleText,
        siteNames: [siteFromMeta?.[0], publisher, ...hostNames].filter((x): x is string => !!x),
      });
  if (titleChoice.via) provenance.title = titleChoice.via;

  let siteName: string | null = null;
  if (siteFromMeta) [siteName, provenance.siteName] = siteFromMeta;
  else if (publisher) [siteName, provenance.siteName] = [publisher, 'json-ld'];
  else if (titleChoice.titleSuffix) [siteName, provenance.siteName] = [titleChoice.titleSuffix, 'title-suffix'];

  const titleLine = findTitleLine(facts, titleChoice.title, titleChoice.via);
  const segments = labelSegments(facts, titleLine, options.profile);

  // Language before dates: it decides the zone of offset-less dates and the order of slashed dates.
  const declaredLanguage = facts.htmlLang ?? firstMeta(facts, LANGUAGE_META)?.[0] ?? ld?.inLanguage ?? null;
  const sampleStart = Math.max(0, titleLine);
  let sample = titleChoice.title ?? '';
  for (let i = sampleStart; i < facts.lines.length && sample.length < LANGUAGE_SAMPLE_CHARS; i += 1) {
    if (!facts.boilerplate[i]) sample += `\n${facts.lines[i]}`;
  }
  const lang = detectLanguage(declaredLanguage, sample);
  if (lang.language) provenance.language = lang.via;

  const ctx: DateContext = {
    zone: inferZone(options.url, lang.language, options.profile?.timezone),
    now: options.now ?? new Date(),
    monthFirst: lang.language === 'en' && /^en[-_]us/i.test(declaredLanguage ?? 'en-US'),
    machineTexts: () => [...facts.scripts, ...facts.jsonLd, ...[...facts.metas.values()].flat()],
  };
  const publishedCandidates = dateCandidates(facts, ld, segments, titleLine, options.url, fromProfile.date);
  const published = firstDate(publishedCandidates.candidates, ctx, publishedCandidates.later) ?? firstDate(scriptDates(facts), ctx);
  if (published) provenance.publishedAt = published.via;
  const modified = firstDate(modifiedCandidates(facts, ld, segments), ctx);
  if (modified) provenance.modifiedAt = modified.via;

  const authorChoice = chooseAuthors({
    profile: fromProfile.author ?? null,
    jsonLd: ld?.authors ?? [],
    bylinesNear: segments.near.filter((x) => x.field === 'author'),
    metas: AUTHOR_META.map((k): [string, string[]] => [k, (facts.metas.get(k) ?? []).filter((v) => !looksLikeUrl(v))]),
    elements: facts.spots.filter((x) => AUTHOR_SPOT.test(x.via)).map((x) => x.machine ?? x.text),
    bylinesFar: segments.far.filter((x) => x.field === 'author'),
    closingCredits: firstCreditBelow(facts, titleLine, closingCredit),
    postedBy: firstCreditBelow(facts, titleLine, postedBy),
    siteNames: [siteName, publisher, ...hostNames].filter((x): x is string => !!x),
    cjkSpaceSeparates: lang.language !== 'ja',
  });
  const authors = authorChoice.names;
  if (authorChoice.via) provenance.authors = authorChoice.via;

  const editorSegments = segmentsOf(segments, 'editor');
  const editors = editorSegments.length > 0 ? namesFrom([editorSegments[0].value]) : [];
  if (editors.length > 0) provenance.editors = `text:${editorSegments[0].label}`;

  let source: string | null = null;
  for (const s of segmentsOf(segments, 'source')) {
    source = cleanSource(s.value);
    if (source) {
      provenance.source = `text:${s.label}`;
      break;
    }
  }
  if (!source) {
    const meta = firstMeta(facts, SOURCE_META);
    if (meta && !looksLikeUrl(meta[0])) [source, provenance.source] = meta;
  }

  let tags: string[] = [];
  const tagSegment = segmentsOf(segments, 'tag')[0];
  if (tagSegment) [tags, provenance.tags] = [splitTags(tagSegment.value), `text:${tagSegment.label}`];
  if (tags.length === 0 && ld?.keywords.length) [tags, provenance.tags] = [ld.keywords.flatMap(splitTags), 'json-ld'];
  for (const k of TAG_META) {
    if (tags.length > 0) break;
    const values = facts.metas.get(k) ?? [];
    tags = values.flatMap(splitTags);
    if (tags.length > 0) provenance.tags = `meta:${k}`;
  }
  tags = unique(tags).slice(0, MAX_TAGS);

  let description: string | null = null;
  const descMeta = firstMeta(facts, DESCRIPTION_META);
  if (descMeta) [description, provenance.description] = descMeta;
  else if (ld?.description) [description, provenance.description] = [collapseWhitespace(ld.description), 'json-ld'];

  let canonicalUrl = absoluteUrl(facts.canonicalHref, base);
  if (canonicalUrl) provenance.canonicalUrl = 'link:canonical';
  else {
    canonicalUrl = absoluteUrl(facts.metas.get('og:url')?.[0], base);
    if (canonicalUrl) provenance.canonicalUrl = 'meta:og:url';
  }

  let image: string | null = null;
  const imageSources: [string | null | undefined, string][] = [
    ...IMAGE_META.map((k): [string | undefined, string] => [facts.metas.get(k)?.[0], `meta:${k}`]),
    [ld?.image, 'json-ld'],
    [facts.imageSrcHref, 'link:image_src'],
  ];
  for (const [href, via] of imageSources) {
    image = absoluteUrl(href, base);
    if (image) {
      provenance.image = via;
      break;
    }
  }

  return {
    values: {
      title: titleChoice.title,
      authors,
      publishedAt: published?.iso ?? null,
      modifiedAt: modified?.iso ?? null,
      source,
      editors,
      siteName,
      language: lang.language,
      description,
      tags,
      canonicalUrl,
      image,
    },
    provenance,
    jsonLd: ld,
  };
}

import { titleKey } from './title.js';
import { namesFrom, type NameOptions } from './names.js';

/** A credit label's value and the page line it sits on. */
export interface PlacedCredit {
  value: string;
  line: number;
}

/** Lines after the first credit line naming someone that still belong to the byline. */
const BYLINE_BLOCK_LINES = 2;

/**
 * The byline: the first credit line naming someone and those right after it (`本报实习生 …` above `本报记者 …`).
 * A credit further down is someone else's: the blogger who reposted the story, a commenter, a quoted piece's writer.
 */
function bylineNames(credits: readonly PlacedCredit[], options: NameOptions): string[] {
  const first = credits.find((c) => namesFrom([c.value], options).length > 0);
  if (!first) return [];
  return namesFrom(credits.filter((c) => c.line >= first.line && c.line <= first.line + BYLINE_BLOCK_LINES).map((c) => c.value), options);
}

/** Every place a page credits its writers, as read from the page, best first. */
export interface AuthorSources {
  profile: string | null;
  jsonLd: string[];
  /** Values of byline labels (作者, 记者, By) near the headline. */
  bylinesNear: PlacedCredit[];
  /** [meta key, values], in AUTHOR_META order. */
  metas: [string, string[]][];
  /** Texts of author elements (itemprop=author, rel=author, class author/byline). */
  elements: string[];
  bylinesFar: PlacedCredit[];
  /** Bracketed credits closing a paragraph of the story (`（记者 张三）`). */
  closingCredits: string[];
  /** The poster a blog's `由 X 张贴 @ date` line names: a user name as often as a person's. */
  postedBy: string[];
  /** Names the site goes by: an author credit equal to one is a placeholder (`Deutsche Welle`, `VnExpress`). */
  siteNames: string[];
  cjkSpaceSeparates: boolean;
}

/**
 * The writers: the first source naming people wins. A source that only names the site itself (CMS default
 * author, Organization author in JSON-LD) is kept as the answer of last resort, since some pages credit only
 * the newsroom, but a later source naming a person beats it.
 */
export function chooseAuthors(s: AuthorSources): { names: string[]; via: string | null } {
  const siteKeys = s.siteNames.map(titleKey).filter((k) => k.length > 1);
  const isSite = (name: string): boolean => {
    const key = titleKey(name);
    return siteKeys.some((k) => key === k || (key.length >= 4 && (k.includes(key) || key.includes(k))));
  };
  const text: NameOptions = { cjkSpaceSeparates: s.cjkSpaceSeparates };
  const candidates: [() => string[], string][] = [
    [() => (s.profile ? namesFrom([s.profile], text) : []), 'profile'],
    [() => namesFrom(s.jsonLd, { cjkSpaceSeparates: false, structured: true }), 'json-ld'],
    [() => bylineNames(s.bylinesNear, text), 'text:byline'],
    ...s.metas.map(([key, values]): [() => string[], string] => [() => namesFrom(values, { ...text, structured: true }), `meta:${key}`]),
    [() => namesFrom(s.elements, { ...text, firstOnly: true }), 'element:author'],
    [() => bylineNames(s.bylinesFar, text), 'text:byline'],
    [() => namesFrom(s.closingCredits, text), 'text:closing-credit'],
    [() => namesFrom(s.postedBy, { ...text, structured: true }), 'text:posted-by'],
  ];
  let fallback: { names: string[]; via: string } | null = null;
  for (const [read, via] of candidates) {
    const names = read();
    if (names.length === 0) continue;
    const people = names.filter((n) => !isSite(n));
    if (people.length > 0) return { names: people, via };
    fallback ??= { names, via };
  }
  return fallback ?? { names: [], via: null };
}

import { load } from 'cheerio/slim';
import { compile, selectAll } from 'css-select';
import type { AnyNode, Document, Element } from 'domhandler';
import { UserError, reasonOf } from '../errors.js';
import type { SiteProfile } from '../types.js';

/** A compiled group of selectors: `matches` tests one element, `extended` lists what cheerio alone can find. */
interface Selectors {
  matches: ((el: Element) => boolean) | null;
  extended: (doc: Document) => Element[];
}

interface CompiledProfile {
  remove: Selectors | null;
  body: Selectors | null;
}

/**
 * Selectors compiled once per profile: a crawl applies the same profile to every page of its host, and
 * parsing and compiling a selector, then walking the tree once per selector, cost more than extraction's
 * own passes (a 40-host profile file made extraction ~40% slower). `profileFor` hands out the same object
 * for a host, so the cache lives as long as the loaded profile file.
 */
const compiledProfiles = new WeakMap<SiteProfile, CompiledProfile>();

function compiledFor(profile: SiteProfile): CompiledProfile {
  let compiled = compiledProfiles.get(profile);
  if (!compiled) {
    compiled = {
      remove: profile.remove?.length ? compileSelectors(profile.remove, profile.host) : null,
      body: profile.body ? compileSelectors([profile.body], profile.host) : null,
    };
    compiledProfiles.set(profile, compiled);
  }
  return compiled;
}

function compiles(selector: string): boolean {
  try {
    compile<AnyNode, Element>(selector);
    return true;
  } catch {
    return false;
  }
}

/**
 * Standard CSS selectors become one css-select test. jQuery's positional extensions (`li:eq(2)`, `p:first`),
 * which profile validation accepts through cheerio but css-select does not know, run through cheerio per
 * page; a selector neither understands fails there as one user error. Every selector matches the page as
 * served, so their order in the file does not matter (`p:first` is the page's first <p>, even inside a block
 * another selector removes).
 */
function compileSelectors(selectors: readonly string[], host: string): Selectors {
  const standard = selectors.filter(compiles);
  const extended = selectors.filter((s) => !standard.includes(s));
  return {
    matches: standard.length > 0 ? compile<AnyNode, Element>(standard.join(', ')) : null,
    extended: (doc) => {
      if (extended.length === 0) return [];
      const $ = load(doc);
      return extended.flatMap((selector) => {
        try {
          return $(selector).toArray().filter((n): n is Element => n.type === 'tag');
        } catch (err) {
          throw new UserError(`site profile for ${host}: bad selector "${selector}" (${reasonOf(err)})`, 2);
        }
      });
    },
  };
}

function insideAny(el: Element, others: ReadonlySet<Element>): boolean {
  for (let node = el.parent; node; node = node.parent) if (others.has(node as Element)) return true;
  return false;
}

export interface ProfileSelection {
  /**
   * Whether the profile's `remove` selectors match an element: segmentation skips it with its subtree, in
   * the walk it makes anyway rather than in one more walk of its own (the tree is left as it is).
   */
  isRemoved?: (el: Element) => boolean;
  /** What the `body` selector picks, outermost matches only (nested ones would print their text twice). */
  body: Element[];
}

export function selectByProfile(doc: Document, profile: SiteProfile | undefined): ProfileSelection {
  if (!profile || (!profile.remove?.length && !profile.body)) return { body: [] };
  const { remove, body } = compiledFor(profile);
  let isRemoved: ProfileSelection['isRemoved'];
  if (remove) {
    const { matches } = remove;
    const found = new Set(remove.extended(doc));
    isRemoved = found.size === 0 ? matches ?? undefined : (el) => found.has(el) || (matches?.(el) ?? false);
  }
  if (!body) return { isRemoved, body: [] };
  const picked = new Set([...(body.matches ? selectAll<AnyNode, Element>(body.matches, doc) : []), ...body.extended(doc)]);
  return { isRemoved, body: [...picked].filter((el) => !insideAny(el, picked)) };
}

import { load } from 'cheerio';
import { compile, selectAll } from 'css-select';
import { removeElement } from 'domutils';
import type { AnyNode, Document, Element, ParentNode } from 'domhandler';
import { UserError, reasonOf } from '../errors.js';
import type { SiteProfile } from '../types.js';

/** Elements of a document that a selector (or a group of selectors) matches, in document order. */
type Finder = (doc: Document) => Element[];

interface CompiledProfile {
  remove: Finder | null;
  body: Finder | null;
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
      remove: profile.remove?.length ? finderFor(profile.remove, profile.host) : null,
      body: profile.body ? finderFor([profile.body], profile.host) : null,
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
 * Standard CSS selectors become one css-select query (one walk of the tree for all of them). jQuery's
 * positional extensions (`li:eq(2)`, `p:first`), which profile validation accepts through cheerio but
 * css-select does not know, run through cheerio per page; a selector neither understands fails here.
 */
function finderFor(selectors: readonly string[], host: string): Finder {
  const standard = selectors.filter(compiles);
  const query = standard.length > 0 ? compile<AnyNode, Element>(standard.join(', ')) : null;
  const extended = selectors.filter((s) => !standard.includes(s));
  return (doc) => {
    const found = query ? selectAll<AnyNode, Element>(query, doc) : [];
    if (extended.length === 0) return found;
    const $ = load(doc);
    for (const selector of extended) {
      try {
        found.push(...$(selector).toArray().filter((n): n is Element => n.type === 'tag'));
      } catch (err) {
        throw new UserError(`site profile for ${host}: bad selector "${selector}" (${reasonOf(err)})`, 2);
      }
    }
    return found;
  };
}

function insideAny(el: Element, others: ReadonlySet<Element>): boolean {
  for (let node = el.parent; node; node = node.parent) if (others.has(node as Element)) return true;
  return false;
}

/** Removes the profile's `remove` selectors and returns the elements its `body` selector picks (if any). */
export function applyProfile(doc: Document, profile: SiteProfile | undefined): ParentNode[] {
  if (!profile || (!profile.remove?.length && !profile.body)) return [];
  const { remove, body } = compiledFor(profile);
  if (remove) for (const el of remove(doc)) removeElement(el);
  if (!body) return [];
  const picked = new Set(body(doc));
  // Nested matches would print their text twice: keep the outermost.
  return [...picked].filter((el) => !insideAny(el, picked));
}

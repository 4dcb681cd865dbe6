import { DomHandler, Parser } from 'htmlparser2';
import { limitNesting, MAX_PARSE_NESTING, stripTags } from './nesting.js';
import { Element, isTag, type ChildNode, type Document, type ParentNode } from 'domhandler';

/**
 * Deepest element nesting kept after parsing. Real pages stay below ~60 levels; broken generators
 * (unclosed <div>s, a 200,000-deep <b> bomb) go far deeper. Capping the depth once here lets every later
 * stage (selectors, serialisers, our own walkers) recurse without blowing the stack.
 */
export const MAX_TREE_DEPTH = 400;

/** Thrown out of the parser by DepthNotingHandler once the open elements pass MAX_PARSE_NESTING. */
class TooDeep extends Error {}

/**
 * htmlparser2's DOM builder, noting the deepest element nesting it built: on the many pages that stay within
 * MAX_TREE_DEPTH, capping is then skipped instead of costing a walk over the whole tree. Its open-element stack
 * mirrors the parser's, so it is also where a nesting bomb shows, before the parser's O(depth) work per tag adds up.
 */
class DepthNotingHandler extends DomHandler {
  /** Open elements at the deepest point, the document included. */
  deepest = 1;

  constructor(private readonly stopBeyond: number) {
    super();
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    super.onopentag(name, attribs);
    if (this.tagStack.length > this.deepest) {
      this.deepest = this.tagStack.length;
      if (this.deepest > this.stopBeyond) throw new TooDeep();
    }
  }
}

const PARSER_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };

function parseWithin(html: string, stopBeyond: number): DepthNotingHandler {
  const handler = new DepthNotingHandler(stopBeyond);
  new Parser(handler, PARSER_OPTIONS).end(html);
  return handler;
}

/**
 * Parses HTML with htmlparser2 (about 8x faster than parse5 on large news pages), then caps the tree depth. A page
 * nesting deeper than MAX_PARSE_NESTING is parsed again with the excess tags dropped (limitNesting), and if it
 * still goes that deep (markup built to mislead the dropping), as its bare text.
 */
export function parseHtml(html: string): Document {
  let handler: DepthNotingHandler;
  try {
    handler = parseWithin(html, MAX_PARSE_NESTING);
  } catch (err) {
    if (!(err instanceof TooDeep)) throw err;
    try {
      handler = parseWithin(limitNesting(html), MAX_PARSE_NESTING);
    } catch (again) {
      if (!(again instanceof TooDeep)) throw again;
      handler = parseWithin(stripTags(html), Infinity);
    }
  }
  const doc = handler.root;
  moveBodyOutOfHead(doc);
  // The document sits at depth 0: an element at MAX_TREE_DEPTH has no element children, so capping changes nothing.
  if (handler.deepest - 1 > MAX_TREE_DEPTH) capDepth(doc, MAX_TREE_DEPTH);
  return doc;
}

/** What a browser keeps in <head>; any other element, or text, there starts the body. */
const HEAD_CONTENT = new Set(['base', 'basefont', 'bgsound', 'link', 'meta', 'noscript', 'script', 'style', 'template', 'title']);

/**
 * Moves body content that htmlparser2 left inside an unclosed <head> into the body, as a browser's tree builder
 * does: from the first element that cannot be in <head> (or the first text) on. Pages that never close their
 * <head> otherwise have their whole story inside it, where no extractor looks.
 */
function moveBodyOutOfHead(doc: Document): void {
  const html = doc.children.find((c): c is Element => isTag(c) && c.name === 'html');
  const head = html?.children.find((c): c is Element => isTag(c) && c.name === 'head');
  if (!html || !head) return;
  const start = head.children.findIndex((c) => (isTag(c) ? !HEAD_CONTENT.has(c.name) : c.type === 'text' && c.data.trim() !== ''));
  if (start < 0) return;
  const moved = head.children.slice(start);
  relink(head, head.children.slice(0, start));
  const body = html.children.find((c): c is Element => isTag(c) && c.name === 'body');
  if (body) {
    relink(body, [...moved, ...body.children]);
    return;
  }
  // No <body> at all: what followed </head> in <html> belongs to the body too.
  const afterHead = html.children.indexOf(head) + 1;
  const created = new Element('body', {});
  relink(created, [...moved, ...html.children.slice(afterHead)]);
  relink(html, [...html.children.slice(0, afterHead), created]);
}

/**
 * Re-parents everything below `maxDepth` to the element at that depth, in document order: the text and the
 * elements survive (emptied of their own children), only the excess nesting is lost.
 */
export function capDepth(root: ParentNode, maxDepth: number): void {
  const stack: Array<[ParentNode, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth >= maxDepth) {
      flattenInto(node);
      continue;
    }
    for (const child of node.children) {
      if (isTag(child) && child.children.length > 0) stack.push([child, depth + 1]);
    }
  }
}

function flattenInto(node: ParentNode): void {
  if (!node.children.some((c) => isTag(c) && c.children.length > 0)) return;
  const flat: ChildNode[] = [];
  const stack: ChildNode[] = [...node.children].reverse();
  while (stack.length > 0) {
    const child = stack.pop()!;
    flat.push(child);
    if (isTag(child) && child.children.length > 0) {
      for (let i = child.children.length - 1; i >= 0; i--) stack.push(child.children[i]!);
      child.children = [];
    }
  }
  relink(node, flat);
}

/** Makes `children` the child list of `parent`, fixing the parent/sibling pointers domhandler keeps. */
export function relink(parent: ParentNode, children: ChildNode[]): void {
  parent.children = children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    child.parent = parent;
    child.prev = children[i - 1] ?? null;
    child.next = children[i + 1] ?? null;
  }
}

/** Visits every node below `root` in document order without recursion; `enter` returns false to skip a subtree. */
export function walk(root: ParentNode, enter: (node: ChildNode) => boolean | void): void {
  const stack: ChildNode[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (enter(node) === false) continue;
    if (isTag(node)) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
}

/**
 * An element's class and id words together ('' when it has neither): the hint templates give about what an
 * element holds, read by the content and metadata stages alike.
 */
export function hintOf(el: Element): string {
  const { class: cls, id } = el.attribs;
  return cls === undefined ? (id ?? '') : id === undefined ? cls : `${cls} ${id}`;
}

/** The text of a subtree, iteratively (domutils' textContent recurses). */
export function textOf(root: ParentNode): string {
  let out = '';
  walk(root, (node) => {
    if (node.type === 'text') out += (node as unknown as { data: string }).data;
  });
  return out;
}

export type { Document, Element };

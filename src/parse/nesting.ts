/**
 * Deepest nesting handed to the parser. htmlparser2 keeps its open-element stack in an array it shifts and unshifts
 * at the front, so parsing costs O(depth) per tag: a 200,000-deep `<div>` bomb took over a minute. Real pages stay
 * far below this depth, even with unclosed <font> and <div> soup.
 */
export const MAX_PARSE_NESTING = 1000;

/** Elements that never have a closing tag, and those the parser closes implicitly: neither deepens the tree for long. */
const NON_NESTING = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param', 'keygen',
  'p', 'li', 'td', 'th', 'tr', 'option', 'dt', 'dd',
]);

/** Tags, comments, and raw-text elements whose content is not markup. */
const MARKUP = /<!--[\s\S]*?(?:-->|$)|<(script|style|textarea|title)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*>/g;

/**
 * How far below the top of the open-element stack an end tag is looked for. Deeper, it is taken as stray and
 * closes nothing: that can only overstate the depth (more tags dropped on a page already pathological), and it
 * keeps a flood of stray end tags from costing a scan of a deep stack each.
 */
const END_TAG_REACH = 64;

/**
 * Removes the tags (never the text) of elements that would open deeper than `maxDepth`, so the parser stays linear.
 * Open elements are tracked by name, as the parser does: a stray end tag (`</x>` with no open x) closes nothing.
 * Returns the input untouched, without copying, when nothing is that deep. parseHtml calls it only for a page the
 * parser found too deep, so the common page never pays for this scan.
 */
export function limitNesting(html: string, maxDepth = MAX_PARSE_NESTING): string {
  const open: string[] = [];
  /** Elements whose start tag was dropped and whose end tag has not come yet. */
  let dropped = 0;
  const parts: string[] = [];
  let last = 0;
  MARKUP.lastIndex = 0;
  for (let m = MARKUP.exec(html); m; m = MARKUP.exec(html)) {
    const name = m[3]?.toLowerCase();
    if (!name || NON_NESTING.has(name) || m[0].endsWith('/>')) continue;
    let drop = false;
    if (!m[2]) {
      if (open.length < maxDepth) {
        open.push(name);
      } else {
        dropped += 1;
        drop = true;
      }
    } else if (dropped > 0) {
      dropped -= 1;
      drop = true;
    } else {
      for (let i = open.length - 1; i >= Math.max(0, open.length - END_TAG_REACH); i--) {
        if (open[i] === name) {
          open.length = i;
          break;
        }
      }
    }
    if (drop) {
      parts.push(html.slice(last, m.index));
      last = m.index + m[0].length;
    }
  }
  if (last === 0) return html;
  parts.push(html.slice(last));
  return parts.join('');
}

/** Every tag removed, text and raw-text contents kept: the last resort for a page built to defeat limitNesting. */
export function stripTags(html: string): string {
  return html.replace(/<!--[\s\S]*?(?:-->|$)|<\/?[a-zA-Z][^>]*>/g, ' ');
}

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
 * The deepest running count of start tags minus end tags, found with indexOf only: an upper bound of the nesting
 * depth (void and implicitly closed tags only raise it). Most pages stay far below the limit, which spares them
 * the full tag scan.
 */
function nestingBound(html: string): number {
  let open = 0;
  let deepest = 0;
  for (let i = html.indexOf('<'); i >= 0; i = html.indexOf('<', i + 1)) {
    const next = html.charCodeAt(i + 1);
    if (next === 47 /* / */) open--;
    else if ((next | 32) >= 97 && (next | 32) <= 122 && ++open > deepest) deepest = open;
  }
  return deepest;
}

/**
 * Removes the tags (never the text) of elements nested deeper than `maxDepth`, so the parser stays linear.
 * Returns the input untouched, without copying, when no element is that deep: the common case costs one scan.
 */
export function limitNesting(html: string, maxDepth = MAX_PARSE_NESTING): string {
  if (nestingBound(html) <= maxDepth) return html;
  let depth = 0;
  let tooDeep = false;
  MARKUP.lastIndex = 0;
  for (let m = MARKUP.exec(html); m; m = MARKUP.exec(html)) {
    const name = m[3]?.toLowerCase();
    if (!name || NON_NESTING.has(name) || m[0].endsWith('/>')) continue;
    depth += m[2] ? -1 : 1;
    if (depth < 0) depth = 0;
    if (depth > maxDepth) {
      tooDeep = true;
      break;
    }
  }
  if (!tooDeep) return html;

  const parts: string[] = [];
  let last = 0;
  depth = 0;
  MARKUP.lastIndex = 0;
  for (let m = MARKUP.exec(html); m; m = MARKUP.exec(html)) {
    const name = m[3]?.toLowerCase();
    if (!name || NON_NESTING.has(name) || m[0].endsWith('/>')) continue;
    const closing = Boolean(m[2]);
    const deep = closing ? depth > maxDepth : depth + 1 > maxDepth;
    depth = Math.max(0, depth + (closing ? -1 : 1));
    if (deep) {
      parts.push(html.slice(last, m.index));
      last = m.index + m[0].length;
    }
  }
  parts.push(html.slice(last));
  return parts.join('');
}

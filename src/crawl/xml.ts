import { Parser } from 'htmlparser2';

/** Namespaces are not resolved: `<image:loc>` and `<loc>` differ by prefix, which callers check via `name`. */
export interface XmlElement {
  /** The tag as written, lower-cased (`atom:link`). */
  name: string;
  /** Without a namespace prefix (`link`). */
  local: string;
  /** Attribute names lower-cased (`ispermalink`). */
  attrs: Record<string, string>;
  /** Local name of the parent element, '' at the root. */
  parent: string;
}

export interface XmlHandlers {
  open?(el: XmlElement): void;
  /** `text` is the element's own character data (CDATA included), trimmed. */
  close?(el: XmlElement, text: string): void;
}

function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/**
 * Streams an XML document (sitemap, RSS, Atom) through htmlparser2 in xmlMode: no tree is built,
 * so a 50,000-entry sitemap costs only the entries the caller keeps.
 */
export function walkXml(xml: string, handlers: XmlHandlers): void {
  const stack: { el: XmlElement; text: string }[] = [];
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const lower = name.toLowerCase();
        const lowerAttrs: Record<string, string> = {};
        for (const [key, value] of Object.entries(attrs)) lowerAttrs[key.toLowerCase()] = value;
        const el: XmlElement = { name: lower, local: localName(lower), attrs: lowerAttrs, parent: stack.at(-1)?.el.local ?? '' };
        stack.push({ el, text: '' });
        handlers.open?.(el);
      },
      ontext(data) {
        const top = stack.at(-1);
        if (top) top.text += data;
      },
      onclosetag() {
        const top = stack.pop();
        if (top) handlers.close?.(top.el, top.text.trim());
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  parser.write(xml);
  parser.end();
}

const XML_ENCODING = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i;

/**
 * Decodes an XML body: BOM, then the `encoding` of the XML declaration, then UTF-8 (the default of
 * XML). Chinese portals still publish RSS declared as gb2312, which only this declaration reveals.
 */
export function decodeXml(body: Uint8Array): string {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return new TextDecoder('utf-8').decode(body.subarray(3));
  if (body[0] === 0xff && body[1] === 0xfe) return new TextDecoder('utf-16le').decode(body.subarray(2));
  if (body[0] === 0xfe && body[1] === 0xff) return new TextDecoder('utf-16be').decode(body.subarray(2));
  const head = new TextDecoder('latin1').decode(body.subarray(0, 200));
  const declared = XML_ENCODING.exec(head)?.[1];
  if (declared) {
    try {
      return new TextDecoder(declared).decode(body);
    } catch {
      // An unknown label: fall through to the XML default.
    }
  }
  return new TextDecoder('utf-8').decode(body);
}

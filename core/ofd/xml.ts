/**
 * The little XML the OFD module needs: escaping for the writer, and a small non-validating parser for the reader
 * (elements, attributes, text, the five predefined entities and numeric references; comments, processing
 * instructions, CDATA and a DOCTYPE without an internal subset are skipped or kept as text).
 */

/** The namespace every OFD part is written in (the ofd: prefix). */
export const OFD_NS = 'http://www.ofdspec.org/2016';

/** Characters XML 1.0 does not allow (control characters other than tab, LF, CR; lone surrogates; U+FFFE/F). */
const INVALID =
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function escapeText(s: string): string {
  return s.replace(INVALID, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/** Numbers as written into OFD (mm): at most 3 decimals, no trailing zeros, no "-0". */
export function num(n: number): string {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

export interface XmlElement {
  /** The qualified name as written (e.g. "ofd:Page"). */
  name: string;
  /** The local name (prefix removed). */
  local: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (its text nodes concatenated, entities resolved). */
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e] ?? m;
  });
}

export class XmlError extends Error {}

/** Parses a document into its root element; throws XmlError on malformed input. */
export function parseXml(src: string): XmlElement {
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  if (src.charCodeAt(0) === 0xfeff) i = 1;
  while (i < src.length) {
    const lt = src.indexOf('<', i);
    const textEnd = lt < 0 ? src.length : lt;
    if (textEnd > i && stack.length) stack[stack.length - 1]!.text += decodeEntities(src.slice(i, textEnd));
    if (lt < 0) break;
    i = lt;
    if (src.startsWith('<?', i)) {
      const e = src.indexOf('?>', i);
      if (e < 0) throw new XmlError('unterminated processing instruction');
      i = e + 2;
    } else if (src.startsWith('<!--', i)) {
      const e = src.indexOf('-->', i);
      if (e < 0) throw new XmlError('unterminated comment');
      i = e + 3;
    } else if (src.startsWith('<![CDATA[', i)) {
      const e = src.indexOf(']]>', i);
      if (e < 0) throw new XmlError('unterminated CDATA');
      if (stack.length) stack[stack.length - 1]!.text += src.slice(i + 9, e);
      i = e + 3;
    } else if (src.startsWith('<!', i)) {
      const e = src.indexOf('>', i);
      if (e < 0) throw new XmlError('unterminated declaration');
      i = e + 1;
    } else if (src.startsWith('</', i)) {
      const e = src.indexOf('>', i);
      if (e < 0) throw new XmlError('unterminated end tag');
      const name = src.slice(i + 2, e).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new XmlError(`mismatched end tag ${name}`);
      i = e + 1;
    } else {
      const m = /^<([^\s/>]+)/.exec(src.slice(i, i + 200));
      if (!m) throw new XmlError('bad start tag');
      const name = m[1]!;
      let j = i + m[0].length;
      const attrs: Record<string, string> = {};
      const attrRe = /\s*([^\s=/>]+)\s*=\s*("([^"]*)"|'([^']*)')|\s*(\/?>)/y;
      let selfClose = false;
      for (;;) {
        attrRe.lastIndex = j;
        const a = attrRe.exec(src);
        if (!a) throw new XmlError(`bad attributes in <${name}>`);
        j = attrRe.lastIndex;
        if (a[5]) {
          selfClose = a[5] === '/>';
          break;
        }
        attrs[a[1]!] = decodeEntities(a[3] ?? a[4] ?? '');
      }
      const el: XmlElement = { name, local: name.replace(/^.*:/, ''), attrs, children: [], text: '' };
      if (stack.length) stack[stack.length - 1]!.children.push(el);
      else if (root) throw new XmlError('more than one root element');
      else root = el;
      if (!selfClose) stack.push(el);
      i = j;
    }
  }
  if (stack.length || !root) throw new XmlError('unterminated document');
  return root;
}

/** The first child with this local name. */
export function child(el: XmlElement | undefined, local: string): XmlElement | undefined {
  return el?.children.find((c) => c.local === local);
}

/** All children with this local name. */
export function children(el: XmlElement | undefined, local: string): XmlElement[] {
  return el ? el.children.filter((c) => c.local === local) : [];
}

/** Every descendant (depth first) with this local name. */
export function descendants(el: XmlElement, local: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (c.local === local) out.push(c);
    descendants(c, local, out);
  }
  return out;
}

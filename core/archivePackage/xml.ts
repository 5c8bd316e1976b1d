/** A small XML writer for the package's documents: UTF-8, declaration, two-space indent, escaped text. */

export interface XNode {
  name: string;
  attrs?: Record<string, string | number>;
  /** Text content, or child elements. */
  body?: string | number | null | XNode[];
}

export const el = (name: string, body?: XNode['body'], attrs?: XNode['attrs']): XNode => ({ name, body, attrs });

// XML 1.0 allows tab, LF, CR and from U+0020 on (minus surrogates handled by JS strings, U+FFFE/FFFF)
const INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function escapeXml(s: string): string {
  return s
    .replace(INVALID, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function render(n: XNode, depth: number, out: string[]) {
  const pad = '  '.repeat(depth);
  const attrs = n.attrs
    ? Object.entries(n.attrs)
        .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
        .join('')
    : '';
  if (n.body === undefined || n.body === null || n.body === '' || (Array.isArray(n.body) && !n.body.length)) {
    out.push(`${pad}<${n.name}${attrs}/>`);
  } else if (Array.isArray(n.body)) {
    out.push(`${pad}<${n.name}${attrs}>`);
    for (const c of n.body) render(c, depth + 1, out);
    out.push(`${pad}</${n.name}>`);
  } else {
    out.push(`${pad}<${n.name}${attrs}>${escapeXml(String(n.body))}</${n.name}>`);
  }
}

/** The document as UTF-8 bytes, with the XML declaration. */
export function xmlDocument(root: XNode): Buffer {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  render(root, 0, out);
  return Buffer.from(`${out.join('\n')}\n`, 'utf8');
}

import zlib from 'node:zlib';
import { countChars } from '../domain/returns';
import { zipParts } from '../imports/parse/zipDirectory';

/** Reads one entry of a zip (a .docx) without extracting the rest; null when absent or unreadable. */
function zipEntry(buf: Buffer, name: string, maxBytes = 50 * 1024 * 1024): Buffer | null {
  const part = zipParts(buf)?.get(name);
  if (!part || part.uncompressedSize > maxBytes || part.localOffset + 30 > buf.length) return null;
  const start =
    part.localOffset + 30 + buf.readUInt16LE(part.localOffset + 26) + buf.readUInt16LE(part.localOffset + 28);
  const data = buf.subarray(start, start + part.compressedSize);
  try {
    return part.method === 0
      ? Buffer.from(data)
      : part.method === 8
        ? zlib.inflateRawSync(data, { maxOutputLength: maxBytes })
        : null;
  } catch {
    return null;
  }
}

const ENTITIES: Record<string, string> = { '&lt;': '<', '&gt;': '>', '&amp;': '&', '&quot;': '"', '&apos;': "'" };

/** The text of a Word .docx (word/document.xml): the runs' text, paragraphs on their own lines. */
export function docxText(buf: Buffer): string | null {
  const xml = zipEntry(buf, 'word/document.xml')?.toString('utf8');
  if (!xml) return null;
  let out = '';
  for (const m of xml.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<\/w:p>|<w:tab\/>/g)) {
    if (m[1] !== undefined) out += m[1];
    else out += m[0] === '<w:tab/>' ? '\t' : '\n';
  }
  let bad = false;
  const text = out.replace(
    /&(?:(lt|gt|amp|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g,
    (e, _n, dec?: string, hex?: string) => {
      if (dec === undefined && hex === undefined) return ENTITIES[e] ?? e;
      const cp = dec !== undefined ? Number(dec) : parseInt(hex!, 16);
      if (!xmlChar(cp)) {
        bad = true;
        return '';
      }
      return String.fromCodePoint(cp);
    },
  );
  // A reference to a character XML does not allow (&#0;, &#x110000;, a surrogate): Word itself refuses the file.
  return bad ? null : text;
}

/** A character XML 1.0 allows (Char production): what a well-formed document.xml can reference. */
function xmlChar(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** The text layer of a PDF (pdf.js); empty for a scanned, image-only PDF. */
export async function pdfText(buf: Buffer, maxPages = 200): Promise<string | null> {
  try {
    const pdfjs = (await import('pdfjs-dist/legacy/build/pdf.mjs')) as unknown as {
      getDocument(o: object): {
        promise: Promise<{
          numPages: number;
          getPage(n: number): Promise<{ getTextContent(): Promise<{ items: { str?: string }[] }> }>;
          destroy(): Promise<void>;
        }>;
      };
    };
    const doc = await pdfjs.getDocument({
      data: new Uint8Array(buf),
      isEvalSupported: false,
      useSystemFonts: false,
      verbosity: 0,
    }).promise;
    let text = '';
    for (let i = 1; i <= Math.min(doc.numPages, maxPages); i++) {
      const page = await doc.getPage(i);
      text += (await page.getTextContent()).items.map((x) => x.str ?? '').join('') + '\n';
    }
    await doc.destroy();
    return text;
  } catch {
    return null;
  }
}

/** 字数 of a document's text where it can be extracted; null for scans and unreadable files. */
export async function documentCharCount(buf: Buffer, mime: string): Promise<number | null> {
  const text =
    mime === 'application/pdf' ? await pdfText(buf) : mime.includes('wordprocessingml') ? docxText(buf) : null;
  if (text === null) return null;
  const n = countChars(text);
  return n > 0 ? n : null;
}

/**
 * PDF/A-1 (ISO 19005-1, 6.3.5) asks a subset CID font's descriptor for a CIDSet stream naming the CIDs its font
 * program holds; most PDF writers (word processors, scanner software) leave it out. For a TrueType program (a
 * FontFile2, the usual case for Chinese text) the set can be read from the program itself: glyph g is present when
 * its 'loca' entry is not empty, and with the CIDFontType2 default /CIDToGIDMap /Identity a CID is its glyph id.
 * This builds that stream for a font descriptor that needs it; pdfaProbe.ts counts only the fonts this cannot
 * mend (CFF programs, other CID-to-glyph maps) as keeping a file from PDF/A.
 */
import {
  decodePDFRawStream,
  PDFDict,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFDocument,
  type PDFObject,
} from '@cantoo/pdf-lib';

const SUBSET = /^[A-Z]{6}\+/;

/** The CIDSet bytes for a font descriptor that is a subset TrueType font without one; null otherwise. */
export function missingCidSet(doc: PDFDocument, d: PDFDict): Uint8Array | null {
  const look = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
  const get = (k: string) => look(d.get(PDFName.of(k)));
  const type = get('Type');
  const fontName = get('FontName');
  if (!(type instanceof PDFName) || type.decodeText() !== 'FontDescriptor' || d.get(PDFName.of('CIDSet'))) return null;
  if (!(fontName instanceof PDFName) || !SUBSET.test(fontName.decodeText())) return null;
  const program = get('FontFile2');
  if (!(program instanceof PDFRawStream || program instanceof PDFStream)) return null;
  try {
    const bytes = program instanceof PDFRawStream ? decodePDFRawStream(program).decode() : program.getContents();
    return cidSetOfTrueType(bytes);
  } catch {
    return null;
  }
}

/** Bit g (most significant bit first) set for every glyph g with an outline, and for glyph 0. */
export function cidSetOfTrueType(font: Uint8Array): Uint8Array | null {
  const v = new DataView(font.buffer, font.byteOffset, font.byteLength);
  const n = v.getUint16(4);
  const tables = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const rec = 12 + i * 16;
    const tag = String.fromCharCode(font[rec]!, font[rec + 1]!, font[rec + 2]!, font[rec + 3]!);
    tables.set(tag, v.getUint32(rec + 8));
  }
  const head = tables.get('head');
  const maxp = tables.get('maxp');
  const loca = tables.get('loca');
  if (head === undefined || maxp === undefined || loca === undefined) return null;
  const longLoca = v.getInt16(head + 50) === 1;
  const glyphs = v.getUint16(maxp + 4);
  const at = (g: number) => (longLoca ? v.getUint32(loca + g * 4) : v.getUint16(loca + g * 2) * 2);
  const set = new Uint8Array(Math.ceil(glyphs / 8));
  for (let g = 0; g < glyphs; g++) {
    if (g === 0 || at(g + 1) > at(g)) set[g >> 3]! |= 0x80 >> (g & 7);
  }
  return set;
}

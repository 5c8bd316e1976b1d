/**
 * What keeps a bound PDF's pages from being part of a PDF/A-1b file (ISO 19005-1 = GB/T 23286.1) as they are
 * copied (content and resources; annotations are not bound). Checked on everything a page draws — its content,
 * fonts, images, form XObjects, patterns, shadings, graphics states — without decoding images:
 *  - fonts not embedded; subset CID fonts without CIDSet (except TrueType ones, mended by pdfaFonts.ts), subset
 *    Type 1 fonts without CharSet (6.3.4, 6.3.5);
 *  - transparency: soft masks, constant alpha below 1, blend modes other than Normal, transparency groups (6.4);
 *  - JPEG 2000 (JPXDecode) or LZW-compressed streams, interpolated or alternate images, 16-bit images,
 *    PostScript XObjects, transfer functions, ICC profiles newer than version 2 (6.1.10, 6.2.3–6.2.8);
 *  - device CMYK colour (names, images, the k/K operators), which the sRGB output intent does not allow (6.2.3).
 * Heuristic in what it reads, strict in what it reports: a page listed here is not claimed as PDF/A.
 */
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  type PDFDocument,
  type PDFObject,
} from '@cantoo/pdf-lib';

const name = (o: PDFObject | undefined) => (o instanceof PDFName ? o.decodeText() : null);
const SUBSET = /^[A-Z]{6}\+/;
const CMYK_OPS = /(?:^|[\s\]>)])[kK](?=[\s/[<(]|$)/;
const MAX_REASONS = 6;

class Walker {
  private memo = new Map<PDFObject, Set<string>>();
  constructor(private doc: PDFDocument) {}

  private look(o: PDFObject | undefined): PDFObject | undefined {
    return o instanceof PDFRef ? this.doc.context.lookup(o) : o;
  }

  /** Reasons found in an object and everything it refers to (memoised by object: shared resources once). */
  visit(o: PDFObject | undefined, key = ''): Set<string> {
    const obj = this.look(o);
    if (!obj) return new Set();
    const known = this.memo.get(obj);
    if (known) return known;
    const out = new Set<string>();
    this.memo.set(obj, out); // before walking: objects refer back to their parents
    if (obj instanceof PDFArray) {
      if (name(obj.get(0)) === 'ICCBased') this.icc(this.look(obj.get(1)), out);
      for (const v of obj.asArray()) for (const r of this.visit(v, key)) out.add(r);
      return out;
    }
    const dict = obj instanceof PDFDict ? obj : obj instanceof PDFStream ? obj.dict : null;
    if (!dict) {
      if (name(obj) === 'DeviceCMYK' && key !== 'Alternate') out.add('使用了 CMYK 颜色');
      return out;
    }
    this.check(dict, obj, out);
    for (const [k, v] of dict.entries()) {
      const kk = k.decodeText();
      // not followed: the page tree and annotations (not bound), the ICC profile's alternate space, font programs
      if (
        kk === 'Parent' ||
        kk === 'P' ||
        kk === 'Annots' ||
        kk === 'Alternate' ||
        kk === 'FontFile' ||
        kk === 'FontFile2' ||
        kk === 'FontFile3'
      )
        continue;
      for (const r of this.visit(v, kk)) out.add(r);
    }
    return out;
  }

  private check(d: PDFDict, obj: PDFObject, out: Set<string>) {
    const get = (k: string) => this.look(d.get(PDFName.of(k)));
    const type = name(get('Type'));
    const subtype = name(get('Subtype'));
    const filters = get('Filter');
    for (const f of filters instanceof PDFArray ? filters.asArray() : [filters]) {
      const n = name(this.look(f));
      if (n === 'JPXDecode') out.add('含 JPEG 2000 图像');
      if (n === 'LZWDecode') out.add('含 LZW 压缩的数据');
    }
    if (type === 'Font' || get('BaseFont')) this.font(d, out);
    if (subtype === 'Image') {
      if (get('SMask')) out.add('含透明（软蒙版）图像');
      if (get('Interpolate')?.toString() === 'true') out.add('含插值图像');
      if (get('Alternates')) out.add('含替换图像');
      const bpc = get('BitsPerComponent');
      if (bpc instanceof PDFNumber && bpc.asNumber() > 8) out.add('含 16 位图像');
    }
    if (subtype === 'PS' || name(get('Subtype2')) === 'PS') out.add('含 PostScript 代码');
    if (subtype === 'Form') {
      const group = get('Group');
      if (group instanceof PDFDict && name(this.look(group.get(PDFName.of('S')))) === 'Transparency')
        out.add('含透明组');
      if (obj instanceof PDFRawStream || obj instanceof PDFStream) this.content(obj, out);
    }
    if (type === 'ExtGState' || get('CA') || get('ca') || get('BM')) {
      const smask = get('SMask');
      if (smask && name(smask) !== 'None') out.add('含透明（软蒙版）');
      for (const k of ['CA', 'ca']) {
        const v = get(k);
        if (v instanceof PDFNumber && v.asNumber() !== 1) out.add('含半透明对象');
      }
      const bm = get('BM');
      const modes = bm instanceof PDFArray ? bm.asArray().map((x) => name(this.look(x))) : [name(bm)];
      if (bm && modes.some((m) => m !== 'Normal' && m !== 'Compatible')) out.add('含混合模式');
      const tr = get('TR');
      if (tr && name(tr) !== 'Identity' && name(tr) !== 'Default') out.add('含传递函数');
      if (get('TR2') && name(get('TR2')) !== 'Default') out.add('含传递函数');
    }
  }

  private font(d: PDFDict, out: Set<string>) {
    const get = (k: string) => this.look(d.get(PDFName.of(k)));
    const subtype = name(get('Subtype'));
    if (subtype === 'Type3') return;
    const base = name(get('BaseFont')) ?? '（无名）';
    let descriptorOf = d;
    let cid = subtype === 'CIDFontType0' || subtype === 'CIDFontType2';
    if (subtype === 'Type0') {
      const desc = get('DescendantFonts');
      const first = desc instanceof PDFArray ? this.look(desc.get(0)) : undefined;
      if (!(first instanceof PDFDict)) {
        out.add(`字体“${base}”不完整`);
        return;
      }
      descriptorOf = first;
      cid = true;
    }
    const fd = this.look(descriptorOf.get(PDFName.of('FontDescriptor')));
    const has = (k: string) => fd instanceof PDFDict && !!fd.get(PDFName.of(k));
    if (!(fd instanceof PDFDict) || !(has('FontFile') || has('FontFile2') || has('FontFile3'))) {
      out.add(`字体“${base.replace(SUBSET, '')}”未嵌入`);
      return;
    }
    if (SUBSET.test(base)) {
      // (a TrueType program with the identity CID-to-glyph map gets its CIDSet when bound: pdfaFonts.ts)
      const map = this.look(descriptorOf.get(PDFName.of('CIDToGIDMap')));
      const mended = has('FontFile2') && (!map || name(map) === 'Identity');
      if (cid && !has('CIDSet') && !mended) out.add(`子集字体“${base}”缺少 CIDSet`);
      if (!cid && (subtype === 'Type1' || subtype === 'MMType1') && !has('CharSet'))
        out.add(`子集字体“${base}”缺少 CharSet`);
    }
  }

  /** PDF 1.4 knows ICC profiles up to version 2 (ICC.1:1998-09): a version 4 profile is not PDF/A-1. */
  private icc(stream: PDFObject | undefined, out: Set<string>) {
    if (!(stream instanceof PDFRawStream || stream instanceof PDFStream)) return;
    try {
      const bytes = stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : stream.getContents();
      if (bytes.length < 12 || bytes[8]! >= 4) out.add('含第 4 版 ICC 色彩配置');
    } catch {
      out.add('ICC 色彩配置无法读取');
    }
  }

  /** Device CMYK set by the content's own operators (k, K) or inline images. */
  content(s: PDFRawStream | PDFStream, out: Set<string>) {
    let bytes: Uint8Array;
    try {
      bytes = s instanceof PDFRawStream ? decodePDFRawStream(s).decode() : s.getContents();
    } catch {
      out.add('内容流无法解码');
      return;
    }
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    if (CMYK_OPS.test(text) || /\/DeviceCMYK\b/.test(text) || /\/(CS|ColorSpace)\s*\/CMYK\b/.test(text))
      out.add('使用了 CMYK 颜色');
    if (/\bBI\b[\s\S]*?\/(F|Filter)\s*(\[\s*)?\/(LZW|LZWDecode)\b/.test(text)) out.add('含 LZW 压缩的数据');
  }
}

/** Per page (1-based), why it cannot be bound into a PDF/A-1b file; empty when every page can. */
export function pdfaBlockers(doc: PDFDocument): { page: number; reasons: string[] }[] {
  const w = new Walker(doc);
  const found: { page: number; reasons: string[] }[] = [];
  const pages = doc.getPages();
  pages.forEach((page, i) => {
    const reasons = new Set<string>(w.visit(page.node.Resources()));
    const contents = page.node.get(PDFName.of('Contents'));
    const look = (o: PDFObject | undefined) => (o instanceof PDFRef ? doc.context.lookup(o) : o);
    const c = look(contents);
    for (const s of c instanceof PDFArray ? c.asArray().map(look) : [c]) {
      if (s instanceof PDFRawStream || s instanceof PDFStream) w.content(s, reasons);
    }
    if (reasons.size) found.push({ page: i + 1, reasons: [...reasons].slice(0, MAX_REASONS) });
  });
  return found;
}

/** One Chinese sentence part: “第 1、2 页：字体“Helvetica”未嵌入；第 3 页：含透明组”. */
export function describeBlockers(b: { page: number; reasons: string[] }[]): string {
  const byReason = new Map<string, number[]>();
  for (const { page, reasons } of b) for (const r of reasons) byReason.set(r, [...(byReason.get(r) ?? []), page]);
  return [...byReason]
    .slice(0, MAX_REASONS)
    .map(([r, pages]) => `第 ${pages.length > 5 ? `${pages.slice(0, 5).join('、')} 等` : pages.join('、')} 页${r}`)
    .join('；');
}

/**
 * What the 四性检测 needs to know of one PDF: does it open, how many pages, is it encrypted, which fonts are not
 * embedded, and which active content it carries (JavaScript, launch/submit/import actions, links to local files,
 * embedded files). Every object of the file is looked at, those in object streams too.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFString,
  PDFHexString,
  decodePDFRawStream,
} from '@cantoo/pdf-lib';
import type { PDFObject } from '@cantoo/pdf-lib';

export interface PdfFacts {
  /** Why it does not open (Chinese), or null. */
  openError: string | null;
  encrypted: boolean;
  pageCount: number;
  /** BaseFont names of fonts without a FontFile/FontFile2/FontFile3. */
  fontsNotEmbedded: string[];
  /** Active content found, as Chinese phrases (“JavaScript 动作”, “启动程序（Launch）动作”, …). */
  actions: string[];
  /** Embedded files found, as Chinese phrases. */
  embedded: string[];
  /** The PDF/A identification in the XMP metadata (“PDF/A-1b”), or null when it claims none. */
  pdfa: string | null;
}

const N = (s: string) => PDFName.of(s);
const textOfPdf = (o: PDFObject | undefined): string =>
  o instanceof PDFString || o instanceof PDFHexString ? o.decodeText() : '';

function nameOf(o: PDFObject | undefined): string | null {
  return o instanceof PDFName ? o.decodeText() : null;
}

/** Inspects PDF bytes; never throws for a bad file (openError says why). */
export async function inspectPackagePdf(buf: Uint8Array): Promise<PdfFacts> {
  const facts: PdfFacts = {
    openError: null,
    encrypted: false,
    pageCount: 0,
    fontsNotEmbedded: [],
    actions: [],
    embedded: [],
    pdfa: null,
  };
  if (Buffer.from(buf.subarray(0, 1024)).toString('latin1').indexOf('%PDF-') < 0) {
    facts.openError = '不是 PDF 文件（缺少 %PDF 文件头）';
    return facts;
  }
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(buf, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
  } catch {
    facts.openError = '文件已损坏，无法解析';
    return facts;
  }
  facts.encrypted = doc.isEncrypted;
  try {
    facts.pageCount = doc.getPageCount();
  } catch {
    facts.openError = '页面树已损坏，无法读取页面';
    return facts;
  }
  if (facts.pageCount < 1) facts.openError = '没有页面';
  const tail = Buffer.from(buf.subarray(Math.max(0, buf.length - 1024))).toString('latin1');
  if (!tail.includes('%%EOF')) facts.openError = '文件不完整（末尾缺少 %%EOF）';
  if (facts.encrypted) return facts; // the objects are ciphertext: nothing more can be read

  const ctx = doc.context;
  try {
    const meta = ctx.lookup(doc.catalog.get(N('Metadata')));
    if (meta instanceof PDFRawStream) {
      const xmp = Buffer.from(decodePDFRawStream(meta).decode()).toString('utf8');
      const part = /pdfaid:part(?:>|\s*=\s*["'])\s*(\d)/.exec(xmp)?.[1];
      const conf = /pdfaid:conformance(?:>|\s*=\s*["'])\s*([A-Za-z])/.exec(xmp)?.[1];
      if (part) facts.pdfa = `PDF/A-${part}${conf ? conf.toLowerCase() : ''}`;
    }
  } catch {
    /* unreadable metadata: no PDF/A claim */
  }
  const lookup = (o: PDFObject | undefined): PDFObject | undefined => (o instanceof PDFRef ? ctx.lookup(o) : o);
  const addOnce = (list: string[], s: string) => {
    if (!list.includes(s)) list.push(s);
  };
  const dictOf = (o: PDFObject): PDFDict | null =>
    o instanceof PDFDict ? o : o instanceof PDFRawStream ? o.dict : null;

  // Every dictionary: the indirect objects and the direct dictionaries nested in them (not following references).
  const dicts: PDFDict[] = [];
  const collect = (o: PDFObject | undefined, depth: number) => {
    if (!o || depth > 64) return;
    const d = dictOf(o);
    if (d) {
      dicts.push(d);
      for (const [, v] of d.entries()) if (!(v instanceof PDFRef)) collect(v, depth + 1);
    } else if (o instanceof PDFArray) for (const v of o.asArray()) if (!(v instanceof PDFRef)) collect(v, depth + 1);
  };
  for (const [, obj] of ctx.enumerateIndirectObjects()) collect(obj, 0);
  for (const d of dicts) {
    const type = nameOf(d.get(N('Type')));
    const subtype = nameOf(d.get(N('Subtype')));
    const s = nameOf(d.get(N('S')));
    if (d.has(N('JS')) || s === 'JavaScript') addOnce(facts.actions, 'JavaScript 脚本');
    if (s === 'Launch') addOnce(facts.actions, '启动程序（Launch）动作');
    if (s === 'SubmitForm') addOnce(facts.actions, '提交表单（SubmitForm）动作');
    if (s === 'ImportData') addOnce(facts.actions, '导入数据（ImportData）动作');
    if (s === 'URI') {
      const uri = textOfPdf(lookup(d.get(N('URI'))));
      if (/^\s*file:/i.test(uri)) addOnce(facts.actions, `指向本机文件的链接（${uri.slice(0, 60)}）`);
    }
    if (s === 'GoToE') addOnce(facts.embedded, '跳转到嵌入文件（GoToE）动作');
    if (d.has(N('JavaScript')) && (type === null || type === 'Names' || d.has(N('EmbeddedFiles')) || d.has(N('Dests'))))
      addOnce(facts.actions, 'JavaScript 脚本（文档级名称树）');
    if (d.has(N('EmbeddedFiles'))) addOnce(facts.embedded, '嵌入文件（EmbeddedFiles）');
    if (subtype === 'FileAttachment') addOnce(facts.embedded, '文件附件注释（FileAttachment）');
    if (type === 'EmbeddedFile') addOnce(facts.embedded, '嵌入的文件流（EmbeddedFile）');
    if (type === 'Font') {
      const base = nameOf(d.get(N('BaseFont'))) ?? '（无名字体）';
      if (subtype === 'Type3') continue; // glyphs are content streams in the file itself
      let desc: PDFObject | undefined;
      if (subtype === 'Type0') {
        const kids = lookup(d.get(N('DescendantFonts')));
        const first = kids instanceof PDFArray ? lookup(kids.get(0)) : undefined;
        desc = first instanceof PDFDict ? lookup(first.get(N('FontDescriptor'))) : undefined;
      } else desc = lookup(d.get(N('FontDescriptor')));
      const fd = desc instanceof PDFDict ? desc : null;
      const embedded = !!fd && ['FontFile', 'FontFile2', 'FontFile3'].some((k) => fd.has(N(k)));
      if (!embedded) addOnce(facts.fontsNotEmbedded, base);
    }
  }
  return facts;
}

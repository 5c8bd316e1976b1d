/**
 * Bound pages keep everything a reader sees. A bound PDF page is copied as its content stream only, so anything
 * drawn by annotations — filled form fields, ticked checkboxes, stamp annotations (the usual form of electronic
 * seals and signatures), ink, free text, highlights — would vanish. Before a page is bound, each annotation's normal
 * appearance stream (/AP /N, the state /AS selects for checkboxes and radio buttons) is drawn into the page content
 * as a form XObject, placed as PDF 32000-1 §12.5.5 places it (its BBox through its Matrix, fitted onto /Rect),
 * and /Annots is dropped. pdf-lib's form.flatten() handles only AcroForm widgets (and regenerates their appearance
 * with a Latin font); this keeps the appearance the file carries, for every annotation kind.
 *
 * What cannot be kept is returned per page, never dropped silently: an annotation a viewer shows but that has no
 * appearance stream (a sticky note icon, a highlight drawn by the viewer, a filled field without appearance), and
 * one shown only in print (NoView with Print). Hidden annotations, popups and links without an appearance are not
 * visible content and are left out without a word.
 */
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFNumber,
  PDFRef,
  PDFStream,
  PDFString,
  PDFHexString,
  type PDFDocument,
  type PDFObject,
} from '@cantoo/pdf-lib';

export interface LostMark {
  /** 1-based page number. */
  page: number;
  /** What is not kept, in Chinese (the annotation kind, and a field's name). */
  what: string;
}

const KIND: Record<string, string> = {
  Text: '注释（便笺）',
  FreeText: '文字批注',
  Stamp: '图章（电子印章或签名）',
  Ink: '手写批注',
  Highlight: '高亮',
  Underline: '下划线',
  StrikeOut: '删除线',
  Squiggly: '波浪线',
  Square: '方框批注',
  Circle: '圆圈批注',
  Line: '直线批注',
  Polygon: '多边形批注',
  PolyLine: '折线批注',
  Caret: '插入符批注',
  FileAttachment: '附件批注',
  Sound: '声音批注',
  Widget: '表单域',
  Redact: '涂黑标记',
};

const F_HIDDEN = 2;
const F_PRINT = 4;
const F_NOVIEW = 32;

function look(doc: PDFDocument, o: PDFObject | undefined): PDFObject | undefined {
  return o instanceof PDFRef ? doc.context.lookup(o) : o;
}

function num(o: PDFObject | undefined): number | null {
  return o instanceof PDFNumber ? o.asNumber() : null;
}

function numbers(doc: PDFDocument, o: PDFObject | undefined, n: number): number[] | null {
  const a = look(doc, o);
  if (!(a instanceof PDFArray) || a.size() < n) return null;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = num(look(doc, a.get(i)));
    if (v === null || !Number.isFinite(v)) return null;
    out.push(v);
  }
  return out;
}

function text(o: PDFObject | undefined): string {
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  if (o instanceof PDFName) return o.decodeText();
  return '';
}

/** A field attribute, inherited through /Parent. */
function inherited(doc: PDFDocument, d: PDFDict, key: string): PDFObject | undefined {
  let cur: PDFDict | undefined = d;
  for (let guard = 0; cur && guard < 32; guard++) {
    const v = cur.get(PDFName.of(key));
    if (v !== undefined) return look(doc, v);
    const parent = look(doc, cur.get(PDFName.of('Parent')));
    cur = parent instanceof PDFDict ? parent : undefined;
  }
  return undefined;
}

function fieldName(doc: PDFDocument, d: PDFDict): string {
  const parts: string[] = [];
  let cur: PDFDict | undefined = d;
  for (let guard = 0; cur && guard < 32; guard++) {
    const t = text(look(doc, cur.get(PDFName.of('T'))));
    if (t) parts.unshift(t);
    const parent = look(doc, cur.get(PDFName.of('Parent')));
    cur = parent instanceof PDFDict ? parent : undefined;
  }
  return parts.join('.');
}

/** The normal appearance stream to draw (with its reference when it is indirect, as it should be), or null. */
function normalAppearance(doc: PDFDocument, annot: PDFDict): { form: PDFStream; ref: PDFRef | null } | null {
  const ap = look(doc, annot.get(PDFName.of('AP')));
  if (!(ap instanceof PDFDict)) return null;
  const pick = (raw: PDFObject | undefined) => {
    const o = look(doc, raw);
    return o instanceof PDFStream ? { form: o, ref: raw instanceof PDFRef ? raw : null } : null;
  };
  const rawN = ap.get(PDFName.of('N'));
  const n = look(doc, rawN);
  if (n instanceof PDFStream) return pick(rawN);
  if (n instanceof PDFDict) {
    const as = look(doc, annot.get(PDFName.of('AS')));
    return as instanceof PDFName ? pick(n.get(as)) : null; // a state dict without /AS draws nothing
  }
  return null;
}

/** Whether a widget without an appearance would show something (a value, a ticked state). */
function widgetShowsValue(doc: PDFDocument, annot: PDFDict): boolean {
  const v = inherited(doc, annot, 'V');
  if (v === undefined) return false;
  if (v instanceof PDFName) return v.asString() !== '/Off';
  if (v instanceof PDFArray) return v.size() > 0;
  return text(v).trim() !== '';
}

/** Maps a form's BBox (through its Matrix) onto the annotation's Rect: the matrix of §12.5.5 step 3. */
function placement(doc: PDFDocument, annot: PDFDict, form: PDFStream): number[] | null {
  const rect = numbers(doc, annot.get(PDFName.of('Rect')), 4);
  const bbox = numbers(doc, form.dict.get(PDFName.of('BBox')), 4);
  if (!rect || !bbox) return null;
  const m = numbers(doc, form.dict.get(PDFName.of('Matrix')), 6) ?? [1, 0, 0, 1, 0, 0];
  const pts = [
    [bbox[0]!, bbox[1]!],
    [bbox[2]!, bbox[1]!],
    [bbox[0]!, bbox[3]!],
    [bbox[2]!, bbox[3]!],
  ].map(([x, y]) => [m[0]! * x! + m[2]! * y! + m[4]!, m[1]! * x! + m[3]! * y! + m[5]!]);
  const minX = Math.min(...pts.map((p) => p[0]!));
  const maxX = Math.max(...pts.map((p) => p[0]!));
  const minY = Math.min(...pts.map((p) => p[1]!));
  const maxY = Math.max(...pts.map((p) => p[1]!));
  const [rx1, rx2] = [Math.min(rect[0]!, rect[2]!), Math.max(rect[0]!, rect[2]!)];
  const [ry1, ry2] = [Math.min(rect[1]!, rect[3]!), Math.max(rect[1]!, rect[3]!)];
  if (maxX - minX <= 0 || maxY - minY <= 0 || rx2 - rx1 <= 0 || ry2 - ry1 <= 0) return null;
  const sx = (rx2 - rx1) / (maxX - minX);
  const sy = (ry2 - ry1) / (maxY - minY);
  return [sx, 0, 0, sy, rx1 - minX * sx, ry1 - minY * sy];
}

const fmt = (n: number) => (Math.abs(n) < 1e-9 ? '0' : String(Math.round(n * 10000) / 10000));

/**
 * Draws the annotations of every page into its content and removes them (the document is changed in memory
 * only). Returns what could not be kept.
 */
export function flattenAnnotations(doc: PDFDocument): LostMark[] {
  const lost: LostMark[] = [];
  const pages = doc.getPages();
  for (let i = 0; i < pages.length; i++) {
    const node = pages[i]!.node;
    const annots = look(doc, node.get(PDFName.of('Annots')));
    if (!(annots instanceof PDFArray) || annots.size() === 0) {
      if (annots !== undefined) node.delete(PDFName.of('Annots'));
      continue;
    }
    const ops: string[] = [];
    for (let k = 0; k < annots.size(); k++) {
      const a = look(doc, annots.get(k));
      if (!(a instanceof PDFDict)) continue;
      const subtype = look(doc, a.get(PDFName.of('Subtype')));
      const kindKey = subtype instanceof PDFName ? subtype.decodeText() : '';
      if (kindKey === 'Popup') continue; // shown only when its parent is opened
      const flags = num(look(doc, a.get(PDFName.of('F')))) ?? 0;
      if (flags & F_HIDDEN) continue;
      const isWidget = kindKey === 'Widget';
      const label = isWidget
        ? `表单域“${fieldName(doc, a) || '未命名'}”`
        : (KIND[kindKey] ?? `批注（${kindKey || '未知类型'}）`);
      if (flags & F_NOVIEW) {
        if (flags & F_PRINT) lost.push({ page: i + 1, what: `${label}只在打印时显示，未装订` });
        continue;
      }
      const appearance = normalAppearance(doc, a);
      if (!appearance) {
        if (kindKey === 'Link') continue; // a link area draws nothing of its own
        if (isWidget && !widgetShowsValue(doc, a)) continue; // an empty field without appearance draws nothing
        lost.push({ page: i + 1, what: `${label}没有外观（阅读器自行绘制），未能装订` });
        continue;
      }
      const { form } = appearance;
      const m = placement(doc, a, form);
      if (!m) {
        lost.push({ page: i + 1, what: `${label}的外观尺寸无效，未能装订` });
        continue;
      }
      if (!form.dict.get(PDFName.of('Subtype'))) form.dict.set(PDFName.of('Subtype'), PDFName.of('Form'));
      if (!form.dict.get(PDFName.of('Type'))) form.dict.set(PDFName.of('Type'), PDFName.of('XObject'));
      const ref = appearance.ref ?? doc.context.register(form);
      const name = node.newXObject('AnwAnnot', ref);
      ops.push(`q ${m.map(fmt).join(' ')} cm ${name.asString()} Do Q`);
    }
    node.delete(PDFName.of('Annots'));
    if (!ops.length) continue;
    // the page's own drawing is closed in q … Q so that what it leaves of the graphics state does not move the marks
    const { Contents } = node.normalizedEntries();
    const pre = doc.context.register(doc.context.stream('q\n'));
    const post = doc.context.register(doc.context.flateStream(`\nQ\n${ops.join('\n')}\n`));
    const list = Contents ?? doc.context.obj([]);
    list.insert(0, pre);
    list.push(post);
    node.set(PDFName.of('Contents'), list);
  }
  return lost;
}

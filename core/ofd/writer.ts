/**
 * A small OFD (GB/T 33190-2016) writer: one document (Doc_0) of fixed-layout pages with text, lines, rectangles
 * and images, fonts embedded. The container is a zip written as it goes (zip.ts): each page's
 * Content.xml, each font and each image is added when it is known, the document parts (Document.xml with its
 * page list and outline, PublicRes.xml with the fonts, DocumentRes.xml with the images, OFD.xml) at the end.
 *
 *   OFD.xml                       DocBody: DocInfo, DocRoot → Doc_0/Document.xml
 *   Doc_0/Document.xml            CommonData (MaxUnitID, PageArea, PublicRes, DocumentRes), Pages, Outlines
 *   Doc_0/PublicRes.xml           Fonts, each with its embedded FontFile (Res/font_N.ttf)
 *   Doc_0/DocumentRes.xml         MultiMedias: the images (Res/image_N.jpg|png)
 *   Doc_0/Pages/Page_N/Content.xml  one Layer of TextObject, PathObject, ImageObject
 *
 * Units are millimetres, the origin top left, y downward (as in the layout ops). Every object has a Boundary (its
 * box on the page, in page coordinates) and, for turned content, a CTM mapping its own coordinates into that box.
 * Deterministic: the same calls give the same bytes (zip times come from the document's date).
 */
import { ZipWriter } from './zip';
import { escapeAttr, escapeText, num } from './xml';

export const OFD_NS = 'http://www.ofdspec.org/2016';

/** An affine map [a b c d e f]: x' = a·x + c·y + e, y' = b·x + d·y + f (as in PDF and OFD's CTM). */
export type Matrix = [number, number, number, number, number, number];
export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

/** m1 then m2. */
export function multiply(m1: Matrix, m2: Matrix): Matrix {
  return [
    m1[0] * m2[0] + m1[1] * m2[2],
    m1[0] * m2[1] + m1[1] * m2[3],
    m1[2] * m2[0] + m1[3] * m2[2],
    m1[2] * m2[1] + m1[3] * m2[3],
    m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
    m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
  ];
}

const isIdentity = (m: Matrix) => m[0] === 1 && m[1] === 0 && m[2] === 0 && m[3] === 1;

export type Sink = (chunk: Uint8Array, final: boolean) => void;

export interface OfdDocInfo {
  title: string;
  author?: string;
  subject?: string;
  keywords?: string[];
  creator: string;
  creatorVersion?: string;
  /** Creation (and modification) time; also the zip entries' time. */
  date: Date;
  /** 32 hex digits; derived from the title and date when absent. */
  docId?: string;
}

export interface OfdFontInfo {
  /** Font name and family as the font file gives them. */
  fontName: string;
  familyName: string;
  /**
   * The TrueType/OpenType file, embedded as it is; or a function giving it when the document is finished (a
   * subset of the glyphs the pages used).
   */
  bytes: Uint8Array | (() => Uint8Array);
  ext?: 'ttf' | 'otf';
  bold?: boolean;
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const enc = new TextEncoder();

/** The bounding box (page coordinates) of a local rectangle mapped by `m`. */
function mappedBox(m: Matrix, x: number, y: number, w: number, h: number): Box {
  const pts = [apply(m, x, y), apply(m, x + w, y), apply(m, x, y + h), apply(m, x + w, y + h)];
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  const x0 = Math.min(...xs);
  const y0 = Math.min(...ys);
  return { x: x0, y: y0, w: Math.max(...xs) - x0, h: Math.max(...ys) - y0 };
}

const boxAttr = (b: Box) => `${num(b.x)} ${num(b.y)} ${num(b.w)} ${num(b.h)}`;

/** CTM of an object whose own coordinates map to the page by `m`, written relative to its Boundary `b`. */
const ctmAttr = (m: Matrix, b: Box) =>
  `${num6(m[0])} ${num6(m[1])} ${num6(m[2])} ${num6(m[3])} ${num(m[4] - b.x)} ${num(m[5] - b.y)}`;
const num6 = (n: number) => {
  const r = Math.round(n * 1e6) / 1e6;
  return r === 0 ? '0' : String(r);
};

/** "#rrggbb" → "r g b". */
function rgb(hex: string): string {
  const h = hex.replace('#', '');
  const full =
    h.length === 3
      ? h
          .split('')
          .map((c) => c + c)
          .join('')
      : h;
  const v = parseInt(full.slice(0, 6), 16);
  return `${(v >> 16) & 255} ${(v >> 8) & 255} ${v & 255}`;
}

/** DeltaX with runs of equal values abbreviated ("g 4 3.5"). */
export function deltaAttr(deltas: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < deltas.length;) {
    const v = num(deltas[i]!);
    let j = i + 1;
    while (j < deltas.length && num(deltas[j]!) === v) j++;
    if (j - i >= 3) out.push(`g ${j - i} ${v}`);
    else for (let k = i; k < j; k++) out.push(v);
    i = j;
  }
  return out.join(' ');
}

/** One page being built: objects are added in painting order. */
export class OfdPage {
  private objects: string[] = [];
  constructor(
    private readonly nextId: () => number,
    readonly width: number,
    readonly height: number,
  ) {}

  get objectCount(): number {
    return this.objects.length;
  }

  /**
   * A run of text in one font: `x`, `y` the start of its baseline, `size` the em in mm, `advances` each
   * character's advance (mm, one per code point; the last one gives the width). `m` maps these coordinates to
   * the page (turned content).
   */
  text(
    x: number,
    y: number,
    font: number,
    size: number,
    text: string,
    advances: number[],
    opts: { m?: Matrix; color?: string; ascent?: number; descent?: number } = {},
  ): void {
    const chars = [...text];
    if (!chars.length) return;
    // leading and trailing spaces carry no ink; an XML reader may drop them
    let start = 0;
    let end = chars.length;
    while (start < end && chars[start] === ' ') x += advances[start++] ?? 0;
    while (end > start && chars[end - 1] === ' ') end--;
    if (start >= end) return;
    const used = chars.slice(start, end);
    const adv = advances.slice(start, end);
    const width = adv.reduce((a, b) => a + b, 0);
    const ascent = opts.ascent ?? size * 0.9;
    const descent = opts.descent ?? size * 0.25;
    const m = opts.m ?? IDENTITY;
    const local = { x, y: y - ascent, w: Math.max(width, size * 0.1), h: ascent + descent };
    const b = mappedBox(m, local.x, local.y, local.w, local.h);
    const id = this.nextId();
    const plain = isIdentity(m);
    const ox = plain ? b.x - m[4] : 0;
    const oy = plain ? b.y - m[5] : 0;
    const ctm = plain ? '' : ` CTM="${ctmAttr(m, b)}"`;
    const delta = adv.length > 1 ? ` DeltaX="${deltaAttr(adv.slice(0, -1))}"` : '';
    const fill = opts.color && opts.color !== '#000000' ? `<ofd:FillColor Value="${rgb(opts.color)}"/>` : '';
    this.objects.push(
      `<ofd:TextObject ID="${id}" Boundary="${boxAttr(b)}" Font="${font}" Size="${num(size)}"${ctm}>${fill}` +
        `<ofd:TextCode X="${num(x - ox)}" Y="${num(y - oy)}"${delta}>${escapeText(used.join(''))}</ofd:TextCode></ofd:TextObject>`,
    );
  }

  /** A straight line of width `lw` mm. */
  line(x1: number, y1: number, x2: number, y2: number, lw: number, m: Matrix = IDENTITY): void {
    const pad = lw / 2;
    const lx = Math.min(x1, x2) - pad;
    const ly = Math.min(y1, y2) - pad;
    this.path(
      mappedBox(m, lx, ly, Math.abs(x2 - x1) + lw, Math.abs(y2 - y1) + lw),
      m,
      (ox, oy) => `M ${num(x1 - ox)} ${num(y1 - oy)} L ${num(x2 - ox)} ${num(y2 - oy)}`,
      { lw },
    );
  }

  /** A rectangle: stroked with `lw` mm, or filled with `fill` ("#rrggbb"). */
  rect(x: number, y: number, w: number, h: number, opts: { lw?: number; fill?: string }, m: Matrix = IDENTITY): void {
    const pad = opts.fill ? 0 : (opts.lw ?? 0.25) / 2;
    this.path(
      mappedBox(m, x - pad, y - pad, w + 2 * pad, h + 2 * pad),
      m,
      (ox, oy) =>
        `M ${num(x - ox)} ${num(y - oy)} L ${num(x + w - ox)} ${num(y - oy)} L ${num(x + w - ox)} ${num(y + h - oy)} L ${num(x - ox)} ${num(y + h - oy)} C`,
      opts,
    );
  }

  private path(
    b: Box,
    m: Matrix,
    data: (ox: number, oy: number) => string,
    opts: { lw?: number; fill?: string },
  ): void {
    const id = this.nextId();
    const plain = isIdentity(m);
    const ox = plain ? b.x - m[4] : 0;
    const oy = plain ? b.y - m[5] : 0;
    const ctm = plain ? '' : ` CTM="${ctmAttr(m, b)}"`;
    const paint = opts.fill
      ? ` Stroke="false" Fill="true"`
      : ` LineWidth="${num(opts.lw ?? 0.25)}" Stroke="true" Fill="false"`;
    const colour = opts.fill ? `<ofd:FillColor Value="${rgb(opts.fill)}"/>` : `<ofd:StrokeColor Value="0 0 0"/>`;
    this.objects.push(
      `<ofd:PathObject ID="${id}" Boundary="${boxAttr(b)}"${ctm}${paint}>${colour}<ofd:AbbreviatedData>${data(ox, oy)}</ofd:AbbreviatedData></ofd:PathObject>`,
    );
  }

  /**
   * An image resource drawn by `m`, which maps the image's unit square (origin at its top left corner, y down)
   * onto the page: for an upright image of w × h mm at (x, y), [w 0 0 h x y].
   */
  image(resource: number, m: Matrix): void {
    const b = mappedBox(m, 0, 0, 1, 1);
    const id = this.nextId();
    this.objects.push(
      `<ofd:ImageObject ID="${id}" Boundary="${boxAttr(b)}" CTM="${ctmAttr(m, b)}" ResourceID="${resource}"/>`,
    );
  }

  xml(layerId: number): string {
    return (
      `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page xmlns:ofd="${OFD_NS}">` +
      `<ofd:Area><ofd:PhysicalBox>0 0 ${num(this.width)} ${num(this.height)}</ofd:PhysicalBox></ofd:Area>` +
      `<ofd:Content><ofd:Layer ID="${layerId}" Type="Body">${this.objects.join('')}</ofd:Layer></ofd:Content></ofd:Page>`
    );
  }
}

/**
 * Writes an OFD document to `sink` as it is built. Call addFont/addImage before the pages use them, addPage for
 * each page in order, then finish(). The sink receives the zip's bytes in order (final: the last chunk).
 */
export class OfdWriter {
  private maxId = 0;
  private zip: ZipWriter;
  private fonts: string[] = [];
  private images: string[] = [];
  private pages: { id: number; loc: string }[] = [];
  private outline: { title: string; page: number }[] = [];
  private fontFiles = 0;
  private lateFonts: { file: string; bytes: () => Uint8Array }[] = [];
  private finished = false;

  constructor(
    sink: Sink,
    private readonly info: OfdDocInfo,
    private readonly pageSize = { w: 210, h: 297 },
  ) {
    this.zip = new ZipWriter(sink, info.date);
  }

  private id = () => ++this.maxId;

  private add(name: string, data: Uint8Array, compress: boolean): void {
    this.zip.add(name, data, compress);
  }

  /** Embeds a font file; returns its resource ID. */
  addFont(f: OfdFontInfo): number {
    const id = this.id();
    const file = `font_${++this.fontFiles}.${f.ext ?? 'ttf'}`;
    if (typeof f.bytes === 'function') this.lateFonts.push({ file, bytes: f.bytes });
    else this.add(`Doc_0/Res/${file}`, f.bytes, true);
    this.fonts.push(
      `<ofd:Font ID="${id}" FontName="${escapeAttr(f.fontName)}" FamilyName="${escapeAttr(f.familyName)}"${f.bold ? ' Bold="true"' : ''}><ofd:FontFile>${file}</ofd:FontFile></ofd:Font>`,
    );
    return id;
  }

  /** Embeds an image (JPEG or PNG bytes as they are); returns its resource ID. */
  addImage(bytes: Uint8Array, format: 'JPEG' | 'PNG'): number {
    const id = this.id();
    const file = `image_${id}.${format === 'JPEG' ? 'jpg' : 'png'}`;
    this.add(`Doc_0/Res/${file}`, bytes, false);
    this.images.push(
      `<ofd:MultiMedia ID="${id}" Type="Image" Format="${format}"><ofd:MediaFile>${file}</ofd:MediaFile></ofd:MultiMedia>`,
    );
    return id;
  }

  /** A new page (not yet written): draw on it, then addPage(). `size` (mm) for a page unlike the document's. */
  newPage(size?: { w: number; h: number }): OfdPage {
    return new OfdPage(this.id, size?.w ?? this.pageSize.w, size?.h ?? this.pageSize.h);
  }

  /** Writes the page; `outline` adds a bookmark to it. */
  addPage(page: OfdPage, outline?: string): void {
    const id = this.id();
    const layer = this.id();
    const n = this.pages.length;
    const loc = `Pages/Page_${n}/Content.xml`;
    this.add(`Doc_0/${loc}`, enc.encode(page.xml(layer)), true);
    this.pages.push({ id, loc });
    if (outline) this.outline.push({ title: outline, page: id });
  }

  get pageCount(): number {
    return this.pages.length;
  }

  /** Writes the document parts and ends the zip. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    for (const f of this.lateFonts) this.add(`Doc_0/Res/${f.file}`, f.bytes(), true);
    const i = this.info;
    const doc =
      `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Document xmlns:ofd="${OFD_NS}"><ofd:CommonData>` +
      `<ofd:MaxUnitID>${this.maxId}</ofd:MaxUnitID>` +
      `<ofd:PageArea><ofd:PhysicalBox>0 0 ${num(this.pageSize.w)} ${num(this.pageSize.h)}</ofd:PhysicalBox></ofd:PageArea>` +
      `<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>` +
      `<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes>` +
      `</ofd:CommonData><ofd:Pages>` +
      this.pages.map((p) => `<ofd:Page ID="${p.id}" BaseLoc="${p.loc}"/>`).join('') +
      `</ofd:Pages>` +
      (this.outline.length
        ? `<ofd:Outlines>${this.outline
            .map(
              (o) =>
                `<ofd:OutlineElem Title="${escapeAttr(o.title)}"><ofd:Actions><ofd:Action Event="CLICK"><ofd:Goto><ofd:Dest Type="Fit" PageID="${o.page}"/></ofd:Goto></ofd:Action></ofd:Actions></ofd:OutlineElem>`,
            )
            .join('')}</ofd:Outlines>`
        : '') +
      `</ofd:Document>`;
    this.add('Doc_0/Document.xml', enc.encode(doc), true);
    this.add(
      'Doc_0/PublicRes.xml',
      enc.encode(
        `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="${OFD_NS}" BaseLoc="Res"><ofd:Fonts>${this.fonts.join('')}</ofd:Fonts></ofd:Res>`,
      ),
      true,
    );
    this.add(
      'Doc_0/DocumentRes.xml',
      enc.encode(
        `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Res xmlns:ofd="${OFD_NS}" BaseLoc="Res">` +
          (this.images.length ? `<ofd:MultiMedias>${this.images.join('')}</ofd:MultiMedias>` : '') +
          `</ofd:Res>`,
      ),
      true,
    );
    const date = i.date.toISOString().slice(0, 10);
    const docId = i.docId ?? docIdOf(`${i.title}\u0000${i.date.toISOString()}`);
    const ofd =
      `<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD xmlns:ofd="${OFD_NS}" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>` +
      `<ofd:DocID>${docId}</ofd:DocID>` +
      `<ofd:Title>${escapeText(i.title)}</ofd:Title>` +
      (i.author ? `<ofd:Author>${escapeText(i.author)}</ofd:Author>` : '') +
      (i.subject ? `<ofd:Subject>${escapeText(i.subject)}</ofd:Subject>` : '') +
      `<ofd:CreationDate>${date}</ofd:CreationDate><ofd:ModDate>${date}</ofd:ModDate>` +
      (i.keywords?.length
        ? `<ofd:Keywords>${i.keywords.map((k) => `<ofd:Keyword>${escapeText(k)}</ofd:Keyword>`).join('')}</ofd:Keywords>`
        : '') +
      `<ofd:Creator>${escapeText(i.creator)}</ofd:Creator>` +
      (i.creatorVersion ? `<ofd:CreatorVersion>${escapeText(i.creatorVersion)}</ofd:CreatorVersion>` : '') +
      `</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`;
    this.add('OFD.xml', enc.encode(ofd), true);
    this.zip.end();
  }
}

/** A stable 32-hex-digit document ID from a string (FNV-1a, four lanes). */
function docIdOf(s: string): string {
  const lanes = [0x811c9dc5, 0x01000193, 0x9e3779b9, 0x7f4a7c15];
  const b = enc.encode(s);
  for (let k = 0; k < 4; k++) {
    let h = lanes[k]! >>> 0;
    for (const c of b) h = Math.imul(h ^ (c + k), 0x01000193) >>> 0;
    lanes[k] = h;
  }
  return lanes.map((h) => h.toString(16).padStart(8, '0')).join('');
}

/** Builds a whole OFD in memory (tests, small documents). */
export function ofdToBuffer(build: (w: OfdWriter) => void, info: OfdDocInfo): Buffer {
  const chunks: Uint8Array[] = [];
  const w = new OfdWriter((c) => chunks.push(c.slice()), info);
  build(w);
  w.finish();
  return Buffer.concat(chunks);
}

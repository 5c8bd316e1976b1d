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
import { escapeAttr, escapeText, num, OFD_NS } from './xml';
import { OfdPage } from './page';

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

const enc = new TextEncoder();

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

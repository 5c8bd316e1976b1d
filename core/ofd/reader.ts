/**
 * Reads an OFD file back: the document info, every page (size, text, images, paths), the fonts (and whether
 * their files are embedded in the container) and the images. Used by the tests and the 四性检测 (可用性: the file
 * opens, its fonts are embedded, its text is extractable). Follows OFD.xml → DocRoot → Document.xml → Pages,
 * resolving every path against the part that names it, as GB/T 33190-2016 §7 describes.
 */
import zlib from 'node:zlib';
import { unzipSync } from 'fflate';
import { child, children, descendants, parseXml, XmlError, type XmlElement } from './xml';

export interface OfdFontEntry {
  id: number;
  fontName: string;
  familyName: string;
  /** The font file's path in the container, when it has one. */
  file: string | null;
  /** The file is in the container (a FontFile that resolves to a part). */
  embedded: boolean;
  size: number;
}

export interface OfdImageEntry {
  id: number;
  format: string;
  file: string | null;
  size: number;
  bytes: Uint8Array | null;
}

export interface OfdTextItem {
  text: string;
  /** Start of the baseline on the page (mm), for objects without a CTM; null when turned. */
  x: number | null;
  y: number | null;
  font: number;
  size: number;
  turned: boolean;
  /** Where the run's last character starts (x plus its DeltaX), for joining runs on a line. */
  lastX: number | null;
}

export interface OfdPageEntry {
  index: number;
  id: number;
  /** PhysicalBox of the page (its own Area, else the document's PageArea), mm. */
  width: number;
  height: number;
  /** The page's text, one line per run of TextCodes on one baseline. */
  text: string;
  texts: OfdTextItem[];
  /** Resource IDs of the images drawn. */
  images: number[];
  /** Each ImageObject: its resource, Boundary (x y w h, mm) and CTM. */
  imageObjects: { resource: number; boundary: number[]; ctm: number[] }[];
  paths: number;
  /** Fonts the page's text uses. */
  fonts: number[];
}

export interface OfdDocument {
  title: string | null;
  author: string | null;
  creator: string | null;
  creationDate: string | null;
  docId: string | null;
  maxUnitId: number;
  pages: OfdPageEntry[];
  fonts: OfdFontEntry[];
  images: OfdImageEntry[];
  outline: string[];
  /** Every part of the container. */
  parts: string[];
}

export class OfdReadError extends Error {}

const dec = new TextDecoder('utf-8');

function resolve(base: string, rel: string): string {
  if (rel.startsWith('/')) return rel.slice(1);
  const parts = base ? base.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg && seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}
const dirOf = (p: string) => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

const nums = (s: string | undefined) => (s ?? '').trim().split(/\s+/).filter(Boolean).map(Number);

/** Reads an OFD from its bytes; throws OfdReadError when it is not a readable OFD. */
export function readOfd(bytes: Uint8Array): OfdDocument {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    throw new OfdReadError(`不是有效的 OFD 文件（zip 无法解开：${(e as Error).message}）`);
  }
  // fflate does not check CRC-32: a part changed or damaged inside the container shows here
  for (const [name, crc] of centralCrcs(bytes))
    if (files[name] && zlib.crc32(files[name]) >>> 0 !== crc)
      throw new OfdReadError(`OFD 文件的部件 ${name} 已损坏（CRC-32 校验值不符）`);
  const xml = (p: string): XmlElement => {
    const b = files[p];
    if (!b) throw new OfdReadError(`OFD 文件缺少部件 ${p}`);
    try {
      return parseXml(dec.decode(b));
    } catch (e) {
      throw new OfdReadError(`OFD 部件 ${p} 不是有效的 XML（${e instanceof XmlError ? e.message : String(e)}）`);
    }
  };
  const ofd = xml('OFD.xml');
  if (ofd.local !== 'OFD') throw new OfdReadError('OFD.xml 的根元素不是 OFD');
  const body = child(ofd, 'DocBody');
  const info = child(body, 'DocInfo');
  const rootRef = child(body, 'DocRoot')?.text.trim();
  if (!rootRef) throw new OfdReadError('OFD.xml 没有 DocRoot');
  const docPath = resolve('', rootRef);
  const docDir = dirOf(docPath);
  const doc = xml(docPath);
  const common = child(doc, 'CommonData');
  const area = nums(child(child(common, 'PageArea'), 'PhysicalBox')?.text);

  const fonts: OfdFontEntry[] = [];
  const images: OfdImageEntry[] = [];
  const resFiles = [...children(common, 'PublicRes'), ...children(common, 'DocumentRes')].map((e) =>
    resolve(docDir, e.text.trim()),
  );
  for (const rf of resFiles) {
    const res = xml(rf);
    const base = resolve(dirOf(rf), res.attrs.BaseLoc ?? '');
    for (const f of descendants(res, 'Font')) {
      const ff = child(f, 'FontFile')?.text.trim();
      const file = ff ? resolve(base, ff) : null;
      fonts.push({
        id: Number(f.attrs.ID),
        fontName: f.attrs.FontName ?? '',
        familyName: f.attrs.FamilyName ?? '',
        file,
        embedded: !!file && !!files[file],
        size: file && files[file] ? files[file].length : 0,
      });
    }
    for (const mm of descendants(res, 'MultiMedia')) {
      const mf = child(mm, 'MediaFile')?.text.trim();
      const file = mf ? resolve(base, mf) : null;
      const b = file ? files[file] : undefined;
      images.push({
        id: Number(mm.attrs.ID),
        format: mm.attrs.Format ?? '',
        file,
        size: b?.length ?? 0,
        bytes: b ?? null,
      });
    }
  }

  const pages: OfdPageEntry[] = children(child(doc, 'Pages'), 'Page').map((pe, index) => {
    const loc = resolve(docDir, pe.attrs.BaseLoc ?? '');
    const page = xml(loc);
    const box = nums(child(child(page, 'Area'), 'PhysicalBox')?.text);
    const [, , w, h] = box.length === 4 ? box : area;
    const texts: OfdTextItem[] = [];
    for (const t of descendants(page, 'TextObject')) {
      const b = nums(t.attrs.Boundary);
      const turned = !!t.attrs.CTM;
      for (const code of children(t, 'TextCode')) {
        const x = Number(code.attrs.X ?? 0);
        const y = Number(code.attrs.Y ?? 0);
        const deltas = expandDelta(code.attrs.DeltaX);
        texts.push({
          text: code.text,
          lastX: turned ? null : b[0]! + x + deltas.reduce((a, d) => a + d, 0),
          x: turned ? null : b[0]! + x,
          y: turned ? null : b[1]! + y,
          font: Number(t.attrs.Font),
          size: Number(t.attrs.Size),
          turned,
        });
      }
    }
    return {
      index,
      id: Number(pe.attrs.ID),
      width: w ?? 0,
      height: h ?? 0,
      text: joinText(texts),
      texts,
      images: descendants(page, 'ImageObject').map((i) => Number(i.attrs.ResourceID)),
      imageObjects: descendants(page, 'ImageObject').map((i) => ({
        resource: Number(i.attrs.ResourceID),
        boundary: nums(i.attrs.Boundary),
        ctm: nums(i.attrs.CTM ?? '1 0 0 1 0 0'),
      })),
      paths: descendants(page, 'PathObject').length,
      fonts: [...new Set(texts.map((t) => t.font))],
    };
  });
  const get = (name: string) => child(info, name)?.text ?? null;
  return {
    title: get('Title'),
    author: get('Author'),
    creator: get('Creator'),
    creationDate: get('CreationDate'),
    docId: get('DocID'),
    maxUnitId: Number(child(common, 'MaxUnitID')?.text ?? 0),
    pages,
    fonts,
    images,
    outline: descendants(doc, 'OutlineElem').map((o) => o.attrs.Title ?? ''),
    parts: Object.keys(files),
  };
}

/** Text runs in order; runs on the same baseline that touch (a font change mid-line) are joined without a break. */
function joinText(items: OfdTextItem[]): string {
  let out = '';
  let prev: OfdTextItem | null = null;
  for (const t of items) {
    const sameLine =
      prev && !t.turned && !prev.turned && prev.y !== null && t.y !== null && Math.abs(prev.y - t.y) < 0.05;
    // the next run starts where the previous one's last character ends (about an em after its start): joined
    const touching = sameLine && t.x! - prev!.lastX! < prev!.size * 1.3 && t.x! >= prev!.lastX!;
    out += prev ? (touching ? '' : sameLine ? ' ' : '\n') : '';
    out += t.text;
    prev = t;
  }
  return out;
}

/** DeltaX values with the "g count value" abbreviation expanded. */
export function expandDelta(s: string | undefined): number[] {
  const parts = (s ?? '').trim().split(/\s+/).filter(Boolean);
  const out: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === 'g') {
      const n = Number(parts[i + 1]);
      const v = Number(parts[i + 2]);
      for (let k = 0; k < n; k++) out.push(v);
      i += 2;
    } else out.push(Number(parts[i]));
  }
  return out;
}

/** Name → CRC-32 of every entry, from the zip's central directory. */
function centralCrcs(b: Uint8Array): Map<string, number> {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const out = new Map<string, number>();
  let end = -1;
  for (let i = b.length - 22; i >= Math.max(0, b.length - 22 - 0xffff); i--)
    if (v.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  if (end < 0) return out;
  const count = v.getUint16(end + 10, true);
  let p = v.getUint32(end + 16, true);
  for (let k = 0; k < count && p + 46 <= b.length && v.getUint32(p, true) === 0x02014b50; k++) {
    const n = v.getUint16(p + 28, true);
    const m = v.getUint16(p + 30, true);
    const c = v.getUint16(p + 32, true);
    out.set(dec.decode(b.subarray(p + 46, p + 46 + n)), v.getUint32(p + 16, true));
    p += 46 + n + m + c;
  }
  return out;
}

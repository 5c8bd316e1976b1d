/**
 * The .xlsx parts around the sheets, read for the streaming reader (xlsxStream.ts): workbook.xml (sheets, 1904
 * system), relationships, which styles are dates, shared strings, and the row-by-row scan of a part.
 */
import { isUtf8 } from 'node:buffer';
import { fileErrors } from './messages';
import { Attrs, ELEMENT, LT, Tag, attrMap, decodeXEscapes, eachTag, nameIs, readText, scanTag } from './xlsxStreamXml';
import { ZipReader, type ZipPart } from './xlsxStreamZip';

/** A row (or a shared string) longer than this is not a spreadsheet anyone filled in. */
const MAX_UNIT_BYTES = 64 * 1024 * 1024;

// ---- workbook, relationships, styles ------------------------------------------------------------------------

export interface SheetEntry {
  name: string;
  hidden: boolean;
  rid: string;
}

export function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i + 1);
}

/** A relationship target resolved against the folder of the part that points to it. */
function resolve(base: string, target: string): string {
  const segs = (target.startsWith('/') ? target.slice(1) : base + target).split('/');
  const out: string[] = [];
  for (const s of segs) {
    if (s === '..') out.pop();
    else if (s !== '.' && s !== '') out.push(s);
  }
  return out.join('/');
}

export function readRels(zip: ZipReader, partName: string): Map<string, { type: string; target: string }> {
  const rels = new Map<string, { type: string; target: string }>();
  const part = zip.get(`${dirOf(partName)}_rels/${partName.slice(dirOf(partName).length)}.rels`);
  if (!part) return rels;
  const b = zip.read(part);
  const attrs = new Attrs();
  eachTag(b, (tag) => {
    if (tag.close || !nameIs(b, tag, 'Relationship')) return;
    const a = attrMap(b, tag, attrs);
    if (a.Id && a.Target && a.TargetMode !== 'External')
      rels.set(a.Id, { type: a.Type ?? '', target: resolve(dirOf(partName), a.Target) });
  });
  return rels;
}

/** The workbook part: from the package relationships, else the usual place. */
export function workbookPart(zip: ZipReader): string {
  const root = zip.get('_rels/.rels');
  if (root) {
    const b = zip.read(root);
    let found: string | null = null;
    eachTag(b, (tag) => {
      if (found || tag.close || !nameIs(b, tag, 'Relationship')) return;
      const a = attrMap(b, tag);
      if (/\/officeDocument$/.test(a.Type ?? '') && a.Target) found = resolve('', a.Target);
    });
    if (found && zip.get(found)) return found;
  }
  return 'xl/workbook.xml';
}

export function readWorkbookXml(b: Buffer): { sheets: SheetEntry[]; date1904: boolean } {
  const sheets: SheetEntry[] = [];
  let date1904 = false;
  const attrs = new Attrs();
  eachTag(b, (tag) => {
    if (tag.close) return;
    if (nameIs(b, tag, 'sheet')) {
      const a = attrMap(b, tag, attrs);
      const state = a.state ?? 'visible';
      sheets.push({
        name: a.name ?? '',
        hidden: state === 'hidden' || state === 'veryHidden',
        rid: a[':id'] ?? a.id ?? '',
      });
    } else if (nameIs(b, tag, 'workbookPr')) {
      const v = attrMap(b, tag, attrs).date1904;
      date1904 = v === '1' || v === 'true';
    }
  });
  return { sheets, date1904 };
}

/** Built-in number formats that show a date or time (the Chinese-locale ids included). */
const BUILTIN_DATE = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56,
  57, 58,
]);

/** exceljs' rule for a custom format: after removing [..] and "..", any of y m d h M s b. */
export function isDateFormat(code: string): boolean {
  const f = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(f);
}

/** For each cell style (cellXfs index): does it show numbers as dates? */
export function readDateStyles(b: Buffer): boolean[] {
  const custom = new Map<number, string>();
  const out: boolean[] = [];
  const attrs = new Attrs();
  let inXfs = false;
  eachTag(b, (tag) => {
    if (nameIs(b, tag, 'cellXfs')) {
      inXfs = !tag.close && !tag.selfClose;
      return;
    }
    if (tag.close) return;
    if (nameIs(b, tag, 'numFmt')) {
      const a = attrMap(b, tag, attrs);
      custom.set(Number(a.numFmtId), a.formatCode ?? '');
    } else if (inXfs && nameIs(b, tag, 'xf')) {
      const id = Number(attrMap(b, tag, attrs).numFmtId ?? 0);
      const code = custom.get(id);
      out.push(code !== undefined ? isDateFormat(code) : BUILTIN_DATE.has(id));
    }
  });
  return out;
}

// ---- shared strings -------------------------------------------------------------------------------------

/**
 * Feeds complete units (an element and its content, e.g. <row>…</row> or <si>…</si>) of a part to `unit`,
 * carrying an incomplete one over to the next chunk. `other` sees every other element tag.
 */
export async function scanUnits(
  zip: ZipReader,
  part: ZipPart,
  file: string,
  unitName: string,
  unit: (b: Buffer, open: Tag, contentStart: number, contentEnd: number) => void,
  other: (b: Buffer, tag: Tag) => void,
  progress?: (bytes: number) => void,
): Promise<void> {
  const tag = new Tag();
  const closers = new Map<string, Buffer>();
  let carry: Buffer | null = null;
  const feed = (b: Buffer): number => {
    let p = 0;
    const end = b.length;
    for (;;) {
      const lt = b.indexOf(LT, p);
      if (lt < 0) return end;
      if (!scanTag(b, lt, end, tag)) return lt;
      if (tag.kind !== ELEMENT) {
        p = tag.end;
        continue;
      }
      if (!tag.close && nameIs(b, tag, unitName)) {
        if (tag.selfClose) {
          unit(b, tag, tag.end, tag.end);
          p = tag.end;
          continue;
        }
        const qname = b.toString('latin1', tag.qStart, tag.nameEnd);
        let closer = closers.get(qname);
        if (!closer) closers.set(qname, (closer = Buffer.from(`</${qname}>`, 'latin1')));
        const close = b.indexOf(closer, tag.end);
        if (close < 0) return lt;
        const openEnd = tag.end;
        unit(b, tag, openEnd, close);
        p = close + closer.length;
        continue;
      }
      other(b, tag);
      p = tag.end;
    }
  };
  for await (const chunk of zip.chunks(part)) {
    const b: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    const used = feed(b);
    carry = used < b.length ? b.subarray(used) : null;
    if (carry && carry.length > MAX_UNIT_BYTES) throw fileErrors.damaged(file);
    progress?.(chunk.length);
  }
  if (carry && carry.indexOf(LT) >= 0) {
    // The part ended inside an element: the XML is cut off although the zip's CRC was right.
    throw fileErrors.damaged(file);
  }
}

/** The shared strings, and the indexes of those whose bytes were not valid UTF-8 (decoded with U+FFFD). */
export async function readSharedStrings(
  zip: ZipReader,
  part: ZipPart,
  file: string,
): Promise<{ strings: string[]; invalid: Set<number> }> {
  const strings: string[] = [];
  const invalid = new Set<number>();
  const tag = new Tag();
  await scanUnits(
    zip,
    part,
    file,
    'si',
    (b, _open, s, e) => {
      // Every <t> of the item (plain or in rich-text runs <r>), except those of phonetic runs <rPh>.
      let out = '';
      let p = s;
      let phonetic = 0;
      for (;;) {
        const lt = b.indexOf(LT, p);
        if (lt < 0 || lt >= e) break;
        if (!scanTag(b, lt, e, tag)) throw fileErrors.damaged(file);
        p = tag.end;
        if (tag.kind !== ELEMENT) continue;
        if (nameIs(b, tag, 'rPh')) {
          if (!tag.selfClose) phonetic += tag.close ? -1 : 1;
          continue;
        }
        if (phonetic || tag.close || tag.selfClose || !nameIs(b, tag, 't')) continue;
        const text = readText(b, tag.end, e, tag);
        if (text === null) throw fileErrors.damaged(file);
        out += text;
        p = tag.start; // the tag after the text (</t>) is scanned again by the loop
      }
      // U+FFFD is rare in real text: only then are the item's bytes checked.
      if (out.includes('\ufffd') && !isUtf8(b.subarray(s, e))) invalid.add(strings.length);
      strings.push(decodeXEscapes(out));
    },
    () => {},
  );
  return { strings, invalid };
}

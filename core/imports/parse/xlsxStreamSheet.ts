/**
 * One worksheet part → a grid Sheet, for the streaming reader (xlsxStream.ts): cells typed from their bytes
 * (numbers, shared/inline strings, booleans, errors, dates by style), merges and cell notes.
 */
import {
  NO_RESULT,
  acceptMerges,
  columnLetter,
  parseRangeRef,
  type Cell,
  type CellNote,
  type MergeRange,
  type Sheet,
} from './grid';
import { fileErrors } from './messages';
import {
  Attrs,
  ELEMENT,
  LT,
  Tag,
  decodeXEscapes,
  nameIs,
  parseIntBytes,
  parseNumberBytes,
  readText,
  scanTag,
  textOf,
} from './xlsxStreamXml';
import { ZipReader, type ZipPart } from './xlsxStreamZip';

import { scanUnits, type SheetEntry } from './xlsxStreamParts';
import {
  CLOSE_C,
  CLOSE_V,
  DatePool,
  T_BOOL,
  T_DATE,
  T_ERROR,
  T_INLINE,
  T_NUMBER,
  T_SHARED,
  T_STR,
  cellType,
  checkedDate,
  checkedNumber,
  columnOf,
  excelToMs,
  hasAmp,
  isoDateCell,
} from './xlsxStreamCells';

/** Cell notes kept per sheet (a damaged file could otherwise note every cell). */
const MAX_NOTES = 200;

export interface SheetContext {
  file: string;
  strings: string[];
  /** Shared strings whose bytes were not UTF-8. */
  invalidStrings: Set<number>;
  dateStyles: boolean[];
  date1904: boolean;
}

class SheetBuilder {
  readonly rows: Cell[][] = [];
  readonly mergeRefs: string[] = [];
  private lastRow = -1;
  /** Shared formulas: si → the master's address (exceljs gives slaves {sharedFormula: master address}). */
  private readonly sharedMasters = new Map<number, string>();
  private readonly tag = new Tag();
  private readonly attrs = new Attrs();
  private readonly scratch: Cell[] = [];
  private readonly dates = new DatePool();
  readonly notes: CellNote[] = [];
  /** Set by value() when the shared string it gave was not valid UTF-8; the caller notes the cell. */
  private invalidHit = false;

  constructor(private readonly ctx: SheetContext) {}

  private noteInvalid(r: number, col: number): void {
    this.invalidHit = false;
    if (this.notes.length >= MAX_NOTES) return;
    this.notes.push({
      row: r,
      col,
      message: `第${r + 1}行 ${columnLetter(col)}列 的文字含有无法识别的字节（已显示为“\ufffd”），文件可能在保存或传送时损坏。请核对该单元格，必要时请报送单位重新保存后再报送`,
    });
  }

  private fail(): never {
    throw fileErrors.damaged(this.ctx.file);
  }

  row(b: Buffer, open: Tag, s: number, e: number): void {
    const attrs = this.attrs.reset(b, open);
    let r = -1;
    while (attrs.next()) if (attrs.is('r')) r = attrs.int() - 1;
    if (!(r >= 0)) r = this.lastRow + 1;
    if (r > 1_048_575) this.fail();
    this.lastRow = r;
    // Built in a reused scratch array, then copied to an array of exactly the row's length: an array grown by
    // push keeps spare capacity (40 slots for 17 cells), which at 100,000 rows is tens of MB.
    const cells = this.scratch;
    cells.length = 0;
    // exceljs counts a row with any cell that is not "null" (a value, a formula, or a cell without a style).
    let exists = false;
    let col = -1;
    const tag = this.tag;
    let p = s;
    for (;;) {
      const lt = b.indexOf(LT, p);
      if (lt < 0 || lt >= e) break;
      if (!scanTag(b, lt, e, tag)) this.fail();
      p = tag.end;
      if (tag.kind !== ELEMENT || tag.close || !nameIs(b, tag, 'c')) continue;
      // <c r="B5" s="3" t="s">
      let type = T_NUMBER;
      let style = 0;
      let refStart = -1;
      let refEnd = -1;
      attrs.reset(b, tag);
      while (attrs.next()) {
        const n = attrs.nameEnd - attrs.nameStart;
        if (n !== 1) continue;
        const a = b[attrs.nameStart];
        if (a === 0x72 /* r */) {
          refStart = attrs.valueStart;
          refEnd = attrs.valueEnd;
        } else if (a === 0x73 /* s */) style = attrs.int();
        else if (a === 0x74 /* t */) type = cellType(b, attrs.valueStart, attrs.valueEnd);
      }
      col = refStart >= 0 ? columnOf(b, refStart, refEnd, col) : col + 1;
      if (tag.selfClose) {
        if (!(style > 0)) exists = true;
        continue;
      }
      // Fast path, most cells: exactly <v>plain text</v></c> (no prefix, formula, inline string or reference).
      const q = tag.end;
      if (type !== T_INLINE && b[q] === LT && b[q + 1] === 0x76 && b[q + 2] === 0x3e) {
        const vs = q + 3;
        const ve = b.indexOf(LT, vs);
        if (
          ve >= 0 &&
          ve + 8 <= e &&
          b.readUInt32LE(ve) === CLOSE_V &&
          b.readUInt32LE(ve + 4) === CLOSE_C &&
          !hasAmp(b, vs, ve)
        ) {
          p = ve + 8;
          if (ve > vs) {
            exists = true;
            const v = this.value(b, vs, ve, null, type, style);
            if (this.invalidHit) this.noteInvalid(r, col);
            if (v !== null) {
              while (cells.length < col) cells.push(null);
              cells[col] = v;
            }
          } else if (!(style > 0)) exists = true;
          continue;
        }
      }
      const cellEnd = this.cell(b, tag.end, e, type, style, col, r);
      if (this.invalidHit) this.noteInvalid(r, col);
      p = cellEnd.next;
      if (cellEnd.exists) exists = true;
      const v = cellEnd.value;
      if (v !== null) {
        while (cells.length < col) cells.push(null);
        cells[col] = v;
      } else if (!cellEnd.exists && !(style > 0)) exists = true;
    }
    if (exists || cells.length) {
      const rows = this.rows;
      while (rows.length < r) rows.push([]);
      rows[r] = cells.slice();
    }
  }

  private readonly result = { value: null as Cell, exists: false, next: 0 };

  /** The content of one <c> (from after its start tag): its value, and where the scan goes on after </c>. */
  private cell(b: Buffer, from: number, e: number, type: number, style: number, col: number, row: number) {
    const tag = this.tag;
    const attrs = this.attrs;
    // <v>: plain bytes [vStart, vEnd) when it is just text without references, else the decoded vText.
    let vStart = -1;
    let vEnd = -1;
    let vText: string | null = null;
    let inline: string | null = null;
    let formula: string | null = null;
    let fShared = false;
    let fMaster = false;
    let si = -1;
    let p = from;
    let phonetic = 0;
    for (;;) {
      const lt = b.indexOf(LT, p);
      if (lt < 0 || lt >= e) this.fail();
      if (!scanTag(b, lt, e, tag)) this.fail();
      p = tag.end;
      if (tag.kind !== ELEMENT) continue;
      if (tag.close) {
        if (tag.nameEnd - tag.nameStart === 1 && b[tag.nameStart] === 0x63 /* c */) break;
        if (nameIs(b, tag, 'rPh')) phonetic--;
        continue;
      }
      const n = tag.nameEnd - tag.nameStart;
      const c0 = b[tag.nameStart];
      if (n === 1 && c0 === 0x76 /* v */) {
        if (tag.selfClose) continue;
        const ts = tag.end;
        const lt2 = b.indexOf(LT, ts);
        if (lt2 < 0 || lt2 >= e) this.fail();
        if (b[lt2 + 1] === 0x2f && !hasAmp(b, ts, lt2)) {
          vStart = ts;
          vEnd = lt2;
          p = lt2;
        } else {
          vText = readText(b, ts, e, tag);
          if (vText === null) this.fail();
          p = tag.start;
        }
      } else if (n === 1 && c0 === 0x66 /* f */) {
        attrs.reset(b, tag);
        while (attrs.next()) {
          if (attrs.is('t')) {
            fShared = b.toString('latin1', attrs.valueStart, attrs.valueEnd) === 'shared';
            // exceljs takes any t="…" (shared, array, normal) as a formula, even without text.
            formula ??= '';
          } else if (attrs.is('ref')) fMaster = true;
          else if (attrs.is('si')) si = attrs.int();
        }
        if (!tag.selfClose) {
          const text = readText(b, tag.end, e, tag);
          if (text === null) this.fail();
          if (text !== '') formula = text;
          p = tag.start;
        }
      } else if (n === 2 && c0 === 0x69 && b[tag.nameStart + 1] === 0x73 /* is */) {
        inline ??= '';
      } else if (n === 1 && c0 === 0x74 /* t */ && inline !== null && !phonetic && !tag.selfClose) {
        const text = readText(b, tag.end, e, tag);
        if (text === null) this.fail();
        inline += text;
        p = tag.start;
      } else if (n === 3 && !tag.selfClose && nameIs(b, tag, 'rPh')) phonetic++;
    }
    const out = this.result;
    out.next = p;
    out.exists = false;
    out.value = null;
    const hasV = vStart >= 0 ? vEnd > vStart : vText !== null && vText !== '';
    if (formula !== null) {
      // A formula: its cached result, else "no result" (a program that saves without calculating).
      let f = formula;
      if (fShared && fMaster && si >= 0) this.sharedMasters.set(si, `${columnLetter(col)}${row + 1}`);
      if (f === '' && fShared && !fMaster) f = this.sharedMasters.get(si) ?? '';
      out.exists = true;
      if (!hasV) {
        out.value = { error: NO_RESULT, formula: f };
        return out;
      }
      let result: Cell;
      if (type === T_STR) result = this.text(b, vStart, vEnd, vText);
      else if (type === T_BOOL) result = parseInt(this.text(b, vStart, vEnd, vText), 10) !== 0;
      else if (type === T_ERROR) result = { error: this.text(b, vStart, vEnd, vText) };
      else result = this.number(b, vStart, vEnd, vText, style);
      out.value =
        result !== null && typeof result === 'object' && !(result instanceof Date)
          ? { error: result.error, formula: f }
          : result;
      return out;
    }
    if (type === T_INLINE) {
      if (inline === null || inline === '') return out;
      out.exists = true;
      out.value = decodeXEscapes(inline);
      return out;
    }
    if (!hasV) return out;
    out.exists = true;
    out.value = this.value(b, vStart, vEnd, vText, type, style);
    return out;
  }

  /** A cell's <v> (not a formula, not an inline string) by its type. */
  private value(b: Buffer, vStart: number, vEnd: number, vText: string | null, type: number, style: number): Cell {
    switch (type) {
      case T_SHARED: {
        let i = vStart >= 0 ? parseIntBytes(b, vStart, vEnd) : NaN;
        if (Number.isNaN(i)) i = parseInt(this.text(b, vStart, vEnd, vText), 10);
        const s = this.ctx.strings[i];
        if (this.ctx.invalidStrings.size && this.ctx.invalidStrings.has(i)) this.invalidHit = true;
        return s === undefined || s === '' ? null : s;
      }
      case T_STR:
        return this.text(b, vStart, vEnd, vText);
      case T_BOOL:
        return parseInt(this.text(b, vStart, vEnd, vText), 10) !== 0;
      case T_ERROR:
        return { error: this.text(b, vStart, vEnd, vText) };
      case T_DATE:
        return isoDateCell(this.text(b, vStart, vEnd, vText));
      default:
        return this.number(b, vStart, vEnd, vText, style);
    }
  }

  /** A <v> as text (methods, not closures: this runs for every cell). */
  private text(b: Buffer, vStart: number, vEnd: number, vText: string | null): string {
    return vStart >= 0 ? textOf(b, vStart, vEnd) : vText!;
  }

  /** A <v> as a number, or as a Date when its style shows a date. */
  private number(b: Buffer, vStart: number, vEnd: number, vText: string | null, style: number): Cell {
    const num = vStart >= 0 ? parseNumberBytes(b, vStart, vEnd) : parseFloat(vText!);
    return style > 0 && this.ctx.dateStyles[style] === true
      ? checkedDate(this.dates.get(excelToMs(num, this.ctx.date1904)))
      : checkedNumber(num);
  }

  /** Merges applied as exceljs applies them: the value stays in the master, the slaves' rows exist. */
  finish(name: string, hidden: boolean): Sheet {
    const rows = this.rows;
    const merges: { m: MergeRange; key: number }[] = [];
    const declared: MergeRange[] = [];
    for (const ref of this.mergeRefs) {
      const m = parseRangeRef(ref);
      if (!m || m.bottom > 1_048_575 || m.right > 16_383) continue;
      declared.push(m);
    }
    for (const m of acceptMerges(declared, rows.length + 10_000)) {
      // Ordered as the full reader found them: by the first slave cell, row by row.
      const first = m.right > m.left ? m.top * 16384 + m.left + 1 : (m.top + 1) * 16384 + m.left;
      merges.push({ m, key: first });
      const lastRow = Math.min(m.bottom, rows.length + 10_000);
      while (rows.length <= lastRow) rows.push([]);
      for (let r = m.top; r <= lastRow; r++) {
        const row = rows[r]!;
        let touched = false;
        for (let c = m.left; c <= m.right && c < row.length; c++) {
          if ((r !== m.top || c !== m.left) && row[c] !== null) {
            row[c] = null;
            touched = true;
          }
        }
        if (touched) while (row.length && row[row.length - 1] === null) row.pop();
      }
    }
    merges.sort((a, b) => a.key - b.key);
    return { name, hidden, rows, merges: merges.map((x) => x.m), ...(this.notes.length ? { notes: this.notes } : {}) };
  }
}

export async function readSheet(
  zip: ZipReader,
  part: ZipPart,
  entry: SheetEntry,
  ctx: SheetContext,
  progress?: (bytes: number) => void,
): Promise<Sheet> {
  const builder = new SheetBuilder(ctx);
  const attrs = new Attrs();
  await scanUnits(
    zip,
    part,
    ctx.file,
    'row',
    (b, open, s, e) => builder.row(b, open, s, e),
    (b, tag) => {
      if (tag.close || !nameIs(b, tag, 'mergeCell')) return;
      attrs.reset(b, tag);
      while (attrs.next()) if (attrs.is('ref')) builder.mergeRefs.push(attrs.value());
    },
    progress,
  );
  return builder.finish(entry.name, entry.hidden);
}

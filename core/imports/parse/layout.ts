/**
 * Where things are on a sheet: the header row(s) among title/填报 lines, the data rows between blank
 * separators, 合计 rows and the footer, and the return's metadata (unit, township, report date, year).
 */
import { filledCell, cellText, columnCount, getCell, mergeIndex, type MergeIndex, type Sheet } from './grid';
import { headerLikeCount } from './headers';
import { parseDateText } from './dates';
import { townshipAtStart, townshipFromName, unitFromTitle } from './names';
import { cleanValue, halfWidth } from './text';
import type { ReturnMeta, SkippedRow } from './types';

export interface SheetView {
  sheet: Sheet;
  merges: MergeIndex;
  width: number;
}

export function viewOf(sheet: Sheet): SheetView {
  return { sheet, merges: mergeIndex(sheet), width: columnCount(sheet) };
}

export interface HeaderBlock {
  /** 0-based first and last header rows. */
  top: number;
  bottom: number;
  /** Per column: the header texts top-down, repeated texts of a vertical merge once. */
  parts: string[][];
  /** Per column: parts joined with "/". */
  texts: string[];
}

const HEADER_SCAN_ROWS = 30;

function text(v: SheetView, r: number, c: number, mode: 'all' | 'vertical' | 'own'): string {
  const cell = mode === 'own' ? getCell(v.sheet, r, c) : filledCell(v.sheet, v.merges, r, c, mode);
  return cleanValue(cellText(cell));
}

function rowTexts(v: SheetView, r: number, mode: 'all' | 'vertical' | 'own'): string[] {
  const out: string[] = [];
  for (let c = 0; c < v.width; c++) out.push(text(v, r, c, mode));
  return out;
}

function distinctNonEmpty(texts: string[]): string[] {
  return [...new Set(texts.filter((t) => t !== ''))];
}

function isDataLike(v: SheetView, r: number): boolean {
  for (let c = 0; c < v.width; c++) {
    const cell = getCell(v.sheet, r, c);
    if (typeof cell === 'number' || cell instanceof Date) return true;
  }
  return false;
}

/** The header block, or null when no row looks like a header (fewer than 2 known column names). */
export function findHeader(v: SheetView): HeaderBlock | null {
  const scan = Math.min(v.sheet.rows.length, HEADER_SCAN_ROWS);
  let best = -1;
  let bestScore = 1;
  for (let r = 0; r < scan; r++) {
    const score = headerLikeCount(distinctNonEmpty(rowTexts(v, r, 'all')));
    if (score > bestScore) {
      best = r;
      bestScore = score;
    }
  }
  if (best < 0) return null;
  let top = best;
  let bottom = best;
  // Up: vertical header merges reaching into the best row (A3:A4 when row 4 is best), or a group row above.
  for (let guard = 0; guard < 2; guard++) {
    let next = top;
    for (const m of v.sheet.merges)
      if (m.top < top && m.bottom >= top && top - m.top <= 2 && m.bottom <= best + 2) next = Math.min(next, m.top);
    if (next === top && top > 0 && !isDataLike(v, top - 1) && hasGroupMerge(v, top - 1)) next = top - 1;
    if (next === top || best - next > 2) break;
    top = next;
  }
  // Down: vertical header merges going below, or sub-headers under a group cell (merged or not).
  for (let guard = 0; guard < 2; guard++) {
    let next = bottom;
    for (const m of v.sheet.merges) {
      if (m.top >= top && m.top <= bottom && m.bottom > bottom && m.bottom - m.top <= 2 && m.left === m.right)
        next = Math.max(next, m.bottom);
    }
    if (next === bottom && subHeaderBelow(v, top, bottom)) next = bottom + 1;
    if (next === bottom || next - top > 2) break;
    bottom = next;
  }
  // An unmerged group cell ("五落实"情况 with the next four cells empty) heads the columns it stands over.
  const spans = unmergedGroups(v, top, bottom - 1);
  const parts: string[][] = [];
  for (let c = 0; c < v.width; c++) {
    const p: string[] = [];
    for (let r = top; r <= bottom; r++) {
      const t = text(v, r, c, 'all') || (spans.find((s) => s.row === r && s.left < c && c <= s.right)?.text ?? '');
      if (t && p[p.length - 1] !== t) p.push(t);
    }
    parts.push(p);
  }
  return { top, bottom, parts, texts: parts.map((p) => p.join('/')) };
}

interface GroupSpan {
  row: number;
  left: number;
  right: number;
  text: string;
}

/** Whether a cell is part of a merge (its own text or the merged-over blank of one). */
function inMerge(v: SheetView, r: number, c: number): boolean {
  const m = v.merges.get(r, c);
  return !!m && (m.bottom > m.top || m.right > m.left);
}

function ownAbove(v: SheetView, top: number, r: number, c: number): boolean {
  for (let rr = top; rr < r; rr++) if (text(v, rr, c, 'own') || inMerge(v, rr, c)) return true;
  return false;
}

/**
 * Group cells that are not merged, in header rows top..bottom: a filled cell followed by empty cells (not part of
 * any merge) up to the next filled one. WPS's 取消合并 and every CSV export leave a group header like this.
 */
function unmergedGroups(v: SheetView, top: number, bottom: number): GroupSpan[] {
  const spans: GroupSpan[] = [];
  for (let r = top; r <= bottom; r++) {
    for (let c = 0; c < v.width; c++) {
      const t = text(v, r, c, 'own');
      if (!t || inMerge(v, r, c)) continue;
      let right = c;
      // A column with a header of its own higher up (备注 over the rows of a three-row header) is not under the group.
      const free = (col: number) => !text(v, r, col, 'own') && !inMerge(v, r, col) && !ownAbove(v, top, r, col);
      while (right + 1 < v.width && free(right + 1)) right++;
      if (right > c) spans.push({ row: r, left: c, right, text: t });
      c = right;
    }
  }
  return spans;
}

/**
 * A group-header row: a merge across some (not most) columns, and short texts without a colon — so a
 * 填报单位：…/填报时间：… line split into two merges is not taken for a group header.
 */
function hasGroupMerge(v: SheetView, r: number): boolean {
  const texts = rowTexts(v, r, 'own').filter((t) => t !== '');
  if (texts.some((t) => /[:：]/.test(t) || t.length > 20 || /(?:19|20)\d{2}\s*年/.test(t) || FILLER_LINE.test(t)))
    return false;
  return v.sheet.merges.some(
    (m) => m.top === r && m.right > m.left && m.right - m.left + 1 < Math.max(2, v.width * 0.6),
  );
}

/**
 * Whether the row below the header block is more header: its filled cells all stand under group cells of the block
 * (merged, or a filled cell followed by empty ones) and are header words — at least half of them known column
 * names, none of them a value (a number, a date, a long text, a 填报 line).
 */
function subHeaderBelow(v: SheetView, top: number, bottom: number): boolean {
  const r = bottom + 1;
  if (r >= v.sheet.rows.length || isDataLike(v, r)) return false;
  const groups: { left: number; right: number }[] = v.sheet.merges.filter(
    (m) => m.top >= top && m.top <= bottom && m.bottom === m.top && m.right > m.left,
  );
  groups.push(...unmergedGroups(v, top, bottom));
  if (!groups.length) return false;
  const filled: string[] = [];
  for (let c = 0; c < v.width; c++) {
    const t = text(v, r, c, 'own');
    if (!t) continue;
    if (!groups.some((g) => g.left <= c && c <= g.right)) return false;
    filled.push(t);
  }
  if (!filled.length || filled.some((t) => !headerWordLike(t))) return false;
  return headerLikeCount(filled) >= Math.max(1, Math.ceil(filled.length / 2));
}

/** A short label: no colon, no digits but those of a unit note (（万元）), not a 填报 line. */
function headerWordLike(t: string): boolean {
  const s = halfWidth(t).replace(/\s+/g, '');
  return s.length <= 20 && !/[:：]/.test(s) && !/^\d/.test(s) && !FILLER_LINE.test(s);
}

const FOOTER_START =
  /^(?:填报人|填表人|制表人|统计人|审核人|审核|审批人|负责人|单位负责人|分管领导|主要负责人|联系人|联系电话|电话|手机|注|说明|备注|附注|填报说明|填表说明|报送单位|填报单位|填报时间|填报日期|签字|盖章|制表时间|制表日期)\s*[(（]?[^:：]{0,6}[)）]?\s*[:：]/;
const FOOTER_NOTE = /^(?:注|说明)\s*[0-9一二三四五六七八九十、.．:：]/;
const TOTAL = /^(?:合计|小计|总计|共计|总数|汇总|合\s*计|总\s*计)/;

export interface DataRows {
  /** 0-based row indexes of data rows, in order. */
  rows: number[];
  skipped: SkippedRow[];
  blankRows: number;
  /** Text of footer lines (for 填报人/填报时间 found below the table). */
  footerLines: string[];
}

/** Classify the rows below the header: data, blank separators, 合计, footer, notes, repeated headers. */
export function findDataRows(v: SheetView, header: HeaderBlock): DataRows {
  const rows: number[] = [];
  const skipped: SkippedRow[] = [];
  const footerLines: string[] = [];
  let blankRows = 0;
  let inFooter = false;
  const headerLeaves = header.parts.map((p) => p[p.length - 1] ?? '');
  for (let r = header.bottom + 1; r < v.sheet.rows.length; r++) {
    const own = rowTexts(v, r, 'own');
    const nonEmpty = own.filter((t) => t !== '');
    // Blank, or a template row with nothing but its pre-filled 序号.
    if (
      !nonEmpty.length ||
      (nonEmpty.length === 1 && /^\d{1,5}$/.test(nonEmpty[0]!.trim()) && !hasVerticalFill(v, r))
    ) {
      blankRows++;
      continue;
    }
    // The row's text, only for the rows that are skipped (not built for every data row).
    const joined = () => cleanValue(distinctNonEmpty(own).join(' '));
    const first = halfWidth(nonEmpty[0]!).trim();
    if (inFooter || FOOTER_START.test(first) || (nonEmpty.length <= 3 && FOOTER_NOTE.test(first))) {
      inFooter = true;
      const text = joined();
      footerLines.push(text);
      skipped.push({ rowNumber: r + 1, reason: '表尾', text });
      continue;
    }
    if (nonEmpty.slice(0, 3).some((t) => TOTAL.test(t.replace(/\s+/g, '')))) {
      skipped.push({ rowNumber: r + 1, reason: '合计行', text: joined() });
      continue;
    }
    if (nonEmpty.length === 1 && !hasVerticalFill(v, r)) {
      skipped.push({ rowNumber: r + 1, reason: '说明行', text: joined() });
      continue;
    }
    const same = own.filter((t, c) => t !== '' && t === headerLeaves[c]).length;
    if (same >= Math.max(2, Math.ceil(nonEmpty.length * 0.6))) {
      skipped.push({ rowNumber: r + 1, reason: '重复表头', text: joined() });
      continue;
    }
    rows.push(r);
  }
  return { rows, skipped, blankRows, footerLines };
}

/** Whether some cell in row r is the continuation of a value merged down from a row above. */
function hasVerticalFill(v: SheetView, r: number): boolean {
  return v.sheet.merges.some((m) => m.top < r && m.bottom >= r);
}

/** The lines above the header (title, subtitle, 填报 line), as written. */
export function headLines(v: SheetView, header: HeaderBlock): string[] {
  const lines: string[] = [];
  for (let r = 0; r < header.top; r++) {
    // 填报单位 | 梨园镇人民政府 | 填报时间 | 2019-06-25 in separate cells reads as 填报单位：梨园镇人民政府 填报时间：….
    const cells = distinctNonEmpty(rowTexts(v, r, 'own')).map((t) => (FILLER_LABEL.test(t) ? `${t}：` : t));
    const t = cleanValue(cells.join(' ').replace(/([:：]) /g, '$1'));
    if (t) lines.push(t);
  }
  return lines;
}

const FILLER_UNIT =
  /(?:填报|报送|填表|上报)单位\s*(?:[(（][^)）]*[)）])?\s*[:：]\s*([^\s:：]+?)(?=\s|填报|报送|填表|上报|时间|日期|$)/;
const FILLER_DATE = /(?:填报|报送|填表|上报|统计|制表)(?:时间|日期)\s*[:：]\s*([^\s:：]+?)(?=\s|填报|填表|$)/;
const FILLER_LINE = /(?:填报|报送|填表|上报)(?:单位|时间|日期)|填报人|填表人|审核人|联系电话/;
/** A report-detail label standing alone in its cell, its value in the next cell. */
const FILLER_LABEL =
  /^(?:填报单位|报送单位|填表单位|上报单位|填报时间|填报日期|报送时间|报送日期|填表时间|填表日期|填报人|填表人|审核人|联系电话|联系人|月份|年月|报送月份|统计月份|报送期次)$/;

/** A month written after its label: 月份：2024-03, 年月：2024.3, 报送期次：2024年3月. */
function findLabelledMonth(lines: string[]): string | null {
  for (const line of lines) {
    const s = halfWidth(line).replace(/\s+/g, '');
    const m = /(?:月份|年月|期次|所属期)[:：]?((?:19|20)\d{2})(?:[-./]|年)(\d{1,2})(?!\d)/.exec(s);
    if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2]!.padStart(2, '0')}`;
  }
  return null;
}

function findYear(s: string): number | null {
  const m = /((?:19|20)\d{2})\s*年/.exec(halfWidth(s));
  return m ? Number(m[1]) : null;
}

function findPeriod(lines: string[]): string | null {
  for (const line of lines) {
    const s = halfWidth(line).replace(/\s+/g, '');
    const q = /((?:19|20)\d{2})年?(?:第)?([一二三四1-4])季度/.exec(s);
    if (q) return `${q[1]}-Q${'一二三四'.indexOf(q[2]!) + 1 || Number(q[2])}`;
    const m = /((?:19|20)\d{2})年(\d{1,2})月(?:份)?(?!\d)/.exec(s);
    if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) return `${m[1]}-${m[2]!.padStart(2, '0')}`;
  }
  return null;
}

/** A 文号 written above (or below) the table: “文号：神政〔2024〕12号”, or such a number alone on a line. */
export function findDocNo(lines: string[]): string | null {
  for (const line of lines) {
    const s = line.replace(/\s+/g, '');
    const labelled = /文号[:：]([^，,；;]+)/.exec(s);
    if (labelled) return labelled[1]!.replace(/[[]/g, '〔').replace(/[\]]/g, '〕');
    const bare = /^([\u4e00-\u9fa5]{1,12}[〔[［]((?:19|20)\d{2})[〕\]］](?:第)?\d{1,4}号)$/.exec(s);
    if (bare) return bare[1]!.replace(/[[［]/g, '〔').replace(/[\]］]/g, '〕');
  }
  return null;
}

/**
 * Unit, township, report date, year and period from the lines above (and below) the table. The period is the
 * quarter or month the title names, else the month of 填报时间 (a monthly ledger is reported in its month).
 */
export function extractMeta(
  lines: string[],
  footerLines: string[],
  fileName: string,
  optYear?: number,
): ReturnMeta & { title: string | null } {
  const fillerLines = [...lines, ...footerLines].filter((l) => FILLER_LINE.test(l));
  const titleLines = lines.filter((l) => !FILLER_LINE.test(l) && !findDocNo([l]));
  const title = titleLines[0] ?? null;
  let unitName: string | null = null;
  let reportDate: string | null = null;
  for (const l of fillerLines) {
    const u = FILLER_UNIT.exec(l);
    if (u && !unitName && !/^(填报|报送|填表|上报|时间|日期)/.test(u[1]!)) unitName = u[1]!;
    const d = FILLER_DATE.exec(l);
    if (d && !reportDate) {
      const r = parseDateText(d[1]!, { date1904: false, year: null });
      if (r.kind === 'date') reportDate = r.iso;
    }
  }
  let township: string | null = null;
  let townshipSource: ReturnMeta['townshipSource'] = null;
  if (unitName) {
    township = townshipFromName(unitName);
    if (township) townshipSource = 'filler';
  }
  if (!township) {
    for (const l of titleLines) {
      township = townshipAtStart(l);
      if (township) {
        townshipSource = 'title';
        break;
      }
    }
  }
  if (!township) {
    const base = fileName.replace(/\.[^.]*$/, '');
    for (const seg of base.split(/[_\-\s—（）()【】[\]]+/)) {
      township = townshipFromName(seg) ?? townshipAtStart(seg);
      if (township) {
        townshipSource = 'fileName';
        break;
      }
    }
  }
  unitName ??= unitFromTitle(title);
  let year: number | null = null;
  let yearSource: ReturnMeta['yearSource'] = null;
  if (optYear) {
    year = optYear;
    yearSource = 'option';
  } else {
    for (const l of titleLines) {
      year = findYear(l);
      if (year) {
        yearSource = 'title';
        break;
      }
    }
    if (!year && reportDate) {
      year = Number(reportDate.slice(0, 4));
      yearSource = 'reportDate';
    }
  }
  const docNo = findDocNo([...lines, ...footerLines]);
  return {
    ...(docNo ? { docNo } : {}),
    title,
    unitName,
    township,
    townshipSource,
    reportDate,
    year,
    yearSource,
    period:
      findPeriod(titleLines) ??
      findLabelledMonth([...lines, ...footerLines]) ??
      (reportDate ? reportDate.slice(0, 7) : null),
    lines,
  };
}

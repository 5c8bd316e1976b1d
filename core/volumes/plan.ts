/**
 * First pass: every item's pages are known before anything is drawn (record sheets laid out, scans' pages counted
 * by opening them), so the 卷内目录 can give each item's 页号. Items are grouped into 卷 of at most `pageLimit`
 * numbered pages (an item is never split; one larger than the limit gets a 卷 of its own). In each 卷:
 *
 *   封面 · [空白] · 卷内目录 … · [空白] · 卷内文件 (页号 1…N) · [空白] · 卷内备考表 …
 *
 * With double-sided printing (duplex, the default) the blank pages keep every part starting on a front (odd)
 * page, so odd page numbers are front pages: numbers top right there, top left on the backs, binding margin left
 * on fronts and right on backs. Single-sided: no blanks, binding margin left and numbers top right throughout.
 */
import { chineseDate, pad, volumeArchivalNo } from './archivalNo';
import { FRONT, layoutBacknote, layoutCatalog, layoutCover, type CatalogRow } from './layout/front';
import type { LaidPage, Metrics } from './layout/ops';
import type { PieceStampData } from './layout/piece';
import { layoutSheet } from './layout/sheets';
import type { ScanProbe } from './scans/scans';
import type { CheckResult, ItemData, Problem, VolumeHeader } from './types';

export type PlannedPage = { outline?: string } & (
  | { type: 'blank' }
  | { type: 'front'; laid: LaidPage }
  | { type: 'sheet'; laid: LaidPage; n: number; stamp: StampInfo | null }
  | { type: 'image'; probe: ScanProbe; n: number }
  | { type: 'pdf'; probe: ScanProbe; index: number; n: number }
  | { type: 'placeholder'; probe: ScanProbe; n: number }
  // 按件归档: a 盒脊 label on a page of its own size (mm), drawn from the page's top left (piece/plan.ts)
  | { type: 'label'; laid: LaidPage; size: { w: number; h: number } }
);

export interface StampInfo {
  itemNo: number;
  pages: number;
  /** 按件归档: the 件's registered numbers (a DA/T 22 归档章 with the 4-digit 件号). */
  piece?: PieceStampData;
}

export interface PlannedItem {
  position: number;
  data: ItemData;
  /** The item's pages, numbered from 1 within the item. */
  pages: PlannedPage[];
  seq: number;
  start: number;
  end: number;
}

export interface PlannedPart {
  /** 1-based among the 卷 this export makes. */
  k: number;
  volumeNo: number;
  archivalNo: string;
  title: string;
  items: PlannedItem[];
  itemPages: number;
  pages: PlannedPage[];
  /** 按件归档: this part is a 档案盒 (piece/plan.ts). */
  mode?: 'piece';
}

export interface PlanInput {
  header: VolumeHeader;
  items: { position: number; data: ItemData }[];
  probes: Map<number, ScanProbe>;
  check: CheckResult;
  compiledDate: string;
  /** Each item's pages, when already laid out (itemPages). */
  itemPages?: PlannedPage[][];
}

const dateRange = (items: PlannedItem[]) => {
  const ds = items
    .map((i) => i.data.entry.date)
    .filter((d): d is string => !!d)
    .sort();
  if (!ds.length) return '';
  return ds[0] === ds[ds.length - 1] ? chineseDate(ds[0]) : `${chineseDate(ds[0])}至${chineseDate(ds[ds.length - 1])}`;
};

/** Lays out one item's sheet and lists its scan pages (a file that cannot be bound gets one placeholder page). */
export function itemPages(m: Metrics, data: ItemData, probes: Map<number, ScanProbe>): PlannedPage[] {
  const pages: PlannedPage[] = layoutSheet(m, data.sheet).map((laid) => ({ type: 'sheet', laid, n: 0, stamp: null }));
  for (const s of data.scans) {
    const probe = probes.get(s.attachmentId);
    if (!probe) continue;
    if (probe.status !== 'ok') pages.push({ type: 'placeholder', probe, n: 0 });
    else if (probe.kind === 'image') pages.push({ type: 'image', probe, n: 0 });
    else probe.pages.forEach((_, index) => pages.push({ type: 'pdf', probe, index, n: 0 }));
  }
  return pages;
}

/** Splits items into 卷 by the page limit. */
export function splitParts<T extends { pages: unknown[] }>(items: T[], limit: number): T[][] {
  const parts: T[][] = [];
  let cur: T[] = [];
  let n = 0;
  for (const it of items) {
    if (cur.length && n + it.pages.length > limit) {
      parts.push(cur);
      cur = [];
      n = 0;
    }
    cur.push(it);
    n += it.pages.length;
  }
  if (cur.length || !parts.length) parts.push(cur);
  return parts;
}

/** “本卷为第 2 卷，共 3 卷（档号 …至 …）” for a split volume, else null. */
export function partSentence(k: number, n: number, first: string, last: string): string | null {
  return n > 1 ? `本卷为第 ${k} 卷，共 ${n} 卷（档号 ${first} 至 ${last}）。` : null;
}

/**
 * A problem as this 卷 states it: the check numbers 件 across the whole volume (“第 271 件”); a split 卷 numbers its
 * own 件 from 1, so the number is the 件's within this 卷.
 */
export function localProblem(p: Problem, local: Map<number, number>): string {
  if (p.itemPosition === undefined) return p.message;
  const own = local.get(p.itemPosition);
  const prefix = `第 ${p.itemPosition + 1} 件`;
  return own !== undefined && p.message.startsWith(prefix)
    ? `第 ${own} 件${p.message.slice(prefix.length)}`
    : p.message;
}

function remarksText(
  header: VolumeHeader,
  items: PlannedItem[],
  itemPages: number,
  problems: Problem[],
  part: string | null,
): string {
  const generated = items.reduce((a, i) => a + i.pages.filter((p) => p.type === 'sheet').length, 0);
  const local = new Map(items.map((it) => [it.position, it.seq]));
  const lines: string[] = [];
  if (part) lines.push(part);
  if (header.remarks.trim()) lines.push(header.remarks.trim());
  lines.push(
    `本卷共有文件 ${items.length} 件、${itemPages} 页，其中根据登记记录生成的登记表等 ${generated} 页，扫描件及照片 ${itemPages - generated} 页。封面、卷内目录、卷内备考表${header.duplex ? '及为双面打印留出的空白页' : ''}不编页号。`,
  );
  if (problems.length) {
    lines.push(`装订前检查发现以下 ${problems.length} 个问题（立卷人已知悉并决定装订）：`);
    const shown = problems.slice(0, 40);
    shown.forEach((p, i) => lines.push(`${i + 1}. ${localProblem(p, local)}`));
    if (problems.length > shown.length)
      lines.push(`……另有 ${problems.length - shown.length} 个问题，见系统中的组卷检查记录。`);
  } else {
    lines.push('装订前检查未发现缺漏。');
  }
  return lines.join('\n');
}

/** The whole plan: 卷 with their pages in printing order and the outline entries. */
export function planVolume(m: Metrics, input: PlanInput): PlannedPart[] {
  const { header } = input;
  const planned = input.items.map((it, i) => ({
    position: it.position,
    data: it.data,
    pages: input.itemPages?.[i] ?? itemPages(m, it.data, input.probes),
    seq: 0,
    start: 0,
    end: 0,
  }));
  const groups = splitParts(planned, Math.max(1, header.pageLimit));
  const parts: PlannedPart[] = [];
  groups.forEach((items, gi) => {
    const k = gi + 1;
    const volumeNo = header.volumeNo + gi;
    const archivalNo = volumeArchivalNo(header, volumeNo);
    const title = groups.length > 1 ? `${header.title}（第${k}卷）` : header.title;
    const part = partSentence(
      k,
      groups.length,
      volumeArchivalNo(header, header.volumeNo),
      volumeArchivalNo(header, header.volumeNo + groups.length - 1),
    );
    let n = 0;
    items.forEach((it, i) => {
      it.seq = i + 1;
      it.start = n + 1;
      it.pages.forEach((p, j) => {
        n++;
        if ('n' in p) p.n = n;
        if (j === 0) p.outline = `${pad(it.seq, 3)} ${it.data.entry.title}`.slice(0, 80);
        if (j === 0 && p.type === 'sheet' && header.archiveStamp) p.stamp = { itemNo: it.seq, pages: it.pages.length };
      });
      it.end = n;
    });
    const positions = new Set(items.map((i) => i.position));
    const problems = input.check.problems.filter((p) => p.itemPosition === undefined || positions.has(p.itemPosition));
    const backnote = layoutBacknote(m, {
      archivalNo,
      remarks: remarksText(header, items, n, problems, part),
      creator: header.creator,
      checker: header.checker,
      compiledDate: input.compiledDate,
    });
    const cover = layoutCover(m, {
      fondsName: header.fondsName,
      categoryName: header.categoryName,
      part: groups.length > 1 ? { k, n: groups.length } : null,
      fondsCode: header.fondsCode,
      year: header.year,
      volumeNo,
      archivalNo,
      title,
      period: dateRange(items),
      retention: header.retention,
      items: items.length,
      pages: n,
      secrecy: header.secrecy,
      compiledDate: input.compiledDate,
    });
    const rows: CatalogRow[] = items.map((it, i) => ({
      seq: it.seq,
      docNo: it.data.entry.docNo,
      responsible: it.data.entry.responsible,
      title: it.data.entry.title,
      date: it.data.entry.date,
      pages: i === items.length - 1 && it.end > it.start ? `${it.start}-${it.end}` : String(it.start),
      note: it.data.entry.note,
    }));
    // The total depends on the 目录's own length: lay it out, count, and lay it out again with the total.
    const assemble = (catalog: LaidPage[]) => {
      const pages: PlannedPage[] = [];
      const startFront = () => {
        if (header.duplex && pages.length % 2 === 1) pages.push({ type: 'blank' });
      };
      cover.forEach((laid, i) => pages.push({ type: 'front', laid, ...(i === 0 ? { outline: '封面' } : {}) }));
      startFront();
      catalog.forEach((laid, i) => pages.push({ type: 'front', laid, ...(i === 0 ? { outline: '卷内目录' } : {}) }));
      startFront();
      for (const it of items) pages.push(...it.pages);
      startFront();
      backnote.forEach((laid, i) => pages.push({ type: 'front', laid, ...(i === 0 ? { outline: '卷内备考表' } : {}) }));
      return pages;
    };
    const summary = (total: number) =>
      `卷内文件共 ${items.length} 件 ${n} 页；全卷共 ${total} 页（含封面、卷内目录、卷内备考表${header.duplex ? '及双面打印的空白页' : ''}，这些页不编页号）。`;
    let catalog = layoutCatalog(m, rows, archivalNo, summary(9999));
    let pages = assemble(catalog);
    for (let guard = 0; guard < 3; guard++) {
      const again = layoutCatalog(m, rows, archivalNo, summary(pages.length));
      const same = again.length === catalog.length;
      catalog = again;
      pages = assemble(catalog);
      if (same) break;
    }
    parts.push({ k, volumeNo, archivalNo, title, items, itemPages: n, pages });
  });
  return parts;
}

export { FRONT };

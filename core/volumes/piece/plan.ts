/**
 * 按件归档 (DA/T 22-2015): a volume row printed as a 档案盒. Each part (a box; a box over the page limit is split
 * into boxes 盒号, 盒号+1 …) is
 *
 *   归档文件目录 … · [空白] · 件 1 (页码 1…n₁) · [空白] · 件 2 (页码 1…n₂) · … · 盒内备考表 · [空白] · 盒脊 label
 *
 * 件 in 件号 order, each with its 归档章 (4-digit 件号) on its first page and its own page numbers (DA/T 22 numbers
 * pages within a 件, not across the box). With double-sided printing every 件 starts on a front page, as each is
 * bound on its own. The 盒脊 label is a page of its own size: the box width × SPINE_HEIGHT mm, at true size.
 */
import { defaultSpineWidth, pieceNoText, SPINE_WIDTHS } from '../../domain/archiveMode';
import { RETENTION_LABELS, RETENTION_STAMP } from '../archivalNo';
import { pieceArchivalNo } from '../../domain/archiveMode';
import { layoutBoxNote, layoutDirectory, layoutSpine, SPINE_HEIGHT, type DirectoryRow } from '../layout/piece';
import type { Metrics } from '../layout/ops';
import { itemPages, splitParts, type PlanInput, type PlannedItem, type PlannedPage, type PlannedPart } from '../plan';
import type { Problem } from '../types';
import type { PieceNumber } from './registry';

export interface BoxPlanInput extends PlanInput {
  pieces: Map<number, PieceNumber>;
  /** Box width chosen by the clerk (mm); null: by the number of sheets. */
  spineWidth: number | null;
}

export interface BoxItem extends PlannedItem {
  piece: PieceNumber;
}

const seriesLine = (p: PieceNumber, boxNo: number) =>
  `全宗号：${p.fondsCode || '（未设置）'}　年度：${p.year}　保管期限：${RETENTION_LABELS[p.retention]}　机构（问题）：${p.orgCode || '（未设置）'}　盒号：${pieceNoText(boxNo)}`;

/** 2023 or 2023-2024 (a box holding several 年度). */
const spanOf = (years: number[]) =>
  years.length
    ? Math.min(...years) === Math.max(...years)
      ? String(years[0])
      : `${Math.min(...years)}-${Math.max(...years)}`
    : '';

const otherSeries = (p: PieceNumber, head: PieceNumber) =>
  [
    p.year !== head.year ? `${p.year}年度` : '',
    p.retention !== head.retention ? RETENTION_STAMP[p.retention] : '',
    p.orgCode !== head.orgCode ? p.orgCode : '',
  ]
    .filter(Boolean)
    .join(' ');

/** Sheets of paper a box holds (for its width): double-sided, each 件 starts on a new sheet. */
export function boxSheets(parts: { pages: PlannedPage[] }[], duplex: boolean): number {
  return parts.reduce(
    (a, p) => a + (duplex ? Math.ceil(p.pages.filter((x) => x.type !== 'label').length / 2) : p.pages.length),
    0,
  );
}

function remarksText(header: PlanInput['header'], items: BoxItem[], pages: number, problems: Problem[]): string {
  const generated = items.reduce((a, i) => a + i.pages.filter((p) => p.type === 'sheet').length, 0);
  const lines: string[] = [];
  if (header.remarks.trim()) lines.push(header.remarks.trim());
  const nos = items.map((i) => i.piece.pieceNo);
  const range = nos.length ? `件号 ${pieceNoText(Math.min(...nos))} 至 ${pieceNoText(Math.max(...nos))}` : '无';
  lines.push(
    `本盒装有归档文件 ${items.length} 件（${range}），共 ${pages} 页，其中根据登记记录生成的登记表等 ${generated} 页，扫描件及照片 ${pages - generated} 页。每件单独编页码，归档章盖于每件首页右上角；归档文件目录、盒内备考表和为双面打印留出的空白页不编页码。`,
  );
  const gaps: string[] = [];
  const sorted = [...nos].sort((a, b) => a - b);
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i]! > sorted[i - 1]! + 1)
      gaps.push(
        `${pieceNoText(sorted[i - 1]! + 1)}${sorted[i]! - 1 > sorted[i - 1]! + 1 ? `—${pieceNoText(sorted[i]! - 1)}` : ''}`,
      );
  if (gaps.length) lines.push(`件号 ${gaps.join('、')} 已编号但不在本盒（已调出或在其他档案盒中），该号不再重复使用。`);
  if (items.some((i) => i.piece.provisional))
    lines.push('尚未设置全宗号或机构（问题）代码，本次打印的件号为临时编号；设置后正式装盒时编定。');
  if (problems.length) {
    lines.push(`装盒前检查发现以下 ${problems.length} 个问题：`);
    const shown = problems.slice(0, 40);
    // the check names an item by its place in the list (第 N 件); the box names it by its 件号
    const byPosition = new Map(items.map((i) => [i.position, i.piece.pieceNo]));
    const named = (p: Problem) => {
      const no = p.itemPosition === undefined ? undefined : byPosition.get(p.itemPosition);
      return no === undefined ? p.message : p.message.replace(/^第 ?\d+ ?件/, `件号 ${pieceNoText(no)} `);
    };
    shown.forEach((p, i) => lines.push(`${i + 1}. ${named(p)}`));
    if (problems.length > shown.length)
      lines.push(`……另有 ${problems.length - shown.length} 个问题，见系统中的检查记录。`);
  } else {
    lines.push('装盒前检查未发现缺漏。');
  }
  return lines.join('\n');
}

/** The whole box plan: boxes with their pages in printing order. */
export function planBox(m: Metrics, input: BoxPlanInput): PlannedPart[] {
  const { header } = input;
  const planned: BoxItem[] = input.items.map((it, i) => ({
    position: it.position,
    data: it.data,
    pages: input.itemPages?.[i] ?? itemPages(m, it.data, input.probes),
    seq: 0,
    start: 0,
    end: 0,
    piece: input.pieces.get(it.position)!,
  }));
  // 件号 order (a box normally holds one 年度–保管期限–机构 series; other series after it)
  planned.sort(
    (a, b) =>
      a.piece.year - b.piece.year ||
      a.piece.retention.localeCompare(b.piece.retention) ||
      a.piece.orgCode.localeCompare(b.piece.orgCode) ||
      a.piece.pieceNo - b.piece.pieceNo,
  );
  // one box per 年度–保管期限–机构 series (DA/T 22: 件 are sorted and boxed by them), split at the page limit
  const series: BoxItem[][] = [];
  for (const it of planned) {
    const last = series[series.length - 1]?.[0]?.piece;
    if (
      last &&
      last.year === it.piece.year &&
      last.retention === it.piece.retention &&
      last.orgCode === it.piece.orgCode
    )
      series[series.length - 1]!.push(it);
    else series.push([it]);
  }
  const groups = series.length
    ? series.flatMap((g) => splitParts(g, Math.max(1, header.pageLimit)))
    : splitParts(planned, Math.max(1, header.pageLimit));
  return groups.map((items, gi) => {
    const k = gi + 1;
    const boxNo = header.volumeNo + gi;
    const first = items[0]?.piece ?? {
      fondsCode: '',
      year: header.year,
      retention: header.retention,
      orgCode: header.organization,
      pieceNo: 0,
      provisional: true,
    };
    const last = items[items.length - 1]?.piece ?? first;
    const archivalNo = (p: PieceNumber) => pieceArchivalNo({ ...p, categoryCode: header.categoryCode });
    const boxLine = seriesLine(first, boxNo);
    const title = groups.length > 1 ? `${header.title}（第${k}盒）` : header.title;
    let n = 0;
    items.forEach((it, i) => {
      it.seq = i + 1;
      it.start = n + 1;
      it.pages.forEach((p, j) => {
        n++;
        if ('n' in p) p.n = j + 1; // page numbers within the 件
        if (j === 0) p.outline = `${archivalNo(it.piece)} ${it.data.entry.title}`.slice(0, 80);
        if (j === 0 && p.type === 'sheet' && header.archiveStamp)
          p.stamp = {
            itemNo: it.piece.pieceNo,
            pages: it.pages.length,
            piece: {
              fondsCode: it.piece.fondsCode,
              year: it.piece.year,
              pieceNo: it.piece.pieceNo,
              orgCode: it.piece.orgCode,
              retention: it.piece.retention,
              pages: it.pages.length,
            },
          };
      });
      it.end = n;
    });
    const positions = new Set(items.map((i) => i.position));
    const problems = input.check.problems.filter((p) => p.itemPosition === undefined || positions.has(p.itemPosition));
    const rows: DirectoryRow[] = items.map((it) => {
      const other =
        it.piece.year !== first.year || it.piece.retention !== first.retention || it.piece.orgCode !== first.orgCode;
      return {
        pieceNo: it.piece.pieceNo,
        responsible: it.data.entry.responsible,
        docNo: it.data.entry.docNo,
        title: it.data.entry.title,
        date: it.data.entry.date,
        pages: it.pages.length,
        // a 件 of another series than the box's heading line: its 年度 / 期限 / 机构 in 备注
        note: [other ? otherSeries(it.piece, first) : '', it.data.entry.note].filter(Boolean).join('；'),
      };
    });
    const directory = layoutDirectory(
      m,
      rows,
      boxLine,
      `本盒共 ${items.length} 件 ${n} 页${items.length ? `，件号 ${pieceNoText(first.pieceNo)} 至 ${pieceNoText(last.pieceNo)}` : ''}；档号 ${items.length ? archivalNo(first) : ''}${items.length > 1 ? ` 至 ${archivalNo(last)}` : ''}。`,
    );
    const note = layoutBoxNote(m, {
      boxLine,
      remarks: remarksText(header, items, n, problems),
      arranger: header.creator,
      checker: header.checker,
      date: input.compiledDate,
    });
    const pages: PlannedPage[] = [];
    const startFront = () => {
      if (header.duplex && pages.length % 2 === 1) pages.push({ type: 'blank' });
    };
    directory.forEach((laid, i) =>
      pages.push({ type: 'front', laid, ...(i === 0 ? { outline: '归档文件目录' } : {}) }),
    );
    for (const it of items) {
      startFront();
      pages.push(...it.pages);
    }
    startFront();
    note.forEach((laid, i) => pages.push({ type: 'front', laid, ...(i === 0 ? { outline: '盒内备考表' } : {}) }));
    startFront();
    const chosen = SPINE_WIDTHS.find((w) => w === input.spineWidth);
    const width = chosen ?? defaultSpineWidth(boxSheets([{ pages }], header.duplex));
    pages.push({
      type: 'label',
      laid: layoutSpine(m, {
        width,
        fondsCode: first.fondsCode,
        orgCode: first.orgCode,
        year: spanOf(items.map((i) => i.piece.year)) || String(first.year),
        retention: RETENTION_STAMP[first.retention],
        firstNo: first.pieceNo,
        lastNo: last.pieceNo,
        boxNo,
      }),
      size: { w: width, h: SPINE_HEIGHT },
      outline: `盒脊（${width} mm）`,
    });
    return {
      k,
      volumeNo: boxNo,
      archivalNo: items.length ? `${archivalNo(first)}${items.length > 1 ? `至${pieceNoText(last.pieceNo)}` : ''}` : '',
      title,
      items,
      itemPages: n,
      pages,
      mode: 'piece' as const,
    };
  });
}

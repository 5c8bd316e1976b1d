/**
 * The completeness check run before binding (组卷检查), stored with the volume when it is bound. It never stops the
 * clerk binding; it says what is missing or wrong, naming the record or the file:
 *  - 明白书 not signed, or without a scan; units that have not signed every expected 明白书 (pledgeCoverage);
 *  - returns not received, late or sent back (returnBoard) for the volume's notices;
 *  - 重大 hazards rectified/closed without a 验收 record (验收人, 验收日期) or without any attachment as evidence;
 *  - files that cannot be bound: missing from the store, not matching their SHA-256, damaged, encrypted; pages that
 *    look blank (scans.ts); attachments that are not PDF or images (listed on the sheet, not bound);
 *  - with PDF/A asked for: bound PDFs that cannot be part of a PDF/A-1b file (pdfaProbe.ts; the 卷 holding them is
 *    not claimed as PDF/A); CMYK and transparent images are converted and not reported;
 *  - characters that no font has (printed as 〓), naming the record and the character;
 *  - annotations or form fields a reader sees that cannot be drawn into the bound page (flatten.ts); landscape pages among the
 *    scans of portrait forms (明白书, reports), which are often sheets scanned sideways (rotate them in the preview);
 *  - no 全宗号 set, a 卷号 already used by another volume, an item larger than the page limit.
 */
import type { AppContext } from '../platform/context';
import { RECTIFIED_STATUSES } from '../domain/hazard';
import { returnBoard } from '../returns/board';
import { pledgeCoverage } from '../pledges/coverage';
import { codePoint, missingChars, MISSING_MARK } from '../pdf/fonts';
import { planFonts } from '../pdf/fontFiles';
import { describeBlockers } from './scans/pdfaProbe';
import { displayedLandscape, type ScanProbe } from './scans/scans';
import type { CheckResult, ItemData, Problem, Selection, VolumeHeader } from './types';

export interface CheckInput {
  header: VolumeHeader;
  selection: Selection;
  items: { position: number; data: ItemData }[];
  missing: { position: number; what: string }[];
  probes: Map<number, ScanProbe>;
  /** Other volumes' 卷号 ranges in the same 全宗/类别/年度/保管期限 (editions of this one excluded). */
  takenVolumeNos: { id: number; title: string; from: number; to: number }[];
  partCount: number;
  oversize: { position: number; pages: number }[];
  checkedAt: string;
}

const itemName = (d: ItemData) => `“${d.entry.title}”`;

/** Every string in a value (an item's data, the header): what may be printed of it. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

export function runCheck(ctx: AppContext, c: CheckInput): CheckResult {
  const problems: Problem[] = [];
  const add = (p: Problem) => problems.push(p);
  if (!c.items.length && !c.missing.length) add({ code: 'empty', severity: 'error', message: '案卷中没有任何文件' });
  if (!c.header.fondsCode.trim())
    add({ code: 'fonds-code', severity: 'warning', message: '未设置全宗号（系统设置 → 全宗号），档号中将不含全宗号' });
  const last = c.header.volumeNo + Math.max(1, c.partCount) - 1;
  for (const t of c.takenVolumeNos) {
    if (t.from <= last && c.header.volumeNo <= t.to) {
      add({
        code: 'volume-no',
        severity: 'error',
        message: `卷号 ${c.header.volumeNo}${last > c.header.volumeNo ? `–${last}` : ''} 与案卷“${t.title}”（卷号 ${t.from}${t.to > t.from ? `–${t.to}` : ''}）重复`,
      });
    }
  }
  for (const m of c.missing)
    add({
      code: 'record-missing',
      severity: 'error',
      message: `第 ${m.position + 1} 件：${m.what}已被删除或找不到，无法装订`,
      itemPosition: m.position,
    });
  for (const o of c.oversize) {
    add({
      code: 'oversize',
      severity: 'warning',
      message: `第 ${o.position + 1} 件共 ${o.pages} 页，超过每卷 ${c.header.pageLimit} 页的限制，单独成卷`,
      itemPosition: o.position,
    });
  }

  // Characters no font has (they would print as 〓): per record, and in the volume's own texts.
  const plan = planFonts();
  const glyphs = (where: string, chars: string[], itemPosition?: number) => {
    if (!chars.length) return;
    const list = chars
      .slice(0, 10)
      .map((ch) => `“${ch}”（${codePoint(ch)}）`)
      .join('、');
    add({
      code: 'glyph-missing',
      severity: 'error',
      message: `${where}：${list}${chars.length > 10 ? ` 等 ${chars.length} 个字` : ''}在本机字体和程序自带字体中都没有，将印成“${MISSING_MARK}”；请安装含该字的字体（或在设置字体文件夹 ANWEI_FONTS_DIR 中放入该字体）后重新导出`,
      ...(itemPosition !== undefined ? { itemPosition } : {}),
    });
  };
  glyphs('案卷', missingChars(strings(c.header).join('\n'), plan));
  for (const { position, data } of c.items)
    glyphs(`第 ${position + 1} 件${itemName(data)}`, missingChars(strings(data).join('\n'), plan), position);

  const pledgeNotices = new Set<number>();
  const returnNotices = new Set<number>();
  for (const { position, data } of c.items) {
    const at = `第 ${position + 1} 件${itemName(data)}`;
    if (data.kind === 'pledge') {
      if (data.noticeId) pledgeNotices.add(data.noticeId);
      if (data.signed === false)
        add({ code: 'unsigned', severity: 'error', message: `${at}：明白书尚未签订`, itemPosition: position });
      if (!data.scans.length)
        add({ code: 'no-scan', severity: 'error', message: `${at}：没有明白书扫描件`, itemPosition: position });
    }
    if (data.kind === 'return' && data.noticeId) returnNotices.add(data.noticeId);
    for (const s of data.scans) {
      const p = c.probes.get(s.attachmentId);
      if (!p) continue;
      const base = { itemPosition: position, attachmentId: s.attachmentId, file: s.name };
      if (p.status === 'missing')
        add({ ...base, code: 'scan-missing', severity: 'error', message: `${at}：${p.message}，已以说明页代替` });
      else if (p.status === 'encrypted')
        add({ ...base, code: 'scan-encrypted', severity: 'error', message: `${at}：${p.message}，已以说明页代替` });
      else if (p.status !== 'ok')
        add({ ...base, code: 'scan-damaged', severity: 'error', message: `${at}：${p.message}，已以说明页代替` });
      if (p.mismatch)
        add({
          ...base,
          code: 'scan-mismatch',
          severity: 'error',
          message: `${at}：扫描件“${s.name}”与登记时的内容不一致（校验值不同），可能已被改动或损坏`,
        });
      if (c.header.pdfa && p.pdfaBlockers?.length) {
        add({
          ...base,
          code: 'pdfa-refused',
          severity: 'error',
          message: `${at}：文件“${s.name}”不符合 PDF/A-1b（${describeBlockers(p.pdfaBlockers)}），装有此文件的卷导出为普通 PDF，不声明 PDF/A；如需 PDF/A，请取得该文件的 PDF/A 版本或重新扫描为图片后替换`,
        });
      }
      if (data.kind === 'pledge' || data.kind === 'return') {
        // the 明白书 form and reports are portrait A4: a landscape page is usually a sheet scanned sideways
        const wide = p.pages.map((pg, i) => (displayedLandscape(pg) ? i + 1 : 0)).filter(Boolean);
        if (wide.length) {
          const where = p.kind === 'image' ? '为横向' : `第 ${wide.join('、')} 页为横向`;
          add({
            ...base,
            code: 'orientation',
            severity: 'warning',
            message: `${at}：扫描件“${s.name}”${where}，与纵向的表单不同，装订时将横放（顶端朝装订边）；如系扫描方向错误，请在扫描件预览中向左或向右旋转`,
          });
        }
      }
      for (const l of p.lost ?? []) {
        add({
          ...base,
          code: 'annotation-lost',
          severity: 'warning',
          message: `${at}：文件“${s.name}”第 ${l.page} 页的${l.what}，请核对原件`,
        });
      }
      const blank = p.pages.map((pg, i) => (pg.blank ? i + 1 : 0)).filter(Boolean);
      if (blank.length) {
        const where = p.kind === 'image' ? '' : `第 ${blank.join('、')} 页`;
        add({
          ...base,
          code: 'blank-page',
          severity: 'warning',
          message: `${at}：扫描件“${s.name}”${where}疑似空白页，请核对是否漏扫`,
        });
      }
    }
    const sheet = data.sheet;
    if (sheet.type === 'record') {
      for (const t of sheet.tables) {
        for (const r of t.rows) {
          if (r[3] === '电子文件，未装订')
            add({
              code: 'not-bindable',
              severity: 'warning',
              message: `${at}：附件“${r[1]}”不是 PDF 或图片，未装订（已在登记表中列出）`,
              itemPosition: position,
            });
        }
      }
    }
  }

  // 重大 hazards, once each (at its closure file when it has one, else where it is first listed).
  const hazardAt = new Map<number, { position: number; data: ItemData; h: NonNullable<ItemData['hazards']>[number] }>();
  for (const { position, data } of c.items) {
    for (const h of data.hazards ?? []) {
      const seen = hazardAt.get(h.id);
      if (!seen || (data.kind === 'closure' && seen.data.kind !== 'closure')) hazardAt.set(h.id, { position, data, h });
    }
  }
  for (const { position, data, h } of [...hazardAt.values()].sort((a, b) => a.position - b.position)) {
    if (h.level !== '重大' || !RECTIFIED_STATUSES.includes(h.status as never)) continue;
    const at = `第 ${position + 1} 件${itemName(data)}`;
    if (!h.acceptedBy || !h.acceptedDate) {
      add({
        code: 'hazard-no-acceptance',
        severity: 'error',
        message: `${at}：重大隐患“${h.label}”状态为“${h.status}”，但没有验收记录（验收人、验收日期）`,
        itemPosition: position,
      });
    }
    if (!h.evidence) {
      add({
        code: 'hazard-no-evidence',
        severity: 'error',
        message: `${at}：重大隐患“${h.label}”状态为“${h.status}”，但没有任何整改佐证材料（照片、报告）`,
        itemPosition: position,
      });
    }
  }

  // Coverage of the notices the volume is about.
  if (c.selection.kinds.includes('pledge') && c.selection.noticeId) pledgeNotices.add(c.selection.noticeId);
  for (const noticeId of pledgeNotices) {
    const cov = pledgeCoverage(ctx, noticeId);
    for (const r of cov.rows) {
      if (c.selection.unitId !== undefined && r.unitId !== c.selection.unitId) continue;
      if (r.missing > 0) {
        add({
          code: 'coverage',
          severity: 'error',
          message: `${cov.docNo}：${r.unitName}应签明白书 ${r.expected} 份，已签 ${r.signed} 份，缺 ${r.missing} 份`,
        });
      }
    }
  }
  if (c.selection.kinds.includes('return') && c.selection.noticeId) returnNotices.add(c.selection.noticeId);
  for (const noticeId of returnNotices) {
    const board = returnBoard(ctx, { noticeId });
    const cols = new Map(board.columns.map((col) => [col.key, col]));
    for (const row of board.rows) {
      if (c.selection.unitId !== undefined && row.unitId !== c.selection.unitId) continue;
      for (const cell of Object.values(row.cells)) {
        const col = cols.get(cell.columnKey)!;
        if (col.kind === 'pledge') continue;
        if (cell.status !== '未交' && cell.status !== '逾期' && cell.status !== '退回修改') continue;
        const what = `${col.docNo}：${row.unitName}的${col.label}${cell.periodLabel ? `（${cell.periodLabel}）` : ''}`;
        const msg =
          cell.status === '退回修改'
            ? `${what}已退回修改，尚未重新报送`
            : cell.status === '逾期'
              ? `${what}逾期未报送${cell.deadline ? `（截止 ${cell.deadline}）` : ''}`
              : `${what}尚未报送`;
        add({ code: 'return-missing', severity: cell.status === '未交' ? 'warning' : 'error', message: msg });
      }
    }
  }
  problems.sort((a, b) => (a.itemPosition ?? -1) - (b.itemPosition ?? -1));
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { checkedAt: c.checkedAt, ok: errors === 0, errors, warnings: problems.length - errors, problems };
}

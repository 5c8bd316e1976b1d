import { pdfkit } from '../platform/lazyLibs';
import type { ChaseItem } from './board';
import { drawLine, drawParagraph, registerFonts, textWidth } from '../pdf/fonts';
import { planFonts } from '../pdf/fontFiles';
import { addPrintSheet, asDate, newWorkbook, workbookBuffer } from '../exports/xlsx';

const fmtDate = (d: string | null) =>
  d ? d.replace(/^(\d{4})-(\d{2})-(\d{2})$/, (_, y, m, dd) => `${y}年${Number(m)}月${Number(dd)}日`) : '';

const NO_LINE_START = '）)」』》，。、；：！？”’】〕';

/**
 * Splits a text into lines no wider than `width`: Chinese text breaks between any two characters, a run of
 * digits or Latin letters (a year, a number) stays whole unless it alone is too wide, a closing mark never
 * starts a line; explicit \n kept.
 */
export function wrapByChar(text: string, measure: (s: string) => number, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const token of para.match(/[0-9A-Za-z.-]+|./gsu) ?? []) {
      if (line && measure(line + token) > width) {
        // a closing mark never starts a line: carry the last character over with it
        const chars = [...line];
        const carry = NO_LINE_START.includes(token) && chars.length > 1 ? chars[chars.length - 1]! : '';
        out.push(carry ? chars.slice(0, -1).join('') : line);
        line = carry;
      }
      if (!line && measure(token) > width) {
        // a token wider than the cell: by character
        for (const ch of token) {
          if (line && measure(line + ch) > width) {
            out.push(line);
            line = '';
          }
          line += ch;
        }
      } else line += token;
    }
    out.push(line);
  }
  return out;
}

/** 催报清单 as a print-ready workbook. */
export async function chaseWorkbook(items: ChaseItem[], opts: { office: string; today: string }): Promise<Buffer> {
  const wb = newWorkbook(opts.office);
  addPrintSheet(wb, '催报清单', {
    title: '材料催报清单',
    subtitle: `${opts.office}　　统计日期：${fmtDate(opts.today)}　　共 ${items.length} 项`,
    header: [['序号', '单位', '通知文号', '通知名称', '未交材料', '截止日期', '状态', '联系人', '联系电话', '备注']],
    widths: [4, 12, 14, 23, 16, 12, 6, 7, 12, 18],
    columns: [{ align: 'center' }, {}, {}, {}, {}, {}, { align: 'center' }, {}, {}, {}],
    rows: items.map((x, i) => [
      i + 1,
      x.unitName,
      x.docNo,
      x.noticeTitle,
      x.what,
      asDate(x.deadline),
      x.status,
      x.contact ?? '',
      x.phone ?? '',
      x.note ?? '',
    ]),
  });
  return workbookBuffer(wb);
}

/** A printable 催报 notice: heading, a sentence, the table of what is missing, the office and date. */
export function chasePdf(items: ChaseItem[], opts: { office: string; today: string }): Promise<Buffer> {
  const MM = 72 / 25.4;
  const doc = new (pdfkit())({
    size: 'A4',
    margins: { top: 30 * MM, bottom: 25 * MM, left: 28 * MM, right: 26 * MM },
    info: { Title: '关于报送有关材料的催报通知', Author: opts.office, Creator: '安委台账' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res, rej) => {
    doc.on('end', () => res(Buffer.concat(chunks)));
    doc.on('error', rej);
  });
  registerFonts(doc, planFonts());
  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;
  const bottom = doc.page.height - doc.page.margins.bottom;
  doc.fontSize(20);
  const title = '关于报送有关材料的催报通知';
  drawLine(doc, 'title', title, (left + right) / 2 - textWidth(doc, 'title', title) / 2, doc.y);
  doc.moveDown(1.5);
  doc.font('body').fontSize(14);
  const units = [...new Set(items.map((x) => x.unitName))];
  drawParagraph(doc, 'body', `${units.join('、')}：`, { x: left, y: doc.y, width: right - left, lineGap: 4 });
  doc.moveDown(0.5);
  drawParagraph(
    doc,
    'body',
    `截至${fmtDate(opts.today)}，下列材料尚未报送或需修改后重新报送。请接此通知后抓紧报送；已报送的请与安委会办公室核对。`,
    { x: left, width: right - left, indent: 28, lineGap: 4 },
  );
  doc.moveDown(1);
  const cols = [
    { h: '序号', w: 10 },
    { h: '单位', w: 19 },
    { h: '通知文号', w: 30 },
    { h: '未交材料', w: 40 },
    { h: '截止日期', w: 30 },
    { h: '状态', w: 17 },
  ].map((c) => ({ ...c, w: c.w * MM * ((right - left) / (146 * MM)) }));
  // Rows grow to fit their text: a cell wraps by character onto as many lines as it needs (never cut).
  const fontSize = 10;
  const lineH = fontSize * 1.35;
  const pad = 5;
  doc.fontSize(fontSize);
  const headerCells = cols.map((c) => c.h);
  const rowHeight = (lines: string[][]) => Math.max(22, Math.max(1, ...lines.map((l) => l.length)) * lineH + 2 * pad);
  const drawCells = (lines: string[][], font: 'title' | 'body', rowH: number) => {
    const y = doc.y;
    let x = left;
    lines.forEach((cellLines, i) => {
      const w = cols[i]!.w;
      doc.rect(x, y, w, rowH).lineWidth(0.5).stroke();
      // centred in the cell, vertically too
      const top = y + (rowH - cellLines.length * lineH) / 2 + (lineH - fontSize) / 2 - 1;
      cellLines.forEach((line, k) =>
        drawLine(doc, font, line, x + (w - textWidth(doc, font, line)) / 2, top + k * lineH),
      );
      x += w;
    });
    doc.y = y + rowH;
  };
  const wrapCells = (cells: string[], font: 'title' | 'body') =>
    cells.map((text, i) => wrapByChar(text, (w) => textWidth(doc, font, w), cols[i]!.w - 2 * pad));
  const headerLines = wrapCells(headerCells, 'title');
  const newPage = () => {
    doc.addPage();
    drawCells(headerLines, 'title', rowHeight(headerLines));
  };
  // A whole page below the repeated header: a row taller than that is split across pages.
  const pageRoom = bottom - doc.page.margins.top - rowHeight(headerLines);
  /**
   * Rows grow to fit their text (never cut): a row that does not fit what is left of the page starts a new page
   * (header repeated); a row taller than a whole page fills the page and continues, line by line, on the next.
   */
  const drawRow = (cells: string[]) => {
    let rest = wrapCells(cells, 'body');
    for (;;) {
      const rowH = rowHeight(rest);
      const room = bottom - doc.y;
      if (rowH <= room) return drawCells(rest, 'body', rowH);
      const fit = Math.floor((room - 2 * pad) / lineH);
      if (rowH <= pageRoom || fit < 2) {
        newPage();
        continue;
      }
      drawCells(
        rest.map((l) => l.slice(0, fit)),
        'body',
        room,
      );
      rest = rest.map((l) => l.slice(fit));
      newPage();
    }
  };
  drawCells(headerLines, 'title', rowHeight(headerLines));
  items.forEach((x, i) => drawRow([String(i + 1), x.unitName, x.docNo, x.what, fmtDate(x.deadline), x.status]));
  doc.moveDown(2);
  doc.fontSize(14);
  if (doc.y + 60 > bottom) doc.addPage();
  const y = doc.y;
  drawLine(doc, 'body', opts.office, right - textWidth(doc, 'body', opts.office), y);
  const d = fmtDate(opts.today);
  drawLine(doc, 'body', d, right - textWidth(doc, 'body', d), y + 24);
  doc.end();
  return done;
}

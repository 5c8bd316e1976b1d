/**
 * Where things go on a 卷's A4 page, shared by the PDF (render.ts) and OFD (renderOfd.ts) drawing: the binding
 * and outer margins, the sheet and landscape frames, the box a scan is fitted into, which physical pages are
 * fronts when printed duplex, the page drawn in place of a file that cannot be bound, and the 归档章 data. All in
 * mm, page coordinates (origin top left); nothing here draws.
 */
import { A4, Metrics, text, box, type Op } from '../layout/ops';
import type { ProbedPage } from '../scans/scans';
import type { VolumeHeader } from '../types';

export const BINDING = 28;
export const OUTER = 20;
export const SHEET_TOP = 35;
export const LANDSCAPE_LEFT = 20; // from the sheet's bottom edge
/** Where a scan goes on its page (mm): clear of the page number at the top, a little binding margin. */
export const SCAN = { binding: 15, outer: 8, top: 20, bottom: 8 };

export function frontPage(duplex: boolean, physical: number): boolean {
  return !duplex || physical % 2 === 1;
}

/** Left edge (mm) of the text block: the binding margin is left on front pages, right on back pages. */
export const leftMargin = (front: boolean) => (front ? BINDING : OUTER);

export function scanBox(front: boolean) {
  const x = front ? SCAN.binding : SCAN.outer;
  return { x, y: SCAN.top, w: A4.w - SCAN.binding - SCAN.outer, h: A4.h - SCAN.top - SCAN.bottom };
}

/** Shown displayed upright (EXIF / Rotate applied): is it wider than tall? */
export function isLandscape(p: ProbedPage): boolean {
  const w = p.box.right - p.box.left;
  const h = p.box.top - p.box.bottom;
  return p.rotate % 180 === 0 ? w > h : h > w;
}

/** The page drawn in place of a file that cannot be bound (page coordinates, mm). */
export function placeholderOps(m: Metrics, name: string, message: string, front: boolean): Op[] {
  const b = scanBox(front);
  const x = b.x + 10;
  const w = b.w - 20;
  const ops = [box(x, 60, w, 90, 1.2)];
  const lines = [
    ['title', 16, '此处应装订的文件未能装订'],
    ['body', 12, `文件：${name}`],
    ['body', 12, `原因：${message}`],
    ['body', 12, '请修复或重新扫描该文件，补充后重新导出本卷。'],
  ] as const;
  let y = 76;
  for (const [font, size, s] of lines) {
    for (const l of m.wrap(font, s, size, w - 16)) {
      ops.push(text(x + 8, y, font, size, l));
      y += size === 16 ? 14 : 8;
    }
  }
  return ops;
}

export function stampData(header: VolumeHeader, s: { itemNo: number; pages: number }) {
  return {
    fondsCode: header.fondsCode,
    year: header.year,
    itemNo: s.itemNo,
    organization: header.organization,
    retention: header.retention,
    pages: s.pages,
  };
}

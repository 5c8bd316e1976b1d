/**
 * One 件 as its own PDF/A-1b file: the volume code's record sheet and bound scans (core/volumes plan/render), the
 * 归档章 on the first page, page numbers 1…N, its 档号 printed at the top of the first page. A 件 with a bound PDF
 * that cannot be PDF/A (pdfaProbe) is written as plain PDF and says so (format), for the 四性检测 to report.
 */
import type { AppContext } from '../platform/context';
import { planFonts, type FontPlan } from '../pdf/fontFiles';
import { FileBuffer } from '../volumes/scans/fileBuffer';
import { itemPages, type PlannedPage, type PlannedPart } from '../volumes/plan';
import { claimsPdfa, metricsDoc, renderPart } from '../volumes/render/render';
import { probeScan, type ScanProbe } from '../volumes/scans/scans';
import type { ItemData, VolumeHeader } from '../volumes/types';
import type { Metrics } from '../volumes/layout/ops';

export interface ItemLayout {
  pages: PlannedPage[];
  pdfa: boolean;
}

/** Opens every scan once (shared between 件 that bind the same file) and lays out sheets, for a whole package. */
export class ItemRenderer {
  readonly fontPlan: FontPlan = planFonts();
  readonly m: Metrics = metricsDoc(this.fontPlan);
  private probes = new Map<number, ScanProbe>();
  private reader = new FileBuffer();
  constructor(private ctx: AppContext) {}

  async layout(data: ItemData): Promise<PlannedPage[]> {
    for (const s of data.scans)
      if (!this.probes.has(s.attachmentId)) this.probes.set(s.attachmentId, await probeScan(this.ctx, s, this.reader));
    return itemPages(this.m, data, this.probes);
  }

  /** Draws the laid-out 件 to `file` (temp file, fsync, rename); returns whether it claims PDF/A-1b. */
  async render(
    pages: PlannedPage[],
    o: {
      header: VolumeHeader;
      archivalNo: string;
      title: string;
      seq: number;
      file: string;
      creationDate: Date;
      signal?: AbortSignal;
    },
  ): Promise<{ pdfa: boolean }> {
    // fresh page objects: numbered 1…N, the 归档章 on the first page (always a record sheet)
    const own: PlannedPage[] = pages.map((p, i) => {
      const q = { ...p } as PlannedPage;
      delete q.outline;
      if ('n' in q) q.n = i + 1;
      if (q.type === 'sheet')
        q.stamp = i === 0 && o.header.archiveStamp ? { itemNo: o.seq, pages: pages.length } : null;
      if (i === 0) q.outline = o.title.slice(0, 80);
      return q;
    });
    const part: PlannedPart = {
      k: 1,
      volumeNo: o.header.volumeNo,
      archivalNo: o.archivalNo,
      title: o.title,
      items: [],
      itemPages: own.length,
      pages: own,
    };
    const header: VolumeHeader = { ...o.header, pdfa: true, duplex: false };
    await renderPart(part, this.m, o.file, {
      header,
      fontPlan: this.fontPlan,
      creationDate: o.creationDate,
      signal: o.signal,
      progressBase: { done: 0, total: own.length },
      firstPageLabel: `档号：${o.archivalNo}`,
    });
    return { pdfa: claimsPdfa(part) };
  }
}

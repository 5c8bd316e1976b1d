/**
 * The first half of every volume export: read the items (live, or a sealed volume's snapshots), open and probe
 * every file to be bound, lay the record sheets out and run the completeness check — the Prepared volume that
 * the PDF, OFD and 盒脊 exports then draw. checkVolume is the check alone (nothing written), or for a sealed
 * volume, what changed since sealing.
 */
import type { AppContext } from '../platform/context';
import { planFonts } from '../pdf/fontFiles';
import { yieldToEventLoop } from '../platform/jobs';
import { runCheck } from './check';
import { itemPages, splitParts } from './plan';
import { cancelled, metricsDoc } from './render/render';
import { FileBuffer } from './scans/fileBuffer';
import { probeScan, type ScanProbe } from './scans/scans';
import { verifySealed } from './verify';
import type { CheckResult, ExportOptions, ItemData, Selection, VolumeHeader } from './types';
import { type ItemRow, type VolumeRow, headerOf, itemRows, itemsData, specOf, stored, takenVolumeNos } from './rows';
import { boxMode, boxProblems, numberBox, withBoxProblems } from './piece/export';

export interface Prepared {
  v: VolumeRow;
  header: VolumeHeader;
  rows: ItemRow[];
  items: { position: number; data: ItemData; row: ItemRow }[];
  probes: Map<number, ScanProbe>;
  check: CheckResult;
  m: ReturnType<typeof metricsDoc>;
  pages: ReturnType<typeof itemPages>[];
  fontLabel: string;
}

/** Reads the items, opens every file to be bound, lays the sheets out and runs the completeness check. */
export async function prepare(ctx: AppContext, id: number, opts: ExportOptions = {}): Promise<Prepared> {
  const v = stored(ctx, id);
  const header = headerOf(v);
  const rows = itemRows(ctx, id);
  const { items, missing } = itemsData(ctx, v, rows);
  const refs = new Map(items.flatMap((i) => i.data.scans.map((s) => [s.attachmentId, s] as const)));
  const probes = new Map<number, ScanProbe>();
  let done = 0;
  const reader = new FileBuffer();
  for (const ref of refs.values()) {
    if (opts.signal?.aborted) throw cancelled();
    probes.set(ref.attachmentId, await probeScan(ctx, ref, reader));
    opts.onProgress?.({ phase: 'check', done: ++done, total: refs.size, message: `正在检查扫描件“${ref.name}”` });
  }
  const fontPlan = planFonts();
  const m = metricsDoc(fontPlan);
  const pages: ReturnType<typeof itemPages>[] = [];
  for (let i = 0; i < items.length; i++) {
    if (opts.signal?.aborted) throw cancelled();
    pages.push(itemPages(m, items[i]!.data, probes));
    if (i % 10 === 9) {
      opts.onProgress?.({ phase: 'layout', done: i + 1, total: items.length, message: '正在排版登记表' });
      await yieldToEventLoop();
    }
  }
  const sized = items.map((it, i) => ({ position: it.position, pages: pages[i]! }));
  const parts = splitParts(sized, Math.max(1, header.pageLimit));
  const check =
    v.status === 'sealed' && v.checkJson
      ? (JSON.parse(v.checkJson) as CheckResult)
      : runCheck(ctx, {
          header,
          selection: JSON.parse(v.selection) as Selection,
          items,
          missing,
          probes,
          takenVolumeNos: takenVolumeNos(ctx, v),
          partCount: parts.length,
          oversize: sized
            .filter((s) => s.pages.length > header.pageLimit)
            .map((s) => ({ position: s.position, pages: s.pages.length })),
          checkedAt: ctx.now().toISOString(),
        });
  const fontLabel = [fontPlan.body.label, fontPlan.title.label].join('、');
  return { v, header, rows, items, probes, check, m, pages, fontLabel };
}

/**
 * The completeness check alone (opens every scan; nothing is written). For a sealed volume: what changed since
 * sealing, checked now (the stored PDF and every bound file re-hashed, every bound record compared).
 */
export async function checkVolume(ctx: AppContext, id: number, opts: ExportOptions = {}): Promise<CheckResult> {
  const v = stored(ctx, id);
  if (v.status === 'sealed') {
    const items = itemRows(ctx, id).map((r) => ({
      position: r.position,
      spec: specOf(r),
      snapshot: r.snapshot ? (JSON.parse(r.snapshot) as ItemData) : null,
    }));
    return verifySealed(ctx, v, items, opts);
  }
  const p = await prepare(ctx, id, opts);
  // 按件归档: the box's own problems too (件号 looked up, nothing registered by a check)
  if (boxMode(ctx, p.v) === 'piece')
    return withBoxProblems(p.check, boxProblems(ctx, p, numberBox(ctx, p, false, true)));
  return p.check;
}

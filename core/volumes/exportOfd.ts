/**
 * Exports a volume, or one 件 of it, as OFD: the same plan as the PDF export (prepare + planVolume), drawn by
 * renderOfd.ts. A sealed volume is drawn from the data it was sealed with and dated with its seal time (its
 * sealed PDF stays the record of the seal; the OFD is a rendition of the same pages). Nothing is written when a
 * PDF scan page is not an image (the refusal names the file and page), when cancelled or when the disk fails.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../platform/context';
import { todayIso } from '../domain/dates';
import { fileInvalid, notFound, validation } from '../platform/errors';
import { planFonts } from '../pdf/fontFiles';
import { prepare } from './prepare';
import { combinedSha, partFile } from './exportParts';
import { boxMode, numberBox } from './piece/export';
import { planBox } from './piece/plan';
import { planVolume } from './plan';
import { pickSaveFile } from '../files/saveAs';
import { startJob } from '../platform/jobs';
import { getVolume } from './views';
import { cancelled, sha256File } from './render/render';
import { frontPage } from './render/pageFrame';
import { ofdRefusal, OfdPainter, renderPartOfd } from './render/renderOfd';
import { writeOfdFile } from './render/ofdFile';
import type { ExportOptions, ExportResult, ExportedPart } from './types';

export type VolumeFormat = 'pdf' | 'ofd';

const withExt = (file: string, ext: string) =>
  path.resolve(file.toLowerCase().endsWith(ext) ? file : `${file.replace(/\.(pdf|ofd)$/i, '')}${ext}`);

async function planned(ctx: AppContext, id: number, opts: ExportOptions) {
  const p = await prepare(ctx, id, opts);
  const sealedAt = p.v.status === 'sealed' ? p.v.sealedAt : null;
  const compiledDate = p.header.compiledDate ?? (sealedAt ? todayIso(new Date(sealedAt)) : todayIso(ctx.now()));
  const creationDate = sealedAt ? new Date(sealedAt) : ctx.now();
  const planInput = {
    header: p.header,
    items: p.items.map((i) => ({ position: i.position, data: i.data })),
    probes: p.probes,
    check: p.check,
    compiledDate,
    itemPages: p.pages,
  };
  // 按件归档: the box as its PDF prints it (件号 from the registry; a draft's first export, PDF or OFD, assigns them)
  const pieces = boxMode(ctx, p.v) === 'piece' ? numberBox(ctx, p, false) : null;
  const parts = pieces
    ? planBox(p.m, { ...planInput, pieces, spineWidth: p.v.spineWidth })
    : planVolume(p.m, planInput);
  return { p, parts, creationDate };
}

/**
 * Exports a volume as OFD (split into 卷 by its page limit like the PDF: “…-第N卷.ofd”). Sealing is done with the
 * PDF export only (the seal keeps the PDF's bytes).
 */
export async function exportVolumeOfd(
  ctx: AppContext,
  id: number,
  outFile: string,
  opts: ExportOptions = {},
): Promise<ExportResult> {
  if (opts.seal) throw validation('封卷时保存的是案卷 PDF，不能以 OFD 格式封卷；请先封卷（PDF），再导出 OFD');
  const t0 = Date.now();
  const out = withExt(outFile, '.ofd');
  const { p, parts, creationDate } = await planned(ctx, id, opts);
  const refusal = await ofdRefusal(parts);
  if (refusal) throw fileInvalid(refusal);
  const total = parts.reduce((a, x) => a + x.pages.length, 0);
  const fontPlan = planFonts();
  const written: string[] = [];
  const exported: ExportedPart[] = [];
  try {
    let done = 0;
    for (const part of parts) {
      const file = partFile(out, part.k, parts.length);
      await renderPartOfd(part, p.m, file, {
        header: p.header,
        fontPlan,
        creationDate,
        signal: opts.signal,
        onProgress: opts.onProgress,
        progressBase: { done, total },
      });
      written.push(file);
      done += part.pages.length;
      exported.push({
        volumeNo: part.volumeNo,
        file,
        pages: part.pages.length,
        itemPages: part.itemPages,
        items: part.items.length,
        sha256: await sha256File(file),
      });
    }
    if (opts.signal?.aborted) throw cancelled();
  } catch (e) {
    for (const f of written) fs.rmSync(f, { force: true });
    throw e;
  }
  return {
    volumeId: id,
    file: exported[0]!.file,
    pages: exported.reduce((a, x) => a + x.pages, 0),
    items: exported.reduce((a, x) => a + x.items, 0),
    volumes: exported,
    sha256: combinedSha(exported),
    sealed: p.v.status === 'sealed',
    matchesSeal: null,
    source: 'rendered',
    notice: null,
    check: p.check,
    ms: Date.now() - t0,
  };
}

export interface ItemOfdResult {
  /** The 件's position in the volume (0-based, as stored). */
  position: number;
  file: string;
  pages: number;
  sha256: string;
  /** The 件's number within its 卷 (its 归档章 件号). */
  itemNo: number;
  /** The 卷's 档号. */
  archivalNo: string;
}

/**
 * One 件 of a volume as its own OFD (for 按件 archiving and the 归档信息包): its pages as in the volume — the
 * record sheet with the 归档章, then its scans — numbered from 1.
 */
export async function renderItemOfd(
  ctx: AppContext,
  volumeId: number,
  position: number,
  outFile: string,
  opts: ExportOptions = {},
): Promise<ItemOfdResult> {
  const [r] = await renderItemsOfd(ctx, volumeId, (it) => (it.position === position ? outFile : null), opts);
  if (!r) throw notFound(`案卷中没有第 ${position} 件`);
  return r;
}

/**
 * Several 件 of a volume, each as its own OFD, the volume prepared once (a package of 1,000 件 does not lay the
 * volume out 1,000 times). `outFor` names each 件's file, or null to leave it out. Every chosen 件 is checked
 * before anything is written (a PDF scan page that is not an image refuses them all); if writing fails, the
 * files already written are removed.
 */
export async function renderItemsOfd(
  ctx: AppContext,
  volumeId: number,
  outFor: (it: { position: number; itemNo: number; title: string; archivalNo: string }) => string | null,
  opts: ExportOptions = {},
): Promise<ItemOfdResult[]> {
  const { p, parts, creationDate } = await planned(ctx, volumeId, opts);
  const chosen = parts.flatMap((part) =>
    part.items.flatMap((item) => {
      const f = outFor({
        position: item.position,
        itemNo: item.seq,
        title: item.data.entry.title,
        archivalNo: part.archivalNo,
      });
      return f ? [{ part, item, file: withExt(f, '.ofd') }] : [];
    }),
  );
  const refusal = await ofdRefusal(chosen.map(({ part, item }) => ({ ...part, pages: item.pages })));
  if (refusal) throw fileInvalid(refusal);
  const fontPlan = planFonts();
  const out: ItemOfdResult[] = [];
  try {
    for (const { part, item, file } of chosen) {
      if (opts.signal?.aborted) throw cancelled();
      await writeOfdFile(
        file,
        item.pages.length,
        opts.signal,
        async (w, flush) => {
          const painter = new OfdPainter(w, p.m, p.header, fontPlan);
          for (let i = 0; i < item.pages.length; i++) {
            await painter.page(item.pages[i]!, frontPage(p.header.duplex, i + 1), i + 1);
            await flush();
          }
        },
        {
          title: item.data.entry.title,
          author: item.data.entry.responsible || p.header.fondsName,
          subject: `${part.archivalNo} 第 ${item.seq} 件`,
          keywords: [part.archivalNo, item.data.entry.docNo].filter(Boolean),
          date: creationDate,
        },
      );
      out.push({
        position: item.position,
        file,
        pages: item.pages.length,
        sha256: await sha256File(file),
        itemNo: item.seq,
        archivalNo: part.archivalNo,
      });
      opts.onProgress?.({
        phase: 'render',
        done: out.length,
        total: chosen.length,
        message: `正在生成第 ${item.seq} 件（OFD）`,
      });
    }
  } catch (e) {
    for (const r of out) fs.rmSync(r.file, { force: true });
    throw e;
  }
  return out;
}

/** Asks where to save (the app's dialog), exports the volume as OFD and opens it; null when the clerk cancels. */
export async function exportVolumeOfdInteractive(
  ctx: AppContext,
  id: number,
  opts: { seal?: boolean; jobId?: string } = {},
): Promise<ExportResult | null> {
  if (opts.seal) throw validation('封卷时保存的是案卷 PDF，不能以 OFD 格式封卷；请先封卷（PDF），再导出 OFD');
  const v = getVolume(ctx, id);
  const picked = await pickSaveFile(ctx.ports, {
    title: '导出案卷（OFD）',
    defaultName: `${v.archivalNo}_${v.title}.ofd`,
    kind: 'ofd',
  });
  if (!picked) return null;
  const job = startJob(opts.jobId, '正在生成案卷 OFD');
  try {
    const r = await exportVolumeOfd(ctx, id, picked, {
      signal: job.signal,
      onProgress: (p) => job.report(p.done, p.total, p.message),
    });
    await ctx.ports.openPath(r.file);
    return r;
  } finally {
    job.finish();
  }
}

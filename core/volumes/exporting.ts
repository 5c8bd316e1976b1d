/**
 * The export of a volume to PDF (cancellable, with progress) and sealing: the volume is prepared (prepare.ts),
 * planned into 卷 or a 档案盒, drawn (render/), and on sealing its bytes are kept and the records marked in one
 * transaction. A sealed volume whose bytes were kept is copied out instead (storedExport.ts).
 */
import { markPledgesArchived } from '../pledges/archived';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { attachments, volumeExports, volumeItems, volumes } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { todayIso } from '../domain/dates';
import { conflict } from '../platform/errors';
import { planFonts } from '../pdf/fontFiles';
import { mutate } from '../platform/mutation';
import { startJob } from '../platform/jobs';
import { crashPoint } from '../platform/crash';
import { volumeArchivalNo } from './archivalNo';
import { planVolume } from './plan';
import { cancelled, renderPart } from './render/render';
import { putSealedPdf, sealedAttachmentId, sealedPath } from './sealStore';
import { sealRefusal } from './sealGate';
import type { ExportOptions, ExportResult, ExportedPart } from './types';
import { currentVersion, digestOf, stored } from './rows';
import { pickSaveFile } from '../files/saveAs';
import { archiveCodes, boxMode, boxProblems, numberBox, withBoxProblems } from './piece/export';
import { planBox } from './piece/plan';
import { prepare } from './prepare';
import { combinedSha, partFile } from './exportParts';
import { exportStored, storedParts } from './storedExport';

/**
 * Exports a volume as PDF (split into 卷 by its page limit; with several, files are named “…-第N卷.pdf”). Async
 * and chunked, with progress callbacks, and cancellable through `signal` (nothing is left behind when cancelled).
 * `seal` seals a draft with this export. A sealed volume is printed from the data it was sealed with, with the seal
 * time as its dates, so it reproduces the sealed PDF byte for byte (matchesSeal says whether it did).
 */
export async function exportVolume(
  ctx: AppContext,
  id: number,
  outFile: string,
  opts: ExportOptions = {},
): Promise<ExportResult> {
  const t0 = Date.now();
  const out = path.resolve(outFile.toLowerCase().endsWith('.pdf') ? outFile : `${outFile}.pdf`);
  const sealedRow = stored(ctx, id);
  if (sealedRow.status === 'sealed' && storedParts(sealedRow)) return exportStored(ctx, sealedRow, out, opts, t0);
  const p = await prepare(ctx, id, opts);
  const wasSealed = p.v.status === 'sealed';
  const sealing = !!opts.seal && !wasSealed;
  if (sealing) {
    const piece = boxMode(ctx, p.v) === 'piece';
    // 按件归档: 全宗号 and 机构代码 first (the 档号 and 归档章 need them), then the check's 缺漏
    if (piece) archiveCodes(ctx, true);
    const word = piece ? '装盒' : '封卷';
    // the gate judges the check the clerk was shown: for a box, with its own problems (件号 looked up, none
    // registered, so a refusal still changes nothing)
    const shown = piece ? withBoxProblems(p.check, boxProblems(ctx, p, numberBox(ctx, p, false, true))) : p.check;
    const refused = sealRefusal(p.header, shown, !!opts.confirmWarnings, word);
    if (refused) throw refused;
  }
  const sealedAt = wasSealed ? p.v.sealedAt! : sealing ? ctx.now().toISOString() : null;
  const compiledDate = p.header.compiledDate ?? (sealedAt ? todayIso(new Date(sealedAt)) : todayIso(ctx.now()));
  const creationDate = sealedAt ? new Date(sealedAt) : ctx.now();
  // 按件归档 (DA/T 22): the row is a 档案盒 — 件号 from the registry (refused here, before anything is written,
  // when finalising without 全宗号 / 机构代码), 归档文件目录, 盒内备考表, 盒脊. Otherwise a GB/T 9705 案卷.
  const mode = boxMode(ctx, p.v);
  const pieces = mode === 'piece' ? numberBox(ctx, p, sealing) : null;
  if (pieces && !wasSealed) p.check = withBoxProblems(p.check, boxProblems(ctx, p, pieces));
  const planInput = {
    header: p.header,
    items: p.items.map((i) => ({ position: i.position, data: i.data })),
    probes: p.probes,
    check: p.check,
    compiledDate,
    itemPages: p.pages,
  };
  const parts = pieces
    ? planBox(p.m, { ...planInput, pieces, spineWidth: p.v.spineWidth })
    : planVolume(p.m, planInput);
  const total = parts.reduce((a, x) => a + x.pages.length, 0);
  const written: string[] = [];
  const exported: ExportedPart[] = [];
  try {
    let done = 0;
    for (const part of parts) {
      const file = partFile(out, part.k, parts.length, part.mode === 'piece' ? '盒' : '卷');
      const sha256 = await renderPart(part, p.m, file, {
        header: p.header,
        fontPlan: planFonts(),
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
        sha256,
      });
    }
    if (opts.signal?.aborted) throw cancelled();
  } catch (e) {
    for (const f of written) fs.rmSync(f, { force: true });
    throw e;
  }
  const sha256 = combinedSha(exported);
  const matchesSeal = wasSealed ? sha256 === p.v.sha256 : null;
  // The seal is the bytes: a new seal keeps its PDF in the store; an older seal without stored bytes keeps them
  // now when this export reproduced it exactly (the hash proves they are the sealed bytes).
  const keep = sealing || (wasSealed && matchesSeal === true);
  const storedNow: string[] = [];
  try {
    if (keep) for (const x of exported) if (await putSealedPdf(ctx, x.file, x.sha256)) storedNow.push(x.sha256);
  } catch (e) {
    if (sealing) for (const f of written) fs.rmSync(f, { force: true });
    throw e;
  }
  const keepName = (x: ExportedPart) => `封卷_${volumeArchivalNo(p.header, x.volumeNo)}.pdf`;
  let partsJson = JSON.stringify(exported.map(({ file: _f, ...rest }) => rest));
  const pages = exported.reduce((a, x) => a + x.pages, 0);
  const itemsCount = exported.reduce((a, x) => a + x.items, 0);
  const ms = Date.now() - t0;
  try {
    mutate(ctx, (audit) => {
      const cur = stored(ctx, id);
      if (cur.version !== p.v.version) throw conflict('案卷在导出过程中被修改，请重新导出');
      if (sealing) {
        // Nothing bound may have changed while the PDF was being made.
        for (const it of p.items) {
          if (it.data.recordId === null) continue;
          const now = currentVersion(ctx, it.row);
          if (!now || now.version !== it.data.version)
            throw conflict(`“${it.data.entry.title}”在封卷过程中被修改，未封卷；请重新封卷`);
        }
        crashPoint('volume:seal-in-transaction');
        for (const x of exported)
          x.attachmentId = sealedAttachmentId(ctx, x.sha256, keepName(x), fs.statSync(x.file).size);
        partsJson = JSON.stringify(exported.map(({ file: _f, ...rest }) => rest));
        ctx.db
          .update(volumes)
          .set({
            status: 'sealed',
            archiveMode: mode,
            sealedAt,
            sealedBy: ctx.actor,
            sha256,
            partsJson,
            partCount: exported.length,
            checkJson: JSON.stringify(p.check),
            compiledDate,
            fonts: p.fontLabel,
            version: cur.version + 1,
            updatedAt: ctx.now().toISOString(),
          })
          .where(eq(volumes.id, id))
          .run();
        for (const it of p.items) {
          ctx.db
            .update(volumeItems)
            .set({ sealedVersion: it.data.version, sealedDigest: digestOf(it.data), snapshot: JSON.stringify(it.data) })
            .where(eq(volumeItems.id, it.row.id))
            .run();
        }
        // The 明白书 bound into a sealed volume are 已归档.
        markPledgesArchived(
          ctx,
          p.items.flatMap((i) => (i.data.kind === 'pledge' && i.data.recordId != null ? [i.data.recordId] : [])),
        );
      } else if (!wasSealed) {
        ctx.db
          .update(volumes)
          .set({ partCount: exported.length, checkJson: JSON.stringify(p.check), archiveMode: mode })
          .where(eq(volumes.id, id))
          .run();
      } else if (keep) {
        for (const x of exported)
          x.attachmentId = sealedAttachmentId(ctx, x.sha256, keepName(x), fs.statSync(x.file).size);
        partsJson = JSON.stringify(exported.map(({ file: _f, ...rest }) => rest));
        ctx.db.update(volumes).set({ partsJson }).where(eq(volumes.id, id)).run();
      }
      if (!opts.preview)
        ctx.db
          .insert(volumeExports)
          .values({
            volumeId: id,
            at: ctx.now().toISOString(),
            actor: ctx.actor,
            kind: sealing ? 'seal' : wasSealed ? 'reexport' : 'draft',
            file: exported[0]!.file,
            pages,
            items: itemsCount,
            sha256,
            partsJson: JSON.stringify(exported),
            problems: p.check.problems.length,
            matchesSeal,
            ms,
          })
          .run();
      if (sealing) {
        audit({
          action: 'seal',
          entity: 'volume',
          entityId: id,
          summary: `封卷：${p.v.title}（档号 ${volumeArchivalNo(p.header, p.header.volumeNo)}，${itemsCount} 件，${pages} 页${exported.length > 1 ? `，分 ${exported.length} 卷` : ''}）`,
          after: {
            sha256,
            sealedAt,
            parts: exported.map(({ file: _f, ...rest }) => rest),
            items: p.items.map((i) => ({ kind: i.data.kind, recordId: i.data.recordId, version: i.data.version })),
            problems: p.check.problems.length,
          },
        });
      }
    });
  } catch (e) {
    if (sealing) for (const f of written) fs.rmSync(f, { force: true });
    for (const h of storedNow)
      if (!ctx.db.select({ id: attachments.id }).from(attachments).where(eq(attachments.sha256, h)).get())
        fs.rmSync(sealedPath(ctx, h), { force: true });
    throw e;
  }
  return {
    volumeId: id,
    file: exported[0]!.file,
    pages,
    items: itemsCount,
    volumes: exported,
    sha256,
    sealed: sealing || wasSealed,
    matchesSeal,
    source: 'rendered',
    notice: !wasSealed ? null : matchesSeal ? LEGACY_MATCH : LEGACY_MISMATCH,
    check: p.check,
    ms,
  };
}

export const LEGACY_MATCH =
  '该案卷由旧版本封卷，当时未在附件库中保存封卷的 PDF；这次重新生成的文件与封卷时逐字节一致，已保存到附件库，以后导出直接使用保存的文件。';
export const LEGACY_MISMATCH =
  '该案卷由旧版本封卷，当时未在附件库中保存封卷的 PDF，只能重新生成后比对；重新生成的文件与封卷时不一致（常见原因：本机字体或程序版本与封卷时不同）。请在封卷时使用的电脑上导出，或办理新版（重新组卷后封卷）。';

/** Seals a draft with its export; on a sealed volume, exports it again and says whether it reproduced the seal. */
export function sealVolume(
  ctx: AppContext,
  id: number,
  outFile: string,
  opts: Omit<ExportOptions, 'seal'> = {},
): Promise<ExportResult> {
  return exportVolume(ctx, id, outFile, { ...opts, seal: true });
}

/** Asks where to save (the app's dialog), exports and opens the file; null when the clerk cancels. */
export async function exportVolumeInteractive(
  ctx: AppContext,
  id: number,
  opts: { seal?: boolean; confirmWarnings?: boolean; jobId?: string } = {},
): Promise<ExportResult | null> {
  const v = stored(ctx, id);
  const piece = boxMode(ctx, v) === 'piece';
  if (opts.seal && v.status === 'draft') {
    // 立卷人/检查人/全宗号 before asking where to save (the check's errors and warnings come with the export)
    const refused = sealRefusal(
      v,
      { checkedAt: '', ok: true, errors: 0, warnings: 0, problems: [] },
      true,
      piece ? '装盒' : '封卷',
    );
    if (refused) throw refused;
  }
  const picked = await pickSaveFile(ctx.ports, {
    title: piece ? (opts.seal ? '装盒并导出档案盒' : '导出档案盒') : opts.seal ? '封卷并导出案卷' : '导出案卷',
    defaultName: piece
      ? `档案盒${String(v.volumeNo).padStart(4, '0')}_${v.title}.pdf`
      : `${volumeArchivalNo(v, v.volumeNo)}_${v.title}.pdf`,
    kind: 'pdf',
  });
  if (!picked) return null;
  const job = startJob(opts.jobId, opts.seal ? '正在封卷' : '正在生成案卷 PDF');
  try {
    const r = await exportVolume(ctx, id, picked, {
      seal: opts.seal,
      confirmWarnings: opts.confirmWarnings,
      signal: job.signal,
      onProgress: (p) => job.report(p.done, p.total, p.message),
    });
    await ctx.ports.openPath(r.file);
    return r;
  } finally {
    job.finish();
  }
}

/**
 * The export of a volume to PDF (cancellable, with progress), the completeness check it runs, sealing, and the
 * stored bytes of a sealed volume.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { attachments, volumeExports, volumeItems, volumes } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { todayIso } from '../domain/dates';
import { conflict } from '../platform/errors';
import { planFonts } from '../pdf/fontFiles';
import { mutate } from '../platform/mutation';
import { startJob, yieldToEventLoop } from '../platform/jobs';
import { crashPoint } from '../platform/crash';
import { volumeArchivalNo } from './archivalNo';
import { runCheck } from './check';
import { itemPages, planVolume, splitParts } from './plan';
import { cancelled, metricsDoc, renderPart } from './render';
import { FileBuffer } from './fileBuffer';
import { probeScan, type ScanProbe } from './scans';
import { copySealedOut, putSealedPdf, sealedAttachmentId, sealedPath } from './sealStore';
import { verifySealed } from './verify';
import { sealRefusal } from './sealGate';
import {
  type CheckResult,
  type ExportOptions,
  type ExportResult,
  type ExportedPart,
  type ItemData,
  type Selection,
  type VolumeHeader,
} from './types';
import {
  type ItemRow,
  type VolumeRow,
  currentVersion,
  digestOf,
  headerOf,
  itemRows,
  itemsData,
  specOf,
  stored,
  takenVolumeNos,
} from './rows';
import { pickSaveFile } from '../files/saveAs';
import { archiveCodes, boxMode, boxProblems, numberBox, withBoxProblems } from './piece/export';
import { planBox } from './piece/plan';

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

export function partFile(outFile: string, k: number, n: number, unit: '卷' | '盒' = '卷'): string {
  if (n === 1) return outFile;
  const ext = path.extname(outFile) || '.pdf';
  return path.join(path.dirname(outFile), `${path.basename(outFile, ext)}-第${k}${unit}${ext}`);
}

export const combinedSha = (parts: { sha256: string }[]) =>
  parts.length === 1
    ? parts[0]!.sha256
    : crypto
        .createHash('sha256')
        .update(parts.map((p) => p.sha256).join('\n'))
        .digest('hex');

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
        // The 明白书 bound into a sealed volume are 已归档 (one UPDATE; their version is left as it is: archiving
        // is not an edit of the record, and updatePledge refuses to change an archived 明白书).
        const pledgeIds = p.items.filter((i) => i.data.kind === 'pledge').map((i) => i.data.recordId);
        ctx.sqlite
          .prepare(
            `update pledges set status = '已归档', updated_at = ? where id in (select value from json_each(?)) and status = '已签订' and deleted_at is null`,
          )
          .run(ctx.now().toISOString(), JSON.stringify(pledgeIds));
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

export type StoredPart = Omit<ExportedPart, 'file'>;

/** The parts of a sealed volume whose PDF is kept in the store; null for a volume sealed by an older version. */
export function storedParts(v: VolumeRow): StoredPart[] | null {
  const parts = v.partsJson ? (JSON.parse(v.partsJson) as StoredPart[]) : [];
  return parts.length && parts.every((x) => typeof x.attachmentId === 'number') ? parts : null;
}

/** A sealed volume: its stored PDF bytes, copied out and verified (nothing drawn, whatever fonts are installed). */
export async function exportStored(
  ctx: AppContext,
  v: VolumeRow,
  out: string,
  opts: ExportOptions,
  t0: number,
): Promise<ExportResult> {
  const parts = storedParts(v)!;
  const written: string[] = [];
  const exported: ExportedPart[] = [];
  try {
    for (let k = 0; k < parts.length; k++) {
      if (opts.signal?.aborted) throw cancelled();
      const part = parts[k]!;
      const file = partFile(out, k + 1, parts.length, v.archiveMode === 'piece' ? '盒' : '卷');
      opts.onProgress?.({
        phase: 'write',
        done: k,
        total: parts.length,
        message: `正在导出封卷时保存的第 ${part.volumeNo} 卷`,
      });
      await copySealedOut(ctx, part.sha256, file, parts.length > 1 ? `第 ${part.volumeNo} 卷` : '本卷');
      written.push(file);
      exported.push({ ...part, file });
    }
    if (opts.signal?.aborted) throw cancelled();
  } catch (e) {
    for (const f of written) fs.rmSync(f, { force: true });
    throw e;
  }
  const sha256 = combinedSha(exported);
  const matchesSeal = sha256 === v.sha256;
  const pages = exported.reduce((a, x) => a + x.pages, 0);
  const itemsCount = exported.reduce((a, x) => a + x.items, 0);
  const check = v.checkJson
    ? (JSON.parse(v.checkJson) as CheckResult)
    : { checkedAt: v.sealedAt ?? '', ok: true, errors: 0, warnings: 0, problems: [] };
  const ms = Date.now() - t0;
  ctx.db
    .insert(volumeExports)
    .values({
      volumeId: v.id,
      at: ctx.now().toISOString(),
      actor: ctx.actor,
      kind: 'reexport',
      file: exported[0]!.file,
      pages,
      items: itemsCount,
      sha256,
      partsJson: JSON.stringify(exported),
      problems: check.problems.length,
      matchesSeal,
      ms,
    })
    .run();
  return {
    volumeId: v.id,
    file: exported[0]!.file,
    pages,
    items: itemsCount,
    volumes: exported,
    sha256,
    sealed: true,
    matchesSeal,
    source: 'stored',
    notice: null,
    check,
    ms,
  };
}

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

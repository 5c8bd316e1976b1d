/**
 * Re-verifying what was handed over: sealed volumes (the PDF kept at sealing and every file bound into it) and the
 * exported 归档信息包. At start-up quietly, digests only, in the background; on demand fully (the sealed volume's
 * record-by-record comparison and the package's whole 四性检测). The last outcome is kept in memory per data
 * directory for the 工作台 (packages also in their table).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { yieldToEventLoop } from '../platform/jobs';
import { attachmentPath } from '../attachments/service';
import { checkVolume, volumeArchivalNo } from '../volumes';
import type { Retention } from '../../db/schema/volumes';
import { sealedFileState } from '../volumes/sealStore';
import type { ScanRef } from '../volumes/types';
import { checkPackage } from './check';
import { listExportedPackages, storeCheckOutcome, storeMissing } from './checkRegistry';

export interface ArchiveChange {
  /** A sealed 案卷, a sealed 档案盒 (按件归档), or an exported package. */
  kind: 'volume' | 'box' | 'package';
  id: number;
  /** 案卷题名 (档号) or the package's folder name. */
  title: string;
  /** Where it is: the data directory's attachment store, or the package folder. */
  where: string;
  /** 'missing': a package folder not found (a USB drive not plugged in); 'changed': something differs. */
  state: 'changed' | 'missing';
  /** What changed, Chinese phrases (file, item, old → new). */
  changes: string[];
}

export interface RecheckState {
  running: boolean;
  scope: 'digests' | 'full' | null;
  startedAt: string | null;
  checkedAt: string | null;
  volumes: number;
  packages: number;
  changes: ArchiveChange[];
  /** A failure of the re-check itself (not of what it checked). */
  error: string | null;
}

const states = new Map<string, RecheckState>();

const idle = (): RecheckState => ({
  running: false,
  scope: null,
  startedAt: null,
  checkedAt: null,
  volumes: 0,
  packages: 0,
  changes: [],
  error: null,
});

/** The last re-check of this data directory (or an idle state when none ran yet). */
export function recheckState(ctx: AppContext): RecheckState {
  return states.get(ctx.dataDir) ?? idle();
}

async function sha256OrNull(file: string): Promise<string | null> {
  try {
    const h = crypto.createHash('sha256');
    for await (const c of fs.createReadStream(file)) h.update(c as Buffer);
    return h.digest('hex');
  } catch {
    return null;
  }
}

interface SealedRow {
  id: number;
  title: string;
  fonds_code: string;
  category_code: string;
  year: number;
  retention: string;
  volume_no: number;
  parts_json: string | null;
  archive_mode: string | null;
}

const archivalNoOf = (v: SealedRow) =>
  volumeArchivalNo(
    { fondsCode: v.fonds_code, categoryCode: v.category_code, year: v.year, retention: v.retention as Retention },
    v.volume_no,
  );

/** Digest check of one sealed volume: the stored PDF of each 卷 and each bound file. */
async function volumeDigestChanges(ctx: AppContext, v: SealedRow): Promise<string[]> {
  const out: string[] = [];
  const parts = v.parts_json
    ? (JSON.parse(v.parts_json) as { volumeNo: number; sha256: string; attachmentId?: number }[])
    : [];
  for (const p of parts) {
    if (typeof p.attachmentId !== 'number') continue; // sealed by an old version: no stored PDF to hash
    const label = parts.length > 1 ? `第 ${p.volumeNo} 卷` : '本卷';
    const state = await sealedFileState(ctx, p.sha256);
    if (state === 'missing') out.push(`附件库中找不到${label}封卷时保存的 PDF`);
    if (state === 'changed') out.push(`附件库中${label}封卷时保存的 PDF 已被改动（SHA-256 与封卷时不同）`);
  }
  const items = ctx.sqlite
    .prepare(
      'select position, snapshot from volume_items where volume_id = ? and snapshot is not null order by position',
    )
    .all(v.id) as { position: number; snapshot: string }[];
  const seen = new Set<string>();
  for (const it of items) {
    const snap = JSON.parse(it.snapshot) as { scans?: ScanRef[]; entry?: { title?: string } };
    for (const s of snap.scans ?? []) {
      if (seen.has(s.sha256)) continue;
      seen.add(s.sha256);
      const now = await sha256OrNull(attachmentPath(ctx, s));
      const at = `第 ${it.position + 1} 件“${snap.entry?.title ?? ''}”`;
      if (now === null) out.push(`${at}：装订的文件“${s.name}”在附件库中缺失`);
      else if (now !== s.sha256) out.push(`${at}：装订的文件“${s.name}”已被改动（SHA-256 与封卷时不同）`);
    }
  }
  return out;
}

/**
 * Re-checks every sealed volume and every recorded package. `digests` (start-up): hashes only; `full` (on demand):
 * the sealed volume's whole verification and the package's 四性检测. Never throws for what it finds; one run at a
 * time per data directory (a second call while one runs returns the running state).
 */
export async function recheckArchives(
  ctx: AppContext,
  opts: { scope?: 'digests' | 'full'; signal?: AbortSignal } = {},
): Promise<RecheckState> {
  const current = states.get(ctx.dataDir);
  if (current?.running) return current;
  const scope = opts.scope ?? 'digests';
  const state: RecheckState = { ...idle(), running: true, scope, startedAt: ctx.now().toISOString() };
  states.set(ctx.dataDir, state);
  const changes: ArchiveChange[] = [];
  try {
    const sealed = ctx.sqlite
      .prepare(
        `select id, title, fonds_code, category_code, year, retention, volume_no, parts_json, archive_mode from volumes
         where status = 'sealed' and deleted_at is null order by id`,
      )
      .all() as SealedRow[];
    for (const v of sealed) {
      if (opts.signal?.aborted) throw new AppError('CANCELLED', '已取消核对');
      await yieldToEventLoop();
      const list =
        scope === 'full'
          ? (await checkVolume(ctx, v.id)).problems.filter((p) => p.severity === 'error').map((p) => p.message)
          : await volumeDigestChanges(ctx, v);
      state.volumes++;
      if (list.length)
        changes.push({
          kind: v.archive_mode === 'piece' ? 'box' : 'volume',
          id: v.id,
          title:
            v.archive_mode === 'piece' ? `${v.title}（第 ${v.volume_no} 盒）` : `${v.title}（档号 ${archivalNoOf(v)}）`,
          where: '数据目录的附件库',
          state: 'changed',
          changes: list,
        });
    }
    for (const p of listExportedPackages(ctx)) {
      if (opts.signal?.aborted) throw new AppError('CANCELLED', '已取消核对');
      await yieldToEventLoop();
      state.packages++;
      if (!fs.existsSync(p.dir)) {
        storeMissing(ctx, p, ctx.now().toISOString());
        changes.push({
          kind: 'package',
          id: p.id,
          title: p.name,
          where: p.dir,
          state: 'missing',
          changes: [`信息包文件夹已不存在（被移动、删除，或所在的 U 盘未插入）`],
        });
        continue;
      }
      const r = await checkPackage(p.dir, {
        scope,
        signal: opts.signal,
        expected: { manifestSm3: p.manifestSm3, manifestSha256: p.manifestSha256 },
        now: ctx.now,
      });
      storeCheckOutcome(ctx, r);
      if (!r.passed)
        changes.push({
          kind: 'package',
          id: p.id,
          title: p.name,
          where: p.dir,
          state: 'changed',
          changes: r.items
            .filter((i) => !i.passed)
            .flatMap((i) =>
              i.findings.map((f) => (f.message.includes(f.where) ? f.message : `${f.where}：${f.message}`)),
            )
            .slice(0, 30),
        });
    }
  } catch (e) {
    state.error = e instanceof AppError ? e.message : `核对未完成：${String((e as Error)?.message ?? e).slice(0, 200)}`;
  } finally {
    state.changes = changes;
    state.running = false;
    state.checkedAt = ctx.now().toISOString();
  }
  return state;
}

/**
 * The check of a sealed volume, done now (not the seal-time result replayed): re-hashes the PDF kept at sealing
 * and every file bound into it, and compares each bound record with the data it was printed from, field by field.
 * It says what changed since sealing: which record, which field (old → new), which file.
 */
import type { AppContext } from '../platform/context';
import { AppError } from '../platform/errors';
import { collectItem } from './collect';
import { FileBuffer } from './scans/fileBuffer';
import { cancelled } from './render/render';
import { probeScan } from './scans/scans';
import { sealedFileState } from './sealStore';
import type { CheckResult, ExportOptions, ExportedPart, ItemData, ItemSpec, Problem } from './types';

export interface SealedItem {
  position: number;
  spec: ItemSpec;
  snapshot: ItemData | null;
}

export interface SealedVolume {
  sealedAt: string | null;
  partsJson: string | null;
}

const quote = (s: string | null | undefined) => (s ? `“${s}”` : '（空）');

/** label → value of everything a record's sheet and 目录 entry show. */
function fieldsOf(d: ItemData): Map<string, string> {
  const f = new Map<string, string>();
  f.set('题名', d.entry.title);
  f.set('文号', d.entry.docNo);
  f.set('责任者', d.entry.responsible);
  f.set('日期', d.entry.date ?? '');
  f.set('备注（目录）', d.entry.note);
  const sheet = d.sheet;
  if (sheet.type === 'record') {
    for (const row of sheet.rows) for (const c of row) f.set(c.label, c.value);
    for (const t of sheet.tables) {
      if (t.rows.some((r) => r[3] === '随后装订' || r[3] === '电子文件，未装订')) continue; // the file table: compared by file below
      t.rows.forEach((r, i) => f.set(`${t.title}第 ${i + 1} 行`, r.join('｜')));
      if (!t.rows.length) f.set(`${t.title}`, '');
    }
  } else {
    sheet.rows.forEach((r, i) => f.set(`台账第 ${i + 1} 行`, r.join('｜')));
  }
  return f;
}

/** What differs between the sealed data of a record and its data now, as Chinese phrases. */
export function diffItem(sealed: ItemData, now: ItemData): string[] {
  const out: string[] = [];
  const a = fieldsOf(sealed);
  const b = fieldsOf(now);
  for (const [label, was] of a) {
    if (!b.has(label)) out.push(`“${label}”已不存在（封卷时为${quote(was)}）`);
    else if (b.get(label) !== was) out.push(`“${label}”由${quote(was)}改为${quote(b.get(label))}`);
  }
  for (const [label, is] of b) if (!a.has(label)) out.push(`新增“${label}”：${quote(is)}`);
  const files = (d: ItemData) => new Map(d.scans.map((s) => [s.sha256, s.name]));
  const fa = files(sealed);
  const fb = files(now);
  for (const [sha, name] of fa) if (!fb.has(sha)) out.push(`封卷时装订的文件“${name}”已从记录中移除`);
  for (const [sha, name] of fb) if (!fa.has(sha)) out.push(`记录中新增了文件“${name}”（未装订在本卷中）`);
  const rot = (d: ItemData) => new Map(d.scans.map((s) => [s.sha256, JSON.stringify(s.rotations ?? {})]));
  const ra = rot(sealed);
  const rb = rot(now);
  for (const [sha, r] of ra) if (rb.has(sha) && rb.get(sha) !== r) out.push(`文件“${fa.get(sha)}”的页面旋转已更改`);
  return out;
}

export async function verifySealed(
  ctx: AppContext,
  v: SealedVolume,
  items: SealedItem[],
  opts: ExportOptions = {},
): Promise<CheckResult> {
  const problems: Problem[] = [];
  const add = (p: Problem) => problems.push(p);
  const parts = v.partsJson ? (JSON.parse(v.partsJson) as Omit<ExportedPart, 'file'>[]) : [];
  const stored = parts.length > 0 && parts.every((p) => typeof p.attachmentId === 'number');
  if (!stored) {
    add({
      code: 'seal-no-pdf',
      severity: 'warning',
      message:
        '该案卷由旧版本封卷，未在附件库中保存封卷时的 PDF，无法逐字节核对；请导出一次（与封卷时一致时将自动保存），或办理新版重新封卷',
    });
  } else {
    for (const p of parts) {
      const label = parts.length > 1 ? `第 ${p.volumeNo} 卷` : '本卷';
      const state = await sealedFileState(ctx, p.sha256);
      if (state === 'missing')
        add({
          code: 'seal-pdf-missing',
          severity: 'error',
          message: `附件库中找不到${label}封卷时保存的 PDF；请从备份恢复附件`,
        });
      if (state === 'changed')
        add({
          code: 'seal-pdf-changed',
          severity: 'error',
          message: `附件库中${label}封卷时保存的 PDF 已被改动（SHA-256 与封卷时不同）；请从备份恢复附件`,
        });
    }
  }
  const reader = new FileBuffer();
  const seenFiles = new Set<string>();
  let done = 0;
  const total = items.reduce((n, it) => n + (it.snapshot?.scans.length ?? 0), 0);
  for (const it of items) {
    if (opts.signal?.aborted) throw cancelled();
    const snap = it.snapshot;
    if (!snap) continue;
    const at = `第 ${it.position + 1} 件“${snap.entry.title}”`;
    let now: ItemData | null = null;
    try {
      now = collectItem(ctx, it.spec);
    } catch (e) {
      if (!(e instanceof AppError && e.code === 'NOT_FOUND')) throw e;
    }
    if (!now)
      add({
        code: 'record-missing',
        severity: 'error',
        message: `${at}：封卷后该记录已被删除`,
        itemPosition: it.position,
      });
    else
      for (const d of diffItem(snap, now))
        add({ code: 'record-changed', severity: 'error', message: `${at}：封卷后${d}`, itemPosition: it.position });
    for (const ref of snap.scans) {
      const base = { itemPosition: it.position, attachmentId: ref.attachmentId, file: ref.name };
      if (seenFiles.has(`${it.position}:${ref.sha256}`)) continue;
      seenFiles.add(`${it.position}:${ref.sha256}`);
      const p = await probeScan(ctx, ref, reader);
      opts.onProgress?.({ phase: 'check', done: ++done, total, message: `正在核对扫描件“${ref.name}”` });
      if (p.status === 'missing')
        add({
          ...base,
          code: 'scan-missing',
          severity: 'error',
          message: `${at}：封卷时装订的文件“${ref.name}”在附件库中缺失；请从备份恢复附件`,
        });
      else if (p.mismatch) {
        const now = p.status === 'encrypted' ? '，现为加密的 PDF' : p.status === 'damaged' ? '，现已无法打开' : '';
        add({
          ...base,
          code: 'scan-mismatch',
          severity: 'error',
          message: `${at}：封卷时装订的文件“${ref.name}”已被改动（SHA-256 与封卷时不同${now}）；请从备份恢复附件`,
        });
      }
    }
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  return {
    checkedAt: ctx.now().toISOString(),
    ok: errors === 0,
    errors,
    warnings: problems.length - errors,
    problems,
    sealed: { intact: errors === 0, storedPdf: stored },
  };
}

import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../platform/context';
import { dataPaths } from '../platform/dataPaths';
import { sha256File } from './backup';
import { storeRelativePath } from '../attachments/service';
import { describeLeftovers, findLeftovers, removeLeftovers, type Leftover, type LeftoverKind } from './leftovers';

export interface CheckProblem {
  severity: 'error' | 'warning';
  message: string;
  /** What the clerk should do about it. */
  action: string;
}

export interface CheckReport {
  ok: boolean;
  checkedAt: string;
  problems: CheckProblem[];
  stats: {
    attachments: number;
    attachmentBytes: number;
    orphanFiles: number;
    tempFiles: number;
    hazardsIndexed: number;
    hazards: number;
    leftovers: number;
  };
}

/**
 * 数据检查: SQLite integrity and foreign keys, every attachment present and matching its hash, no stray files,
 * the search index complete. `quick` skips hashing the attachments (for the check at start-up).
 */
export function checkData(ctx: AppContext, opts: { quick?: boolean; integrityChecked?: boolean } = {}): CheckReport {
  const problems: CheckProblem[] = [];
  // integrityChecked: the start-up's diagnosis has just run quick_check; not again on a large register.
  const integrity = (
    opts.integrityChecked ? [] : ctx.sqlite.pragma(opts.quick ? 'quick_check' : 'integrity_check')
  ) as { integrity_check?: string; quick_check?: string }[];
  const msgs = integrity.map((r) => r.integrity_check ?? r.quick_check ?? '').filter((m) => m !== 'ok');
  if (msgs.length) {
    problems.push({
      severity: 'error',
      message: `数据库完整性检查发现 ${msgs.length} 处问题：${msgs.slice(0, 3).join('；')}`,
      action: '请立即“从备份恢复”最近一次正常的备份，并联系维护人员',
    });
  }
  const fk = ctx.sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  if (fk.length) {
    problems.push({
      severity: 'error',
      message: `有 ${fk.length} 条记录引用了不存在的数据（如 ${fk[0]!.table} 第 ${fk[0]!.rowid} 行引用 ${fk[0]!.parent}）`,
      action: '请联系维护人员修复，或从备份恢复',
    });
  }
  const store = dataPaths(ctx.dataDir).attachmentsDir;
  const rows = ctx.sqlite.prepare('select id, sha256, mime, size, original_name from attachments').all() as {
    id: number;
    sha256: string;
    mime: string;
    size: number;
    original_name: string;
  }[];
  const expected = new Set<string>();
  let bytes = 0;
  for (const r of rows) {
    const rel = storeRelativePath(r);
    expected.add(rel);
    const file = path.join(store, rel);
    if (!fs.existsSync(file)) {
      problems.push({
        severity: 'error',
        message: `附件“${r.original_name}”的文件缺失`,
        action: '请从备份恢复，或在相应记录中重新添加该扫描件',
      });
      continue;
    }
    const size = fs.statSync(file).size;
    bytes += size;
    if (size !== r.size || (!opts.quick && sha256File(file) !== r.sha256)) {
      problems.push({
        severity: 'error',
        message: `附件“${r.original_name}”的文件已损坏（内容与登记时不一致）`,
        action: '请从备份恢复，或重新扫描后替换',
      });
    }
  }
  let orphans = 0;
  let temps = 0;
  if (fs.existsSync(store)) {
    for (const e of fs.readdirSync(store, { recursive: true, withFileTypes: true })) {
      if (!e.isFile()) continue;
      const rel = path.relative(store, path.join(e.parentPath, e.name));
      if (e.name.endsWith('.tmp')) temps++;
      else if (!expected.has(rel)) orphans++;
    }
  }
  if (temps) {
    problems.push({
      severity: 'warning',
      message: `附件库中有 ${temps} 个未写完的临时文件（上次写入被中断）`,
      action: '无需处理：它们不会被当作附件使用，可在“数据检查”中清理',
    });
  }
  if (orphans) {
    problems.push({
      severity: 'warning',
      message: `附件库中有 ${orphans} 个没有登记记录的文件`,
      action: '无需处理；如需节省空间，可点击“修复”（命令行 check --repair）清理',
    });
  }
  const others = findLeftovers(ctx.dataDir, { backupDirs: chosenBackupDirs(ctx) }).filter(
    (l) => l.kind !== 'attachment-temp' && l.kind !== 'orphan-attachment',
  );
  if (others.length) {
    problems.push({
      severity: 'warning',
      message: `数据目录中有中断的操作留下的文件：${describeLeftovers(others).join('；')}`,
      action: '无需处理：它们不会被当作数据使用；可点击“修复”（命令行 check --repair）清理',
    });
  }
  const hazards = (ctx.sqlite.prepare('select count(*) n from hazards where deleted_at is null').get() as { n: number })
    .n;
  const indexed = (ctx.sqlite.prepare('select count(*) n from hazards_fts').get() as { n: number }).n;
  if (indexed !== hazards) {
    problems.push({
      severity: 'warning',
      message: `隐患全文索引不完整（${indexed}/${hazards}）`,
      action: '点击“重建索引”，或运行命令 check --repair',
    });
  }
  return {
    ok: !problems.some((p) => p.severity === 'error'),
    checkedAt: ctx.now().toISOString(),
    problems,
    stats: {
      attachments: rows.length,
      attachmentBytes: bytes,
      orphanFiles: orphans,
      tempFiles: temps,
      hazardsIndexed: indexed,
      hazards,
      leftovers: others.length + orphans + temps,
    },
  };
}

/** Removes leftover temp files of interrupted writes. */
export function cleanTempFiles(ctx: AppContext): number {
  const store = dataPaths(ctx.dataDir).attachmentsDir;
  let n = 0;
  if (!fs.existsSync(store)) return 0;
  for (const e of fs.readdirSync(store, { recursive: true, withFileTypes: true })) {
    if (e.isFile() && e.name.endsWith('.tmp')) {
      fs.rmSync(path.join(e.parentPath, e.name), { force: true });
      n++;
    }
  }
  return n;
}

/** The automatic-backup folder chosen in 设置 (its *.tar.partial are leftovers too). */
function chosenBackupDirs(ctx: AppContext): string[] {
  try {
    const r = ctx.sqlite.prepare("select value from settings where key = 'autoBackupDir'").get() as
      { value: string } | undefined;
    return r?.value ? [r.value] : [];
  } catch {
    return [];
  }
}

/** The leftovers of interrupted operations, orphaned attachment files included (the database is readable here). */
export function leftoversOf(ctx: AppContext): Leftover[] {
  const rows = ctx.sqlite.prepare('select sha256, mime from attachments').all() as { sha256: string; mime: string }[];
  return findLeftovers(ctx.dataDir, {
    backupDirs: chosenBackupDirs(ctx),
    referenced: new Set(rows.map((r) => storeRelativePath(r))),
  });
}

/** check --repair: removes every leftover (see leftovers.ts). */
export function cleanLeftovers(ctx: AppContext): Partial<Record<LeftoverKind, number>> {
  return removeLeftovers(leftoversOf(ctx));
}

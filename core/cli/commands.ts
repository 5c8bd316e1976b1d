import { packageCommands } from './packageCommands';
import type { AppContext } from '../platform/context';
import { dataPaths } from '../platform/context';

import { notFound, validation } from '../platform/errors';
import { safeFileName } from '../files/names';
import { commitScan, prepareScan, type PreparedScan } from '../attachments/service';
import { createNotice, findNoticeByDocNo, listNotices, listRequirements, setRequirements } from '../notices/service';
import { pledgeCoverage } from '../pledges/coverage';
import { createPledge } from '../pledges/editing';
import { listPledges, type PledgeView } from '../pledges/service';
import { pledgeFormProblems, printPledgeToFile } from '../print/printing';
import { createUnit, listUnits, mergeUnits, requireUnitByName, setUnitActive } from '../units/service';
import { UNIT_KINDS, type UnitKind } from '../../db/schema';
import { levelLabel } from '../domain/pledgeLevels';
import { SilentExit, UsageError } from './usage';
import path from 'node:path';
import { countsOf, createBackup } from '../backup/backup';
import { checkData, cleanLeftovers } from '../backup/check';
import { describeBackup, diagnose, listBackups, restoreOffline, salvage } from '../backup/recovery';
import { findLeftovers, removeLeftovers } from '../backup/leftovers';
import { openContext } from '../platform/context';
import { applyPendingRestore } from '../backup/restore';
import { checkPackage } from '../archivePackage/check';
import { recordedDigests, storeCheckOutcome } from '../archivePackage/checkRegistry';
import { reportSummary, writeCheckReport } from '../archivePackage/checkReport';
import fs from 'node:fs';
import { rebuildHazardIndex } from '../hazards/searchIndex';
import { trackImport } from '../imports/progress';
import { commitImport, listBatches, undoImport } from '../imports/commit';
import { isIsoDate, todayIso } from '../domain/dates';
import type { HazardLevel, HazardStatus } from '../domain/hazard';
import { fillDemo } from '../demo/service';
import { changeHazardStatus } from '../hazards/closure';
import { updateHazard } from '../hazards/editing';
import { getHazard, listHazards, type HazardListRow } from '../hazards/service';
import type { HazardFilter } from '../hazards/query';
import { listReturns } from '../returns/service';
import { chaseList } from '../returns/board';
import { chasePdfBytes, chaseWorkbookBytes } from '../exports/service';
import { filterTitle, listExportBytes, listExportName } from '../exports/lists';
import { writeFileAtomic } from '../files/atomicWrite';
import { getSettings, updateSettings } from '../settings/service';
import { MODE_WORDS, SPINE_WIDTHS } from '../domain/archiveMode';
import { hazardStats, statsParagraph, type StatsRow } from '../stats/service';
import {
  checkVolume,
  createVolume,
  exportVolume,
  exportVolumeOfd,
  type VolumeFormat,
  hazardLedgerBytes,
  listVolumes,
  sealVolume,
  updateVolume,
  exportSpine,
  describeArchived,
  volumeArchivalNo,
  writeWorkbook,
  getVolume,
  type CheckResult,
  type ExportResult,
  type Selection,
  type VolumeKind,
} from '../volumes';

/**
 * Runs `fn` (which may await) inside one write transaction of the context's connection: committed when it resolves,
 * rolled back when it throws. Nested ctx.db.transaction calls become savepoints. For one-shot CLI commands only (it
 * holds the write lock while it runs).
 */
async function inTransaction<T>(ctx: AppContext, fn: () => Promise<T>): Promise<T> {
  ctx.sqlite.exec('BEGIN IMMEDIATE');
  try {
    const r = await fn();
    ctx.sqlite.exec('COMMIT');
    return r;
  } catch (e) {
    if (ctx.sqlite.inTransaction) ctx.sqlite.exec('ROLLBACK');
    throw e;
  }
}

export interface CliIO {
  out(s: string): void;
  err(s: string): void;
  /** A progress line that replaces the previous one (a terminal only); null ends it. */
  progress?(s: string | null): void;
}

type Values = Record<string, string | boolean | string[] | undefined>;
type Command = (ctx: AppContext, args: { values: Values; rest: string[] }, io: CliIO) => Promise<void>;

const str = (v: Values, k: string): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
const need = (v: Values, k: string, label: string): string => {
  const s = str(v, k);
  if (s === undefined || s.trim() === '') throw new UsageError(`缺少参数 --${k}（${label}）`);
  return s;
};
const list = (v: Values, k: string): string[] => (Array.isArray(v[k]) ? (v[k] as string[]) : []);

function noticeId(ctx: AppContext, docNo: string | undefined): number | undefined {
  if (!docNo) return undefined;
  const n = findNoticeByDocNo(ctx, docNo);
  if (!n) throw validation(`文号“${docNo}”的通知未登记，请先用 notices add 登记`);
  return n.id;
}

function print(io: CliIO, json: boolean, data: unknown, human: () => string) {
  io.out(json ? JSON.stringify(data, null, 2) : human());
}

function byKey(rows: StatsRow[]) {
  return Object.fromEntries(rows.map(({ key, ...rest }) => [key, rest]));
}

const LEVELS = ['一般', '重大'];
const STATUSES = ['未整改', '整改中', '已整改', '已验收销号'];

function hazardFilter(ctx: AppContext, values: Values): HazardFilter {
  const level = str(values, 'level');
  if (level && !LEVELS.includes(level)) throw validation(`隐患等级只能是“一般”或“重大”，收到的是“${level}”`);
  const status = str(values, 'status');
  if (status && !STATUSES.includes(status)) throw validation(`整改状态“${status}”不对，应为：${STATUSES.join('、')}`);
  const township = str(values, 'township');
  for (const k of ['from', 'to'] as const) {
    const d = str(values, k);
    if (d && !isIsoDate(d)) throw validation(`日期“${d}”不是有效日期（格式 YYYY-MM-DD）`);
  }
  return {
    search: str(values, 'search'),
    townshipUnitIds: township ? [requireUnitByName(ctx, township).id] : undefined,
    industries: str(values, 'industry') ? [str(values, 'industry')!] : undefined,
    categories: str(values, 'category') ? [str(values, 'category')!] : undefined,
    levels: level ? [level as HazardLevel] : undefined,
    statuses: status ? [status as HazardStatus] : undefined,
    overdue: values.overdue ? true : undefined,
    foundFrom: str(values, 'from'),
    foundTo: str(values, 'to'),
    noticeId: noticeId(ctx, str(values, 'notice')),
  };
}

/** A hazard named on the command line: its row id (hazards list, first column) or its own number (隐患编号). */
function hazardIdOf(ctx: AppContext, ref: string): number {
  if (/^\d+$/.test(ref)) {
    const byId = ctx.sqlite.prepare('select id from hazards where id = ? and deleted_at is null').get(Number(ref)) as
      { id: number } | undefined;
    if (byId) return byId.id;
  }
  const rows = ctx.sqlite
    .prepare('select id from hazards where hazard_no = ? and deleted_at is null limit 2')
    .all(ref) as { id: number }[];
  if (rows.length === 1) return rows[0]!.id;
  if (rows.length > 1) throw validation(`隐患编号“${ref}”对应多条隐患，请改用 hazards list 第一列的序号`);
  throw notFound(`找不到编号为“${ref}”的隐患，可能已被删除（编号见 hazards list 第一列）`);
}

const VOLUME_KINDS_CLI: VolumeKind[] = ['pledge', 'return', 'hazard', 'closure'];

function volumeSelection(ctx: AppContext, values: Values): Selection {
  const kinds = (str(values, 'kind') ?? 'pledge')
    .split(/[,，]/)
    .map((k) => k.trim())
    .filter(Boolean);
  for (const k of kinds)
    if (!VOLUME_KINDS_CLI.includes(k as VolumeKind))
      throw validation(`材料类别“${k}”不对，应为：${VOLUME_KINDS_CLI.join('、')}`);
  const sel: Selection = { kinds: kinds as VolumeKind[] };
  const nId = noticeId(ctx, str(values, 'notice'));
  if (nId !== undefined) sel.noticeId = nId;
  const unit = str(values, 'unit');
  if (unit) sel.unitId = requireUnitByName(ctx, unit).id;
  const year = str(values, 'year');
  if (year) {
    if (!/^\d{4}$/.test(year)) throw validation(`年度“${year}”不对（如 2024）`);
    sel.year = Number(year);
  }
  const level = str(values, 'level');
  if (level) {
    if (LEVELS.includes(level)) sel.hazardLevel = level as HazardLevel;
    else if (/^[1-4]$/.test(level)) sel.level = Number(level);
    else throw validation(`层级“${level}”不对：明白书为 1–4，隐患为 一般 或 重大`);
  }
  return sel;
}

/** --creator / --checker / --category-name / --fonds-code, as given. */
function people(values: Values): { creator?: string; checker?: string; categoryName?: string; fondsCode?: string } {
  return {
    ...(str(values, 'fonds-code') !== undefined ? { fondsCode: str(values, 'fonds-code')! } : {}),
    ...(str(values, 'creator') !== undefined ? { creator: str(values, 'creator')! } : {}),
    ...(str(values, 'checker') !== undefined ? { checker: str(values, 'checker')! } : {}),
    ...(str(values, 'category-name') !== undefined ? { categoryName: str(values, 'category-name')! } : {}),
  };
}

function volumeId(rest: string[]): number {
  const id = Number(rest[0]);
  if (!Number.isInteger(id) || id < 1) throw new UsageError('缺少案卷编号，例如：volumes seal 3');
  return id;
}

function exportJson(r: ExportResult) {
  return {
    volumeId: r.volumeId,
    file: r.file,
    pages: r.pages,
    items: r.items,
    volumes: r.volumes.map((v) => ({
      file: v.file,
      volumeNo: v.volumeNo,
      pages: v.pages,
      itemPages: v.itemPages,
      items: v.items,
      sha256: v.sha256,
    })),
    sha256: r.sha256,
    sealed: r.sealed,
    matchesSeal: r.matchesSeal,
    source: r.source,
    notice: r.notice,
    check: checkJson(r.check),
    ms: r.ms,
  };
}

const checkJson = (c: CheckResult) => ({
  ok: c.ok,
  errors: c.errors,
  warnings: c.warnings,
  problems: c.problems,
  ...(c.sealed ? { sealed: c.sealed } : {}),
});

function exportHuman(r: ExportResult, mode: 'piece' | 'volume' = 'volume'): string {
  return [
    ...r.volumes.map((v) =>
      mode === 'piece'
        ? `已生成：${v.file}（盒号 ${v.volumeNo}，${v.items} 件 ${v.itemPages} 页，连同归档文件目录、盒内备考表和盒脊共 ${v.pages} 页）`
        : `已生成：${v.file}（第 ${v.volumeNo} 卷，${v.items} 件，卷内文件 ${v.itemPages} 页，全卷 ${v.pages} 页）`,
    ),
    `SHA-256：${r.sha256}${r.matchesSeal === true ? '（与封卷时一致）' : r.matchesSeal === false ? '（与封卷时不一致！）' : ''}`,
    ...(r.source === 'stored' ? ['已导出封卷时保存的 PDF（逐字节相同，已校验）。'] : []),
    ...(r.notice ? [r.notice] : []),
    r.check.problems.length
      ? `组卷检查发现 ${r.check.problems.length} 个问题（已照常装订，并写入备考表）：`
      : '组卷检查未发现问题。',
    ...r.check.problems.map((p) => `${p.severity === 'error' ? '【缺漏】' : '【提示】'}${p.message}`),
  ].join('\n');
}

/** 按件归档: the mode and each 件's 档号 (in the JSON of the export commands). */
function pieceJson(v: ReturnType<typeof getVolume>) {
  return {
    archiveMode: v.archiveMode,
    ...(v.archiveMode === 'piece'
      ? { pieces: v.items.map((i) => ({ kind: i.kind, recordId: i.recordId, archivalNo: i.pieceArchivalNo ?? null })) }
      : {}),
  };
}

function pieceHuman(v: ReturnType<typeof getVolume>): string {
  const nos = v.items
    .map((i) => i.pieceArchivalNo)
    .filter((n): n is string => !!n)
    .sort();
  return nos.length ? `档号 ${nos[0]}${nos.length > 1 ? ` 至 ${nos[nos.length - 1]}` : ''}（${nos.length} 件）\n` : '';
}

function pdfOut(values: Values): string {
  const out = need(values, 'out', '输出文件');
  return path.resolve(out.toLowerCase().endsWith('.pdf') ? out : `${out}.pdf`);
}

/** --format pdf|ofd (default pdf). */
function volumeFormat(values: Values): VolumeFormat {
  const f = (str(values, 'format') ?? 'pdf').toLowerCase();
  if (f !== 'pdf' && f !== 'ofd') throw validation('导出格式只能是 pdf 或 ofd');
  return f;
}

/** The output file for the format: “.ofd” for OFD (a “.pdf” given by habit is replaced). */
function volumeOut(values: Values, format: VolumeFormat): string {
  if (format === 'pdf') return pdfOut(values);
  const out = need(values, 'out', '输出文件').replace(/\.pdf$/i, '');
  return path.resolve(out.toLowerCase().endsWith('.ofd') ? out : `${out}.ofd`);
}

export const commands: Record<string, Command> = {
  ...packageCommands,
  async init(ctx, _a, io) {
    io.out(`数据目录已就绪：${ctx.dataDir}\n数据库：${dataPaths(ctx.dataDir).dbFile}`);
  },

  async 'units add'(ctx, { values, rest }, io) {
    const name = rest[0];
    if (!name) throw new UsageError('缺少单位名称');
    const kind = str(values, 'kind');
    if (kind && !UNIT_KINDS.includes(kind as UnitKind)) {
      throw validation(`单位类别“${kind}”不对，应为：${UNIT_KINDS.join('、')}`);
    }
    const u = createUnit(ctx, { name, kind: kind as UnitKind | undefined, aliases: list(values, 'alias') });
    print(io, !!values.json, u, () => `已添加单位：${u.name}（${u.kind}，编号 ${u.id}）`);
  },

  async 'units list'(ctx, { values }, io) {
    const rows = listUnits(ctx);
    print(
      io,
      !!values.json,
      rows,
      () =>
        rows
          .map(
            (u) =>
              `${u.id}\t${u.kind}\t${u.name}${u.active ? '' : '（已停用）'}${u.aliases.length ? `\t别名：${u.aliases.join('、')}` : ''}`,
          )
          .join('\n') || '（单位名录为空）',
    );
  },

  async 'units merge'(ctx, { values, rest }, io) {
    const name = rest[0];
    if (!name) throw new UsageError('缺少要合并的单位名称');
    const from = requireUnitByName(ctx, name);
    const into = requireUnitByName(ctx, need(values, 'into', '合并到的单位'));
    const r = mergeUnits(ctx, from.id, into.id);
    print(io, !!values.json, r, () => {
      const m = r.moved;
      return `已把“${from.name}”合并到“${r.unit.name}”：明白书 ${m.pledges} 处、报送 ${m.returns} 件、隐患 ${m.hazards} 处、通知要求 ${m.requirements} 项、导入批次 ${m.imports} 个、下属单位 ${m.children} 个；“${from.name}”已作为别名保留`;
    });
  },

  async 'units disable'(ctx, { values, rest }, io) {
    const name = rest[0];
    if (!name) throw new UsageError('缺少单位名称');
    const u = setUnitActive(ctx, requireUnitByName(ctx, name).id, false);
    print(io, !!values.json, u, () => `已停用单位：${u.name}（不再出现在选择列表和报送情况中，原有记录保留）`);
  },

  async 'units enable'(ctx, { values, rest }, io) {
    const name = rest[0];
    if (!name) throw new UsageError('缺少单位名称');
    const u = setUnitActive(ctx, requireUnitByName(ctx, name).id, true);
    print(io, !!values.json, u, () => `已启用单位：${u.name}`);
  },

  async 'notices add'(ctx, { values }, io) {
    const n = createNotice(ctx, {
      docNo: need(values, 'no', '文号'),
      title: need(values, 'title', '标题'),
      issuedOn: str(values, 'date') ?? null,
      deadline: str(values, 'deadline') ?? null,
    });
    print(io, !!values.json, n, () => `已登记通知：${n.docNo} ${n.title}（编号 ${n.id}）`);
  },

  async 'notices list'(ctx, { values }, io) {
    const rows = listNotices(ctx);
    print(
      io,
      !!values.json,
      rows,
      () => rows.map((n) => `${n.id}\t${n.docNo}\t${n.title}`).join('\n') || '（没有通知）',
    );
  },

  async 'notices require'(ctx, { values }, io) {
    const id = noticeId(ctx, need(values, 'no', '文号'))!;
    const unit = requireUnitByName(ctx, need(values, 'unit', '单位'));
    const count = Number(need(values, 'count', '应签份数'));
    if (!Number.isInteger(count) || count < 0) throw validation('应签份数必须是不小于 0 的整数');
    const current = listRequirements(ctx, id, 'pledge').filter((r) => r.unitId !== unit.id);
    const items = [
      ...current.map((r) => ({ unitId: r.unitId, expectedCount: r.expectedCount, deadline: r.deadline })),
      { unitId: unit.id, expectedCount: count },
    ];
    const rows = setRequirements(ctx, id, 'pledge', items);
    print(io, !!values.json, rows, () => `已设置：${unit.name} 应签明白书 ${count} 份`);
  },

  async 'pledges add'(ctx, { values }, io) {
    const levelText = need(values, 'level', '谈话层级 1-4');
    const level = Number(levelText);
    if (!Number.isInteger(level) || level < 1 || level > 4)
      throw validation(`谈话层级必须是 1 到 4，收到的是“${levelText}”`);
    const talkeeUnit = requireUnitByName(ctx, need(values, 'talkee-unit', '谈话对象单位'));
    const reporting = str(values, 'reporting-unit');
    const reportingUnitId = reporting ? requireUnitByName(ctx, reporting).id : null;
    const nId = noticeId(ctx, str(values, 'notice'));
    const talkDate = need(values, 'date', '谈话日期');
    const unsigned = !!values.unsigned;
    const signedDate = str(values, 'signed-date') ?? (unsigned ? null : talkDate);
    // Every scan is checked before anything is written; the scans and the record go in one transaction.
    const scans: PreparedScan[] = [];
    for (const f of list(values, 'scan')) scans.push(await prepareScan(f));
    const p = ctx.db.transaction(() => {
      const attachmentIds = scans.map((s) => commitScan(ctx, s).id);
      return createPledge(ctx, {
        noticeId: nId ?? null,
        level,
        talkerName: need(values, 'talker', '谈话人'),
        talkerTitle: need(values, 'talker-title', '谈话人职务'),
        talkeeName: need(values, 'talkee', '谈话对象'),
        talkeeUnitId: talkeeUnit.id,
        talkeeTitle: need(values, 'talkee-title', '谈话对象职务'),
        reportingUnitId,
        talkDate,
        signed: !unsigned,
        signedDate,
        custody: str(values, 'custody') ?? null,
        notes: str(values, 'notes') ?? null,
        attachmentIds,
        confirmDuplicate: !!values['confirm-duplicate'],
      });
    });
    print(
      io,
      !!values.json,
      p,
      () =>
        `已登记明白书（编号 ${p.id}）：${levelLabel(p.level)} ${p.talkerName} → ${p.talkeeName}（${p.talkeeUnitName}）`,
    );
  },

  async 'pledges list'(ctx, { values }, io) {
    const unit = str(values, 'unit');
    const query = {
      noticeId: noticeId(ctx, str(values, 'notice')),
      unitId: unit ? requireUnitByName(ctx, unit).id : undefined,
      search: str(values, 'search'),
      sortField: 'createdAt' as const,
      sortOrder: 'asc' as const,
      pageSize: 500,
    };
    const all: PledgeView[] = [];
    for (let page = 1; ; page++) {
      const { rows, total } = listPledges(ctx, { ...query, page });
      all.push(...rows);
      if (all.length >= total || rows.length === 0) break;
    }
    print(
      io,
      !!values.json,
      all,
      () =>
        all
          .map(
            (p) =>
              `${p.id}\t${levelLabel(p.level)}\t${p.talkerName}→${p.talkeeName}\t${p.talkeeUnitName}\t${p.status}\t${p.talkDate ?? ''}`,
          )
          .join('\n') || '（没有明白书）',
    );
  },

  async coverage(ctx, { values }, io) {
    const c = pledgeCoverage(ctx, noticeId(ctx, need(values, 'notice', '文号'))!);
    print(io, !!values.json, c, () =>
      [
        `${c.docNo} ${c.title}`,
        ...c.rows.map((r) => `${r.unitName}\t应签 ${r.expected}\t已签 ${r.signed}\t缺 ${r.missing}`),
        `合计：应签 ${c.totals.expected}，已签 ${c.totals.signed}，缺 ${c.totals.missing}`,
      ].join('\n'),
    );
  },

  async stats(ctx, { values }, io) {
    const f = hazardFilter(ctx, values);
    const s = hazardStats(ctx, { ...f, foundFrom: undefined, foundTo: undefined, from: f.foundFrom, to: f.foundTo });
    const { byTownship, byIndustry, byCategory, byMonth, key: _k, ...totals } = s.hazards;
    const out = {
      period: s.period,
      hazards: {
        ...totals,
        byTownship: byKey(byTownship),
        byIndustry: byKey(byIndustry),
        byCategory: byKey(byCategory),
        byMonth: byKey(byMonth),
      },
      paragraph: statsParagraph(s),
    };
    print(io, !!values.json, out, () =>
      [
        statsParagraph(s),
        '',
        '乡镇（街道）\t隐患\t重大\t已整改\t整改率\t逾期',
        ...byTownship.map((r) => `${r.key}\t${r.total}\t${r.major}\t${r.rectified}\t${r.rate}%\t${r.overdue}`),
      ].join('\n'),
    );
  },

  async 'hazards list'(ctx, { values }, io) {
    const f = hazardFilter(ctx, values);
    const all: HazardListRow[] = [];
    for (let offset = 0; ; offset += 1000) {
      const { rows, total } = listHazards(ctx, { ...f, sortField: 'id', sortOrder: 'asc', offset, limit: 1000 });
      all.push(...rows);
      if (all.length >= total || rows.length === 0) break;
    }
    print(
      io,
      !!values.json,
      all,
      () =>
        all
          .map(
            (h) =>
              `${h.id}\t${h.townshipName ?? ''}\t${h.enterpriseName}\t${h.level}\t${h.status}${h.overdue ? '（逾期）' : ''}\t${h.description}`,
          )
          .join('\n') || '（没有隐患）',
    );
  },

  async 'hazards status'(ctx, { values, rest }, io) {
    if (!rest.length)
      throw new UsageError(
        '缺少隐患编号，例如：hazards status 12 15 --to 整改中（编号见 hazards list 第一列，或隐患自己的编号）',
      );
    const to = need(values, 'to', '目标状态');
    if (!STATUSES.includes(to)) throw validation(`整改状态“${to}”不对，应为：${STATUSES.join('、')}`);
    const date = str(values, 'date');
    if (date && !isIsoDate(date)) throw validation(`日期“${date}”不是有效日期（格式 YYYY-MM-DD）`);
    const ids = rest.map((ref) => hazardIdOf(ctx, ref));
    // The same rules as the form and the batch action: all or nothing, refused with what is missing.
    const r = changeHazardStatus(ctx, {
      ids,
      to: to as HazardStatus,
      date: date ?? null,
      acceptedBy: str(values, 'accepted-by') ?? null,
      note: str(values, 'note') ?? null,
    });
    print(
      io,
      !!values.json,
      { ...r, to },
      () => `已改为“${to}”：${r.changed} 条${r.unchanged ? `；${r.unchanged} 条原已是“${to}”，未改动` : ''}`,
    );
  },

  async 'hazards report'(ctx, { values, rest }, io) {
    if (rest.length !== 1) throw new UsageError('请指定一条隐患，例如：hazards report 12 --scan 整改验收报告.pdf');
    const files = list(values, 'scan');
    if (!files.length) throw new UsageError('缺少 --scan 整改报告或验收材料文件（PDF、JPEG、PNG）');
    const id = hazardIdOf(ctx, rest[0]!);
    // Every file is checked before anything is written; the files and the record go in one transaction.
    const scans: PreparedScan[] = [];
    for (const f of files) scans.push(await prepareScan(f));
    const h = ctx.db.transaction(() => {
      const before = getHazard(ctx, id);
      const added = scans.map((s) => ({ attachmentId: commitScan(ctx, s).id, role: 'report' as const }));
      return updateHazard(ctx, id, {
        attachments: [...before.attachments.map((a) => ({ attachmentId: a.id, role: a.role })), ...added],
      });
    });
    print(
      io,
      !!values.json,
      { id: h.id, attachments: h.attachments },
      () => `已为隐患 ${h.hazardNo ?? h.id} 添加整改报告 ${scans.length} 份：${scans.map((s) => s.name).join('、')}`,
    );
  },

  async 'reports list'(ctx, { values }, io) {
    const unit = str(values, 'unit');
    const rows = listReturns(ctx, {
      noticeId: noticeId(ctx, str(values, 'notice')),
      unitId: unit ? requireUnitByName(ctx, unit).id : undefined,
    });
    print(
      io,
      !!values.json,
      rows,
      () =>
        rows
          .map(
            (r) =>
              `${r.id}\t${r.docNo}\t${r.unitName}\t${r.kindLabel}${r.period ? `（${r.period}）` : ''}\t${r.receivedDate}\t${r.status}${r.overLimit ? '\t超字数' : ''}`,
          )
          .join('\n') || '（没有报送记录）',
    );
  },

  async backup(ctx, { values, rest }, io) {
    const dir = rest[0];
    if (!dir) throw new UsageError('缺少备份文件夹，例如：backup E:\\安委台账备份');
    const r = await createBackup(ctx, path.resolve(dir));
    print(
      io,
      !!values.json,
      { file: r.file, bytes: r.bytes, ms: r.ms, counts: r.manifest.counts, problems: r.manifest.problems },
      () =>
        [
          `已备份到：${r.file}（${(r.bytes / 1048576).toFixed(1)} MB，用时 ${(r.ms / 1000).toFixed(1)} 秒）`,
          ...r.manifest.problems.map((p) => `注意：${p}`),
        ].join('\n'),
    );
  },

  async import(ctx, { values, rest }, io) {
    const file = rest[0];
    if (!file) throw new UsageError('缺少要导入的文件，例如：import 神垕镇隐患台账.xlsx');
    const unit = str(values, 'unit');
    const period = str(values, 'period');
    if (period && !str(values, 'notice'))
      throw new UsageError(
        '--period 须与 --notice 一起使用：期次是所属通知的报送期次，例如 --notice 禹安办〔2024〕6号 --period 2024-03',
      );
    let shown = 0;
    const run = io.progress
      ? trackImport(
          {
            report(done, total, message) {
              if (Date.now() - shown < 200) return;
              shown = Date.now();
              io.progress!(`${Math.round((done / total) * 100)}% ${message}`);
            },
            finish: () => io.progress!(null),
          },
          values['dry-run'] ? 'preview' : 'commit',
        )
      : undefined;
    let r;
    try {
      r = await commitImport(
        ctx,
        path.resolve(file),
        {
          unitId: unit ? requireUnitByName(ctx, unit).id : undefined,
          noticeId: noticeId(ctx, str(values, 'notice')),
          period,
          sheet: str(values, 'sheet'),
          dryRun: !!values['dry-run'],
          skipErrors: !!values['skip-errors'],
        },
        run,
      );
    } finally {
      run?.finish();
    }
    const json = {
      file: r.file,
      kind: r.kind,
      sheet: r.sheet,
      unit: r.unit?.name ?? null,
      rows: r.rows,
      new: r.new,
      changed: r.changed,
      unchanged: r.unchanged,
      disappeared: r.disappeared,
      major: r.summary.major,
      done: r.summary.done,
      signed: r.summary.signed,
      overLimitRows: r.summary.overLimitRows,
      errors: r.errors,
      warnings: r.warnings,
      changes: r.changes,
      duplicateOf: r.duplicateOf,
      filePeriod: r.filePeriod.period,
      credit: r.credit ? { notice: r.credit.docNo, period: r.credit.period } : null,
      creditText: r.creditText,
      committed: r.committed,
      batch: r.batch,
      message: r.message,
    };
    print(io, !!values.json, json, () =>
      [
        `${r.file}（${r.sheet}）：数据 ${r.rows} 行；新增 ${r.new}，变更 ${r.changed}，未变 ${r.unchanged}${r.disappeared ? `，本次未出现 ${r.disappeared}` : ''}`,
        `报送登记：${r.creditText}`,
        ...r.errors.slice(0, 50).map((e) => `【错误】${e.message}`),
        ...r.warnings.slice(0, 50).map((w) => `【提示】${w.message}`),
        r.message,
      ].join('\n'),
    );
    // Refused (errors without --skip-errors, or nothing left to import even with it): exit 1, nothing was written.
    if (r.refused) throw new SilentExit(1);
  },

  async 'imports list'(ctx, { values }, io) {
    const rows = listBatches(ctx);
    print(
      io,
      !!values.json,
      rows,
      () =>
        rows
          .map(
            (b) =>
              `${b.id}\t${b.createdAt.slice(0, 16)}\t${b.fileName}\t新增 ${b.counts.new ?? 0} 变更 ${b.counts.changed ?? 0}\t${b.status === 'undone' ? '已撤销' : ''}`,
          )
          .join('\n') || '（没有导入记录）',
    );
  },

  async 'imports undo'(ctx, { values, rest }, io) {
    const id = Number(rest[0]);
    if (!Number.isInteger(id) || id < 1) throw new UsageError('缺少批次编号，例如：imports undo 3');
    const r = undoImport(ctx, id);
    print(io, !!values.json, r, () => `已撤销导入批次 ${r.batch}（还原 ${r.reverted} 项修改）`);
  },

  async demo(ctx, { values }, io) {
    const r = fillDemo(ctx);
    print(
      io,
      !!values.json,
      r,
      () =>
        `已填入演示数据：单位 ${r.units} 个，通知 ${r.notices} 件，明白书 ${r.pledges} 份，报送 ${r.returns} 份，隐患 ${r.hazards} 条`,
    );
  },

  async 'export-volume'(ctx, { values }, io) {
    const format = volumeFormat(values);
    const out = volumeOut(values, format);
    if (format === 'ofd' && (values.seal || values.pdfa))
      throw validation('封卷和 PDF/A 只用于 PDF：--format ofd 不能与 --seal 或 --pdfa 同时使用（封卷后可再导出 OFD）');
    const pageLimit = str(values, 'page-limit');
    if (pageLimit && !/^\d+$/.test(pageLimit)) throw validation('每卷页数上限必须是整数');
    const order = str(values, 'order');
    if (order && !['date', 'unit', 'level'].includes(order))
      throw validation('排列顺序只能是 date（日期）、unit（单位）或 level（层级）');
    const retention = str(values, 'retention');
    if (retention && !['Y', 'D30', 'D10'].includes(retention))
      throw validation('保管期限只能是 Y（永久）、D30（定期30年）或 D10（定期10年）');
    const spine = str(values, 'spine');
    if (spine && !SPINE_WIDTHS.map(String).includes(spine))
      throw validation('盒脊厚度（--spine）只能是 20、30、40 或 50');
    const selection = volumeSelection(ctx, values);
    // One transaction around the draft and its export: a failed export (disk full, cancelled) leaves no draft.
    const { v, r } = await inTransaction(ctx, async () => {
      const made = createVolume(ctx, {
        selection,
        ...(values['new-volume'] ? { newVolume: true } : {}),
        ...people(values),
        ...(str(values, 'title') ? { title: str(values, 'title') } : {}),
        ...(order ? { orderBy: order as 'date' | 'unit' | 'level' } : {}),
        ...(pageLimit ? { pageLimit: Number(pageLimit) } : {}),
        ...(retention ? { retention: retention as 'Y' | 'D30' | 'D10' } : {}),
        ...(values.pdfa ? { pdfa: true } : {}),
        ...(values['single-sided'] ? { duplex: false } : {}),
        ...(spine ? { spineWidth: Number(spine) } : {}),
      });
      // a re-opened draft takes the 立卷人/检查人/全宗号 given now
      const v =
        made.reopened && made.status === 'draft' && Object.keys(people(values)).length
          ? { ...updateVolume(ctx, made.id, people(values)), reopened: true }
          : made;
      const r =
        format === 'ofd'
          ? await exportVolumeOfd(ctx, v.id, out)
          : await exportVolume(ctx, v.id, out, {
              seal: !!values.seal,
              confirmWarnings: !!values['confirm-warnings'],
            });
      return { v, r };
    });
    const after = getVolume(ctx, v.id);
    const reopened = v.reopened
      ? after.archiveMode === 'piece'
        ? `所选材料已在档案盒编号 ${v.id}（盒号 ${v.volumeNo}${v.status === 'sealed' ? '，已装盒' : ''}）中，未另编盒号，已重新导出该档案盒；确需另组新盒时请加 --new-volume。`
        : `所选材料已在案卷编号 ${v.id}（档号 ${v.archivalNo}${v.status === 'sealed' ? '，已封卷' : ''}）中，未另编卷号，已重新导出该案卷；确需另组新卷时请加 --new-volume。`
      : null;
    const warned = v.alreadyArchived?.length
      ? `注意：以下 ${v.alreadyArchived.length} 件已在其他案卷中，按 --new-volume 另组了新卷：${describeArchived(v.alreadyArchived, 50)}`
      : null;
    print(
      io,
      !!values.json,
      {
        ...exportJson(r),
        ...pieceJson(after),
        archivalNo: v.archivalNo,
        year: v.year,
        reopened: !!v.reopened,
        alreadyArchived: v.alreadyArchived ?? [],
      },
      () =>
        [
          reopened,
          warned,
          after.archiveMode === 'piece'
            ? `档案盒编号 ${v.id}：${v.title}（按件归档，盒号 ${v.volumeNo}）\n${pieceHuman(after)}${exportHuman(r, 'piece')}`
            : `案卷编号 ${v.id}：${v.title}（档号 ${v.archivalNo}）\n${exportHuman(r)}`,
        ]
          .filter(Boolean)
          .join('\n'),
    );
  },

  async 'volumes list'(ctx, { values }, io) {
    const rows = listVolumes(ctx);
    print(
      io,
      !!values.json,
      rows,
      () =>
        rows
          .map(
            (v) =>
              `${v.id}\t${v.archivalNo}\t${v.status === 'sealed' ? `已封卷 ${v.sealedAt?.slice(0, 10)}${v.outOfDate ? '（已过期）' : ''}` : '草稿'}\t${v.items} 件\t${v.title}`,
          )
          .join('\n') || '（没有案卷）',
    );
  },

  async 'volumes check'(ctx, { values, rest }, io) {
    const c = await checkVolume(ctx, volumeId(rest));
    const head = c.sealed
      ? c.sealed.intact
        ? ['已封卷：封卷时的 PDF 和装订的全部文件、记录均未改动。']
        : ['已封卷：封卷后有以下改动（请从备份恢复，或办理补充卷/新版）：']
      : [];
    print(io, !!values.json, checkJson(c), () =>
      [
        ...head,
        ...(c.problems.length
          ? c.problems.map((p) => `${p.severity === 'error' ? '【缺漏】' : '【提示】'}${p.message}`)
          : c.sealed
            ? []
            : ['组卷检查未发现问题。']),
      ].join('\n'),
    );
    if (c.sealed && !c.sealed.intact) throw new SilentExit(1);
  },

  async 'volumes export'(ctx, { values, rest }, io) {
    const id = volumeId(rest);
    const format = volumeFormat(values);
    const r =
      format === 'ofd'
        ? await exportVolumeOfd(ctx, id, volumeOut(values, format))
        : await exportVolume(ctx, id, pdfOut(values));
    const v = getVolume(ctx, id);
    print(io, !!values.json, { ...exportJson(r), ...pieceJson(v) }, () => exportHuman(r, v.archiveMode));
    if (r.matchesSeal === false) throw new SilentExit(1);
  },

  async 'volumes seal'(ctx, { values, rest }, io) {
    const id = volumeId(rest);
    if (getVolume(ctx, id).status === 'draft' && Object.keys(people(values)).length)
      updateVolume(ctx, id, people(values));
    const v = getVolume(ctx, id);
    const out = str(values, 'out')
      ? pdfOut(values)
      : path.join(ctx.dataDir, '案卷', safeFileName(`${volumeArchivalNo(v, v.volumeNo)}.pdf`));
    const r = await sealVolume(ctx, id, out, { confirmWarnings: !!values['confirm-warnings'] });
    const w = MODE_WORDS[v.archiveMode];
    print(
      io,
      !!values.json,
      { ...exportJson(r), ...pieceJson(getVolume(ctx, id)) },
      () =>
        `${v.status === 'sealed' ? `已重新导出已${w.finalise}的${w.container}` : `已${w.finalise}`}：${v.title}\n${exportHuman(r, v.archiveMode)}`,
    );
    if (r.matchesSeal === false) throw new SilentExit(1);
  },

  async 'volumes spine'(ctx, { values, rest }, io) {
    const id = volumeId(rest);
    const r = await exportSpine(ctx, id, pdfOut(values));
    print(io, !!values.json, r, () => `已生成卷脊：${r.file}（${r.strips} 条，A4 打印后沿边框裁下）`);
  },

  async settings(ctx, { values }, io) {
    const mode = str(values, 'mode');
    if (mode !== undefined && mode !== 'piece' && mode !== 'volume')
      throw validation('归档方式（--mode）只能是 piece（按件归档）或 volume（组卷）');
    const patch = {
      ...(mode ? { archiveMode: mode as 'piece' | 'volume' } : {}),
      ...(str(values, 'org-code') !== undefined ? { orgCode: str(values, 'org-code') } : {}),
      ...(str(values, 'fonds-code') !== undefined ? { fondsCode: str(values, 'fonds-code') } : {}),
    };
    const s = Object.keys(patch).length ? updateSettings(ctx, patch) : getSettings(ctx);
    const out = { archiveMode: s.archiveMode, orgCode: s.orgCode, fondsCode: s.fondsCode, fondsName: s.fondsName };
    const w = MODE_WORDS[s.archiveMode];
    print(io, !!values.json, out, () =>
      [
        `归档方式：${w.name}（${w.standard}）`,
        `全宗号：${s.fondsCode || '（未设置）'}`,
        `机构（问题）代码：${s.orgCode || '（未设置）'}`,
        `全宗名称：${s.fondsName}`,
      ].join('\n'),
    );
  },

  async 'export-ledger'(ctx, { values }, io) {
    const out = need(values, 'out', '输出文件');
    const file = await writeWorkbook(out, hazardLedgerBytes(ctx, hazardFilter(ctx, values)));
    print(io, !!values.json, { file }, () => `已导出隐患台账：${file}`);
  },

  async 'board export'(ctx, { values }, io) {
    const filter = { noticeId: noticeId(ctx, str(values, 'notice')), onlyLate: values['only-late'] ? true : undefined };
    const x = { list: 'board' as const, filter };
    const bytes = listExportBytes(ctx, x); // refusals (unknown notice) before anything is written
    const file = await writeWorkbook(str(values, 'out') ?? listExportName(ctx, x), bytes);
    print(io, !!values.json, { file, title: filterTitle(ctx, x) }, () => `已导出材料报送情况跟踪表：${file}`);
  },

  async 'reminders export'(ctx, { values }, io) {
    const out = str(values, 'out');
    const fmt = str(values, 'format') ?? (out && /\.xlsx$/i.test(out) ? 'xlsx' : 'pdf');
    if (fmt !== 'pdf' && fmt !== 'xlsx')
      throw new UsageError(`--format 只能是 pdf（催报通知）或 xlsx（催报清单），收到的是“${fmt}”`);
    const q = { noticeId: noticeId(ctx, str(values, 'notice')), onlyLate: values['only-late'] ? true : undefined };
    const items = chaseList(ctx, q);
    const bytes = await (fmt === 'pdf' ? chasePdfBytes(ctx, q) : chaseWorkbookBytes(ctx, q)); // refused when empty
    const target = path.resolve(
      out
        ? out.toLowerCase().endsWith(`.${fmt}`)
          ? out
          : `${out}.${fmt}`
        : `${fmt === 'pdf' ? '催报通知' : '催报清单'}_${todayIso(ctx.now())}.${fmt}`,
    );
    writeFileAtomic(target, bytes);
    print(
      io,
      !!values.json,
      { file: target, format: fmt, items: items.length, units: new Set(items.map((i) => i.unitName)).size },
      () => `已生成${fmt === 'pdf' ? '催报通知' : '催报清单'}（${items.length} 项）：${target}`,
    );
  },

  async 'print-pledge'(ctx, { values, rest }, io) {
    const id = Number(rest[0]);
    if (!Number.isInteger(id) || id < 1) throw new UsageError('缺少明白书编号，例如：print-pledge 12 --out 明白书.pdf');
    const file = await printPledgeToFile(ctx, id, need(values, 'out', '输出文件'));
    const warnings = pledgeFormProblems(ctx, id);
    for (const w of warnings) io.err(`【提示】${w}`);
    print(io, !!values.json, { file, warnings }, () => `已生成：${file}`);
  },
};

type RawCommand = (dataDir: string, args: { values: Values; rest: string[] }, io: CliIO) => Promise<void>;

/** Runs `fn` with the data directory opened the normal way (migrated), then closes it. */
async function withContext<T>(dataDir: string, fn: (ctx: AppContext) => T | Promise<T>): Promise<T> {
  const ctx = openContext(dataDir, { actor: '命令行', cli: true });
  try {
    return await fn(ctx);
  } finally {
    ctx.opened.close();
  }
}

const RECOVERY_HINT =
  '命令行：restore 备份文件.tar 从备份恢复，或 recover 抢救仍可读取的记录（backups list 列出可用的备份）';

/**
 * Commands that must work when the database will not open (damaged, not a database, another program's): they get
 * the data directory, diagnose it first, and open it the normal way only when it is sound.
 */
export const rawCommands: Record<string, RawCommand> = {
  async check(dataDir, { values }, io) {
    if (fs.existsSync(dataDir)) applyPendingRestore(dataDir); // as opening does: finish a restore staged before
    const d = diagnose(dataDir, { full: true });
    if (!d.ok) {
      // Leftovers can go even now; orphaned attachments cannot be told without the database.
      const repaired = values.repair ? removeLeftovers(findLeftovers(dataDir)) : null;
      print(io, !!values.json, { ok: false, diagnosis: d, repaired }, () =>
        [
          `【错误】${d.title}：${d.explanation}`,
          `处理办法：${d.action}。${d.kind === 'damaged' || d.kind === 'not-database' ? RECOVERY_HINT : ''}`,
          ...d.details.slice(0, 5).map((x) => `  SQLite：${x}`),
        ].join('\n'),
      );
      throw new SilentExit(1);
    }
    const r = await withContext(dataDir, (ctx) => {
      const repaired = values.repair ? (rebuildHazardIndex(ctx), cleanLeftovers(ctx)) : null;
      return { ...checkData(ctx), repaired };
    });
    print(io, !!values.json, r, () =>
      r.problems.length
        ? [
            `数据检查发现 ${r.problems.length} 个问题：`,
            ...r.problems.map(
              (p) => `${p.severity === 'error' ? '【错误】' : '【提示】'}${p.message}。处理办法：${p.action}`,
            ),
          ].join('\n')
        : `数据检查通过：数据库完好，${r.stats.attachments} 个附件齐全且校验一致。`,
    );
    if (!r.ok) throw new SilentExit(1);
  },

  async restore(dataDir, { values, rest }, io) {
    const file = rest[0];
    if (!file) throw new UsageError('缺少备份文件，例如：restore 安委台账备份_20240601-100000.tar');
    const r = await restoreOffline(dataDir, path.resolve(file));
    // Opening migrates a backup of an older version.
    const counts = await withContext(dataDir, (ctx) => countsOf(ctx.sqlite));
    print(io, !!values.json, { ...r, counts }, () =>
      [
        `已从备份恢复（备份时间 ${r.createdAt}）。`,
        r.safetyBackup ? `恢复前的数据已另存为：${r.safetyBackup}` : '',
        r.replaced ? `被替换的数据库文件保存在：${r.replaced}` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    );
  },

  async recover(dataDir, { values }, io) {
    const r = await salvage(dataDir);
    print(io, !!values.json, r, () =>
      [
        `已修复：仍可读取的记录已复制到新的数据库（用时 ${(r.ms / 1000).toFixed(1)} 秒）。`,
        `损坏的数据库文件保存在：${r.keptAs}`,
        ...(r.losses.length ? ['丢失的记录：', ...r.losses.map((l) => `  ${l}`)] : ['没有发现丢失的记录。']),
        r.check.ok ? '数据检查通过。' : '数据检查发现问题：',
        ...r.check.problems.map(
          (p) => `${p.severity === 'error' ? '【错误】' : '【提示】'}${p.message}。处理办法：${p.action}`,
        ),
      ].join('\n'),
    );
    if (!r.check.ok) throw new SilentExit(1);
  },

  /**
   * 四性检测 of a package folder. Needs no database: when the data directory opens and recorded the package, the
   * digests recorded at export are compared too. Writes 检测/检测报告.xml and .pdf into the package when it can.
   */
  async 'check-package'(dataDir, { values, rest }, io) {
    const dir = rest[0];
    if (!dir) throw new UsageError('缺少信息包文件夹，例如：check-package D:\\归档信息包_A012_2024_按件_20261202');
    let expected: ReturnType<typeof recordedDigests> = null;
    let ctx: ReturnType<typeof openContext> | null = null;
    try {
      if (fs.existsSync(dataPaths(dataDir).dbFile)) {
        ctx = openContext(dataDir, { actor: '命令行', cli: true });
        expected = recordedDigests(ctx, dir);
      }
    } catch {
      ctx = null; // a database that will not open does not stop the check of a folder
    }
    try {
      const report = await checkPackage(dir, {
        expected: expected ?? undefined,
        onProgress: io.progress ? (p) => io.progress!(`检测中 ${p.done}/${p.total}：${p.message}`) : undefined,
      });
      io.progress?.(null);
      if (ctx) storeCheckOutcome(ctx, report);
      let files: { xml: string; pdf: string } | null = null;
      let writeError: string | null = null;
      try {
        files = await writeCheckReport(report);
      } catch (e) {
        writeError = e instanceof Error ? e.message : String(e);
      }
      print(io, !!values.json, { ok: report.passed, report, reportFiles: files, reportError: writeError }, () =>
        [
          reportSummary(report),
          files ? `检测报告：${files.pdf}` : `检测报告未能写入信息包：${writeError}`,
          report.passed ? '' : '信息包未通过检测，请按以上说明处理后重新导出，不要移交。',
        ]
          .filter(Boolean)
          .join('\n'),
      );
      if (!report.passed) throw new SilentExit(1);
    } finally {
      ctx?.opened.close();
    }
  },

  async 'backups list'(dataDir, { values }, io) {
    const list = listBackups(dataDir);
    print(
      io,
      !!values.json,
      list,
      () => list.map((b) => `${describeBackup(b)}\t${b.file}`).join('\n') || '（没有找到备份）',
    );
  },
};

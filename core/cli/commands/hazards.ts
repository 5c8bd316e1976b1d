/**
 * CLI: the 隐患台账 (hazards list, status, report) and the statistics drawn from it (stats).
 */
import type { AppContext } from '../../platform/context';
import { notFound, validation } from '../../platform/errors';
import { commitScan, prepareScan, type PreparedScan } from '../../attachments/service';
import { isIsoDate } from '../../domain/dates';
import type { HazardStatus } from '../../domain/hazard';
import { changeHazardStatus } from '../../hazards/closure';
import { updateHazard } from '../../hazards/editing';
import { allHazards, getHazard } from '../../hazards/service';
import { hazardStats, statsParagraph, type StatsRow } from '../../stats/service';
import { UsageError } from '../usage';
import { inTransaction } from '../transaction';
import { STATUSES, hazardFilter, list, need, print, str, type Command } from '../args';

function byKey(rows: StatsRow[]) {
  return Object.fromEntries(rows.map(({ key, ...rest }) => [key, rest]));
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

export const hazardCommands: Record<string, Command> = {
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
    const all = allHazards(ctx, { ...f, sortField: 'id', sortOrder: 'asc' });
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
    const h = await inTransaction(ctx, async () => {
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
};

/**
 * CLI: notices (notices add, list) and the pledges each unit owes a notice (notices require).
 */
import { validation } from '../../platform/errors';
import { createNotice, listNotices, listRequirements, setRequirements } from '../../notices/service';
import { requireUnitByName } from '../../units/service';
import { need, noticeId, print, str, type Command } from '../args';

export const noticeCommands: Record<string, Command> = {
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
};

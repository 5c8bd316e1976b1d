/**
 * CLI: the 单位名录 (units add, list, merge, disable, enable).
 */
import { validation } from '../../platform/errors';
import { createUnit, listUnits, mergeUnits, requireUnitByName, setUnitActive } from '../../units/service';
import { UNIT_KINDS, type UnitKind } from '../../../db/schema';
import { UsageError } from '../usage';
import { list, need, print, str, type Command } from '../args';

export const unitCommands: Record<string, Command> = {
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
};

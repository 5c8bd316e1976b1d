import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUnit, findUnitByName, listUnits, updateUnit } from '../../core/units/service';
import { listAudit } from '../../core/audit/service';
import { makeCtx, tableCounts, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
beforeEach(() => (ctx = makeCtx()));
afterEach(() => ctx.close());

describe('units directory', () => {
  it('adds a unit with aliases and finds it by any spelling', () => {
    const u = createUnit(ctx, {
      name: ' 方山镇 ',
      kind: '乡镇',
      aliases: ['禹州市方山镇人民政府', '方山镇安办', '方山镇'],
    });
    expect(u.name).toBe('方山镇');
    expect(u.aliases).toEqual(['禹州市方山镇人民政府', '方山镇安办']);
    expect(findUnitByName(ctx, '禹州市方山镇人民政府')?.id).toBe(u.id);
    expect(findUnitByName(ctx, '方山镇 安办')?.id).toBe(u.id);
    expect(findUnitByName(ctx, '火龙镇')).toBeNull();
    expect(listUnits(ctx, { search: '人民政府' }).map((x) => x.id)).toEqual([u.id]);
  });

  it('refuses a duplicate name or alias and writes nothing', () => {
    createUnit(ctx, { name: '方山镇', kind: '乡镇', aliases: ['方山镇政府'] });
    const before = tableCounts(ctx);
    expect(() => createUnit(ctx, { name: '方山镇' })).toThrow(/已是单位“方山镇”的名称/);
    expect(() => createUnit(ctx, { name: '方山', aliases: ['方山镇政府'] })).toThrow(/已是单位“方山镇”的别名/);
    expect(() => createUnit(ctx, { name: '方山镇政府' })).toThrow(/别名/);
    expect(tableCounts(ctx)).toEqual(before);
  });

  it('keeps the old name as an alias on rename, and audits it', () => {
    const u = createUnit(ctx, { name: '禹州市住建局', kind: '部门' });
    const r = updateUnit(ctx, u.id, { name: '住建局' });
    expect(r.name).toBe('住建局');
    expect(r.aliases).toContain('禹州市住建局');
    expect(findUnitByName(ctx, '禹州市住建局')?.id).toBe(u.id);
    const log = listAudit(ctx, { entity: 'unit', entityId: u.id }).rows;
    expect(log.map((l) => l.action)).toEqual(['update', 'create']);
    expect(log[0]!.summary).toContain('更名为“住建局”');
    expect(JSON.parse(log[0]!.before!).name).toBe('禹州市住建局');
  });

  it('lists townships before departments and enterprises', () => {
    createUnit(ctx, { name: '某化工企业', kind: '企业' });
    createUnit(ctx, { name: '应急管理局', kind: '部门' });
    createUnit(ctx, { name: '神垕镇', kind: '乡镇' });
    expect(listUnits(ctx).map((u) => u.name)).toEqual(['神垕镇', '应急管理局', '某化工企业']);
  });
});

describe('names keep their Chinese punctuation', () => {
  it('stores （，） as written and still matches other bracket forms', () => {
    const ctx2 = makeCtx();
    try {
      const u = createUnit(ctx2, { name: '禹州市人民防空办公室（市人防办）', kind: '部门' });
      expect(u.name).toBe('禹州市人民防空办公室（市人防办）');
      expect(findUnitByName(ctx2, '禹州市人民防空办公室(市人防办)')?.id).toBe(u.id);
      expect(findUnitByName(ctx2, '禹州市人民防空办公室【市人防办】')?.id).toBe(u.id);
    } finally {
      ctx2.close();
    }
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../core/audit/service';
import { createHazard, deleteHazard } from '../../core/hazards/editing';
import { listHazards } from '../../core/hazards/service';
import { createPledge, deletePledge } from '../../core/pledges/editing';
import { listPledges } from '../../core/pledges/service';
import { listTrash, purgeTrash, restoreFromTrash } from '../../core/trash/service';
import { createUnit } from '../../core/units/service';
import { makeCtx, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
let now = new Date('2024-06-01T02:00:00Z');
beforeEach(() => {
  now = new Date('2024-06-01T02:00:00Z');
  ctx = makeCtx();
  ctx.now = () => now;
});
afterEach(() => ctx.close());

describe('回收站', () => {
  it('keeps deleted records 30 days, restores them, then removes them for good', () => {
    const u = createUnit(ctx, { name: '神垕镇', kind: '乡镇' });
    const p = createPledge(ctx, {
      level: 1,
      talkerName: 'a',
      talkerTitle: 'b',
      talkeeName: 'c',
      talkeeUnitId: u.id,
      talkeeTitle: 'd',
      talkDate: '2024-01-01',
      signed: false,
    });
    const h = createHazard(ctx, {
      enterpriseName: '某厂',
      description: '液化石油气钢瓶未固定',
      townshipUnitId: u.id,
      foundDate: '2024-05-01',
    });
    deletePledge(ctx, p.id);
    deleteHazard(ctx, h.id);
    expect(listTrash(ctx).map((t) => [t.entity, t.id, t.purgeOn])).toEqual(
      [
        ['pledge', p.id, '2024-07-01'],
        ['hazard', h.id, '2024-07-01'],
      ]
        .sort((a, b) => String(a[0]).localeCompare(String(b[0])))
        .reverse(),
    );
    restoreFromTrash(ctx, 'hazard', h.id);
    expect(listHazards(ctx, { search: '石油气' }).total).toBe(1); // back in the search index too
    expect(listAudit(ctx, { entity: 'hazard', entityId: h.id }).rows[0]!.action).toBe('restore');
    expect(() => restoreFromTrash(ctx, 'hazard', h.id)).toThrow('回收站中没有');
    now = new Date('2024-06-20T02:00:00Z');
    expect(purgeTrash(ctx)).toBe(0);
    now = new Date('2024-07-05T02:00:00Z');
    expect(purgeTrash(ctx)).toBe(1);
    expect(listTrash(ctx)).toEqual([]);
    expect(listPledges(ctx).total).toBe(0);
    expect(ctx.sqlite.prepare('select count(*) n from pledges').get()).toEqual({ n: 0 });
  });
});

describe('records in a sealed volume', () => {
  it('cannot be deleted', () => {
    const u = createUnit(ctx, { name: '方山镇', kind: '乡镇' });
    const h = createHazard(ctx, {
      enterpriseName: '某厂',
      description: '配电箱未接地',
      townshipUnitId: u.id,
      foundDate: '2024-05-01',
    });
    const v = ctx.sqlite
      .prepare(
        "insert into volumes (status, title, fonds_name, year, volume_no) values ('sealed', '隐患闭环档案', '禹州市安委办', 2024, 3)",
      )
      .run().lastInsertRowid;
    ctx.sqlite
      .prepare("insert into volume_items (volume_id, position, kind, record_id) values (?, 1, 'closure', ?)")
      .run(v, h.id);
    expect(() => deleteHazard(ctx, h.id)).toThrow('已封卷的案卷“隐患闭环档案（卷号 3）”中，不能删除');
    expect(listHazards(ctx).total).toBe(1);
  });
});

/**
 * Numbers that stay put (issue 15): 年度 from the documents' dates (not the export year; a selection spanning years
 * is refused), a 卷号 given once per 全宗/类别/年度/保管期限 and never reused, and the same selection exported again
 * re-opens the volume that holds it instead of a new 卷号 (a new one only when asked, listing where the records are).
 */
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/ipc/dispatch';
import { registerReturn } from '../../core/returns/service';
import { createVolume, deleteVolume, exportVolume, listVolumes, sealVolume, updateVolume } from '../../core/volumes';
import { makeCtx, tableCounts, type TestCtx } from '../helpers/ctx';
import { addPledges, baseData, type Base } from './seed';

let ctx: TestCtx;
let b: Base;
beforeEach(() => {
  ctx = makeCtx();
  b = baseData(ctx);
});
afterEach(() => ctx.close());

const ret = (unitId: number, receivedDate: string, title: string) =>
  registerReturn(ctx, { noticeId: b.campaign.id, unitId, kind: 'report', receivedDate, title });

describe('卷号 stay put', () => {
  it('the same selection again re-opens its volume (draft or sealed); a new 卷号 only when asked, listing 档号', async () => {
    await addPledges(ctx, b, 3);
    const sel = { kinds: ['pledge' as const], noticeId: b.notice.id };
    const v = createVolume(ctx, { selection: sel, checker: '王检查' });
    expect(v.archivalNo).toBe('A012-WS·2024-D30-0001');
    await exportVolume(ctx, v.id, path.join(ctx.tmp, 'a.pdf'));
    // before: every repeated export made a new 卷号 (0002, 0003 … holding the same 件)
    const again = createVolume(ctx, { selection: sel });
    expect(again).toMatchObject({ id: v.id, reopened: true, archivalNo: 'A012-WS·2024-D30-0001' });
    const viaIpc = await dispatch(ctx, 'volumes:create', { selection: sel });
    expect(viaIpc).toMatchObject({ ok: true, data: { id: v.id, reopened: true } });
    expect(listVolumes(ctx)).toHaveLength(1);

    await sealVolume(ctx, v.id, path.join(ctx.tmp, '封卷.pdf'), { confirmWarnings: true });
    const sealedAgain = createVolume(ctx, { selection: sel });
    expect(sealedAgain).toMatchObject({ id: v.id, reopened: true, status: 'sealed' });
    expect((await exportVolume(ctx, v.id, path.join(ctx.tmp, 'b.pdf'))).source).toBe('stored');

    // a record added since: the selection is no longer the sealed volume's → refused, listing where the 3 are
    await addPledges(ctx, b, 1, { start: 3 });
    const before = tableCounts(ctx);
    expect(() => createVolume(ctx, { selection: sel })).toThrow(
      /所选材料中有 3 件已归入其他案卷：.*档号 A012-WS·2024-D30-0001-001.*已封卷.*命令行加 --new-volume/,
    );
    const refused = await dispatch(ctx, 'volumes:create', { selection: sel });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(tableCounts(ctx)).toEqual(before);

    const asked = createVolume(ctx, { selection: sel, newVolume: true });
    expect(asked.volumeNo).toBe(2);
    expect(asked.alreadyArchived!.map((a) => [a.volumeId, a.itemArchivalNo, a.status])).toEqual([
      [v.id, 'A012-WS·2024-D30-0001-001', 'sealed'],
      [v.id, 'A012-WS·2024-D30-0001-002', 'sealed'],
      [v.id, 'A012-WS·2024-D30-0001-003', 'sealed'],
    ]);
    // a deleted draft's 卷号 is not given again
    deleteVolume(ctx, asked.id);
    const third = createVolume(ctx, { selection: sel, newVolume: true });
    expect(third.volumeNo).toBe(3);
  });

  it('a draft made from the same selection takes in the records added since, keeping its 卷号', async () => {
    await addPledges(ctx, b, 2);
    const v = createVolume(ctx, { selection: { kinds: ['pledge'] } });
    await addPledges(ctx, b, 1, { start: 2 });
    const again = createVolume(ctx, { selection: { kinds: ['pledge'] } });
    expect(again).toMatchObject({ id: v.id, volumeNo: 1, reopened: true });
    expect(again.items).toHaveLength(3);
    expect(listVolumes(ctx)).toHaveLength(1);
  });
});

describe('年度 from the documents', () => {
  it('takes the year the records were formed, not the export year; refuses a selection spanning years', () => {
    const late = { ...ctx, now: () => new Date('2025-03-01T02:00:00Z') };
    ret(b.shenhou.id, '2023-05-10', '神垕镇2023年自查报告');
    ret(b.fangshan.id, '2023-06-01', '方山镇2023年自查报告');
    const v = createVolume(late, { selection: { kinds: ['return'] } });
    expect(v).toMatchObject({ year: 2023, archivalNo: 'A012-WS·2023-D30-0001' });
    expect(v.title).toMatch(/^2023年度/);

    ret(b.zhujian.id, '2024-02-01', '住建局2024年自查报告');
    const before = tableCounts(ctx);
    // the same selection re-opens the 2023 draft, but the new record is of 2024: refused, nothing changes
    expect(() => createVolume(late, { selection: { kinds: ['return'] } })).toThrow(
      /不是 2023 年度形成的（2023 年 2 件、2024 年 1 件）.*--year 2024/,
    );
    expect(() => createVolume(late, { selection: { kinds: ['return'], unitId: b.zhujian.id } })).not.toThrow();
    const spanning = { kinds: ['return' as const], noticeId: b.campaign.id };
    const ctx2 = makeCtx();
    try {
      const b2 = baseData(ctx2);
      registerReturn(ctx2, {
        noticeId: b2.campaign.id,
        unitId: b2.shenhou.id,
        kind: 'report',
        receivedDate: '2023-05-10',
      });
      registerReturn(ctx2, {
        noticeId: b2.campaign.id,
        unitId: b2.fangshan.id,
        kind: 'report',
        receivedDate: '2024-02-01',
      });
      const counts = tableCounts(ctx2);
      expect(() => createVolume(ctx2, { selection: { ...spanning, noticeId: b2.campaign.id } })).toThrow(
        '所选材料分属 2023、2024 共 2 个年度（2023 年 1 件、2024 年 1 件）。一个案卷只收一个年度形成的文件：请选择年度（命令行 --year 2024）后分别组卷',
      );
      expect(tableCounts(ctx2)).toEqual(counts);
      const y24 = createVolume(ctx2, { selection: { ...spanning, noticeId: b2.campaign.id, year: 2024 } });
      expect(y24).toMatchObject({ year: 2024, archivalNo: 'A012-WS·2024-D30-0001' });
      expect(y24.items).toHaveLength(1);
    } finally {
      ctx2.close();
    }
    expect(tableCounts(ctx).volumes).toBe(before.volumes! + 1); // only the 住建局 volume
    expect(() => updateVolume(ctx, v.id, { year: 2023 })).not.toThrow();
  });
});

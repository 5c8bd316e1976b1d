import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/ipc/dispatch';
import { storeScan } from '../../core/attachments/service';
import { listAudit } from '../../core/audit/service';
import { createNotice } from '../../core/notices/service';
import { deleteReturn, updateReturn } from '../../core/returns/editing';
import { getReturn, listReturns, registerReturn } from '../../core/returns/service';
import { listTrash, restoreFromTrash } from '../../core/trash/service';
import { createUnit } from '../../core/units/service';
import { makeCtx, scan, tableCounts, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
let shen: number;
let notice: number;
beforeEach(() => {
  ctx = makeCtx();
  shen = createUnit(ctx, { name: '神垕镇', kind: '乡镇' }).id;
  notice = createNotice(ctx, {
    docNo: '禹安办〔2024〕1号',
    title: '关于开展安全生产大检查“回头看”的通知',
    issuedOn: '2024-01-05',
    deadline: '2024-01-25',
  }).id;
});
afterEach(() => ctx.close());

const register = () =>
  registerReturn(ctx, {
    noticeId: notice,
    unitId: shen,
    kind: 'report',
    receivedDate: '2024-01-20',
    title: '专题报告',
  });

describe('correcting a registered return', () => {
  it('changes title, received date, approved/sealed, notes and files, with an audit entry', async () => {
    const r = register();
    const file = await storeScan(ctx, scan('zicha-baogao-3pages.pdf'));
    const after = updateReturn(ctx, r.id, {
      title: '神垕镇“回头看”专题报告',
      receivedDate: '2024-01-22',
      approved: true,
      sealed: true,
      notes: '原件已盖章',
      attachmentIds: [file.id],
    });
    expect(after).toMatchObject({
      title: '神垕镇“回头看”专题报告',
      receivedDate: '2024-01-22',
      approved: true,
      sealed: true,
      notes: '原件已盖章',
      status: '已接收',
    });
    expect(after.attachments.map((a) => a.id)).toEqual([file.id]);
    const log = listAudit(ctx, { entity: 'return' }).rows[0]!;
    expect(log.summary).toContain('修改报送：神垕镇');
    expect(JSON.parse(log.before!).receivedDate).toBe('2024-01-20');
    // Files can be taken off again.
    expect(updateReturn(ctx, r.id, { attachmentIds: [] }).attachments).toEqual([]);
  });

  it('refuses a future or invalid date and a missing file, writing nothing', () => {
    const r = register();
    const before = tableCounts(ctx);
    expect(() => updateReturn(ctx, r.id, { receivedDate: '2999-01-01' })).toThrow(/晚于今天/);
    expect(() => updateReturn(ctx, r.id, { receivedDate: '2024-02-30' })).toThrow(/不是有效日期/);
    expect(() => updateReturn(ctx, r.id, { attachmentIds: [4242] })).toThrow(/已不存在/);
    expect(() => updateReturn(ctx, 999, { notes: 'x' })).toThrow(/找不到编号为 999 的报送记录/);
    expect(tableCounts(ctx)).toEqual(before);
    expect(getReturn(ctx, r.id).receivedDate).toBe('2024-01-20');
  });
});

describe('deleting a return to the 回收站', () => {
  it('hides it from the register, lists it in the 回收站 and puts it back', () => {
    const r = register();
    deleteReturn(ctx, r.id);
    expect(listReturns(ctx)).toEqual([]);
    expect(() => getReturn(ctx, r.id)).toThrow(/找不到/);
    expect(listTrash(ctx)).toEqual([expect.objectContaining({ entity: 'return', id: r.id, title: '专题报告' })]);
    expect(listAudit(ctx, { entity: 'return' }).rows[0]!.summary).toContain('移入回收站');
    restoreFromTrash(ctx, 'return', r.id);
    expect(listReturns(ctx).map((x) => x.id)).toEqual([r.id]);
    expect(listTrash(ctx)).toEqual([]);
  });

  it('works through IPC, with Chinese refusals', async () => {
    const r = register();
    const up = await dispatch(ctx, 'returns:update', { id: r.id, patch: { approved: true } });
    expect(up).toMatchObject({ ok: true });
    const bad = await dispatch(ctx, 'returns:update', { id: r.id, patch: { receivedDate: '2024/01/02' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect((await dispatch(ctx, 'returns:delete', { id: r.id })).ok).toBe(true);
    expect(await dispatch(ctx, 'returns:delete', { id: r.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
  });
});

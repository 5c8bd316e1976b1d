import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { changeHazardStatus } from '../../core/hazards/closure';
import { updateHazard } from '../../core/hazards/editing';
import { getHazard } from '../../core/hazards/service';
import { commitImport } from '../../core/imports/commit';
import { createUnit } from '../../core/units/service';
import { reportAttachment } from '../helpers/hazard';
import { makeCtx, tableCounts, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
beforeEach(() => {
  ctx = makeCtx(); // today is 2024-06-01
  createUnit(ctx, { name: '方山镇', kind: '乡镇' });
});
afterEach(() => ctx.close());

const HEADER =
  '隐患编号,隐患单位,隐患描述,隐患等级,发现日期,整改责任人,整改措施,整改资金（元）,整改时限,应急预案,整改状态,完成日期,验收人,验收日期';

/** A township ledger as CSV (A: 隐患编号 … K: 整改状态, L: 完成日期, M: 验收人, N: 验收日期). */
function ledger(name: string, rows: string[]): string {
  const file = path.join(ctx.tmp, name);
  fs.writeFileSync(file, ['方山镇隐患排查治理台账', HEADER, ...rows].join('\r\n'), 'utf8');
  return file;
}

const stored = (no: string) => {
  const r = ctx.sqlite.prepare('select id from hazards where hazard_no = ? and deleted_at is null').get(no) as {
    id: number;
  };
  return getHazard(ctx, r.id);
};

describe('importing hazard statuses under the closure rules', () => {
  it('takes a closed hazard that carries what 销号 needs; a closed one lacking it is stored 已整改, warning on the cell', async () => {
    const file = ledger('方山镇_隐患台账.csv', [
      // complete 一般 hazard, closed elsewhere (skipping steps is a record of what happened)
      'FS-1,方山建材厂,配电箱未接地,一般,2024-03-01,张三,重新接地,500,2024-03-31,,已销号,2024-03-10,李科长,2024-03-12',
      // closed without 验收人: stored 已整改
      'FS-2,方山饭店,液化气钢瓶未固定,一般,2024-03-02,王五,加装固定架,100,2024-03-31,,已销号,2024-03-10,,2024-03-12',
      // 已整改 without 完成日期: the township's word is taken (销号 will ask for the date)
      'FS-3,方山超市,消防通道堵塞,一般,2024-03-03,赵六,清理通道,0,2024-03-31,,已整改,,,',
      // 重大, closed, whole 五落实 but no report (a spreadsheet cannot carry one): stored 已整改
      'FS-4,方山液化气站,储罐区无可燃气体报警,重大,2024-03-04,孙七,安装报警器,80000,2024-04-30,专项应急预案,已销号,2024-04-10,应急局 李科长,2024-04-12',
    ]);
    const r = await commitImport(ctx, file, { unitName: '方山镇' });
    expect(r.committed).toBe(true);
    expect(r.errors).toEqual([]);
    expect(stored('FS-1')).toMatchObject({ status: '已验收销号', acceptedBy: '李科长' });
    expect(stored('FS-2')).toMatchObject({ status: '已整改', completedDate: '2024-03-10' });
    expect(stored('FS-3')).toMatchObject({ status: '已整改', completedDate: null });
    expect(stored('FS-4').status).toBe('已整改');
    const closure = r.warnings.filter((w) => w.column === 'K');
    expect(closure).toEqual([
      expect.objectContaining({
        row: 4,
        value: '已销号',
        message: '第4行 K列 整改状态为“已验收销号”，但验收销号须填写验收人：按“已整改”导入，补齐后在台账中验收销号',
      }),
      expect.objectContaining({
        row: 6,
        message:
          '第6行 K列 整改状态为“已验收销号”，但重大隐患销号前须上传整改报告或验收材料：按“已整改”导入，上传整改报告后在台账中销号',
      }),
    ]);
    // and the 重大 hazard is closed in the register once its report is attached
    const h4 = stored('FS-4');
    updateHazard(ctx, h4.id, { attachments: [{ attachmentId: reportAttachment(ctx).id, role: 'report' }] });
    changeHazardStatus(ctx, { ids: [h4.id], to: '已验收销号' });
    expect(stored('FS-4')).toMatchObject({
      status: '已验收销号',
      acceptedBy: '应急局 李科长',
      acceptedDate: '2024-04-12',
    });
  });

  it('a re-import uses what the register holds: a stored report lets a 重大 hazard close; a stored status is never lowered', async () => {
    await commitImport(
      ctx,
      ledger('方山镇_3月.csv', [
        'FS-4,方山液化气站,储罐区无可燃气体报警,重大,2024-03-04,孙七,安装报警器,80000,2024-04-30,专项应急预案,整改中,,,',
        'FS-5,方山砖厂,皮带机无防护罩,一般,2024-03-05,周八,加装防护罩,300,2024-03-31,,整改中,,,',
      ]),
      { unitName: '方山镇' },
    );
    const h4 = stored('FS-4');
    updateHazard(ctx, h4.id, { attachments: [{ attachmentId: reportAttachment(ctx).id, role: 'report' }] });
    // the clerk closed FS-5 in the register (with its 验收人); the township's ledger still has no 验收人
    const h5 = stored('FS-5');
    changeHazardStatus(ctx, { ids: [h5.id], to: '已整改', date: '2024-03-20' });
    changeHazardStatus(ctx, { ids: [h5.id], to: '已验收销号', acceptedBy: '应急局 吴科长', date: '2024-03-25' });
    const r = await commitImport(
      ctx,
      ledger('方山镇_4月.csv', [
        'FS-4,方山液化气站,储罐区无可燃气体报警,重大,2024-03-04,孙七,安装报警器,80000,2024-04-30,专项应急预案,已销号,2024-04-10,应急局 李科长,2024-04-12',
        'FS-5,方山砖厂,皮带机无防护罩,一般,2024-03-05,周八,加装防护罩,300,2024-03-31,,已销号,2024-03-20,,2024-03-25',
      ]),
      { unitName: '方山镇' },
    );
    expect(r.committed).toBe(true);
    expect(r.warnings.filter((w) => w.column === 'K')).toEqual([]);
    expect(stored('FS-4').status).toBe('已验收销号');
    expect(stored('FS-5')).toMatchObject({ status: '已验收销号', acceptedBy: '应急局 吴科长' });
  });

  it('refuses the dates the form refuses, as cell errors, and writes nothing', async () => {
    const file = ledger('方山镇_日期.csv', [
      'FS-6,方山建材厂,配电箱未接地,一般,2024-06-05,张三,重新接地,500,2024-06-30,,未整改,,,',
      'FS-7,方山饭店,液化气钢瓶未固定,一般,2024-03-02,王五,加装固定架,100,2024-03-31,,已整改,2024-03-01,,',
      'FS-8,方山超市,消防通道堵塞,一般,2024-03-03,赵六,清理通道,0,2024-03-31,,已销号,2024-03-10,李科长,2024-03-09',
      'FS-9,方山砖厂,皮带机无防护罩,一般,2024-03-05,周八,加装防护罩,300,2024-03-31,,整改中,,,',
    ]);
    const before = tableCounts(ctx);
    const r = await commitImport(ctx, file, { unitName: '方山镇' });
    expect(r.committed).toBe(false);
    expect(r.errors).toEqual([
      expect.objectContaining({
        row: 3,
        column: 'E',
        message: '第3行 E列 “2024-06-05” 发现日期晚于今天（2024-06-01），请核对',
      }),
      expect.objectContaining({
        row: 4,
        column: 'L',
        message: '第4行 L列 “2024-03-01” 完成日期早于发现日期（2024-03-02），请核对',
      }),
      expect.objectContaining({
        row: 5,
        column: 'N',
        message: '第5行 N列 “2024-03-09” 验收日期早于完成日期（2024-03-10），请核对',
      }),
    ]);
    expect(tableCounts(ctx)).toEqual(before);
    // with 跳过有错误的行, only the good row comes in
    const s = await commitImport(ctx, file, { unitName: '方山镇', skipErrors: true });
    expect(s.committed).toBe(true);
    expect(
      (
        ctx.sqlite.prepare('select hazard_no from hazards where deleted_at is null').all() as { hazard_no: string }[]
      ).map((x) => x.hazard_no),
    ).toEqual(['FS-9']);
  });
});

/**
 * Finalising is deliberate (issue 15): sealing is refused while the completeness check has errors (listed), while
 * 立卷人, 检查人 or 全宗号 is blank, and while warnings are not confirmed (listed) — through the service and the
 * IPC dispatcher (the CLI in cli.test.ts). A refusal changes nothing: no row, no file, no 已归档.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../core/ipc/dispatch';
import { getPledge } from '../../core/pledges/service';
import { updateSettings } from '../../core/settings/service';
import { createVolume, getVolume, sealVolume, updateVolume } from '../../core/volumes';
import { filesUnder, makeCtx, tableCounts, type TestCtx } from '../helpers/ctx';
import { addPledges, baseData, makeBlankJpeg, type Base } from './seed';

let ctx: TestCtx;
let b: Base;
beforeEach(() => {
  ctx = makeCtx();
  b = baseData(ctx);
});
afterEach(() => ctx.close());

/** Everything a seal would change: row counts, the volume row, stored files, the output folder. */
function state(id: number) {
  return {
    counts: tableCounts(ctx),
    volume: ctx.sqlite.prepare('select * from volumes where id = ?').get(id),
    files: filesUnder(ctx.dataDir).sort(),
    out: filesUnder(path.join(ctx.tmp, 'out')),
  };
}

describe('sealing rules', () => {
  it('refuses with errors (listed), and without 立卷人/检查人/全宗号; nothing changes', async () => {
    const [withScan, bare] = await addPledges(ctx, b, 2, { scans: [undefined!, []] as string[][] });
    fs.mkdirSync(path.join(ctx.tmp, 'out'));
    const out = path.join(ctx.tmp, 'out', '封卷.pdf');
    const v = createVolume(ctx, { selection: { kinds: ['pledge'] }, checker: '王检查' });
    const s0 = state(v.id);
    await expect(sealVolume(ctx, v.id, out, { confirmWarnings: true })).rejects.toThrow(
      /^组卷检查还有 1 个缺漏，不能封卷：1\. 第 2 件“.+”：没有明白书扫描件。请补齐后重新检查再封卷；未封卷，没有任何改动$/,
    );
    expect(state(v.id)).toEqual(s0);
    expect(getPledge(ctx, withScan!.id).status).toBe('已签订');
    const ipc = await dispatch(ctx, 'volumes:seal', { id: v.id, confirmWarnings: true });
    expect(ipc).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: expect.stringContaining('缺漏') } });
    expect(state(v.id)).toEqual(s0);

    // the 缺漏 gone (the bare one taken out), 检查人 blank: refused before anything is drawn
    updateVolume(ctx, v.id, { items: [{ kind: 'pledge', recordId: withScan!.id }], checker: '  ' });
    const s1 = state(v.id);
    await expect(sealVolume(ctx, v.id, out, { confirmWarnings: true })).rejects.toThrow(
      '封卷前须填写检查人；请在案卷信息中填写后再封卷。未封卷，没有任何改动',
    );
    ctx.ports.savePath = out;
    expect(await dispatch(ctx, 'volumes:seal', { id: v.id, confirmWarnings: true })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('检查人') },
    });
    updateVolume(ctx, v.id, { checker: '王检查', creator: '', fondsCode: '' });
    await expect(sealVolume(ctx, v.id, out, { confirmWarnings: true })).rejects.toThrow(
      /^封卷前须填写立卷人、全宗号（设置 → 全宗号）/,
    );
    expect(state(v.id).out).toEqual(s1.out);
    expect(getVolume(ctx, v.id).status).toBe('draft');
    expect(bare).toBeDefined();

    updateVolume(ctx, v.id, { creator: '孙立卷', fondsCode: 'A012' });
    const sealed = await sealVolume(ctx, v.id, out, { confirmWarnings: true });
    expect(sealed.sealed).toBe(true);
    expect(getPledge(ctx, withScan!.id).status).toBe('已归档');
  });

  it('asks for the warnings to be confirmed (listed), through the service and the IPC channel', async () => {
    const blank = await makeBlankJpeg(ctx.tmp);
    await addPledges(ctx, b, 1, { scans: [[blank]] });
    updateSettings(ctx, { fondsCode: 'A012' });
    const v = createVolume(ctx, { selection: { kinds: ['pledge'] }, checker: '王检查' });
    fs.mkdirSync(path.join(ctx.tmp, 'out'));
    const out = path.join(ctx.tmp, 'out', '封卷.pdf');
    const s0 = state(v.id);
    await expect(sealVolume(ctx, v.id, out)).rejects.toThrow(
      /^组卷检查有 1 个提示需要确认：1\. 第 1 件“.+”：扫描件“空白页\.jpg”疑似空白页，请核对是否漏扫。请逐条核对，确认无误后再封卷（界面中在确认框中确认，命令行加 --confirm-warnings）；未封卷，没有任何改动$/,
    );
    expect(state(v.id)).toEqual(s0);
    ctx.ports.savePath = out;
    const refused = await dispatch(ctx, 'volumes:seal', { id: v.id });
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('疑似空白页') } });
    expect(state(v.id)).toEqual(s0);
    const ok = await dispatch(ctx, 'volumes:seal', { id: v.id, confirmWarnings: true });
    expect(ok).toMatchObject({ ok: true, data: { sealed: true } });
    expect(getVolume(ctx, v.id).status).toBe('sealed');
  });
});

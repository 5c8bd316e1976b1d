/**
 * 打印预览 in core: the print channels return the PDF for the preview pane and print nothing yet; 打印
 * (print:pdf) sends exactly the previewed bytes to the printer port and leaves no temp file; 另存为…
 * (print:save) writes them where the dialog says; an unknown token, a cancelled dialog and the CLI's headless
 * ports change nothing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { headlessPorts } from '../../core/platform/context';
import { dataPaths } from '../../core/platform/dataPaths';
import { dispatch } from '../../core/ipc/dispatch';
import { chaseList } from '../../core/returns/board';
import { fillDemo } from '../../core/demo/service';
import { listPledges } from '../../core/pledges/service';
import { createVolume, deleteVolume, getVolume, volumeHistory } from '../../core/volumes';
import { listUnits } from '../../core/units/service';
import { makeCtx, type TestCtx } from '../helpers/ctx';
import { pdfText } from '../helpers/pdf';

let ctx: TestCtx;
beforeEach(() => {
  ctx = makeCtx({ now: new Date('2024-06-01T02:00:00Z') });
  fillDemo(ctx, { hazards: 20 });
});
afterEach(() => ctx.close());

async function ok<T>(channel: Parameters<typeof dispatch>[1], input: unknown): Promise<T> {
  const r = await dispatch(ctx, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
  return r.data as T;
}
type Preview = { token: string; title: string; defaultName: string; base64: string; warnings: string[] };
const tmpFiles = () => {
  const d = dataPaths(ctx.dataDir).tmpDir;
  return fs.existsSync(d) ? fs.readdirSync(d) : [];
};

describe('print preview', () => {
  it('明白书: preview first (nothing saved or printed), then 打印 prints those bytes, 另存为 writes them', async () => {
    const p = listPledges(ctx, { pageSize: 1 }).rows[0]!;
    const pv = await ok<Preview>('pledges:print', { id: p.id });
    const bytes = Buffer.from(pv.base64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pv.title).toBe(`安全生产责任明白书 · ${p.talkeeName}`);
    expect(pv.defaultName).toBe(`安全生产责任明白书_${p.talkeeName}.pdf`);
    expect(ctx.ports.printed).toEqual([]);
    expect(ctx.ports.opened).toEqual([]);

    expect(await ok('print:pdf', { token: pv.token })).toEqual({ printed: true });
    expect(ctx.ports.printed).toHaveLength(1);
    expect(ctx.ports.printed[0]!.bytes.equals(bytes)).toBe(true);
    expect(ctx.ports.printed[0]!.title).toBe(pv.title);
    expect(fs.existsSync(ctx.ports.printed[0]!.file)).toBe(false); // temp file removed
    expect(tmpFiles().filter((f) => f.endsWith('.pdf'))).toEqual([]);

    ctx.ports.savePath = path.join(ctx.tmp, '存档', '明白书');
    fs.mkdirSync(path.dirname(ctx.ports.savePath), { recursive: true });
    const saved = await ok<{ file: string }>('print:save', { token: pv.token });
    expect(saved.file).toBe(path.join(ctx.tmp, '存档', '明白书.pdf'));
    expect(fs.readFileSync(saved.file).equals(bytes)).toBe(true);
    expect(pdfText(saved.file)).toContain(p.talkeeName);
    expect(fs.readdirSync(path.dirname(saved.file))).toEqual(['明白书.pdf']); // no temp leftovers
  });

  it('催报通知 of the board’s selection: the late units in the previewed PDF', async () => {
    const pv = await ok<Preview>('board:printChase', { onlyLate: true });
    const file = path.join(ctx.tmp, 'chase.pdf');
    fs.writeFileSync(file, Buffer.from(pv.base64, 'base64'));
    const text = pdfText(file).replace(/\s+/g, '');
    expect(text).toContain('关于报送有关材料的催报通知');
    const items = chaseList(ctx, { onlyLate: true });
    expect(items.length).toBeGreaterThan(0);
    for (const it of items.slice(0, 3)) expect(text).toContain(it.unitName);
    expect(pv.defaultName).toBe('催报通知_2024-06-01.pdf');
  });

  it('cancelled 另存为, unknown or malformed token: nothing written; headless ports refuse to print', async () => {
    const p = listPledges(ctx, { pageSize: 1 }).rows[0]!;
    const pv = await ok<Preview>('pledges:print', { id: p.id });
    const before = fs.readdirSync(ctx.tmp);
    ctx.ports.savePath = null;
    expect(await ok('print:save', { token: pv.token })).toBeNull();
    expect(fs.readdirSync(ctx.tmp)).toEqual(before);

    const unknown = await dispatch(ctx, 'print:pdf', { token: '0'.repeat(32) });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(!unknown.ok && unknown.error.message).toContain('打印预览已过期');
    const bad = await dispatch(ctx, 'print:save', { token: '../../etc/passwd' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toMatch(/^输入有误：打印预览/);
    expect(ctx.ports.printed).toEqual([]);
    expect(fs.readdirSync(ctx.tmp)).toEqual(before);

    await expect(headlessPorts.printPdf('x.pdf', { title: 'x' })).rejects.toThrow(/没有图形界面，无法打印/);
  });

  it('a draft volume: previewed whole, nothing recorded in its history, no temp file left; sealed is refused', async () => {
    const v = createVolume(ctx, { selection: { kinds: ['pledge'], year: 2024 } });
    const history = volumeHistory(ctx, v.id);
    const pv = await ok<Preview>('volumes:printPreview', { id: v.id });
    const file = path.join(ctx.tmp, 'volume.pdf');
    fs.writeFileSync(file, Buffer.from(pv.base64, 'base64'));
    const text = pdfText(file).replace(/\s+/g, '');
    expect(text).toContain('卷内目录');
    expect(pv.title).toBe(`案卷 · ${getVolume(ctx, v.id).title}`);
    expect(pv.defaultName.endsWith('.pdf')).toBe(true);
    expect(volumeHistory(ctx, v.id)).toEqual(history);
    expect(tmpFiles().filter((f) => f.endsWith('.pdf'))).toEqual([]);
    expect(await ok('print:pdf', { token: pv.token })).toEqual({ printed: true });
    expect(ctx.ports.printed.at(-1)!.bytes.equals(fs.readFileSync(file))).toBe(true);

    ctx.ports.savePath = path.join(ctx.tmp, '封卷.pdf');
    // a sealed volume: sealing is refused while the check has errors (the demo notice's coverage has gaps), so
    // it is the 明白书 of the first unit whose 2024 明白书 are complete, with 立卷人/检查人/全宗号 and warnings confirmed
    let sealedId: number | null = null;
    for (const u of listUnits(ctx)) {
      let one: { id: number };
      try {
        one = createVolume(ctx, {
          selection: { kinds: ['pledge'], year: 2024, unitId: u.id },
          creator: '孙立卷',
          checker: '周检查',
          fondsCode: 'A012',
        });
      } catch {
        continue;
      }
      const seal = await dispatch(ctx, 'volumes:seal', { id: one.id, confirmWarnings: true });
      if (seal.ok) {
        sealedId = one.id;
        break;
      }
      deleteVolume(ctx, one.id);
    }
    expect(sealedId, 'a unit with complete 2024 明白书 in the demo data').not.toBeNull();
    const sealed = await dispatch(ctx, 'volumes:printPreview', { id: sealedId! });
    expect(sealed).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(!sealed.ok && sealed.error.message).toContain('已封卷');
  });
});

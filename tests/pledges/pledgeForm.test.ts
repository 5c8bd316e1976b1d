import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planFonts } from '../../core/pdf/fontFiles';
import { renderPledgeForm } from '../../core/pledges/printForm';
import { createPledge } from '../../core/pledges/editing';
import { printPledgeInteractive, printPledgeToFile } from '../../core/print/printing';
import { updateSettings } from '../../core/settings/service';
import { createUnit } from '../../core/units/service';
import { makeCtx, type TestCtx } from '../helpers/ctx';
import { pdfFonts, pdfPageCount, pdfText } from '../helpers/pdf';

let ctx: TestCtx;
beforeEach(() => (ctx = makeCtx()));
afterEach(() => ctx.close());

function addPledge() {
  const u = createUnit(ctx, { name: '神垕镇', kind: '乡镇' });
  return createPledge(ctx, {
    level: 1,
    talkerName: '欧阳建国',
    talkerTitle: '镇党委书记',
    talkeeName: '司马垕',
    talkeeUnitId: u.id,
    talkeeTitle: '分管安全生产副镇长',
    talkDate: '2023-01-10',
    signed: false,
  });
}

describe('明白书 form (附件3)', () => {
  it('prints the five fields, the committee and the month as extractable Chinese with embedded fonts', async () => {
    const p = addPledge();
    updateSettings(ctx, { committeeName: '禹州市安全生产委员会' });
    const out = await printPledgeToFile(ctx, p.id, path.join(ctx.tmp, '明白书.pdf'));
    expect(pdfPageCount(out)).toBe(1);
    const text = pdfText(out);
    expect(text).toContain('安全生产责任明白书');
    for (const s of [
      '欧阳建国',
      '镇党委书记',
      '司马垕',
      '神垕镇',
      '分管安全生产副镇长',
      '禹州市安全生产委员会',
      '2023年1月',
    ]) {
      expect(text).toContain(s);
    }
    // GB/T 9704-2012 7.3.5.1: the date in Arabic numerals, not 二〇二三年一月
    expect(text).not.toContain('二〇');
    for (const label of ['谈话对象单位', '谈话对象职务']) expect(text).toContain(label);
    const fonts = pdfFonts(out);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded)).toBe(true);
  });

  it('falls back per character to the bundled font when the system font lacks a glyph', async () => {
    // A "system" font folder whose 仿宋 is a Latin-only font: every Chinese character must come from the fallback.
    const dir = path.join(ctx.tmp, 'fonts');
    fs.mkdirSync(dir);
    const latin = [
      '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
      '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
    ].find((f) => fs.existsSync(f));
    if (!latin) return; // no Latin TTF on this machine: the fallback path is covered by the default plan
    fs.copyFileSync(latin, path.join(dir, 'simfang.ttf'));
    const plan = planFonts({ fontsDir: dir });
    expect(plan.body.file).toBe(path.join(dir, 'simfang.ttf'));
    const pdf = await renderPledgeForm(
      {
        talkerName: 'Zhang 三',
        talkerTitle: '书记',
        talkeeName: '李四',
        talkeeUnit: '神垕镇',
        talkeeTitle: '副镇长',
        committeeName: '禹州市安全生产委员会',
        year: 2023,
        month: 1,
      },
      plan,
    );
    const file = path.join(ctx.tmp, 'fallback.pdf');
    fs.writeFileSync(file, pdf);
    const text = pdfText(file);
    expect(text).toContain('神垕镇');
    expect(text).toContain('Zhang 三');
    expect(pdfFonts(file).length).toBeGreaterThanOrEqual(2);
  });

  it('prints through the save dialog port and opens the file; a cancelled dialog writes nothing', async () => {
    const p = addPledge();
    ctx.ports.savePath = path.join(ctx.tmp, 'sub', '打印');
    const r = await printPledgeInteractive(ctx, p.id);
    expect(r?.file).toBe(path.join(ctx.tmp, 'sub', '打印.pdf'));
    expect(ctx.ports.opened).toEqual([r!.file]);
    expect(pdfText(r!.file)).toContain('司马垕');
    ctx.ports.savePath = null;
    expect(await printPledgeInteractive(ctx, p.id)).toBeNull();
    expect(ctx.ports.opened).toHaveLength(1);
  });

  it('renders a page image that is not blank', async () => {
    const p = addPledge();
    const out = await printPledgeToFile(ctx, p.id, path.join(ctx.tmp, 'f.pdf'));
    execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', out, path.join(ctx.tmp, 'page')]);
    const png = fs.readdirSync(ctx.tmp).find((f) => f.startsWith('page') && f.endsWith('.png'));
    expect(png).toBeDefined();
    expect(fs.statSync(path.join(ctx.tmp, png!)).size).toBeGreaterThan(3000);
  });
});

/**
 * A seal is the bytes: the sealed PDF is kept in the attachment store, re-exported from there (verified), and
 * `volumes check` on a sealed volume re-hashes the stored PDF and every bound file now and compares the records.
 */
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachmentPath, storeScan } from '../../core/attachments/service';
import { createHazardThrough, updateHazard } from '../../core/hazards/editing';
import { checkVolume, createVolume, exportVolume, getVolume, sealVolume, volumeHistory } from '../../core/volumes';
import { makeCtx, scan, type TestCtx } from '../helpers/ctx';
import { addPledges, baseData, type Base } from './seed';

let ctx: TestCtx;
let b: Base;
beforeEach(() => {
  ctx = makeCtx();
  b = baseData(ctx);
});
afterEach(() => ctx.close());

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const storeRows = () =>
  ctx.sqlite.prepare('select id, sha256, mime from attachments order by id').all() as {
    id: number;
    sha256: string;
    mime: string;
  }[];

describe('a seal is the bytes', () => {
  it('keeps the sealed PDF in the store and re-exports exactly those bytes, verified', async () => {
    await addPledges(ctx, b, 2, { scans: [[scan('mingbaishu-scan.jpg')], [scan('zicha-baogao-3pages.pdf')]] });
    const v = createVolume(ctx, { selection: { kinds: ['pledge'], noticeId: b.notice.id }, checker: '王检查' });
    const sealed = await sealVolume(ctx, v.id, path.join(ctx.tmp, '封卷.pdf'), { confirmWarnings: true });
    expect(sealed.source).toBe('rendered');
    const part = getVolume(ctx, v.id).parts[0]!;
    expect(part.attachmentId).toEqual(expect.any(Number));
    const row = storeRows().find((r) => r.id === part.attachmentId)!;
    expect(row).toMatchObject({ sha256: sealed.sha256, mime: 'application/pdf' });
    const kept = attachmentPath(ctx, row);
    expect(fs.readFileSync(kept).equals(fs.readFileSync(sealed.file))).toBe(true);

    const again = await exportVolume(ctx, v.id, path.join(ctx.tmp, '再次.pdf'));
    expect(again).toMatchObject({
      source: 'stored',
      matchesSeal: true,
      sha256: sealed.sha256,
      pages: sealed.pages,
      notice: null,
    });
    expect(fs.readFileSync(again.file).equals(fs.readFileSync(sealed.file))).toBe(true);
    expect(volumeHistory(ctx, v.id)[0]).toMatchObject({ kind: 'reexport', matchesSeal: true });

    const intact = await checkVolume(ctx, v.id);
    expect(intact).toMatchObject({ ok: true, errors: 0, sealed: { intact: true, storedPdf: true } });

    // the kept PDF altered: the export refuses and writes nothing; the check names it
    fs.appendFileSync(kept, '%tampered\n');
    const target = path.join(ctx.tmp, '不应生成.pdf');
    await expect(exportVolume(ctx, v.id, target)).rejects.toThrow(/封卷时保存的 PDF 已被改动/);
    expect(fs.existsSync(target)).toBe(false);
    const bad = await checkVolume(ctx, v.id);
    expect(bad.sealed).toEqual({ intact: false, storedPdf: true });
    expect(bad.problems.map((p) => p.code)).toEqual(['seal-pdf-changed']);
    fs.rmSync(kept);
    await expect(exportVolume(ctx, v.id, target)).rejects.toThrow(/找不到本卷封卷时保存的 PDF/);
    expect(fs.existsSync(target)).toBe(false);
    expect((await checkVolume(ctx, v.id)).problems.map((p) => p.code)).toEqual(['seal-pdf-missing']);
  });

  it('check on a sealed volume re-hashes every bound file now: a scan replaced by an encrypted PDF is named', async () => {
    const [p] = await addPledges(ctx, b, 1, { scans: [[scan('zicha-baogao-3pages.pdf')]] });
    const v = createVolume(ctx, { selection: { kinds: ['pledge'], noticeId: b.notice.id }, checker: '王检查' });
    await sealVolume(ctx, v.id, path.join(ctx.tmp, '封卷.pdf'), { confirmWarnings: true });
    const scanRow = storeRows().find(
      (r) => r.mime === 'application/pdf' && r.id !== getVolume(ctx, v.id).parts[0]!.attachmentId,
    )!;
    const file = attachmentPath(ctx, scanRow);
    const enc = path.join(ctx.tmp, 'enc.pdf');
    execFileSync('qpdf', ['--encrypt', 'u', 'o', '256', '--', scan('zicha-baogao-3pages.pdf'), enc]);
    fs.copyFileSync(enc, file);
    const c = await checkVolume(ctx, v.id);
    expect(c.ok).toBe(false);
    expect(c.sealed?.intact).toBe(false);
    const hit = c.problems.find((x) => x.code === 'scan-mismatch')!;
    expect(hit).toMatchObject({ severity: 'error', file: 'zicha-baogao-3pages.pdf', itemPosition: 0 });
    expect(hit.message).toContain('封卷时装订的文件“zicha-baogao-3pages.pdf”已被改动');
    expect(hit.message).toContain('加密');
    expect(hit.message).toContain(p!.talkeeName);
    // the sealed PDF itself is intact and still exports
    expect((await exportVolume(ctx, v.id, path.join(ctx.tmp, 'x.pdf'))).source).toBe('stored');
  });

  it('check names the record and the field changed since sealing', async () => {
    const [p] = await addPledges(ctx, b, 1, { scans: [[scan('mingbaishu-scan.jpg')]] });
    const photo = await storeScan(ctx, scan('mingbaishu-scan.jpg'));
    // A 重大 hazard closed the way the rules want it: 五落实 complete and a 整改报告.
    const h = createHazardThrough(ctx, {
      enterpriseName: '禹州市钧瓷有限公司',
      townshipUnitId: b.shenhou.id,
      industry: '工贸',
      description: '窑炉燃气管道未设置泄漏报警装置',
      foundDate: '2024-03-05',
      level: '重大',
      responsiblePerson: '张三',
      measures: '加装可燃气体报警器',
      fundsFen: 120000,
      deadlineDate: '2024-04-30',
      emergencyPlan: '已制定',
      status: '已验收销号',
      completedDate: '2024-04-10',
      acceptedBy: '李验收',
      acceptedDate: '2024-04-12',
      attachments: [{ attachmentId: photo.id, role: 'report' }],
    });
    const v = createVolume(ctx, { selection: { kinds: ['pledge', 'closure'] }, checker: '王检查' });
    await sealVolume(ctx, v.id, path.join(ctx.tmp, '封卷.pdf'), { confirmWarnings: true });
    expect((await checkVolume(ctx, v.id)).sealed?.intact).toBe(true);

    updateHazard(ctx, h.id, { responsiblePerson: '王五' });
    // an archived 明白书 cannot be edited in the app: a change made behind its back
    ctx.sqlite.prepare('update pledges set talkee_title = ? where id = ?').run('镇长', p!.id);
    const c = await checkVolume(ctx, v.id);
    expect(c.sealed?.intact).toBe(false);
    const msgs = c.problems.filter((x) => x.code === 'record-changed').map((x) => x.message);
    expect(msgs.some((m) => m.includes(p!.talkeeName) && m.includes('“谈话对象职务”由“副镇长”改为“镇长”'))).toBe(true);
    expect(msgs.some((m) => m.includes('钧瓷') && m.includes('由“张三”改为“王五”'))).toBe(true);
  });

  it('a volume sealed by an older version (no stored PDF) says so; a re-export that reproduces it keeps the bytes', async () => {
    await addPledges(ctx, b, 1, { scans: [[scan('mingbaishu-scan.jpg')]] });
    const v = createVolume(ctx, { selection: { kinds: ['pledge'], noticeId: b.notice.id }, checker: '王检查' });
    const sealed = await sealVolume(ctx, v.id, path.join(ctx.tmp, '封卷.pdf'), { confirmWarnings: true });
    // as an older version sealed it: no attachment id in the parts, nothing in the store
    const parts = (
      JSON.parse(
        ctx.sqlite.prepare('select parts_json from volumes where id = ?').pluck().get(v.id) as string,
      ) as Record<string, unknown>[]
    ).map(({ attachmentId: _a, ...rest }) => rest);
    const id = getVolume(ctx, v.id).parts[0]!.attachmentId!;
    const row = storeRows().find((r) => r.id === id)!;
    fs.rmSync(attachmentPath(ctx, row));
    ctx.sqlite.prepare('delete from attachments where id = ?').run(id);
    ctx.sqlite.prepare('update volumes set parts_json = ? where id = ?').run(JSON.stringify(parts), v.id);

    const c = await checkVolume(ctx, v.id);
    expect(c.problems.map((p) => p.code)).toEqual(['seal-no-pdf']);
    expect(c.sealed).toEqual({ intact: true, storedPdf: false });

    const again = await exportVolume(ctx, v.id, path.join(ctx.tmp, '旧封卷.pdf'));
    expect(again).toMatchObject({ source: 'rendered', matchesSeal: true });
    expect(again.notice).toContain('已保存到附件库');
    expect(sha(again.file)).toBe(sealed.sha256);
    const third = await exportVolume(ctx, v.id, path.join(ctx.tmp, '第三次.pdf'));
    expect(third).toMatchObject({ source: 'stored', matchesSeal: true, sha256: sealed.sha256 });
    expect((await checkVolume(ctx, v.id)).sealed).toEqual({ intact: true, storedPdf: true });
  });

  it('an older seal that cannot be reproduced with the fonts here says why and what to do', async () => {
    await addPledges(ctx, b, 1, { scans: [[scan('mingbaishu-scan.jpg')]] });
    const v = createVolume(ctx, { selection: { kinds: ['pledge'], noticeId: b.notice.id }, checker: '王检查' });
    await sealVolume(ctx, v.id, path.join(ctx.tmp, '封卷.pdf'), { confirmWarnings: true });
    const parts = (
      JSON.parse(
        ctx.sqlite.prepare('select parts_json from volumes where id = ?').pluck().get(v.id) as string,
      ) as Record<string, unknown>[]
    ).map(({ attachmentId: _a, ...rest }) => rest);
    ctx.sqlite.prepare('update volumes set parts_json = ? where id = ?').run(JSON.stringify(parts), v.id);
    const fonts = path.join(ctx.tmp, 'fonts');
    fs.mkdirSync(fonts);
    fs.copyFileSync('/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', path.join(fonts, 'simhei.ttf'));
    const saved = process.env.ANWEI_FONTS_DIR;
    process.env.ANWEI_FONTS_DIR = fonts;
    try {
      const again = await exportVolume(ctx, v.id, path.join(ctx.tmp, '别的字体.pdf'));
      expect(again).toMatchObject({ source: 'rendered', matchesSeal: false });
      expect(again.notice).toContain('由旧版本封卷');
      expect(again.notice).toContain('办理新版');
    } finally {
      if (saved === undefined) delete process.env.ANWEI_FONTS_DIR;
      else process.env.ANWEI_FONTS_DIR = saved;
    }
    // nothing was kept from a mismatching export
    expect(getVolume(ctx, v.id).parts[0]!.attachmentId).toBeUndefined();
  });
});

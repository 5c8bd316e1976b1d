/** Start-up re-verification: a sealed volume's stored PDF or a recorded package's file changed afterwards is noticed. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recheckArchives, recheckState } from '../../core/archivePackage/checkRecheck';
import { listExportedPackages, recordExportedPackage } from '../../core/archivePackage/checkRegistry';
import { attachmentPath } from '../../core/attachments/service';
import { createVolume, sealVolume } from '../../core/volumes';
import { sealedPath } from '../../core/volumes/sealStore';
import { makeCtx, scan, type TestCtx } from '../helpers/ctx';
import { buildPackage, reseal } from '../helpers/archivePackage';
import { addPledges, baseData } from '../volumes/seed';

let ctx: TestCtx;
beforeEach(() => {
  ctx = makeCtx();
});
afterEach(() => ctx.close());

async function sealedVolume() {
  const b = baseData(ctx);
  await addPledges(ctx, b, 2, { scans: [[scan('mingbaishu-scan.jpg')], [scan('zicha-baogao-3pages.pdf')]] });
  const v = createVolume(ctx, {
    selection: { kinds: ['pledge'], noticeId: b.notice.id },
    title: '2024年明白书',
    checker: '周检查',
  });
  const r = await sealVolume(ctx, v.id, path.join(ctx.tmp, '封卷.pdf'));
  return { v, sha256: r.sha256 };
}

describe('re-verify at start-up (digests)', () => {
  it('finds nothing when nothing changed, then names the changed sealed PDF, bound scan and package file', async () => {
    const { sha256 } = await sealedVolume();
    const p = await buildPackage(ctx.tmp);
    recordExportedPackage(ctx, p.dir, { mode: '按件' });
    expect(recheckState(ctx).checkedAt).toBeNull();

    const clean = await recheckArchives(ctx);
    expect(clean).toMatchObject({
      running: false,
      scope: 'digests',
      volumes: 1,
      packages: 1,
      changes: [],
      error: null,
    });
    expect(listExportedPackages(ctx)[0]).toMatchObject({ lastPassed: true, lastScope: 'digests' });

    // one byte of the stored sealed PDF, one bound scan, and one 件 PDF of the package
    const stored = sealedPath(ctx, sha256);
    const buf = fs.readFileSync(stored);
    buf[buf.length - 20] = buf[buf.length - 20]! ^ 1;
    fs.writeFileSync(stored, buf);
    const scanRow = ctx.sqlite
      .prepare("select sha256, mime from attachments where original_name like '%zicha%'")
      .get() as { sha256: string; mime: string };
    fs.appendFileSync(attachmentPath(ctx, scanRow), 'x');
    fs.appendFileSync(p.items[1]!.pdf, '\n');

    const after = await recheckArchives(ctx);
    expect(after.changes.map((c) => [c.kind, c.state])).toEqual([
      ['volume', 'changed'],
      ['package', 'changed'],
    ]);
    const [vol, pkg] = after.changes;
    expect(vol!.title).toBe('2024年明白书（档号 A012-WS·2024-D30-0001）');
    expect(vol!.changes).toEqual([
      '附件库中本卷封卷时保存的 PDF 已被改动（SHA-256 与封卷时不同）',
      expect.stringMatching(/^第 2 件“.*”：装订的文件“zicha-baogao-3pages\.pdf”已被改动/),
    ]);
    expect(pkg!.where).toBe(p.dir);
    expect(pkg!.changes.join('\n')).toMatch(
      /（清单记为 \d+ 字节），SM3 与 SHA-256 摘要与清单不符：文件在生成信息包后被改动/,
    );
    expect(pkg!.changes.join('\n')).toContain(`“文件/${p.items[1]!.no}/${p.items[1]!.no}.pdf”的大小为 `);
    expect(recheckState(ctx).changes).toHaveLength(2);
    const row = listExportedPackages(ctx)[0]!;
    expect(row.lastPassed).toBe(false);
    expect(JSON.parse(row.lastFindingsJson!)[0].code).toBe('ZS-02');
  });

  it('notices a package re-manifested after export, and a package folder that is gone', async () => {
    const p = await buildPackage(ctx.tmp);
    recordExportedPackage(ctx, p.dir);
    fs.appendFileSync(p.items[0]!.pdf, '\n');
    reseal(p.dir); // the manifest now agrees with the altered file, but not with what was exported
    const r = await recheckArchives(ctx);
    expect(r.changes).toHaveLength(1);
    expect(r.changes[0]!.changes.join()).toContain('与本机导出时登记的不同');

    fs.renameSync(p.dir, `${p.dir}_移走`);
    const gone = await recheckArchives(ctx);
    expect(gone.changes).toEqual([expect.objectContaining({ kind: 'package', state: 'missing', where: p.dir })]);
  });

  it('the full re-check on demand runs the 四性检测 of each package', async () => {
    const p = await buildPackage(ctx.tmp, { javascriptIn: 0 });
    recordExportedPackage(ctx, p.dir);
    expect((await recheckArchives(ctx)).changes).toEqual([]); // digests agree
    const full = await recheckArchives(ctx, { scope: 'full' });
    expect(full.changes[0]!.changes.join()).toContain('JavaScript 脚本');
  });
});

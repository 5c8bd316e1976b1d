/**
 * A PDF offered as a scan is loaded in the memory-capped worker (core/imports/parse/isolated.ts): one that would exhaust
 * memory ends as a Chinese error, nothing is stored, and the app goes on.
 */
import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../../core/platform/errors';
import { storeScan } from '../../core/attachments/service';
import { makeCtx, scan, tableCounts, filesUnder, type TestCtx } from '../helpers/ctx';
import { dataPaths } from '../../core/platform/dataPaths';

let ctx: TestCtx;
beforeEach(() => (ctx = makeCtx()));
afterEach(() => {
  delete process.env.ANWEI_IMPORT_TEST_HOOK;
  delete process.env.ANWEI_IMPORT_TEST_HEAP_MB;
  ctx.close();
});

describe('scans are checked in the memory-capped worker', () => {
  it('a good PDF is counted there; a damaged one is refused in Chinese', async () => {
    const a = await storeScan(ctx, scan('zicha-baogao-3pages.pdf'));
    expect(a).toMatchObject({ mime: 'application/pdf', pageCount: 3 });
    await expect(storeScan(ctx, scan('damaged-scan.pdf'))).rejects.toThrow(/已损坏/);
  });

  it('a PDF whose check exhausts memory: 文件过大或已损坏, nothing stored, the next scan goes in', async () => {
    const before = tableCounts(ctx);
    const files = filesUnder(dataPaths(ctx.dataDir).attachmentsDir);
    process.env.ANWEI_IMPORT_TEST_HOOK = 'exhaust-heap';
    process.env.ANWEI_IMPORT_TEST_HEAP_MB = '64';
    const err = await storeScan(ctx, scan('zicha-baogao-3pages.pdf')).catch((e: unknown) => e);
    expect(isAppError(err)).toBe(true);
    expect((err as Error).message).toMatch(
      /^文件过大或已损坏：检查扫描件“zicha-baogao-3pages\.pdf”需要的内存超过了允许的 64 MB/,
    );
    expect((err as Error).message).toContain('没有保存任何内容');
    expect(tableCounts(ctx)).toEqual(before);
    expect(filesUnder(dataPaths(ctx.dataDir).attachmentsDir)).toEqual(files);
    delete process.env.ANWEI_IMPORT_TEST_HOOK;
    delete process.env.ANWEI_IMPORT_TEST_HEAP_MB;
    expect((await storeScan(ctx, scan('zicha-baogao-3pages.pdf'))).pageCount).toBe(3);
    expect(fs.existsSync(ctx.dataDir)).toBe(true);
  }, 300_000);
});

/**
 * Faults the clerk can meet, driven for real (full and read-only tmpfs mounts, a second connection holding the
 * write lock, hostile input): each ends as a Chinese AppError with an action, and nothing is changed.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataPaths } from '../../core/platform/context';
import { AppError, toAppError, writeFault } from '../../core/platform/errors';
import { writeFileAtomic } from '../../core/files/atomicWrite';
import { safeFileName } from '../../core/files/names';
import { dispatch } from '../../core/ipc/dispatch';
import { importScans } from '../../core/attachments/service';
import { docxText } from '../../core/attachments/docText';
import { importDocuments } from '../../core/attachments/documents';
import { listHazards } from '../../core/hazards/service';
import { fillDemo } from '../../core/demo/service';
import { updateSettings } from '../../core/settings/service';
import { createUnit } from '../../core/units/service';
import { createVolume, exportVolume, exportVolumeInteractive } from '../../core/volumes';
import { makeCtx, scan, tableCounts, type TestCtx } from '../helpers/ctx';
import { canMount, listing, mountTmpfs, rawDocx, remountReadOnly, unmountAll } from '../helpers/faults';

let ctx: TestCtx;
beforeEach(() => (ctx = makeCtx()));
afterEach(() => {
  unmountAll();
  ctx.close();
});

async function thrown(p: Promise<unknown> | (() => unknown)): Promise<AppError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected an error');
}

describe('the error taxonomy', () => {
  const fake = (code: string, message = code) => Object.assign(new Error(message), { code });
  it.each([
    ['ENOSPC', 'DISK_FULL', '磁盘空间不足'],
    ['SQLITE_FULL', 'DISK_FULL', '磁盘空间不足'],
    ['EROFS', 'READ_ONLY', '只读'],
    ['EACCES', 'READ_ONLY', '只读'],
    ['SQLITE_READONLY', 'READ_ONLY', '只读'],
    ['SQLITE_BUSY', 'BUSY', '数据库正忙'],
    ['SQLITE_BUSY_SNAPSHOT', 'BUSY', '数据库正忙'],
    ['SQLITE_LOCKED', 'BUSY', '数据库正忙'],
    ['SQLITE_NOTADB', 'NOT_A_DATABASE', '不是安委台账的数据库'],
    ['SQLITE_CORRUPT', 'DAMAGED', '已损坏'],
    ['SQLITE_CONSTRAINT_UNIQUE', 'CONFLICT', '冲突'],
  ])('%s → %s, a Chinese sentence with what to do', (code, appCode, words) => {
    const e = toAppError(fake(code, 'database disk image is malformed'), { dataDir: '/数据/台账' });
    expect(e.code).toBe(appCode);
    expect(e.message).toContain(words);
    expect(e.message).not.toMatch(/[A-Za-z]{6,}/); // no English error text
  });

  it('a file-system error outside the data directory is about that file’s folder', () => {
    const at = (code: string, p: string) =>
      toAppError(Object.assign(fake(code), { path: p }), { dataDir: '/数据/台账' });
    expect(at('ENOSPC', '/media/U盘/备份/x.tar').message).toMatch(/^磁盘空间不足：\/media\/U盘\/备份/);
    expect(at('EROFS', '/media/U盘/备份/x.tar').message).toMatch(/^无法写入文件夹：\/media\/U盘\/备份/);
    expect(at('ENOENT', '/media/U盘/报表.xlsx')).toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('找不到文件或文件夹“/media/U盘/报表.xlsx”'),
    });
    expect(at('ENOSPC', '/数据/台账/attachments/ab/x.pdf').message).toMatch(
      /^磁盘空间不足：数据目录 \/数据\/台账 所在磁盘已满/,
    );
  });

  it('replacing a file another program holds open (Windows: EPERM on rename) says to close it', () => {
    const f = path.join(ctx.tmp, '台账.xlsx');
    fs.writeFileSync(f, 'x');
    const e = writeFault(Object.assign(fake('EPERM'), { syscall: 'rename' }), f) as AppError;
    expect(e.code).toBe('BUSY');
    expect(e.message).toBe(
      `文件“${f}”正被其他程序（如 Excel、WPS、PDF 阅读器）打开，无法替换。请关闭该文件后重试，或另存为其他文件名（未保存任何内容）`,
    );
  });

  it('only what nothing explains is INTERNAL', () => {
    expect(toAppError(new TypeError('x is undefined')).code).toBe('INTERNAL');
    const a = new AppError('VALIDATION', '输入有误');
    expect(toAppError(a)).toBe(a);
  });

  it('a failed write names the folder and, for a full disk, the space needed', () => {
    const e = writeFault(fake('ENOSPC'), '/media/U盘/导出/台账.xlsx', 13 * 1024 * 1024) as AppError;
    expect(e.code).toBe('DISK_FULL');
    expect(e.message).toMatch(
      /^磁盘空间不足：\/media\/U盘\/导出 还需要约 [\d.]+ (KB|MB)，请清理磁盘或换一个保存位置后重试/,
    );
  });
});

describe('writeFileAtomic', () => {
  it('keeps writing until every byte is taken when the system writes only part of each call', () => {
    const data = Buffer.alloc(300_000, 7);
    data.write('尾部', data.length - 6);
    let calls = 0;
    const short = (fd: number, buf: Uint8Array, off: number, len: number) => {
      calls++;
      return fs.writeSync(fd, buf, off, Math.min(len, 4096));
    };
    const file = path.join(ctx.tmp, '导出', '完整.bin');
    writeFileAtomic(file, data, { write: short });
    expect(calls).toBeGreaterThan(70);
    expect(fs.readFileSync(file).equals(data)).toBe(true);
    expect(listing(path.dirname(file))).toEqual(['完整.bin']);
  });

  it('a write that takes nothing is a full disk: no temp file, no new folder', async () => {
    const before = listing(ctx.tmp);
    const e = await thrown(() =>
      writeFileAtomic(path.join(ctx.tmp, '新文件夹', '子文件夹', 'x.bin'), Buffer.alloc(10), { write: () => 0 }),
    );
    expect(e.code).toBe('DISK_FULL');
    expect(e.message).toContain(path.join(ctx.tmp, '新文件夹', '子文件夹'));
    expect(listing(ctx.tmp)).toEqual(before);
  });

  it.skipIf(!canMount)(
    'on a full disk: 磁盘空间不足 naming the folder, the old file intact, nothing else left',
    async () => {
      const dir = path.join(ctx.tmp, 'usb');
      mountTmpfs(dir, '64k');
      const old = path.join(dir, '台账.xlsx');
      fs.writeFileSync(old, '旧文件');
      const e = await thrown(() => writeFileAtomic(old, Buffer.alloc(200 * 1024, 1)));
      expect(e.code).toBe('DISK_FULL');
      expect(e.message).toMatch(new RegExp(`^磁盘空间不足：${dir} 还需要约 \\d+ KB，请清理磁盘或换一个保存位置后重试`));
      expect(listing(dir)).toEqual(['台账.xlsx']);
      expect(fs.readFileSync(old, 'utf8')).toBe('旧文件');
    },
  );
});

describe('disk full and read-only folders for stored scans', () => {
  it.skipIf(!canMount)('a scan on a nearly full disk is refused, not saved truncated: no row, no file', async () => {
    const store = dataPaths(ctx.dataDir).attachmentsDir;
    mountTmpfs(store, '64k');
    const counts = tableCounts(ctx);
    ctx.ports.queuedFiles = [scan('mingbaishu-scan.jpg')];
    const r = await dispatch(ctx, 'attachments:pick', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
    const message = (r as { error: { message: string } }).error.message;
    expect(message).toMatch(/^磁盘空间不足：.*attachments.* 还需要约 \d+ KB，请清理磁盘/);
    expect(tableCounts(ctx)).toEqual(counts);
    expect(listing(store)).toEqual([]);
  });

  it.skipIf(!canMount)('a read-only attachment folder: 只读, with what to do; no row, no file', async () => {
    const store = dataPaths(ctx.dataDir).attachmentsDir;
    mountTmpfs(store, '4m');
    remountReadOnly(store);
    const counts = tableCounts(ctx);
    ctx.ports.queuedFiles = [scan('mingbaishu-scan.jpg')];
    const e = await thrown(importScans(ctx));
    expect(e.code).toBe('READ_ONLY');
    expect(e.message).toContain(`无法写入文件夹：${store}`);
    expect(e.message).toContain('请换一个保存位置');
    expect(tableCounts(ctx)).toEqual(counts);
    expect(listing(store)).toEqual([]);
  });
});

describe('volume export on a full disk', () => {
  it.skipIf(!canMount)(
    'ends in 磁盘空间不足 (no unhandled stream error), no file, the draft unchanged and unsealed',
    async () => {
      fillDemo(ctx);
      const year = ctx.now().getFullYear();
      // one 年度 (a volume holds one); a draft export, as the demo's open errors refuse sealing before any writing
      const v = createVolume(ctx, { selection: { kinds: ['pledge'], year } });
      const dir = path.join(ctx.tmp, 'usb');
      mountTmpfs(dir, '64k');
      const counts = tableCounts(ctx);
      const e = await thrown(exportVolume(ctx, v.id, path.join(dir, '案卷.pdf')));
      expect(e.code).toBe('DISK_FULL');
      expect(e.message).toMatch(new RegExp(`^磁盘空间不足：${dir} 还需要约 [\\d.]+ (KB|MB)`));
      expect(listing(dir)).toEqual([]);
      expect(tableCounts(ctx)).toEqual(counts);
      expect(ctx.sqlite.prepare('select status from volumes where id = ?').pluck().get(v.id)).toBe('draft');
      expect(ctx.sqlite.prepare(`select count(*) from pledges where status = '已归档'`).pluck().get()).toBe(0);
    },
    180_000,
  );
});

describe('volume export on a disk with no space at all', () => {
  it.skipIf(!canMount)(
    'still says how much is needed (estimated from the pages), and leaves only what was there',
    async () => {
      fillDemo(ctx);
      const v = createVolume(ctx, { selection: { kinds: ['pledge'], year: ctx.now().getFullYear() } });
      const dir = path.join(ctx.tmp, 'full');
      mountTmpfs(dir, '4k');
      fs.writeFileSync(path.join(dir, '占满'), Buffer.alloc(4096));
      const e = await thrown(exportVolume(ctx, v.id, path.join(dir, '案卷.pdf')));
      expect(e.code).toBe('DISK_FULL');
      expect(e.message).toMatch(
        new RegExp(`^磁盘空间不足：${dir} 还需要约 [\\d.]+ (KB|MB)，请清理磁盘或换一个保存位置后重试`),
      );
      expect(listing(dir)).toEqual(['占满']);
    },
    180_000,
  );
});

describe('a busy database', () => {
  it('a write while another connection holds the write lock: 数据库正忙, nothing written', async () => {
    ctx.sqlite.pragma('busy_timeout = 100');
    const other = new Database(dataPaths(ctx.dataDir).dbFile);
    other.exec('BEGIN IMMEDIATE');
    const counts = tableCounts(ctx);
    try {
      const r = await dispatch(ctx, 'units:create', { name: '锁定镇', kind: '乡镇' });
      expect(r).toMatchObject({ ok: false, error: { code: 'BUSY' } });
      expect((r as { error: { message: string } }).error.message).toMatch(/^数据库正忙.*请等它完成后重试/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(tableCounts(ctx)).toEqual(counts);
    expect(createUnit(ctx, { name: '锁定镇', kind: '乡镇' }).name).toBe('锁定镇'); // and works once free
  });
});

describe('a stale snapshot', () => {
  it('writing from a read snapshot another connection has since changed (SQLITE_BUSY_SNAPSHOT): 数据库正忙', async () => {
    ctx.sqlite.exec('BEGIN');
    ctx.sqlite.prepare('select count(*) from units').pluck().get(); // the read snapshot starts here
    const other = new Database(dataPaths(ctx.dataDir).dbFile);
    other.prepare(`insert into units (name, kind) values ('别处镇', '乡镇')`).run();
    other.close();
    let r: Awaited<ReturnType<typeof dispatch>>;
    try {
      r = await dispatch(ctx, 'units:create', { name: '快照镇', kind: '乡镇' });
    } finally {
      ctx.sqlite.exec('ROLLBACK');
    }
    expect(r).toMatchObject({ ok: false, error: { code: 'BUSY', message: expect.stringMatching(/^数据库正忙/) } });
    expect(ctx.sqlite.prepare('select name from units order by id').pluck().all()).toEqual(['别处镇']);
  });
});

describe('hostile input', () => {
  it.each(['燃气\u0000', 'a\u0000b', '\u0000'])(
    'a NUL in a hazard search (%j) is refused in Chinese, not an SQL error',
    async (term) => {
      fillDemo(ctx);
      const counts = tableCounts(ctx);
      const e = await thrown(() => listHazards(ctx, { search: term, limit: 10 }));
      expect(e.code).toBe('VALIDATION');
      expect(e.message).toContain('搜索词中含有不可见的控制字符');
      const r = await dispatch(ctx, 'hazards:list', { search: term });
      expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', message: e.message } });
      expect(tableCounts(ctx)).toEqual(counts);
      expect(listHazards(ctx, { search: '燃气', limit: 10 }).total).toBeGreaterThan(0);
    },
  );

  it.each(['&#x110000;', '&#0;', '&#1114112;', '&#xD800;', '&#99999999999999999999;'])(
    'a .docx with the character reference %s is refused in Chinese; nothing stored',
    async (ref) => {
      const buf = rawDocx(`<w:p><w:r><w:t>专题报告${ref}正文</w:t></w:r></w:p>`);
      expect(docxText(buf)).toBeNull();
      const f = path.join(ctx.tmp, '专题报告.docx');
      fs.writeFileSync(f, buf);
      const counts = tableCounts(ctx);
      const store = dataPaths(ctx.dataDir).attachmentsDir;
      const before = listing(store);
      ctx.ports.queuedFiles = [f];
      const e = await thrown(importDocuments(ctx));
      expect(e.code).toBe('FILE_INVALID');
      expect(e.message).toBe('Word 文档“专题报告.docx”已损坏或无法读取，请在 Word/WPS 中打开后另存为 .docx');
      expect(tableCounts(ctx)).toEqual(counts);
      expect(listing(store)).toEqual(before);
    },
  );

  it('valid decimal and hex references are decoded', () => {
    expect(docxText(rawDocx('<w:p><w:r><w:t>&#27178;&#x57D5;&#x20BB7;&amp;</w:t></w:r></w:p>'))).toBe('横埕𠮷&\n');
  });
});

describe('names that become file names', () => {
  it.each([
    ['../A/B:C-WS·2024-D30-0001_题名.pdf', '__A_B_C-WS·2024-D30-0001_题名.pdf'],
    ['..\\..\\Windows\\x.pdf', '__._Windows_x.pdf'],
    ['隐患台账..xlsx', '隐患台账.xlsx'],
    ['.bashrc', '_bashrc'],
    ['CON.pdf', '_CON.pdf'],
    ['nul', '_nul'],
    ['台账. . .', '台账'],
    ['a\u0000b\u001f<>|?*"c.xlsx', 'ab______c.xlsx'],
    ['..', '未命名文件'],
    ['/', '未命名文件'],
    ['../.pdf', '未命名文件.pdf'],
    ['', '未命名文件'],
  ])('%j → %j', (name, safe) => {
    expect(safeFileName(name)).toBe(safe);
  });

  it('a 全宗号 like ../A/B:C gives a default save name that is one file name', async () => {
    fillDemo(ctx);
    updateSettings(ctx, { fondsCode: '../A/B:C' });
    const v = createVolume(ctx, { selection: { kinds: ['pledge'], year: ctx.now().getFullYear() } });
    let offered = '';
    ctx.ports.pickSavePath = async (o) => {
      offered = o.defaultName;
      return null;
    };
    expect(await exportVolumeInteractive(ctx, v.id)).toBeNull();
    expect(offered).toMatch(/^__A_B_C-WS·\d{4}-D30-\d{4}_.+\.pdf$/);
    expect(offered).not.toMatch(/[\\/:]|\.\./);
  });
});

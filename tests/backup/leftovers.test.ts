import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackup } from '../../core/backup/backup';
import { checkData } from '../../core/backup/check';
import { dataPaths } from '../../core/platform/context';
import { dispatch } from '../../core/ipc/dispatch';
import { storeScan } from '../../core/attachments/service';
import { runCheck } from '../../core/backup/service';
import { getSettings } from '../../core/settings/service';
import { filesUnder, makeCtx, scan, tableCounts, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
beforeEach(async () => {
  ctx = makeCtx();
  await storeScan(ctx, scan('mingbaishu-scan.jpg'));
});
afterEach(() => ctx.close());

describe('leftovers of interrupted operations', () => {
  it('a backup leaves nothing in tmp/ (no backup-*.db, -wal or -shm)', async () => {
    await createBackup(ctx, path.join(ctx.tmp, 'usb'));
    await createBackup(ctx, path.join(ctx.tmp, 'usb'));
    expect(filesUnder(dataPaths(ctx.dataDir).tmpDir)).toEqual([]);
  });

  it('check names each kind; check --repair removes them and keeps every registered attachment', async () => {
    const p = dataPaths(ctx.dataDir);
    const keep = filesUnder(p.attachmentsDir);
    fs.mkdirSync(path.join(p.backupsDir, '自动备份'), { recursive: true });
    fs.mkdirSync(p.tmpDir, { recursive: true });
    const made = [
      path.join(p.backupsDir, '自动备份', '自动备份_20240601-100000.tar.partial'),
      path.join(p.backupsDir, '安委台账备份_20240601-100000.tar.partial'),
      path.join(ctx.dataDir, 'pending-restore.json.tmp'),
      path.join(p.tmpDir, 'backup-123-456.db'),
      path.join(p.tmpDir, 'backup-123-456.db-wal'),
      path.join(p.tmpDir, 'backup-123-456.db-shm'),
      path.join(p.attachmentsDir, 'ab', `${'a'.repeat(64)}.xlsx`), // the stored copy of an import that rolled back
      path.join(p.attachmentsDir, 'ab', `${'a'.repeat(64)}.xlsx.123.abcd.tmp`),
    ];
    for (const f of made) {
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, 'x');
    }
    fs.mkdirSync(path.join(ctx.dataDir, 'restore-staging-1717200000000', 'attachments'), { recursive: true });
    fs.writeFileSync(path.join(ctx.dataDir, 'restore-staging-1717200000000', 'anwei.db'), 'x');

    const r = checkData(ctx);
    expect(r.ok).toBe(true); // leftovers are warnings: nothing of the data is wrong
    const text = r.problems.map((x) => `${x.message}｜${x.action}`).join('\n');
    expect(text).toContain('未写完的备份文件（.tar.partial） 2 个');
    expect(text).toContain('restore-staging-…） 1 个');
    expect(text).toContain('pending-restore.json.tmp');
    expect(text).toContain('备份时的临时数据库副本（tmp/backup-…） 3 个');
    expect(text).toContain('1 个没有登记记录的文件');
    expect(text).toContain('1 个未写完的临时文件');
    expect(text).toContain('check --repair');

    const counts = tableCounts(ctx);
    const repaired = runCheck(ctx, true);
    expect(repaired.repaired).toMatchObject({ leftoversRemoved: 9, tempFilesRemoved: 1 });
    for (const f of made) expect(fs.existsSync(f), f).toBe(false);
    expect(fs.readdirSync(ctx.dataDir).filter((f) => f.startsWith('restore-staging-'))).toEqual([]);
    expect(filesUnder(p.attachmentsDir)).toEqual(keep);
    expect(repaired.problems).toEqual([]);
    const after = tableCounts(ctx);
    for (const t of ['attachments', 'units', 'hazards', 'pledges', 'import_batches'])
      expect(after[t], t).toBe(counts[t]);
  });

  it('a damaged or misdirected restore marker is set aside, never followed outside the data directory', async () => {
    const outside = path.join(ctx.tmp, 'restore-staging-elsewhere');
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(outside, 'keep.txt'), 'x');
    const marker = path.join(ctx.dataDir, 'pending-restore.json');
    fs.writeFileSync(marker, JSON.stringify({ staging: outside, from: 'x.tar', safetyBackup: null, at: '' }));
    const { applyPendingRestore } = await import('../../core/backup/restore');
    expect(applyPendingRestore(ctx.dataDir)).toBeNull();
    expect(fs.existsSync(path.join(outside, 'keep.txt'))).toBe(true);
    expect(fs.existsSync(marker)).toBe(false);
    fs.writeFileSync(marker, '{"staging": '); // cut short
    expect(applyPendingRestore(ctx.dataDir)).toBeNull();
    expect(
      checkData(ctx)
        .problems.map((p) => p.message)
        .join('\n'),
    ).toContain('pending-restore.json.tmp 或 .invalid');
    runCheck(ctx, true);
    expect(fs.readdirSync(ctx.dataDir).filter((f) => f.startsWith('pending-restore'))).toEqual([]);
  });

  it('a restore staged for the next start is not a leftover', () => {
    const staging = path.join(ctx.dataDir, 'restore-staging-1');
    fs.mkdirSync(staging);
    fs.writeFileSync(
      path.join(ctx.dataDir, 'pending-restore.json'),
      JSON.stringify({ staging, from: 'x.tar', safetyBackup: null, at: '' }),
    );
    runCheck(ctx, true);
    expect(fs.existsSync(staging)).toBe(true);
    fs.rmSync(path.join(ctx.dataDir, 'pending-restore.json'));
  });
});

describe('paths only from dialogs', () => {
  it('settings:update refuses autoBackupDir from the page and changes nothing', async () => {
    const audit = tableCounts(ctx).audit_log;
    const r = (await dispatch(ctx, 'settings:update', { patch: { autoBackupDir: '/tmp/elsewhere' } })) as {
      ok: boolean;
      error?: { code: string; message: string };
    };
    expect(r.ok).toBe(false);
    expect(r.error!.code).toBe('VALIDATION');
    expect(getSettings(ctx).autoBackupDir).toBe('');
    expect(tableCounts(ctx).audit_log).toBe(audit);
    // The same patch with only the office fields is fine.
    expect(((await dispatch(ctx, 'settings:update', { patch: { clerkName: '张三' } })) as { ok: boolean }).ok).toBe(
      true,
    );
  });

  it('only backup:chooseAutoDir (the folder dialog) sets it', async () => {
    const dir = path.join(ctx.tmp, '另一块硬盘');
    ctx.ports.pickFolder = async () => dir;
    const r = (await dispatch(ctx, 'backup:chooseAutoDir', {})) as { ok: boolean };
    expect(r.ok).toBe(true);
    expect(getSettings(ctx).autoBackupDir).toBe(dir);
  });
});

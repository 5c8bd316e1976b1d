import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupsToPrune, autoBackup } from '../../core/backup/auto';
import { backupInfo, createBackup, verifyBackup } from '../../core/backup/backup';
import { checkData, cleanTempFiles } from '../../core/backup/check';
import { applyPendingRestore, stageRestore } from '../../core/backup/restore';
import { dataPaths, openContext } from '../../core/platform/context';
import { attachmentPath, storeScan } from '../../core/attachments/service';
import { createUnit, listUnits } from '../../core/units/service';
import { findMigrationsFolder } from '../../db/open';
import { makeCtx, scan, tableCounts, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
beforeEach(async () => {
  ctx = makeCtx();
  createUnit(ctx, { name: '神垕镇', kind: '乡镇' });
  await storeScan(ctx, scan('mingbaishu-scan.jpg'));
  await storeScan(ctx, scan('zicha-baogao-3pages.pdf'));
});
afterEach(() => ctx.close());

describe('backup and restore', () => {
  it('writes one verified archive with the database, the attachments and a manifest of SHA-256 sums', async () => {
    const r = await createBackup(ctx, path.join(ctx.tmp, 'usb'));
    expect(path.basename(r.file)).toMatch(/^安委台账备份_20240601-\d{6}\.tar$/);
    expect(fs.readdirSync(path.join(ctx.tmp, 'usb'))).toEqual([path.basename(r.file)]); // no .partial left
    expect(r.manifest.files.map((f) => f.path)).toEqual([
      'anwei.db',
      expect.stringMatching(/^attachments\/..\/[0-9a-f]{64}\.jpg$/),
      expect.stringMatching(/\.pdf$/),
    ]);
    expect(r.manifest.counts).toMatchObject({ units: 1, attachments: 2 });
    const info = backupInfo(r.file);
    expect(info).toMatchObject({ attachments: 2, counts: { units: 1 }, problems: [] });
  });

  it('refuses a damaged or truncated archive in Chinese', async () => {
    const r = await createBackup(ctx, path.join(ctx.tmp, 'usb'));
    const buf = fs.readFileSync(r.file);
    const cut = path.join(ctx.tmp, 'cut.tar');
    fs.writeFileSync(cut, buf.subarray(0, buf.length - 3000));
    expect(() => verifyBackup(cut)).toThrow(/已损坏|不完整/);
    const flipped = Buffer.from(buf);
    flipped[2048] = flipped[2048]! ^ 0xff; // inside the database's bytes
    const bad = path.join(ctx.tmp, 'bad.tar');
    fs.writeFileSync(bad, flipped);
    expect(() => verifyBackup(bad)).toThrow(/校验和不符/);
    fs.writeFileSync(path.join(ctx.tmp, 'x.tar'), 'not a tar');
    expect(() => verifyBackup(path.join(ctx.tmp, 'x.tar'))).toThrow(/备份文件“x.tar”/);
  });

  it('restores: safety backup of the current data first, then the backup’s data, attachments included', async () => {
    const r = await createBackup(ctx, path.join(ctx.tmp, 'usb'));
    createUnit(ctx, { name: '方山镇' }); // made after the backup: gone after restore, kept in the safety backup
    const att = ctx.sqlite.prepare('select sha256, mime from attachments').all() as { sha256: string; mime: string }[];
    for (const a of att) fs.rmSync(attachmentPath(ctx, a)); // lose the scans
    const { safety } = await stageRestore(ctx, r.file);
    expect(backupInfo(safety!.file).counts.units).toBe(2);
    const dataDir = ctx.dataDir;
    ctx.opened.close();
    const reopened = openContext(dataDir); // finishes the staged restore
    try {
      expect(listUnits(reopened).map((u) => u.name)).toEqual(['神垕镇']);
      const report = checkData(reopened);
      expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(report.stats.attachments).toBe(2);
      expect(fs.existsSync(path.join(dataDir, 'pending-restore.json'))).toBe(false);
    } finally {
      reopened.opened.close();
    }
    ctx = { ...ctx, close: () => fs.rmSync(ctx.tmp, { recursive: true, force: true }) } as TestCtx;
  });

  it('restores a backup from an older version and migrates it', async () => {
    // An "old version" database: only the first migration applied.
    const oldDir = path.join(ctx.tmp, 'old');
    const src = findMigrationsFolder();
    const mig = path.join(ctx.tmp, 'mig');
    fs.mkdirSync(path.join(mig, 'meta'), { recursive: true });
    const journal = JSON.parse(fs.readFileSync(path.join(src, 'meta', '_journal.json'), 'utf8'));
    journal.entries = journal.entries.slice(0, 1);
    fs.writeFileSync(path.join(mig, 'meta', '_journal.json'), JSON.stringify(journal));
    fs.copyFileSync(path.join(src, `${journal.entries[0].tag}.sql`), path.join(mig, `${journal.entries[0].tag}.sql`));
    const old = openContext(oldDir, { migrationsFolder: mig });
    old.sqlite.prepare("insert into units (name, kind) values ('古城镇', '乡镇')").run();
    const r = await createBackup(old, path.join(ctx.tmp, 'usb'));
    old.opened.close();
    await stageRestore(ctx, r.file);
    const dataDir = ctx.dataDir;
    ctx.opened.close();
    const reopened = openContext(dataDir);
    try {
      expect(listUnits(reopened).map((u) => u.name)).toEqual(['古城镇']);
      expect(reopened.opened.preMigrationBackup).not.toBeNull();
      expect(tableCounts(reopened)).toHaveProperty('hazards', 0); // tables of later migrations exist
    } finally {
      reopened.opened.close();
    }
    ctx = { ...ctx, close: () => fs.rmSync(ctx.tmp, { recursive: true, force: true }) } as TestCtx;
  });

  it('finishes a restore interrupted after staging (idempotent apply)', async () => {
    const r = await createBackup(ctx, path.join(ctx.tmp, 'usb'));
    createUnit(ctx, { name: '方山镇' });
    await stageRestore(ctx, r.file);
    ctx.opened.close();
    expect(applyPendingRestore(ctx.dataDir)).not.toBeNull();
    expect(applyPendingRestore(ctx.dataDir)).toBeNull();
    const db = new Database(dataPaths(ctx.dataDir).dbFile, { readonly: true });
    expect(db.prepare('select name from units').all()).toEqual([{ name: '神垕镇' }]);
    db.close();
    ctx = { ...ctx, close: () => fs.rmSync(ctx.tmp, { recursive: true, force: true }) } as TestCtx;
  });
});

describe('data check', () => {
  it('passes on good data and names missing, damaged and stray files in Chinese', () => {
    expect(checkData(ctx)).toMatchObject({ ok: true, problems: [] });
    const [jpg, pdf] = ctx.sqlite.prepare('select sha256, mime from attachments order by id').all() as {
      sha256: string;
      mime: string;
    }[];
    fs.rmSync(attachmentPath(ctx, jpg!));
    fs.appendFileSync(attachmentPath(ctx, pdf!), 'x');
    const store = dataPaths(ctx.dataDir).attachmentsDir;
    fs.writeFileSync(path.join(store, 'stray.pdf'), 'x');
    fs.writeFileSync(path.join(store, 'half.pdf.123.tmp'), 'x');
    const r = checkData(ctx);
    expect(r.ok).toBe(false);
    const text = r.problems.map((p) => p.message).join('\n');
    expect(text).toContain('“mingbaishu-scan.jpg”的文件缺失');
    expect(text).toContain('“zicha-baogao-3pages.pdf”的文件已损坏');
    expect(text).toContain('1 个未写完的临时文件');
    expect(text).toContain('1 个没有登记记录的文件');
    expect(r.problems.every((p) => p.action.length > 0)).toBe(true);
    expect(cleanTempFiles(ctx)).toBe(1);
  });
});

describe('automatic backups', () => {
  it('keeps the last 10 plus one per month for a year', () => {
    const now = new Date('2024-06-01T02:00:00Z');
    const files = Array.from({ length: 400 }, (_, i) => ({
      file: `f${i}`,
      at: dayjs('2024-06-01').subtract(i, 'day'),
    }));
    const prune = new Set(backupsToPrune(files, now));
    const kept = files.filter((f) => !prune.has(f.file));
    expect(kept.slice(0, 10).map((f) => f.file)).toEqual(files.slice(0, 10).map((f) => f.file));
    const months = new Set(kept.map((f) => f.at.format('YYYY-MM')));
    expect(months.size).toBe(13); // 2023-06 … 2024-06 (the month of a year ago included while inside the window)
    expect(kept.length).toBeLessThan(25);
  });

  it('backs up at most once a day', async () => {
    const dir = path.join(ctx.tmp, 'auto');
    expect(await autoBackup(ctx, dir)).not.toBeNull();
    expect(await autoBackup(ctx, dir)).toBeNull();
    expect(fs.readdirSync(dir)).toHaveLength(1);
  });
});

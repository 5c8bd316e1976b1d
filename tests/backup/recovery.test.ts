import Database from 'better-sqlite3';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackup } from '../../core/backup/backup';
import { checkData } from '../../core/backup/check';
import { diagnose } from '../../core/backup/diagnose';
import { listBackups, restoreOffline, salvage } from '../../core/backup/recovery';
import { stageRestore } from '../../core/backup/restore';
import { dataPaths, openContext } from '../../core/platform/context';
import { AppError } from '../../core/platform/errors';
import { storeScan } from '../../core/attachments/service';
import { fillDemo } from '../../core/demo/service';
import { findMigrationsFolder } from '../../db/open';
import { makeTestPorts, scan, tableCounts } from '../helpers/ctx';
import { craftBackup, foreignDb, pagesOf, scribble, snapshot, zeroPages } from './damage';

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-recovery-'));
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
const now = () => new Date('2024-06-01T02:00:00Z');
let n = 0;

/** A data directory with demo data (600 hazards) and two scans, closed; plus a good backup of it. */
async function demoDir(opts: { hazards?: number } = {}) {
  const dir = path.join(root, `d${++n}`);
  const ctx = openContext(dir, { now, ports: makeTestPorts(root) });
  fillDemo(ctx, { hazards: opts.hazards ?? 600 });
  await storeScan(ctx, scan('mingbaishu-scan.jpg'));
  await storeScan(ctx, scan('zicha-baogao-3pages.pdf'));
  const counts = tableCounts(ctx);
  const backup = await createBackup(ctx, path.join(root, `usb${n}`));
  ctx.opened.close();
  return { dir, db: dataPaths(dir).dbFile, counts, backup: backup.file };
}

const codeOf = async (p: Promise<unknown> | (() => unknown)): Promise<AppError> => {
  try {
    if (typeof p === 'function') p();
    else await p;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected a refusal');
};

describe('diagnose', () => {
  it('tells ok, new, damaged, not a database, foreign, newer and unreadable apart, in Chinese, changing nothing', async () => {
    const d = await demoDir({ hazards: 100 });
    expect(diagnose(d.dir, { full: true })).toMatchObject({ kind: 'ok', ok: true });
    expect(diagnose(path.join(root, 'nothing-here'))).toMatchObject({ kind: 'new', ok: true });

    const before = snapshot(d.dir);
    zeroPages(d.db, 20, 5);
    const damagedSnap = snapshot(d.dir);
    const dmg = diagnose(d.dir, { full: true });
    expect(dmg).toMatchObject({ kind: 'damaged', ok: false, title: '数据库已损坏' });
    expect(dmg.action).toContain('从备份恢复');
    expect(snapshot(d.dir)).toEqual(damagedSnap); // no -wal/-shm left by looking
    expect(damagedSnap).not.toEqual(before);

    const rnd = path.join(root, 'random');
    fs.mkdirSync(rnd);
    fs.writeFileSync(path.join(rnd, 'anwei.db'), crypto.randomBytes(64 * 1024));
    expect(diagnose(rnd)).toMatchObject({ kind: 'not-database', title: '数据库文件不是数据库' });

    const foreign = path.join(root, 'foreign');
    foreignDb(path.join(foreign, 'anwei.db'));
    const fSnap = snapshot(foreign);
    const f = diagnose(foreign);
    expect(f).toMatchObject({ kind: 'foreign', title: '这是其他程序的数据库' });
    expect(f.explanation).toContain('customers');
    expect(snapshot(foreign)).toEqual(fSnap);

    const newer = await demoDir({ hazards: 10 });
    const db = new Database(newer.db);
    db.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('future', 4102444800000);
    db.close();
    expect(diagnose(newer.dir)).toMatchObject({ kind: 'newer', title: '数据库来自更新版本的安委台账' });

    const file = path.join(root, 'a-file');
    fs.writeFileSync(file, 'x');
    expect(diagnose(file)).toMatchObject({ kind: 'unreadable-folder' });
    expect(diagnose(path.join(file, 'below'))).toMatchObject({ kind: 'unreadable-folder' });
  });
});

describe('opening', () => {
  it('refuses another program’s database and leaves it exactly as it was (no tables added)', () => {
    const dir = path.join(root, 'foreign-open');
    foreignDb(path.join(dir, 'anwei.db'));
    const before = snapshot(dir);
    expect(() => openContext(dir)).toThrow(
      expect.objectContaining({ code: 'FOREIGN_DATABASE', message: expect.stringContaining('其他程序的数据库') }),
    );
    expect(snapshot(dir)).toEqual(before);
    const db = new Database(path.join(dir, 'anwei.db'), { readonly: true });
    expect(
      (db.prepare("select name from sqlite_master where type='table' order by name").all() as { name: string }[]).map(
        (r) => r.name,
      ),
    ).toEqual(['customers', 'orders']);
    db.close();
  });

  it('a database that will not open raises a Chinese diagnosis with what to do, not SqliteError', async () => {
    const d = await demoDir({ hazards: 50 });
    fs.writeFileSync(d.db, crypto.randomBytes(100 * 1024));
    const e = await codeOf(() => openContext(d.dir));
    expect(e.code).toBe('NOT_A_DATABASE');
    expect(e.message).toContain('处理办法：请从备份恢复');
  });
});

describe('restore over a damaged database (no open context)', () => {
  it('restores over zeroed pages, keeps the damaged file in backups/, and the data opens and checks clean', async () => {
    const d = await demoDir();
    zeroPages(d.db, 20, 5);
    const damaged = fs.readFileSync(d.db);
    const r = await restoreOffline(d.dir, d.backup, { now });
    expect(r.diagnosisBefore).toBe('damaged');
    expect(r.safetyBackup).toBeNull(); // could not be read: kept aside as it was instead
    expect(path.basename(r.replaced!)).toMatch(/^被恢复替换的数据库_\d{8}-\d{6}\.db$/);
    expect(fs.readFileSync(r.replaced!).equals(damaged)).toBe(true);
    const ctx = openContext(d.dir, { now });
    try {
      expect(tableCounts(ctx)).toEqual(d.counts);
      expect(checkData(ctx)).toMatchObject({ ok: true });
    } finally {
      ctx.opened.close();
    }
    expect(fs.readdirSync(d.dir).filter((f) => /restore-staging|pending-restore/.test(f))).toEqual([]);
  });

  it('restores over random bytes; with a sound database it takes a safety backup first', async () => {
    const d = await demoDir({ hazards: 50 });
    fs.writeFileSync(d.db, crypto.randomBytes(32 * 1024));
    expect((await restoreOffline(d.dir, d.backup, { now })).diagnosisBefore).toBe('not-database');
    const sound = await restoreOffline(d.dir, d.backup, { now });
    expect(sound.diagnosisBefore).toBe('ok');
    expect(path.basename(sound.safetyBackup!)).toMatch(/^恢复前的安全备份_.*\.tar$/);
    expect(listBackups(d.dir).map((b) => b.kind)).toContain('safety');
  });
});

describe('in the app, with damage the database still opens with', () => {
  it('backup refuses (DAMAGED, no .partial, nothing in tmp/); restore goes ahead without a safety backup', async () => {
    const d = await demoDir();
    // audit_log: not read while opening (its references are none), so the app opens and works until it reads them
    for (const p of pagesOf(d.db, 'audit_log')!.slice(10, 13)) zeroPages(d.db, p, 1);
    const ctx = openContext(d.dir, { now });
    try {
      const usb = path.join(root, 'usb-damaged');
      const e = await codeOf(createBackup(ctx, usb));
      expect(e.code).toBe('DAMAGED');
      expect(e.message).toContain('尝试修复');
      expect(fs.readdirSync(usb)).toEqual([]);
      expect(fs.readdirSync(dataPaths(d.dir).tmpDir)).toEqual([]);
      const { safety } = await stageRestore(ctx, d.backup);
      expect(safety).toBeNull();
    } finally {
      ctx.opened.close();
    }
    const reopened = openContext(d.dir, { now });
    try {
      expect(tableCounts(reopened)).toEqual(d.counts);
    } finally {
      reopened.opened.close();
    }
    expect(fs.readdirSync(dataPaths(d.dir).backupsDir).some((f) => f.startsWith('被恢复替换的数据库_'))).toBe(true);
  });
});

describe('a backup is proven before it replaces anything', () => {
  const migrations = findMigrationsFolder();
  async function hostile() {
    const d = await demoDir({ hazards: 20 });
    const good = fs.readFileSync(d.db);
    const zeroed = path.join(root, `z${n}.db`);
    fs.writeFileSync(zeroed, good);
    const pages = pagesOf(zeroed, 'audit_log')!;
    zeroPages(zeroed, pages[1]!, 3);
    const foreign = path.join(root, `f${n}.db`);
    foreignDb(foreign);
    const dir = path.join(root, `hostile${n}`);
    const att = 'attachments/ab/' + 'a'.repeat(64) + '.pdf';
    return {
      d,
      archives: {
        随机字节: craftBackup(path.join(dir, 'random.tar'), [
          { path: 'anwei.db', data: crypto.randomBytes(64 * 1024) },
        ]),
        零页: craftBackup(path.join(dir, 'zeroed.tar'), [{ path: 'anwei.db', data: fs.readFileSync(zeroed) }]),
        其他程序: craftBackup(path.join(dir, 'foreign.tar'), [{ path: 'anwei.db', data: fs.readFileSync(foreign) }]),
        不安全路径: craftBackup(path.join(dir, 'unsafe.tar'), [
          { path: 'anwei.db', data: good },
          { path: '../../evil.txt', data: Buffer.from('x') },
        ]),
        附件路径: craftBackup(path.join(dir, 'unsafe2.tar'), [
          { path: 'anwei.db', data: good },
          { path: `${att}/../../../x`, data: Buffer.from('x') },
        ]),
        清单为null: craftBackup(path.join(dir, 'null.tar'), [{ path: 'anwei.db', data: good }], { manifest: 'null' }),
        清单为数组: craftBackup(path.join(dir, 'array.tar'), [{ path: 'anwei.db', data: good }], { manifest: '[1]' }),
      },
    };
  }

  it('refuses each hostile archive in Chinese; the data directory is exactly as it was (restore offline)', async () => {
    const { d, archives } = await hostile();
    for (const [what, file] of Object.entries(archives)) {
      const before = snapshot(d.dir);
      const e = await codeOf(restoreOffline(d.dir, file, { now, migrationsFolder: migrations }));
      expect(e.code, what).toBe('FILE_INVALID');
      expect(e.message, what).toMatch(/^备份文件“.+”/);
      expect(e.message, what).toMatch(/请换用其他备份文件|升级/);
      expect(snapshot(d.dir), what).toEqual(before);
    }
    expect(fs.existsSync(path.join(root, 'evil.txt'))).toBe(false);
  });

  it('refuses them in the app too (stageRestore): no safety backup, no restore-staging-*, nothing changed', async () => {
    const { d, archives } = await hostile();
    const ctx = openContext(d.dir, { now });
    try {
      for (const [what, file] of Object.entries(archives)) {
        const before = snapshot(d.dir);
        const e = await codeOf(stageRestore(ctx, file));
        expect(e.code, what).toBe('FILE_INVALID');
        expect(snapshot(d.dir), what).toEqual(before);
      }
    } finally {
      ctx.opened.close();
    }
  });

  it('refuses a backup from a newer version, and restores over a missing data directory', async () => {
    const d = await demoDir({ hazards: 10 });
    const newer = path.join(root, 'newer.db');
    fs.copyFileSync(d.db, newer);
    const db = new Database(newer);
    db.prepare('insert into __drizzle_migrations (hash, created_at) values (?, ?)').run('future', 4102444800000);
    db.pragma('journal_mode = DELETE');
    db.close();
    const tar = craftBackup(path.join(root, 'newer.tar'), [{ path: 'anwei.db', data: fs.readFileSync(newer) }]);
    const before = snapshot(d.dir);
    expect((await codeOf(restoreOffline(d.dir, tar, { now }))).message).toContain('更新版本');
    expect(snapshot(d.dir)).toEqual(before);

    const fresh = path.join(root, 'fresh-target');
    await codeOf(restoreOffline(fresh, tar, { now }));
    expect(fs.existsSync(fresh)).toBe(false); // the folder it made for staging is gone again
    await restoreOffline(fresh, d.backup, { now });
    expect(diagnose(fresh, { full: true }).kind).toBe('ok');
  });
});

describe('salvage (尝试修复)', () => {
  it('copies every readable row, drops links to lost rows, keeps the damaged file, reports losses per table', async () => {
    const d = await demoDir();
    const pages = pagesOf(d.db, 'hazards')!;
    expect(pages.length).toBeGreaterThan(20);
    // five leaf pages of the hazards table, in the middle
    for (const p of pages.slice(10, 15)) zeroPages(d.db, p, 1);
    const damaged = fs.readFileSync(d.db);
    expect(diagnose(d.dir, { full: true }).kind).toBe('damaged');

    const r = await salvage(d.dir, { now });
    expect(path.basename(r.keptAs)).toMatch(/^损坏的数据库_20240601-\d{6}\.db$/);
    expect(fs.readFileSync(r.keptAs).equals(damaged)).toBe(true);
    const hz = r.tables.find((t) => t.table === 'hazards')!;
    expect(hz.label).toBe('隐患');
    expect(hz.copied).toBeGreaterThan(450);
    expect(hz.copied).toBeLessThan(600);
    const lost = hz.lost ?? hz.lostAtMost!;
    expect(lost).toBeGreaterThanOrEqual(600 - hz.copied);
    expect(hz.lost === null ? lost : hz.copied + lost).toBeLessThanOrEqual(600);
    expect(r.losses.join('\n')).toMatch(/^隐患：/m);
    // Untouched tables come through whole.
    expect(r.tables.find((t) => t.table === 'units')).toMatchObject({ copied: d.counts.units, lost: 0 });
    expect(r.tables.find((t) => t.table === 'attachments')).toMatchObject({ copied: d.counts.attachments, lost: 0 });
    expect(d.counts.attachments).toBeGreaterThan(2); // the demo's scans and the two added here
    expect(r.check.ok).toBe(true);

    const ctx = openContext(d.dir, { now });
    try {
      const counts = tableCounts(ctx);
      expect(counts.hazards).toBe(hz.copied);
      expect(ctx.sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(counts.hazards_fts_docsize ?? counts.hazards).toBeGreaterThan(0);
      // The events of lost hazards went with them.
      const orphanEvents = ctx.sqlite
        .prepare('select count(*) n from hazard_events where hazard_id not in (select id from hazards)')
        .get() as { n: number };
      expect(orphanEvents.n).toBe(0);
    } finally {
      ctx.opened.close();
    }
    expect(fs.readdirSync(d.dir).filter((f) => f.startsWith('salvage-'))).toEqual([]);
    expect(diagnose(d.dir, { full: true }).kind).toBe('ok');
  });

  it('when the damaged table cannot even be counted, reports at most how many rows were lost (rowid gaps)', async () => {
    const d = await demoDir({ hazards: 300 });
    for (const p of pagesOf(d.db, 'audit_log')!.slice(30, 33)) zeroPages(d.db, p, 1);
    for (const p of pagesOf(d.db, 'audit_at_idx')!.slice(2, 4)) zeroPages(d.db, p, 1); // count(*) reads this index
    const r = await salvage(d.dir, { now });
    const audit = r.tables.find((t) => t.table === 'audit_log')!;
    expect(audit).toMatchObject({ label: '操作日志', claimed: null, lost: null });
    expect(audit.lostAtMost).toBeGreaterThan(0);
    // The log is append-only (no gaps in its row numbers): copied + at most lost is exactly what it held.
    expect(audit.copied + audit.lostAtMost!).toBe(d.counts.audit_log);
    expect(r.losses).toContain(
      `操作日志：抢救出 ${audit.copied} 条，原数目已无法读取，最多丢失 ${audit.lostAtMost} 条`,
    );
  });

  it('salvages a database of an older version at its own version, then migrates it', async () => {
    // An "old version" database: only the first migration applied, with some units and audit rows.
    const src = findMigrationsFolder();
    const mig = path.join(root, 'mig-old');
    fs.mkdirSync(path.join(mig, 'meta'), { recursive: true });
    const journal = JSON.parse(fs.readFileSync(path.join(src, 'meta', '_journal.json'), 'utf8'));
    journal.entries = journal.entries.slice(0, 1);
    fs.writeFileSync(path.join(mig, 'meta', '_journal.json'), JSON.stringify(journal));
    fs.copyFileSync(path.join(src, `${journal.entries[0].tag}.sql`), path.join(mig, `${journal.entries[0].tag}.sql`));
    const dir = path.join(root, 'old-version');
    const old = openContext(dir, { migrationsFolder: mig });
    const ins = old.sqlite.prepare("insert into units (name, kind) values (?, '企业')");
    old.sqlite.transaction(() => {
      for (let i = 0; i < 3000; i++) ins.run(`企业${i}`);
    })();
    old.opened.close();
    const db = dataPaths(dir).dbFile;
    for (const p of pagesOf(db, 'units')!.slice(5, 7)) zeroPages(db, p, 1);
    const r = await salvage(dir, { now });
    const units = r.tables.find((t) => t.table === 'units')!;
    expect(units.copied).toBeGreaterThan(2800);
    expect(units.copied + (units.lost ?? units.lostAtMost!)).toBe(3000);
    expect(r.tables.some((t) => t.table === 'volumes')).toBe(false); // built at the old version…
    const ctx = openContext(dir, { now });
    try {
      expect(tableCounts(ctx)).toHaveProperty('volumes', 0); // …and migrated when opened
      expect(tableCounts(ctx).units).toBe(units.copied);
    } finally {
      ctx.opened.close();
    }
  });

  it('salvages scribbled bytes in many places', async () => {
    const d = await demoDir({ hazards: 300 });
    const size = fs.statSync(d.db).size;
    scribble(
      d.db,
      Array.from({ length: 12 }, (_, i) => Math.floor(((i + 3) * size) / 16) + 100),
    );
    const r = await salvage(d.dir, { now });
    expect(r.keptAs).toMatch(/损坏的数据库_/);
    expect(diagnose(d.dir, { full: true }).kind).toBe('ok');
  });

  it('refuses what it cannot repair (not a database, another program’s) and changes nothing', async () => {
    const d = await demoDir({ hazards: 10 });
    fs.writeFileSync(d.db, crypto.randomBytes(16 * 1024));
    let before = snapshot(d.dir);
    expect((await codeOf(salvage(d.dir, { now }))).code).toBe('NOT_A_DATABASE');
    expect(snapshot(d.dir)).toEqual(before);
    const foreign = path.join(root, 'foreign-salvage');
    foreignDb(path.join(foreign, 'anwei.db'));
    before = snapshot(foreign);
    expect((await codeOf(salvage(foreign, { now }))).code).toBe('FOREIGN_DATABASE');
    expect(snapshot(foreign)).toEqual(before);
  });
});

describe('automatic backups to choose from', () => {
  it('lists them newest first with date and counts, also when the database is damaged', async () => {
    const d = await demoDir({ hazards: 30 });
    const auto = path.join(dataPaths(d.dir).backupsDir, '自动备份');
    fs.mkdirSync(auto, { recursive: true });
    fs.copyFileSync(d.backup, path.join(auto, '自动备份_20240601-100000.tar'));
    fs.writeFileSync(path.join(auto, '自动备份_20240501-100000.tar'), 'broken');
    zeroPages(d.db, 1, 1);
    const list = listBackups(d.dir);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ kind: 'auto', name: '自动备份_20240601-100000.tar', counts: { hazards: 30 } });
  });
});

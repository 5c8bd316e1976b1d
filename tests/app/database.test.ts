import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findMigrationsFolder, openDb } from '../../db/open';
import { openContext } from '../../core/platform/context';
import { createUnit } from '../../core/units/service';

const tmps: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-db-'));
  tmps.push(d);
  return d;
};
afterEach(() => {
  for (const d of tmps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A migrations folder holding only the first n migrations of the real one. */
function partialMigrations(n: number): string {
  const src = findMigrationsFolder();
  const dst = path.join(tmp(), 'migrations');
  fs.mkdirSync(path.join(dst, 'meta'), { recursive: true });
  const journal = JSON.parse(fs.readFileSync(path.join(src, 'meta', '_journal.json'), 'utf8'));
  journal.entries = journal.entries.slice(0, n);
  fs.writeFileSync(path.join(dst, 'meta', '_journal.json'), JSON.stringify(journal));
  for (const e of journal.entries) fs.copyFileSync(path.join(src, `${e.tag}.sql`), path.join(dst, `${e.tag}.sql`));
  return dst;
}

describe('openDb', () => {
  it('opens with WAL and foreign keys, and applies every migration', () => {
    const dir = tmp();
    const o = openDb(path.join(dir, 'anwei.db'));
    expect(o.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(o.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    const tables = (
      o.sqlite.prepare("select name from sqlite_master where type='table'").all() as { name: string }[]
    ).map((t) => t.name);
    expect(tables).toEqual(
      expect.arrayContaining([
        'units',
        'unit_aliases',
        'notices',
        'notice_requirements',
        'pledges',
        'pledge_attachments',
        'attachments',
        'audit_log',
        'settings',
      ]),
    );
    expect(o.preMigrationBackup).toBeNull(); // a new database needs no copy
    o.close();
  });

  it('copies an existing database aside before migrating it, and keeps its data', () => {
    const dir = tmp();
    const file = path.join(dir, 'anwei.db');
    const old = openDb(file, { migrationsFolder: partialMigrations(1) });
    old.sqlite.prepare("insert into units (name, kind) values ('神垕镇', '乡镇')").run();
    old.close();
    const now = new Date('2024-05-01T08:00:00Z');
    const o = openDb(file, { now: () => now });
    expect(o.preMigrationBackup).toMatch(/迁移前备份-2024-05-01T08-00-00-000Z\.db$/);
    const copy = new Database(o.preMigrationBackup!, { readonly: true });
    expect(copy.prepare('select name from units').all()).toEqual([{ name: '神垕镇' }]);
    expect(copy.prepare("select count(*) n from sqlite_master where name = 'audit_log_no_update'").get()).toEqual({
      n: 0,
    });
    copy.close();
    expect(o.sqlite.prepare('select name from units').all()).toEqual([{ name: '神垕镇' }]);
    expect(o.sqlite.prepare("select count(*) n from sqlite_master where name = 'audit_log_no_update'").get()).toEqual({
      n: 1,
    });
    o.close();
    const again = openDb(file);
    expect(again.preMigrationBackup).toBeNull(); // nothing pending, no copy
    again.close();
  });

  it('keeps the audit log append-only', () => {
    const ctx = openContext(path.join(tmp(), 'data'));
    createUnit(ctx, { name: '神垕镇' });
    expect(() => ctx.sqlite.prepare("update audit_log set actor = 'x'").run()).toThrow(/操作日志不可修改/);
    expect(() => ctx.sqlite.prepare('delete from audit_log').run()).toThrow(/操作日志不可删除/);
    ctx.opened.close();
  });

  it('enforces foreign keys', () => {
    const ctx = openContext(path.join(tmp(), 'data'));
    expect(() =>
      ctx.sqlite
        .prepare(
          "insert into pledges (level, talker_name, talker_title, talkee_name, talkee_unit_id, talkee_title) values (1,'a','b','c',999,'d')",
        )
        .run(),
    ).toThrow(/FOREIGN KEY/);
    ctx.opened.close();
  });
});

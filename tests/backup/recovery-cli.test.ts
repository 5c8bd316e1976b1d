import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli } from '../helpers/cli';
import { foreignDb, pagesOf, snapshot, zeroPages } from './damage';

let dir: string;
let n = 0;
beforeAll(() => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-recovery-cli-'));
}, 300_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A demo data directory and a backup of it, made with the CLI. */
function demo() {
  const data = path.join(dir, `data${++n}`);
  expect(cli(data, 'demo').code).toBe(0);
  const b = cli(data, 'backup', path.join(dir, `usb${n}`), '--json');
  expect(b.code, b.stderr).toBe(0);
  return { data, db: path.join(data, 'anwei.db'), backup: b.json<{ file: string }>().file };
}

const noInternal = (r: { stdout: string; stderr: string }) => {
  expect(r.stderr).not.toContain('程序内部错误');
  expect(r.stderr + r.stdout).not.toContain('SqliteError');
};

describe('CLI on a database that will not open', () => {
  it('check diagnoses in Chinese (exit 1), backup refuses (exit 1), restore restores, check passes again', () => {
    const d = demo();
    const pages = pagesOf(d.db, 'hazards')!;
    for (const p of pages.slice(5, 10)) zeroPages(d.db, p, 1);

    const check = cli(d.data, 'check');
    expect(check.code).toBe(1);
    noInternal(check);
    expect(check.stdout).toContain('【错误】数据库已损坏');
    expect(check.stdout).toContain('restore 备份文件.tar');
    const json = cli(d.data, 'check', '--json');
    expect(json.code).toBe(1);
    expect(json.json()).toMatchObject({ ok: false, diagnosis: { kind: 'damaged' } });

    const backup = cli(d.data, 'backup', path.join(dir, 'usb-bad'));
    expect(backup.code).toBe(1);
    noInternal(backup);
    expect(backup.stderr).toContain('数据库已损坏');

    const restore = cli(d.data, 'restore', d.backup, '--json');
    expect(restore.code, restore.stderr).toBe(0);
    const r = restore.json<{ replaced: string; counts: { hazards: number } }>();
    expect(r.counts.hazards).toBeGreaterThan(0);
    expect(path.basename(r.replaced)).toMatch(/^被恢复替换的数据库_/);
    expect(cli(d.data, 'check').code).toBe(0);
  });

  it('restore over random bytes as anwei.db', () => {
    const d = demo();
    fs.writeFileSync(d.db, crypto.randomBytes(200_000));
    const check = cli(d.data, 'check');
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('数据库文件不是数据库');
    const units = cli(d.data, 'units', 'list');
    expect(units.code).toBe(1);
    noInternal(units);
    expect(cli(d.data, 'restore', d.backup).code).toBe(0);
    expect(cli(d.data, 'check').code).toBe(0);
  });

  it('recover salvages, says what was lost per table and where the damaged file is', () => {
    const d = demo();
    const pages = pagesOf(d.db, 'hazards')!;
    for (const p of pages.slice(5, 10)) zeroPages(d.db, p, 1);
    const r = cli(d.data, 'recover');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/损坏的数据库文件保存在：.*backups.*损坏的数据库_\d{8}-\d{6}\.db/);
    expect(r.stdout).toMatch(/隐患：.*丢失 \d+ 条/);
    expect(cli(d.data, 'check').code).toBe(0);
    const list = cli(d.data, 'hazards', 'list', '--json');
    expect(list.code).toBe(0);
  });

  it('a refused restore leaves the data directory exactly as it was', () => {
    const d = demo();
    const bad = path.join(dir, 'not-a-backup.tar');
    fs.writeFileSync(bad, 'x'.repeat(2048));
    const before = snapshot(d.data);
    const r = cli(d.data, 'restore', bad);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('不能用于恢复');
    expect(snapshot(d.data)).toEqual(before);
  });

  it('--data at another program’s SQLite database is refused and left untouched', () => {
    const data = path.join(dir, 'other-program');
    foreignDb(path.join(data, 'anwei.db'));
    const before = snapshot(data);
    for (const args of [['units', 'list'], ['init'], ['check'], ['recover'], ['backup', path.join(dir, 'x')]]) {
      const r = cli(data, ...args);
      expect(r.code, args.join(' ')).toBe(1);
      noInternal(r);
      expect(r.stderr + r.stdout, args.join(' ')).toContain('其他程序的数据库');
      expect(snapshot(data), args.join(' ')).toEqual(before);
    }
  });

  it('backups list shows the automatic and safety backups with counts', () => {
    const d = demo();
    const auto = path.join(d.data, 'backups', '自动备份');
    fs.mkdirSync(auto, { recursive: true });
    fs.copyFileSync(d.backup, path.join(auto, '自动备份_20240601-100000.tar'));
    const r = cli(d.data, 'backups', 'list');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/隐患 [\d,]+ 条、明白书 \d+ 份、单位 \d+ 个\t.*自动备份_20240601-100000\.tar/);
  });
});

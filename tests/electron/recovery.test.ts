import { EventEmitter } from 'node:events';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MessageBoxOptions } from 'electron';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackup } from '../../core/backup/backup';
import { diagnose } from '../../core/backup/diagnose';
import { openContext } from '../../core/platform/context';
import { fillDemo } from '../../core/demo/service';
import { readConfig } from '../../core/platform/userData';
import { startApp, type ElectronModule } from '../../electron/app';
import { foreignDb, pagesOf, snapshot, zeroPages } from '../backup/damage';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-app-recovery-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let savedEnv: string | undefined;
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  vi.spyOn(console, 'log').mockImplementation(() => {});
  savedEnv = process.env.ANWEI_DATA;
  delete process.env.ANWEI_DATA;
});
afterEach(() => {
  vi.restoreAllMocks();
  if (savedEnv === undefined) delete process.env.ANWEI_DATA;
  else process.env.ANWEI_DATA = savedEnv;
});

let n = 0;
/** A built app layout whose default data directory holds demo data (200 hazards), with one automatic backup. */
async function layout() {
  const root = path.join(tmp, `app${++n}`);
  const appDir = path.join(root, 'dist', 'electron');
  fs.mkdirSync(appDir, { recursive: true });
  const indexHtml = path.join(root, 'dist', 'renderer', 'index.html');
  fs.mkdirSync(path.dirname(indexHtml), { recursive: true });
  fs.writeFileSync(indexHtml, '<!doctype html><title>安委台账</title>');
  const userData = path.join(root, 'userData');
  const dataDir = path.join(userData, 'data');
  const ctx = openContext(dataDir);
  fillDemo(ctx, { hazards: 200 });
  const auto = await createBackup(ctx, path.join(dataDir, 'backups', '自动备份'), { prefix: '自动备份' });
  ctx.opened.close();
  return { root, appDir, userData, dataDir, db: path.join(dataDir, 'anwei.db'), autoBackup: auto.file };
}

/** A fake Electron whose message boxes answer by button label, in order; every box shown is recorded. */
function fakeElectron(userData: string, answers: string[], opened: string[] = []) {
  const boxes: MessageBoxOptions[] = [];
  const windows: unknown[] = [];
  class FakeWindow extends EventEmitter {
    webContents = Object.assign(new EventEmitter(), { setWindowOpenHandler() {} });
    constructor() {
      super();
      windows.push(this);
    }
    isDestroyed() {
      return false;
    }
    async loadURL() {}
  }
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    requestSingleInstanceLock: () => true,
    whenReady: () => Promise.resolve(),
    quit: vi.fn(),
    exit: vi.fn(),
    relaunch: vi.fn(),
    getPath: (name: string) => (name === 'userData' ? userData : path.join(userData, name)),
    getVersion: () => '0.1.0',
    disableHardwareAcceleration: vi.fn(),
    setAppUserModelId: vi.fn(),
  });
  const handlers = new Map<string, unknown>();
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    dialog: {
      showErrorBox: vi.fn(),
      showMessageBox: vi.fn(async (a: unknown, b?: unknown) => {
        const o = (b ?? a) as MessageBoxOptions;
        boxes.push(o);
        const buttons = o.buttons ?? [];
        if (buttons.length <= 1) return { response: 0, checkboxChecked: false };
        const want = answers.shift();
        const i = buttons.findIndex((x) => want !== undefined && x.startsWith(want));
        if (i < 0) throw new Error(`no button ${want} in ${buttons.join(' | ')}`);
        return { response: i, checkboxChecked: false };
      }),
      showOpenDialog: vi.fn(async () => {
        const f = opened.shift();
        return f ? { canceled: false, filePaths: [f] } : { canceled: true, filePaths: [] };
      }),
      showSaveDialog: vi.fn(),
    },
    shell: { openPath: vi.fn(async () => ''), showItemInFolder: vi.fn() },
    ipcMain: {
      handle: (c: string, l: unknown) => handlers.set(c, l),
      removeHandler: (c: string) => handlers.delete(c),
    },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: () => {} },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn(),
        setPermissionCheckHandler: vi.fn(),
        webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
        protocol: { handle: vi.fn() },
      },
    },
    protocol: { registerSchemesAsPrivileged: vi.fn() },
  };
  return { electron: electron as unknown as ElectronModule, fake: electron, boxes, windows, handlers };
}

function damage(db: string) {
  const pages = pagesOf(db, 'hazards')!;
  for (const p of pages.slice(3, 7)) zeroPages(db, p, 1);
}

describe('start-up with a damaged database: recovery mode', () => {
  it('explains in Chinese with the four choices; 退出 changes nothing', async () => {
    const l = await layout();
    damage(l.db);
    const before = snapshot(l.dataDir);
    const f = fakeElectron(l.userData, ['退出']);
    await startApp(f.electron, { appDir: l.appDir });
    const first = f.boxes[0]!;
    expect(first.title).toContain('数据需要恢复');
    expect(first.message).toBe('数据库已损坏');
    expect(first.buttons).toEqual(['从备份恢复', '尝试修复', '打开其他数据目录', '退出']);
    expect(first.detail).toContain('找到 1 份');
    expect(first.detail).toContain('损坏的数据库_日期.db');
    expect(first.detail).not.toContain('复制为 anwei.db');
    expect(f.fake.app.exit).toHaveBeenCalledWith(1);
    expect(f.windows).toHaveLength(0);
    expect(f.handlers.size).toBe(0);
    expect(f.fake.dialog.showErrorBox).not.toHaveBeenCalled();
    expect(snapshot(l.dataDir)).toEqual(before);
  });

  it('从备份恢复 lists the automatic backups with date and counts, restores the chosen one, then opens', async () => {
    const l = await layout();
    damage(l.db);
    const f = fakeElectron(l.userData, ['从备份恢复', '20']);
    await startApp(f.electron, { appDir: l.appDir });
    const list = f.boxes[1]!;
    expect(list.title).toBe('从备份恢复');
    expect(list.buttons![0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}　隐患 200 条、明白书 \d+ 份、单位 \d+ 个$/);
    expect(list.buttons!.slice(-2)).toEqual(['选择文件…', '返回']);
    expect(f.boxes[2]!.message).toBe('已从备份恢复');
    expect(f.boxes[2]!.detail).toMatch(/原来的数据库文件已另存为：.*被恢复替换的数据库_/);
    expect(f.windows).toHaveLength(1);
    expect(f.handlers.size).toBeGreaterThan(10);
    expect(diagnose(l.dataDir, { full: true }).kind).toBe('ok');
    f.fake.app.emit('will-quit');
  });

  it('选择文件… restores a backup picked in the dialog; a bad file is refused and the dialog comes back', async () => {
    const l = await layout();
    fs.writeFileSync(l.db, crypto.randomBytes(50_000));
    const usb = path.join(l.root, 'U盘备份.tar');
    fs.copyFileSync(l.autoBackup, usb);
    const bad = path.join(l.root, '坏备份.tar');
    fs.writeFileSync(bad, 'x'.repeat(4096));
    const f = fakeElectron(l.userData, ['从备份恢复', '选择文件…', '从备份恢复', '选择文件…'], [bad, usb]);
    await startApp(f.electron, { appDir: l.appDir });
    expect(f.boxes[0]!.message).toBe('数据库文件不是数据库');
    expect(f.boxes[0]!.buttons).toEqual(['从备份恢复', '打开其他数据目录', '退出']); // nothing to salvage in random bytes
    const refusal = f.boxes.find((b) => b.message === '未能完成')!;
    expect(refusal.detail).toContain('不能用于恢复');
    expect(f.boxes.at(-1)!.message).toBe('已从备份恢复');
    expect(f.windows).toHaveLength(1);
    f.fake.app.emit('will-quit');
  });

  it('尝试修复 salvages, reports the rows lost per table and where the damaged file is kept, then opens', async () => {
    const l = await layout();
    damage(l.db);
    const f = fakeElectron(l.userData, ['尝试修复']);
    await startApp(f.electron, { appDir: l.appDir });
    const report = f.boxes[1]!;
    expect(report.message).toBe('修复完成，但有记录丢失');
    expect(report.detail).toMatch(/隐患：.*丢失 \d+ 条/);
    expect(report.detail).toMatch(/损坏的数据库文件已另存为：.*backups.*损坏的数据库_\d{8}-\d{6}\.db/);
    expect(f.windows).toHaveLength(1);
    f.fake.app.emit('will-quit');
  });

  it('打开其他数据目录 records the chosen folder and restarts; another program’s database offers only that', async () => {
    const l = await layout();
    fs.rmSync(l.db);
    foreignDb(l.db);
    const before = snapshot(l.dataDir);
    const other = path.join(l.root, '新的数据目录');
    const f = fakeElectron(l.userData, ['打开其他数据目录'], [other]);
    await startApp(f.electron, { appDir: l.appDir });
    expect(f.boxes[0]!.message).toBe('这是其他程序的数据库');
    expect(f.boxes[0]!.buttons).toEqual(['打开其他数据目录', '退出']);
    expect(readConfig(l.userData).dataDir).toBe(other);
    expect(f.fake.app.relaunch).toHaveBeenCalled();
    expect(f.fake.app.exit).toHaveBeenCalledWith(0);
    expect(f.windows).toHaveLength(0);
    expect(snapshot(l.dataDir)).toEqual(before);
  });
});

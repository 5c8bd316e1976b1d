import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from 'electron';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../core/ipc/contract';
import { recordExportedPackage } from '../../core/archivePackage/checkRegistry';
import { openContext } from '../../core/platform/context';
import { buildPackage } from '../helpers/archivePackage';
import { writeConfig } from '../../core/platform/userData';
import { APP_INDEX_URL } from '../../electron/appProtocol';
import { startApp, type ElectronModule } from '../../electron/app';
import { FORBIDDEN_ENVELOPE, type SenderEvent } from '../../electron/ipc';
import { windowOptions } from '../../electron/window';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-app-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

let savedEnv: string | undefined;
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  savedEnv = process.env.ANWEI_DATA;
  delete process.env.ANWEI_DATA;
});
afterEach(() => {
  vi.restoreAllMocks();
  if (savedEnv === undefined) delete process.env.ANWEI_DATA;
  else process.env.ANWEI_DATA = savedEnv;
});

/** A built app layout: <root>/dist/electron (main, preload) and <root>/dist/renderer/index.html. */
function appLayout(name: string, withPage = true) {
  const root = path.join(tmp, name);
  const appDir = path.join(root, 'dist', 'electron');
  fs.mkdirSync(appDir, { recursive: true });
  const indexHtml = path.join(root, 'dist', 'renderer', 'index.html');
  if (withPage) {
    fs.mkdirSync(path.dirname(indexHtml), { recursive: true });
    fs.writeFileSync(indexHtml, '<!doctype html><title>安委台账</title>');
  }
  return { root, appDir, indexHtml, userData: path.join(root, 'userData') };
}

type Listener = (event: SenderEvent, ...args: unknown[]) => unknown;

class FakeContents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.openHandler = h;
  }
}

function fakeElectron(userData: string) {
  const windows: FakeWindow[] = [];
  class FakeWindow extends EventEmitter {
    webContents = new FakeContents();
    loaded: string | null = null;
    minimized = true;
    focused = false;
    constructor(public options: BrowserWindowConstructorOptions) {
      super();
      windows.push(this);
    }
    isDestroyed() {
      return false;
    }
    isMinimized() {
      return this.minimized;
    }
    restore() {
      this.minimized = false;
    }
    show() {}
    focus() {
      this.focused = true;
    }
    async loadURL(u: string) {
      this.loaded = u;
    }
  }
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    lock: true,
    requestSingleInstanceLock: vi.fn(() => app.lock),
    whenReady: vi.fn(() => Promise.resolve()),
    quit: vi.fn(),
    exit: vi.fn(),
    relaunch: vi.fn(),
    getPath: vi.fn((name: string) => (name === 'userData' ? userData : path.join(userData, name))),
    getVersion: () => '0.1.0',
    disableHardwareAcceleration: vi.fn(),
    setAppUserModelId: vi.fn(),
  });
  const handlers = new Map<string, Listener>();
  const ses = {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    webRequest: { onBeforeRequest: vi.fn(), onHeadersReceived: vi.fn() },
    protocol: { handle: vi.fn() },
  };
  let menu: MenuItemConstructorOptions[] | null = null;
  const electron = {
    app,
    BrowserWindow: FakeWindow,
    dialog: {
      showErrorBox: vi.fn(),
      showMessageBox: vi.fn(async () => ({ response: 0, checkboxChecked: false })),
      showOpenDialog: vi.fn(),
      showSaveDialog: vi.fn(),
    },
    shell: { openPath: vi.fn(async () => ''), showItemInFolder: vi.fn() },
    ipcMain: {
      handle: (c: string, l: Listener) => {
        if (handlers.has(c)) throw new Error(`second handler for ${c}`);
        handlers.set(c, l);
      },
      removeHandler: (c: string) => handlers.delete(c),
    },
    Menu: {
      buildFromTemplate: (t: MenuItemConstructorOptions[]) => t,
      setApplicationMenu: (m: MenuItemConstructorOptions[]) => {
        menu = m;
      },
    },
    session: { defaultSession: ses },
    protocol: { registerSchemesAsPrivileged: vi.fn() },
  };
  return {
    electron: electron as unknown as ElectronModule,
    fake: electron,
    windows,
    handlers,
    ses,
    menu: () => menu,
  };
}

describe('startApp', () => {
  it('a second instance quits at once and leaves the first one alone', async () => {
    const l = appLayout('second');
    const f = fakeElectron(l.userData);
    f.fake.app.lock = false;
    await startApp(f.electron, { appDir: l.appDir });
    expect(f.fake.app.quit).toHaveBeenCalled();
    expect(f.fake.app.whenReady).not.toHaveBeenCalled();
    expect(f.windows).toHaveLength(0);
    expect(f.handlers.size).toBe(0);
  });

  it('opens the data directory, registers every channel, hardens the session and loads the page', async () => {
    const l = appLayout('happy');
    const f = fakeElectron(l.userData);
    await startApp(f.electron, { appDir: l.appDir, actor: '张三' });

    // <userData>/data with the database
    const dataDir = path.join(l.userData, 'data');
    expect(fs.existsSync(path.join(dataDir, 'anwei.db'))).toBe(true);

    expect([...f.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(f.ses.setPermissionRequestHandler).toHaveBeenCalledTimes(1);
    expect(f.ses.setPermissionCheckHandler).toHaveBeenCalledTimes(1);
    expect(f.ses.webRequest.onBeforeRequest).toHaveBeenCalledTimes(1);
    expect(f.ses.webRequest.onHeadersReceived).toHaveBeenCalledTimes(1);

    expect(f.windows).toHaveLength(1);
    const win = f.windows[0]!;
    const preload = path.join(l.appDir, 'preload.cjs');
    expect(win.options.webPreferences).toEqual(windowOptions(preload, { devTools: true }).webPreferences);
    expect(win.loaded).toBe(APP_INDEX_URL);
    // app:// is registered before ready and served from dist/renderer only.
    expect(f.fake.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
    expect(f.ses.protocol.handle).toHaveBeenCalledTimes(1);
    const [scheme, serve] = f.ses.protocol.handle.mock.calls[0] as unknown as [
      string,
      (r: Request) => Promise<Response>,
    ];
    expect(scheme).toBe('app');
    const page = await serve(new Request(APP_INDEX_URL));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('安委台账');
    expect((await serve(new Request('app://anwei/../../electron/preload.cjs'))).status).toBe(404);
    expect(win.webContents.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });

    const menu = f.menu()!;
    expect(menu.map((m) => m.label)).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);

    // IPC from the page reaches the real dispatcher; from elsewhere it does not.
    const fromApp: SenderEvent = { senderFrame: { url: `${APP_INDEX_URL}#/` } };
    const info = (await f.handlers.get('app:info')!(fromApp, {})) as { ok: boolean; data: { dataDir: string } };
    expect(info).toMatchObject({ ok: true, data: { dataDir } });
    const created = (await f.handlers.get('units:create')!(fromApp, { name: '城关镇', kind: '乡镇' })) as {
      ok: boolean;
    };
    expect(created.ok).toBe(true);
    expect(await f.handlers.get('units:list')!({ senderFrame: { url: 'https://evil.example/' } }, {})).toEqual(
      FORBIDDEN_ENVELOPE,
    );
    // The page as a file: URL (the old way of loading it) is not the app any more.
    expect(await f.handlers.get('units:list')!({ senderFrame: { url: pathToFileURL(l.indexHtml).href } }, {})).toEqual(
      FORBIDDEN_ENVELOPE,
    );

    // 帮助 → 关于 shows version and data directory.
    const about = (menu[3]!.submenu as MenuItemConstructorOptions[])[0]!;
    (about.click as () => void)();
    const [, opts] = f.fake.dialog.showMessageBox.mock.calls[0] as unknown as [
      unknown,
      { detail: string; title: string },
    ];
    expect(opts.title).toBe('关于安委台账');
    expect(opts.detail).toContain('0.1.0');
    expect(opts.detail).toContain(dataDir);

    // A second launch brings the window back.
    f.fake.app.emit('second-instance');
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(true);

    // Any other web contents is hardened too.
    const other = new FakeContents();
    f.fake.app.emit('web-contents-created', {}, other);
    expect(other.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });

    // Quitting closes the database; later calls get a clear answer instead of a crash.
    f.fake.app.emit('will-quit');
    const after = (await f.handlers.get('app:info')!(fromApp, {})) as { ok: boolean; error: { message: string } };
    expect(after.ok).toBe(false);
    expect(after.error.message).toContain('重新启动');
  });

  it('re-checks exported packages quietly after start-up; a changed file reaches the 工作台 summary', async () => {
    const l = appLayout('recheck');
    const dataDir = path.join(l.userData, 'data');
    const before = openContext(dataDir);
    const p = await buildPackage(l.root);
    recordExportedPackage(before, p.dir);
    before.opened.close();
    fs.appendFileSync(p.items[0]!.pdf, '\n'); // changed while the app was closed

    const f = fakeElectron(l.userData);
    await startApp(f.electron, { appDir: l.appDir, actor: '张三' });
    const fromApp: SenderEvent = { senderFrame: { url: `${APP_INDEX_URL}#/` } };
    type Summary = { ok: boolean; data: { archives: { checkedAt: string | null; changes: { where: string }[] } } };
    const summary = async () => ((await f.handlers.get('home:summary')!(fromApp, {})) as Summary).data.archives;
    expect((await summary()).checkedAt).toBeNull(); // not before the window is up
    await vi.waitFor(async () => expect((await summary()).checkedAt).not.toBeNull(), {
      timeout: 60_000,
      interval: 200,
    });
    expect((await summary()).changes).toEqual([expect.objectContaining({ where: p.dir })]);
    f.fake.app.emit('will-quit');
  });

  it('uses the data directory chosen in 设置 (config.json)', async () => {
    const l = appLayout('chosen');
    const chosen = path.join(l.root, '我的台账');
    writeConfig(l.userData, { dataDir: chosen });
    const f = fakeElectron(l.userData);
    await startApp(f.electron, { appDir: l.appDir, actor: '张三' });
    expect(fs.existsSync(path.join(chosen, 'anwei.db'))).toBe(true);
    f.fake.app.emit('will-quit');
  });

  it('when the database cannot be opened: a Chinese error box that says what to do, then exit', async () => {
    const l = appLayout('broken');
    // The chosen data directory lies under a file (say, a drive letter now taken by something else).
    fs.writeFileSync(path.join(l.root, 'gone'), 'not a folder');
    const dataDir = path.join(l.root, 'gone', '台账');
    writeConfig(l.userData, { dataDir });
    const f = fakeElectron(l.userData);
    await startApp(f.electron, { appDir: l.appDir });
    expect(f.fake.dialog.showErrorBox).toHaveBeenCalledTimes(1);
    const [title, text] = f.fake.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(title).toContain('无法打开数据库');
    expect(text).toContain(`数据目录：${dataDir}`);
    expect(text).toMatch(/出错原因：.*ENOTDIR/);
    expect(text).toContain('写入权限');
    expect(text).toContain(path.join(l.userData, 'config.json'));
    expect(f.fake.app.exit).toHaveBeenCalledWith(1);
    expect(f.windows).toHaveLength(0);
    expect(f.handlers.size).toBe(0);
  });

  it('when the page has not been built: says to run the build, then exit', async () => {
    const l = appLayout('unbuilt', false);
    const f = fakeElectron(l.userData);
    await startApp(f.electron, { appDir: l.appDir });
    const [, text] = f.fake.dialog.showErrorBox.mock.calls[0] as [string, string];
    expect(text).toContain('npm run build');
    expect(f.fake.app.exit).toHaveBeenCalledWith(1);
    expect(f.windows).toHaveLength(0);
  });
});

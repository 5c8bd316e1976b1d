/**
 * The app's life cycle: one instance, open the data directory, register IPC, harden the session, menu and
 * window. Electron is passed in (main.ts passes the real module), so tests drive this with a fake.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type * as ElectronNS from 'electron';
import type { BrowserWindow } from 'electron';
import {
  openContext as realOpenContext,
  dataPaths,
  type AppContext,
  type OpenContextOptions,
} from '../core/platform/context';
import type { OpenedDb } from '../db/open';
import { CHANNELS } from '../core/ipc/contract';
import { dispatch as realDispatch } from '../core/ipc/dispatch';
import { findResourcesDir } from '../core/platform/paths';
import { readConfig, resolveDataDir } from '../core/platform/userData';
import { registerIpc } from './ipc';
import { autoBackup } from '../core/backup/auto';
import { checkData } from '../core/backup/check';
import { autoBackupDir } from '../core/backup/service';
import { diagnose } from '../core/backup/diagnose';
import { applyPendingRestore } from '../core/backup/restore';
import { runRecoveryMode } from './recovery';
import { dataDirInfo } from '../core/platform/dataDir';
import { purgeTrash } from '../core/trash/service';
import { recheckArchives } from '../core/archivePackage/checkRecheck';
import { aboutDetail, menuTemplate } from './menu';
import { electronPorts } from './ports';
import { printPdfFile } from './print';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, appProtocolHandler, isAppUrl } from './appProtocol';
import { createMainWindow, hardenSession, hardenWebContents } from './window';

export const APP_USER_MODEL_ID = 'cn.gov.anwei.taizhang';

/**
 * The quiet check at start-up (no hashing): database integrity, attachments present, and a warning when the
 * data directory sits on a network share. Returns what the clerk should be told.
 */
export function startupChecks(ctx: AppContext, opts: { integrityChecked?: boolean } = {}): string[] {
  const out: string[] = [];
  try {
    if (dataDirInfo(ctx).onNetwork) {
      out.push(`数据目录“${ctx.dataDir}”位于网络共享文件夹上。数据库在网络盘上可能损坏，请在“设置”中改到本机硬盘。`);
    }
    const r = checkData(ctx, { quick: true, integrityChecked: opts.integrityChecked });
    for (const p of r.problems.filter((x) => x.severity === 'error')) out.push(`${p.message}。${p.action}`);
  } catch (e) {
    console.error('[main] 启动检查失败', e);
  }
  return out;
}

export type ElectronModule = Pick<
  typeof ElectronNS,
  'app' | 'BrowserWindow' | 'dialog' | 'shell' | 'ipcMain' | 'Menu' | 'session' | 'protocol'
>;

export interface StartOptions {
  /** Folder of the bundled main.cjs (dist/electron); preload.cjs is beside it, the page in ../renderer. */
  appDir?: string;
  openContext?: (dataDir: string, opts: OpenContextOptions) => AppContext & { opened: OpenedDb };
  dispatch?: typeof realDispatch;
  actor?: string;
  platform?: NodeJS.Platform;
}

export function appPaths(appDir: string) {
  return {
    preload: path.join(appDir, 'preload.cjs'),
    indexHtml: path.join(appDir, '..', 'renderer', 'index.html'),
  };
}

function currentUser(): string {
  try {
    const name = os.userInfo().username;
    return name || '操作员';
  } catch {
    return '操作员';
  }
}

function windowIcon(): string | undefined {
  try {
    const icon = path.join(findResourcesDir(), 'icons', 'icon.png');
    return fs.existsSync(icon) ? icon : undefined;
  } catch {
    return undefined;
  }
}

/** What the clerk reads when the database cannot be opened. */
export function openFailureMessage(e: unknown, dataDir: string, userData: string): string {
  const reason = String((e as Error)?.message ?? e).slice(0, 500);
  const chosen = readConfig(userData).dataDir;
  const lines = [
    `数据目录：${dataDir}`,
    `数据库文件：${dataPaths(dataDir).dbFile}`,
    '',
    `出错原因：${reason}`,
    '',
    '请按以下步骤检查：',
    '1. 确认上述文件夹存在、磁盘未满，并且当前用户有写入权限（数据目录若在 U 盘或移动硬盘上，请先插好）。',
    '2. 确认没有另一台电脑或其他程序正在使用这个数据库；不要把数据目录放在网络共享文件夹上。',
    '3. 数据库文件损坏时，安委台账启动时会提供“从备份恢复”和“尝试修复”；维护人员也可用命令行 check、restore 备份文件.tar、recover（见使用说明“数据恢复”）。',
  ];
  if (process.env.ANWEI_DATA) {
    lines.push(`4. 当前数据目录由环境变量 ANWEI_DATA 指定；去掉该环境变量即可改用默认数据目录。`);
  } else if (chosen) {
    lines.push(
      `4. 当前数据目录是在“设置”中选择的；删除文件 ${path.join(userData, 'config.json')} 后重新启动，即可改用默认数据目录。`,
    );
  }
  lines.push('', '处理后请重新启动安委台账；问题仍在时，请把本提示截图发给维护人员。');
  return lines.join('\n');
}

/**
 * Starts the app. Returns a promise that settles once the window is created (or the start was abandoned),
 * for the tests; main.ts ignores it.
 */
export function startApp(electron: ElectronModule, opts: StartOptions = {}): Promise<void> {
  const { app, BrowserWindow, dialog, shell, ipcMain, Menu, session, protocol } = electron;
  const appDir = opts.appDir ?? __dirname;
  const { preload, indexHtml } = appPaths(appDir);
  const openContext = opts.openContext ?? realOpenContext;
  const dispatch = opts.dispatch ?? realDispatch;
  const platform = opts.platform ?? process.platform;

  // A second launch hands over to the running instance, which comes to the front.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return Promise.resolve();
  }

  if (process.env.ANWEI_NO_GPU === '1') app.disableHardwareAcceleration();
  // app:// must be known before the app is ready (a standard, secure scheme: the page's own origin).
  protocol.registerSchemesAsPrivileged(APP_SCHEME_PRIVILEGES.map((s) => ({ ...s, privileges: { ...s.privileges } })));
  if (platform === 'win32') app.setAppUserModelId(APP_USER_MODEL_ID);

  let win: BrowserWindow | null = null;
  let ctx: (AppContext & { opened: OpenedDb }) | null = null;

  const closeDb = () => {
    if (!ctx) return;
    try {
      ctx.opened.close();
    } catch (e) {
      console.error('[main] 关闭数据库失败', e);
    }
    ctx = null;
  };

  app.on('second-instance', () => {
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
  });
  // Every page the app creates is hardened, not only the main window.
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  // On exit: the rolling automatic backup (at most once a day), then close the database.
  let backedUp = false;
  app.on('before-quit', (event) => {
    if (backedUp || !ctx) return;
    event.preventDefault();
    backedUp = true;
    const current = ctx;
    autoBackup(current, autoBackupDir(current))
      .catch((e) => console.error('[main] 自动备份失败', e))
      .finally(() => app.quit());
  });
  app.on('will-quit', closeDb);

  return app.whenReady().then(async () => {
    const isDev = !app.isPackaged;

    if (!fs.existsSync(indexHtml)) {
      dialog.showErrorBox(
        '安委台账无法启动',
        `找不到界面文件：${indexHtml}\n\n请先运行 npm run build（npm start 会自动完成）。`,
      );
      app.exit(1);
      return;
    }

    const userData = app.getPath('userData');
    const dataDir = resolveDataDir(undefined, userData);
    const ports = electronPorts({
      dialog,
      shell,
      app,
      getWindow: () => win,
      beforeExit: closeDb,
      printPdf: (file, title) => printPdfFile({ BrowserWindow }, file, title),
    });
    // A damaged database (or one that is not ours) opens in recovery mode instead of being refused.
    const recover = async (): Promise<boolean> => {
      const d = diagnose(dataDir);
      if (d.ok || d.kind === 'unreadable-folder') return true;
      console.error(`[main] 数据库需要恢复：${d.title}`, d.details);
      const outcome = await runRecoveryMode(dataDir, d, { dialog, app, userData });
      if (outcome === 'quit') app.exit(1);
      return outcome === 'repaired';
    };
    try {
      applyPendingRestore(dataDir); // a restore staged before the last exit is finished before looking
    } catch (e) {
      console.error('[main] 完成上次的恢复失败', e);
    }
    if (!(await recover())) return;
    try {
      ctx = openContext(dataDir, { actor: opts.actor ?? currentUser(), ports, userDataDir: userData });
    } catch (e) {
      console.error('[main] 打开数据库失败', e);
      const d = diagnose(dataDir);
      if (d.ok || d.kind === 'unreadable-folder') {
        dialog.showErrorBox('安委台账无法打开数据库', openFailureMessage(e, dataDir, userData));
        app.exit(1);
        return;
      }
      if (!(await recover())) return;
      try {
        ctx = openContext(dataDir, { actor: opts.actor ?? currentUser(), ports, userDataDir: userData });
      } catch (e2) {
        dialog.showErrorBox('安委台账无法打开数据库', openFailureMessage(e2, dataDir, userData));
        app.exit(1);
        return;
      }
    }
    if (ctx.opened.preMigrationBackup) {
      console.log(`[main] 数据库已升级，升级前的备份：${ctx.opened.preMigrationBackup}`);
    }
    const startupWarnings = startupChecks(ctx, { integrityChecked: true }); // diagnose() ran quick_check
    try {
      purgeTrash(ctx);
    } catch (e) {
      console.error('[main] 清理回收站失败', e);
    }

    registerIpc(ipcMain, {
      channels: CHANNELS,
      isAllowedSender: (url) => isAppUrl(url),
      dispatch: (channel, input) => {
        if (!ctx) {
          return Promise.resolve({
            ok: false,
            error: { code: 'INTERNAL', message: '数据库已关闭，请重新启动安委台账' },
          });
        }
        return dispatch(ctx, channel, input);
      },
      onRejected: (channel, url) => console.warn(`[ipc] 拒绝来自 ${url ?? '未知页面'} 的请求 ${channel}`),
    });

    hardenSession(session.defaultSession);
    // The page and its files are served from dist/renderer only (appProtocol.ts refuses anything outside).
    session.defaultSession.protocol.handle(APP_SCHEME, appProtocolHandler(path.dirname(indexHtml)));

    const showAbout = () => {
      const options = {
        type: 'info' as const,
        title: '关于安委台账',
        message: '安委台账',
        detail: aboutDetail({ version: app.getVersion(), dataDir, electron: process.versions.electron }),
        buttons: ['确定'],
        noLink: true,
      };
      void (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
    };
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ isDev, onAbout: showAbout })));

    win = createMainWindow(BrowserWindow, { preloadPath: preload, devTools: isDev, icon: windowIcon() });
    win.on('closed', () => {
      win = null;
    });
    // Sealed volumes and exported packages are re-hashed quietly in the background once the window is up; the
    // 工作台 shows what changed (core/archivePackage/checkRecheck.ts).
    const checking = ctx;
    setTimeout(() => {
      if (ctx !== checking) return;
      recheckArchives(checking).catch((e) => console.error('[main] 启动时核对封卷和电子档案失败', e));
    }, 3000).unref?.();
    if (startupWarnings.length) {
      const shown = win;
      shown.once('ready-to-show', () => {
        void dialog.showMessageBox(shown, {
          type: 'warning',
          title: '安委台账',
          message: '启动检查发现需要注意的问题',
          detail: startupWarnings.join('\n\n'),
          buttons: ['知道了'],
          noLink: true,
        });
      });
    }
  });
}

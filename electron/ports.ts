/**
 * The Ports of core/platform/context.ts backed by Electron: file dialogs, the system shell and restarting.
 * Electron's modules are passed in, so the tests use fakes.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { App, BaseWindow, Dialog, OpenDialogOptions, SaveDialogOptions, Shell } from 'electron';
import type { Ports } from '../core/platform/context';
import { AppError } from '../core/platform/errors';

export interface PortsDeps {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  shell: Pick<Shell, 'openPath' | 'showItemInFolder'>;
  app: Pick<App, 'relaunch' | 'exit' | 'getPath'>;
  /** The window dialogs belong to (modal to it); null when there is none. */
  getWindow: () => BaseWindow | null;
  /** Runs just before the app exits to restart (closes the database). */
  beforeExit?: () => void;
  /** Delay before exiting on relaunch, so the IPC reply reaches the page first (ms). */
  exitDelayMs?: number;
  /** Prints a PDF file (electron/print.ts printPdfFile with the real BrowserWindow). */
  printPdf?: (file: string, title: string) => Promise<boolean>;
}

export function electronPorts(deps: PortsDeps): Ports {
  let lastSaveDir: string | null = null;

  function openDialog(options: OpenDialogOptions) {
    const win = deps.getWindow();
    return win ? deps.dialog.showOpenDialog(win, options) : deps.dialog.showOpenDialog(options);
  }

  return {
    async pickFiles({ title, filters, multiple }) {
      const r = await openDialog({
        title,
        filters,
        properties: multiple ? ['openFile', 'multiSelections', 'dontAddToRecent'] : ['openFile', 'dontAddToRecent'],
      });
      return r.canceled ? [] : r.filePaths;
    },

    async pickSavePath({ title, defaultName, filters }) {
      let dir = lastSaveDir;
      if (!dir) {
        try {
          dir = deps.app.getPath('documents');
        } catch {
          dir = null;
        }
      }
      const options: SaveDialogOptions = {
        title,
        defaultPath: dir ? path.join(dir, defaultName) : defaultName,
        filters,
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      };
      const win = deps.getWindow();
      const r = win ? await deps.dialog.showSaveDialog(win, options) : await deps.dialog.showSaveDialog(options);
      if (r.canceled || !r.filePath) return null;
      lastSaveDir = path.dirname(r.filePath);
      return r.filePath;
    },

    async openPath(file) {
      if (!fs.existsSync(file)) {
        throw new AppError('NOT_FOUND', `文件不存在：${file}`);
      }
      // shell.openPath resolves to an error message, or to '' when the file was opened.
      const err = await deps.shell.openPath(file);
      if (err) {
        throw new AppError(
          'FILE_INVALID',
          `无法打开“${path.basename(file)}”：电脑上可能没有能打开此类文件的程序。请安装相应软件（如 PDF 阅读器）后再试，或在文件夹中找到它手动打开。（系统提示：${err}）`,
        );
      }
    },

    async showInFolder(file) {
      if (!fs.existsSync(file)) {
        throw new AppError('NOT_FOUND', `文件不存在：${file}`);
      }
      deps.shell.showItemInFolder(file);
    },

    async pickFolder({ title }) {
      const r = await openDialog({ title, properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'] });
      return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
    },

    async printPdf(file, { title }) {
      if (!fs.existsSync(file)) {
        throw new AppError('NOT_FOUND', `文件不存在：${file}`);
      }
      if (!deps.printPdf)
        throw new AppError('VALIDATION', '此环境不能打印：请点击“另存为…”保存 PDF 后用 PDF 阅读器打印');
      return deps.printPdf(file, title);
    },

    async relaunch() {
      deps.app.relaunch();
      // Reply to the page first, then close the database and exit; the new instance starts after this one exits.
      setTimeout(() => {
        try {
          deps.beforeExit?.();
        } finally {
          deps.app.exit(0);
        }
      }, deps.exitDelayMs ?? 300);
    },
  };
}

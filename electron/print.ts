/**
 * 打印 from the in-app preview: a hidden window loads the PDF (Chromium's PDF viewer) and its web contents
 * print it through the system print dialog. Thin glue: the PDF was made and written by core (print:pdf); the
 * BrowserWindow class is passed in, so tests drive this with a fake Electron.
 */
import { pathToFileURL } from 'node:url';
import type { BrowserWindowConstructorOptions, WebContentsPrintOptions } from 'electron';
import { AppError } from '../core/platform/errors';

/** The part of a BrowserWindow the print glue uses. */
export interface PrintWindowLike {
  loadURL(url: string): Promise<void>;
  webContents: {
    print(options: WebContentsPrintOptions, callback: (success: boolean, failureReason: string) => void): void;
  };
  isDestroyed(): boolean;
  destroy(): void;
}

export interface PrintDeps {
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => PrintWindowLike;
}

/** The hidden window's options: never shown, sandboxed, no Node, the PDF viewer plugin on. */
export function printWindowOptions(title: string): BrowserWindowConstructorOptions {
  return {
    show: false,
    title,
    width: 900,
    height: 1200,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      plugins: true,
      devTools: false,
      spellcheck: false,
    },
  };
}

/**
 * Prints a PDF file through the system print dialog; true when it went to the printer, false when the clerk
 * cancelled the dialog. The window is destroyed afterwards either way.
 */
export async function printPdfFile(deps: PrintDeps, file: string, title: string): Promise<boolean> {
  const win = new deps.BrowserWindow(printWindowOptions(title));
  try {
    await win.loadURL(pathToFileURL(file).href);
    return await new Promise<boolean>((resolve, reject) => {
      win.webContents.print({ silent: false, printBackground: true }, (success, failureReason) => {
        if (success) resolve(true);
        else if (!failureReason || /cancel/i.test(failureReason)) resolve(false);
        else
          reject(
            new AppError(
              'FILE_INVALID',
              `打印失败（${failureReason}）：请检查打印机是否已连接并开机，或点击“另存为…”保存 PDF 后用 PDF 阅读器打印`,
            ),
          );
      });
    });
  } finally {
    if (!win.isDestroyed()) win.destroy();
  }
}

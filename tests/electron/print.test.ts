/**
 * The print glue (electron/print.ts) with a fake Electron: a hidden, sandboxed window loads the PDF as a file
 * URL, prints it through the system dialog, and is destroyed whether the clerk printed, cancelled or the printer
 * failed (a Chinese error with what to do); electronPorts.printPdf checks the file and delegates.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { BrowserWindowConstructorOptions, WebContentsPrintOptions } from 'electron';
import { isAppError } from '../../core/platform/errors';
import { electronPorts, type PortsDeps } from '../../electron/ports';
import { printPdfFile, type PrintDeps } from '../../electron/print';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-print-'));
const pdf = path.join(dir, '催报 通知.pdf');
fs.writeFileSync(pdf, '%PDF-1.4\n');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function fakeElectron(outcome: { success: boolean; reason: string } | 'load-fails') {
  const made: FakeWindow[] = [];
  class FakeWindow {
    loaded: string[] = [];
    printed: WebContentsPrintOptions[] = [];
    destroyed = false;
    constructor(public options: BrowserWindowConstructorOptions) {
      made.push(this);
    }
    async loadURL(url: string) {
      if (outcome === 'load-fails') throw new Error('ERR_FILE_NOT_FOUND');
      this.loaded.push(url);
    }
    webContents = {
      print: (o: WebContentsPrintOptions, cb: (success: boolean, reason: string) => void) => {
        this.printed.push(o);
        if (outcome !== 'load-fails') setTimeout(() => cb(outcome.success, outcome.reason), 1);
      },
    };
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return { deps: { BrowserWindow: FakeWindow } as unknown as PrintDeps, made };
}

describe('printPdfFile', () => {
  it('prints the file in a hidden sandboxed window, then destroys it', async () => {
    const { deps, made } = fakeElectron({ success: true, reason: '' });
    expect(await printPdfFile(deps, pdf, '催报通知')).toBe(true);
    expect(made).toHaveLength(1);
    const w = made[0]!;
    expect(w.options).toMatchObject({
      show: false,
      title: '催报通知',
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true },
    });
    expect(w.options.webPreferences?.preload).toBeUndefined();
    expect(w.loaded).toEqual([pathToFileURL(pdf).href]);
    expect(w.printed).toEqual([{ silent: false, printBackground: true }]);
    expect(w.destroyed).toBe(true);
  });

  it('cancelled print dialog: false, window destroyed', async () => {
    const { deps, made } = fakeElectron({ success: false, reason: 'cancelled' });
    expect(await printPdfFile(deps, pdf, '明白书')).toBe(false);
    expect(made[0]!.destroyed).toBe(true);
  });

  it('a printer failure is a Chinese AppError saying what to do; window destroyed', async () => {
    const { deps, made } = fakeElectron({ success: false, reason: 'Print job failed' });
    const e = await printPdfFile(deps, pdf, '明白书').catch((x: unknown) => x);
    expect(isAppError(e)).toBe(true);
    expect((e as Error).message).toMatch(/^打印失败（Print job failed）：请检查打印机.*另存为/);
    expect(made[0]!.destroyed).toBe(true);
  });

  it('a PDF that does not load: the error propagates, nothing printed, window destroyed', async () => {
    const { deps, made } = fakeElectron('load-fails');
    await expect(printPdfFile(deps, pdf, 'x')).rejects.toThrow('ERR_FILE_NOT_FOUND');
    expect(made[0]!.printed).toEqual([]);
    expect(made[0]!.destroyed).toBe(true);
  });
});

describe('electronPorts.printPdf', () => {
  const base = {
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn() },
    shell: { openPath: vi.fn(), showItemInFolder: vi.fn() },
    app: { relaunch: vi.fn(), exit: vi.fn(), getPath: vi.fn(() => dir) },
    getWindow: () => null,
  };

  it('delegates an existing file with its title', async () => {
    const printPdf = vi.fn(async () => true);
    const ports = electronPorts({ ...base, printPdf } as unknown as PortsDeps);
    expect(await ports.printPdf(pdf, { title: '催报通知' })).toBe(true);
    expect(printPdf).toHaveBeenCalledWith(pdf, '催报通知');
  });

  it('a missing file is NOT_FOUND, the printer is not asked', async () => {
    const printPdf = vi.fn(async () => true);
    const ports = electronPorts({ ...base, printPdf } as unknown as PortsDeps);
    await expect(ports.printPdf(path.join(dir, 'gone.pdf'), { title: 'x' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(printPdf).not.toHaveBeenCalled();
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../core/platform/errors';
import { electronPorts, type PortsDeps } from '../../electron/ports';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-ports-'));
const pdf = path.join(dir, '明白书.pdf');
fs.writeFileSync(pdf, '%PDF-1.4\n');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.useRealTimers());

function fakeDeps(over: Partial<Record<'open' | 'save' | 'openPath', unknown>> = {}) {
  const win = { id: 1 };
  const calls: { open: unknown[][]; save: unknown[][] } = { open: [], save: [] };
  const deps = {
    dialog: {
      showOpenDialog: vi.fn(async (...args: unknown[]) => {
        calls.open.push(args);
        return over.open ?? { canceled: false, filePaths: ['/a/1.jpg', '/a/2.pdf'] };
      }),
      showSaveDialog: vi.fn(async (...args: unknown[]) => {
        calls.save.push(args);
        return over.save ?? { canceled: false, filePath: '/docs/out/明白书.pdf' };
      }),
    },
    shell: {
      openPath: vi.fn(async () => (over.openPath as string | undefined) ?? ''),
      showItemInFolder: vi.fn(),
    },
    app: { relaunch: vi.fn(), exit: vi.fn(), getPath: vi.fn(() => '/home/clerk/Documents') },
    getWindow: () => win,
    beforeExit: vi.fn(),
  };
  return { deps, calls, win };
}

describe('electronPorts', () => {
  it('pickFiles: modal to the window, multiple selection, filters; [] when cancelled', async () => {
    const { deps, calls, win } = fakeDeps();
    const ports = electronPorts(deps as unknown as PortsDeps);
    const filters = [{ name: '扫描件', extensions: ['jpg', 'pdf'] }];
    expect(await ports.pickFiles({ title: '选择扫描件', filters, multiple: true })).toEqual(['/a/1.jpg', '/a/2.pdf']);
    const [w, opts] = calls.open[0] as [unknown, { title: string; filters: unknown; properties: string[] }];
    expect(w).toBe(win);
    expect(opts.title).toBe('选择扫描件');
    expect(opts.filters).toEqual(filters);
    expect(opts.properties).toContain('openFile');
    expect(opts.properties).toContain('multiSelections');

    await ports.pickFiles({ title: 't', filters, multiple: false });
    expect((calls.open[1]![1] as { properties: string[] }).properties).not.toContain('multiSelections');

    const cancelled = electronPorts(fakeDeps({ open: { canceled: true, filePaths: [] } }).deps as unknown as PortsDeps);
    expect(await cancelled.pickFiles({ title: 't', filters, multiple: true })).toEqual([]);
  });

  it('pickSavePath: suggests the name in Documents, then the last folder used; null when cancelled', async () => {
    const { deps, calls } = fakeDeps();
    const ports = electronPorts(deps as unknown as PortsDeps);
    const filters = [{ name: 'PDF', extensions: ['pdf'] }];
    expect(await ports.pickSavePath({ title: '保存', defaultName: '明白书.pdf', filters })).toBe(
      '/docs/out/明白书.pdf',
    );
    expect((calls.save[0]![1] as { defaultPath: string }).defaultPath).toBe(
      path.join('/home/clerk/Documents', '明白书.pdf'),
    );
    await ports.pickSavePath({ title: '保存', defaultName: '二.pdf', filters });
    expect((calls.save[1]![1] as { defaultPath: string }).defaultPath).toBe(path.join('/docs/out', '二.pdf'));

    const cancelled = electronPorts(fakeDeps({ save: { canceled: true, filePath: '' } }).deps as unknown as PortsDeps);
    expect(await cancelled.pickSavePath({ title: '保存', defaultName: 'x.pdf', filters })).toBeNull();
  });

  it('openPath: resolves when the shell opened the file, throws a Chinese AppError when it could not', async () => {
    const ok = fakeDeps();
    await expect(electronPorts(ok.deps as unknown as PortsDeps).openPath(pdf)).resolves.toBeUndefined();
    expect(ok.deps.shell.openPath).toHaveBeenCalledWith(pdf);

    const failing = electronPorts(fakeDeps({ openPath: 'Failed to open path' }).deps as unknown as PortsDeps);
    const err = await failing.openPath(pdf).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('FILE_INVALID');
    expect((err as AppError).message).toContain('无法打开“明白书.pdf”');
    expect((err as AppError).message).toContain('Failed to open path');

    const missing = await electronPorts(ok.deps as unknown as PortsDeps)
      .openPath(path.join(dir, '没有.pdf'))
      .catch((e: unknown) => e);
    expect((missing as AppError).code).toBe('NOT_FOUND');
  });

  it('showInFolder and pickFolder', async () => {
    const { deps, calls } = fakeDeps({ open: { canceled: false, filePaths: ['/mnt/d/台账'] } });
    const ports = electronPorts(deps as unknown as PortsDeps);
    await ports.showInFolder(pdf);
    expect(deps.shell.showItemInFolder).toHaveBeenCalledWith(pdf);
    expect(await ports.pickFolder({ title: '选择数据目录' })).toBe('/mnt/d/台账');
    expect((calls.open[0]![1] as { properties: string[] }).properties).toContain('openDirectory');
    const cancelled = electronPorts(fakeDeps({ open: { canceled: true, filePaths: [] } }).deps as unknown as PortsDeps);
    expect(await cancelled.pickFolder({ title: 't' })).toBeNull();
  });

  it('relaunch: schedules a restart, closes the database, then exits — after the reply has gone out', async () => {
    vi.useFakeTimers();
    const { deps } = fakeDeps();
    const ports = electronPorts(deps as unknown as PortsDeps);
    await ports.relaunch();
    expect(deps.app.relaunch).toHaveBeenCalledTimes(1);
    expect(deps.app.exit).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1000);
    expect(deps.beforeExit).toHaveBeenCalledTimes(1);
    expect(deps.app.exit).toHaveBeenCalledWith(0);
    expect(deps.beforeExit.mock.invocationCallOrder[0]!).toBeLessThan(deps.app.exit.mock.invocationCallOrder[0]!);
  });
});

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../core/ipc/contract';
import { exposeApi } from '../../electron/expose';

const ROOT = path.resolve(__dirname, '..', '..');
const BUNDLE = path.join(ROOT, 'dist', 'electron', 'preload.cjs');

interface Api {
  channels: readonly string[];
  invoke(channel: string, input?: unknown): Promise<unknown>;
}

function fakes() {
  const exposed = new Map<string, unknown>();
  const contextBridge = {
    exposeInMainWorld: vi.fn((key: string, value: unknown) => {
      exposed.set(key, value);
    }),
  };
  const ipcRenderer = {
    invoke: vi.fn(async (channel: string, input: unknown) => ({ ok: true, data: [channel, input] })),
  };
  return { exposed, contextBridge, ipcRenderer };
}

describe('exposeApi', () => {
  it('exposes window.api and nothing else', () => {
    const f = fakes();
    exposeApi(f.contextBridge, f.ipcRenderer as never);
    expect(f.contextBridge.exposeInMainWorld).toHaveBeenCalledTimes(1);
    expect([...f.exposed.keys()]).toEqual(['api']);
    const api = f.exposed.get('api') as Api;
    expect(Object.keys(api).sort()).toEqual(['channels', 'invoke']);
    expect([...api.channels]).toEqual(CHANNELS);
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('forwards contract channels to ipcRenderer.invoke and refuses others without sending', async () => {
    const f = fakes();
    exposeApi(f.contextBridge, f.ipcRenderer as never);
    const api = f.exposed.get('api') as Api;
    await expect(api.invoke('units:list', { search: '镇' })).resolves.toEqual({
      ok: true,
      data: ['units:list', { search: '镇' }],
    });
    await expect(api.invoke('app:info')).resolves.toEqual({ ok: true, data: ['app:info', {}] });
    const r = (await api.invoke('fs:readFile', { path: '/etc/passwd' })) as { ok: boolean; error: { code: string } };
    expect(r).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(f.ipcRenderer.invoke).toHaveBeenCalledTimes(2);
  });
});

describe('the built preload bundle', () => {
  beforeAll(() => {
    if (!fs.existsSync(BUNDLE)) {
      const r = spawnSync(process.execPath, ['scripts/build.mjs', 'node', '--quiet'], { cwd: ROOT, stdio: 'pipe' });
      if (r.status !== 0) throw new Error(`build failed: ${r.stderr}`);
    }
  }, 600_000);

  it('runs in a sandbox-like context that only offers require("electron"), and exposes only api', async () => {
    const f = fakes();
    const required: string[] = [];
    const sandbox = {
      module: { exports: {} },
      exports: {},
      require: (id: string) => {
        required.push(id);
        if (id === 'electron') return { contextBridge: f.contextBridge, ipcRenderer: f.ipcRenderer };
        throw new Error(`module not found in sandboxed preload: ${id}`);
      },
      console,
    };
    sandbox.exports = sandbox.module.exports;
    vm.runInNewContext(fs.readFileSync(BUNDLE, 'utf8'), sandbox, { filename: BUNDLE });
    expect(required).toEqual(['electron']);
    expect([...f.exposed.keys()]).toEqual(['api']);
    const api = f.exposed.get('api') as Api;
    expect([...api.channels]).toEqual(CHANNELS);
    await api.invoke('settings:get');
    expect(f.ipcRenderer.invoke).toHaveBeenCalledWith('settings:get', {});
  });
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { openContext } from '../../core/platform/context';
import { CHANNELS } from '../../core/ipc/contract';
import { dispatch } from '../../core/ipc/dispatch';
import { FORBIDDEN_ENVELOPE, registerIpc, senderUrl, type IpcMainLike, type SenderEvent } from '../../electron/ipc';
import { APP_INDEX_URL, isAppUrl } from '../../electron/appProtocol';

const APP_URL = APP_INDEX_URL;

type Listener = (event: SenderEvent, ...args: unknown[]) => unknown;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipc: IpcMainLike & { handlers: Map<string, Listener> } = {
    handlers,
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      handlers.set(channel, listener);
    },
    removeHandler(channel) {
      handlers.delete(channel);
    },
  };
  return ipc;
}

const fromApp: SenderEvent = { senderFrame: { url: `${APP_URL}#/pledges` } };

describe('registerIpc', () => {
  it('registers exactly one handler per channel of the contract', () => {
    const ipc = fakeIpcMain();
    const unregister = registerIpc(ipc, {
      channels: CHANNELS,
      isAllowedSender: (u) => isAppUrl(u),
      dispatch: async () => ({ ok: true, data: null }),
    });
    expect(CHANNELS.length).toBeGreaterThan(10);
    expect([...ipc.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });

  it('passes calls from the app page to the dispatcher with channel and input', async () => {
    const ipc = fakeIpcMain();
    const seen: unknown[] = [];
    registerIpc(ipc, {
      channels: CHANNELS,
      isAllowedSender: (u) => isAppUrl(u),
      dispatch: async (channel, input) => {
        seen.push([channel, input]);
        return { ok: true, data: 42 };
      },
    });
    const r = await ipc.handlers.get('units:list')!(fromApp, { search: '镇' });
    expect(r).toEqual({ ok: true, data: 42 });
    expect(seen).toEqual([['units:list', { search: '镇' }]]);
  });

  it('refuses calls from any other page without dispatching', async () => {
    const ipc = fakeIpcMain();
    const dispatchSpy = vi.fn(async () => ({ ok: true as const, data: null }));
    const rejected: unknown[] = [];
    registerIpc(ipc, {
      channels: CHANNELS,
      isAllowedSender: (u) => isAppUrl(u),
      dispatch: dispatchSpy,
      onRejected: (c, u) => rejected.push([c, u]),
    });
    const h = ipc.handlers.get('units:create')!;
    const foreign: SenderEvent[] = [
      { senderFrame: { url: 'https://evil.example/' } },
      { senderFrame: { url: 'file:///tmp/index.html' } },
      { senderFrame: { url: 'about:blank' } },
      { senderFrame: null },
      {},
      {
        get senderFrame(): { url: string } {
          throw new Error('Render frame was disposed before WebFrameMain could be accessed');
        },
      },
    ];
    for (const ev of foreign) {
      const r = (await h(ev, { name: '某镇' })) as { ok: boolean; error?: { code: string; message: string } };
      expect(r).toEqual(FORBIDDEN_ENVELOPE);
      expect(r.ok).toBe(false);
      expect(r.error!.code).toBe('FORBIDDEN');
      expect(r.error!.message).toMatch(/拒绝/);
    }
    expect(dispatchSpy).not.toHaveBeenCalled();
    expect(rejected[0]).toEqual(['units:create', 'https://evil.example/']);
    expect(rejected).toHaveLength(foreign.length);
  });

  it('reads the sender URL defensively', () => {
    expect(senderUrl({ senderFrame: { url: APP_URL } })).toBe(APP_URL);
    expect(senderUrl({ senderFrame: null })).toBeUndefined();
    expect(senderUrl({ senderFrame: { url: 42 as unknown as string } })).toBeUndefined();
  });
});

describe('registerIpc with the real dispatcher and database', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-ipc-'));
  const ctx = openContext(path.join(dir, 'data'), { actor: '测试' });
  afterAll(() => {
    ctx.opened.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const ipc = fakeIpcMain();
  registerIpc(ipc, {
    channels: CHANNELS,
    isAllowedSender: (u) => isAppUrl(u),
    dispatch: (c, i) => dispatch(ctx, c, i),
  });

  it('answers app:info, validates input and writes nothing for a foreign sender', async () => {
    const info = (await ipc.handlers.get('app:info')!(fromApp, {})) as { ok: boolean; data: { dataDir: string } };
    expect(info.ok).toBe(true);
    expect(info.data.dataDir).toBe(path.join(dir, 'data'));

    const bad = (await ipc.handlers.get('units:create')!(fromApp, { name: 1 })) as {
      ok: boolean;
      error: { code: string };
    };
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    const refused = await ipc.handlers.get('units:create')!(
      { senderFrame: { url: 'https://evil.example/' } },
      { name: '外来单位' },
    );
    expect(refused).toEqual(FORBIDDEN_ENVELOPE);
    const list = (await ipc.handlers.get('units:list')!(fromApp, {})) as { ok: boolean; data: unknown };
    expect(list.ok).toBe(true);
    expect(JSON.stringify(list.data)).not.toContain('外来单位');
  });
});

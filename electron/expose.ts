/**
 * What the preload exposes: window.api and nothing else. Electron's contextBridge and ipcRenderer are passed
 * in, so the tests use fakes.
 */
import type { ContextBridge, IpcRenderer } from 'electron';
import { makeApi } from '../core/ipc/bridge';
import { CHANNELS } from '../core/ipc/contract';

export function exposeApi(
  contextBridge: Pick<ContextBridge, 'exposeInMainWorld'>,
  ipcRenderer: Pick<IpcRenderer, 'invoke'>,
  channels: readonly string[] = CHANNELS,
): void {
  contextBridge.exposeInMainWorld(
    'api',
    makeApi((channel, input) => ipcRenderer.invoke(channel, input), channels),
  );
}

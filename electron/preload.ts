// Preload of the sandboxed window (bundled to dist/electron/preload.cjs; only 'electron' stays external).
import { contextBridge, ipcRenderer } from 'electron';
import { exposeApi } from './expose';

exposeApi(contextBridge, ipcRenderer);

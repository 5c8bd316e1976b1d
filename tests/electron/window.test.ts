import { EventEmitter } from 'node:events';
import type { BrowserWindow, BrowserWindowConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { APP_INDEX_URL } from '../../electron/appProtocol';
import { CSP } from '../../electron/security';
import { createMainWindow, hardenSession, hardenWebContents, windowOptions } from '../../electron/window';

const APP_URL = APP_INDEX_URL;

describe('windowOptions', () => {
  it('isolates the page: context isolation, sandbox, no Node, web security on', () => {
    const o = windowOptions('/app/dist/electron/preload.cjs');
    const wp = o.webPreferences!;
    expect(wp.preload).toBe('/app/dist/electron/preload.cjs');
    expect(wp.contextIsolation).toBe(true);
    expect(wp.sandbox).toBe(true);
    expect(wp.nodeIntegration).toBe(false);
    expect(wp.nodeIntegrationInWorker).toBe(false);
    expect(wp.nodeIntegrationInSubFrames).toBe(false);
    expect(wp.webSecurity).toBe(true);
    expect(wp.allowRunningInsecureContent).toBe(false);
    expect(wp.webviewTag).toBe(false);
    expect(wp.spellcheck).toBe(false);
    expect(wp.devTools).toBe(false);
    expect(wp).not.toHaveProperty('experimentalFeatures');
    expect(wp).not.toHaveProperty('enableBlinkFeatures');
  });

  it('has the title, a minimum size and shows only when painted', () => {
    const o = windowOptions('/p.cjs', { devTools: true, icon: '/i.png' });
    expect(o.title).toBe('安委台账');
    expect(o.show).toBe(false);
    expect(o.minWidth).toBeGreaterThanOrEqual(1000);
    expect(o.minHeight).toBeGreaterThanOrEqual(600);
    expect(o.width!).toBeGreaterThanOrEqual(o.minWidth!);
    expect(o.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
    expect(o.icon).toBe('/i.png');
    expect(o.webPreferences!.devTools).toBe(true);
  });
});

class FakeContents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  url = APP_URL;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.openHandler = h;
  }
  getURL() {
    return this.url;
  }
  /** Emits like Electron: an Event object carrying the params; true when the default was prevented. */
  fire(name: string, params: object = {}): boolean {
    let prevented = false;
    const event = {
      ...params,
      preventDefault: () => (prevented = true),
      get defaultPrevented() {
        return prevented;
      },
    };
    this.emit(name, event);
    return prevented;
  }
}

describe('hardenWebContents', () => {
  const c = new FakeContents();
  hardenWebContents(c as never);

  it('never opens new windows', () => {
    expect(c.openHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(c.openHandler!({ url: APP_URL })).toEqual({ action: 'deny' });
  });

  it('blocks navigation away from the app page', () => {
    expect(c.fire('will-navigate', { url: 'https://example.com/' })).toBe(true);
    expect(c.fire('will-navigate', { url: 'file:///etc/passwd' })).toBe(true);
    expect(c.fire('will-navigate', { url: 'file:///app/dist/renderer/index.html' })).toBe(true);
    expect(c.fire('will-navigate', { url: 'app://anwei/other.html' })).toBe(true);
    expect(c.fire('will-redirect', { url: 'https://example.com/' })).toBe(true);
    expect(c.fire('will-navigate', { url: `${APP_URL}#/units` })).toBe(false);
  });

  it('refuses <webview>', () => {
    expect(c.fire('will-attach-webview')).toBe(true);
  });
});

type RequestHandler = (wc: unknown, p: string, cb: (ok: boolean) => void, d: unknown) => void;
type CheckHandler = (wc: unknown, p: string, origin: string, d: unknown) => boolean;
type WebRequestListener = (d: unknown, cb: (r: unknown) => void) => void;

function fakeSession() {
  const s: {
    request: RequestHandler | null;
    check: CheckHandler | null;
    before: { filter: { urls: string[] }; fn: WebRequestListener } | null;
    headers: WebRequestListener | null;
  } = { request: null, check: null, before: null, headers: null };
  const ses = {
    setPermissionRequestHandler(h: RequestHandler) {
      s.request = h;
    },
    setPermissionCheckHandler(h: CheckHandler) {
      s.check = h;
    },
    webRequest: {
      onBeforeRequest(filter: { urls: string[] }, fn: WebRequestListener) {
        s.before = { filter, fn };
      },
      onHeadersReceived(fn: WebRequestListener) {
        s.headers = fn;
      },
    },
  };
  return { s, ses };
}

describe('hardenSession', () => {
  const { s, ses } = fakeSession();
  hardenSession(ses as never);
  const contents = new FakeContents();

  it('denies permission requests and checks', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen']) {
      const cb = vi.fn();
      s.request!(contents, p, cb, { requestingUrl: APP_URL, isMainFrame: true });
      expect(cb, p).toHaveBeenCalledWith(false);
      expect(s.check!(contents, p, 'file:///', { requestingUrl: APP_URL, isMainFrame: true }), p).toBe(false);
    }
    const cb = vi.fn();
    s.request!(contents, 'clipboard-sanitized-write', cb, { requestingUrl: 'https://example.com/', isMainFrame: true });
    expect(cb).toHaveBeenCalledWith(false);
    expect(s.check!(null, 'clipboard-sanitized-write', '', { isMainFrame: true })).toBe(false);
    expect(
      s.check!(contents, 'clipboard-sanitized-write', 'file:///', { requestingUrl: APP_URL, isMainFrame: true }),
    ).toBe(true);
  });

  it('cancels every network request', () => {
    expect(s.before!.filter.urls).toEqual(
      expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']),
    );
    const cb = vi.fn();
    s.before!.fn({ url: 'https://example.com/x.js' }, cb);
    expect(cb).toHaveBeenCalledWith({ cancel: true });
  });

  it('adds the CSP header to responses', () => {
    const cb = vi.fn();
    s.headers!({ url: APP_URL, responseHeaders: { 'X-Other': ['1'] } }, cb);
    expect(cb).toHaveBeenCalledWith({ responseHeaders: { 'X-Other': ['1'], 'Content-Security-Policy': [CSP] } });
    const devtools = vi.fn();
    s.headers!({ url: 'devtools://devtools/bundled/devtools_app.html', responseHeaders: {} }, devtools);
    expect(devtools).toHaveBeenCalledWith({});
  });
});

describe('createMainWindow', () => {
  it('creates the window with the secure options, hardens it, loads the page and shows it when ready', async () => {
    const created: FakeWindow[] = [];
    class FakeWindow extends EventEmitter {
      webContents = new FakeContents();
      shown = false;
      loaded: string | null = null;
      constructor(public options: BrowserWindowConstructorOptions) {
        super();
        created.push(this);
      }
      show() {
        this.shown = true;
      }
      async loadURL(u: string) {
        this.loaded = u;
      }
    }
    const win = createMainWindow(FakeWindow as unknown as new (o: BrowserWindowConstructorOptions) => BrowserWindow, {
      preloadPath: '/app/dist/electron/preload.cjs',
      devTools: false,
    });
    const fw = created[0]!;
    expect(win).toBe(fw);
    expect(fw.options).toEqual(windowOptions('/app/dist/electron/preload.cjs', { devTools: false }));
    expect(fw.loaded).toBe(APP_INDEX_URL);
    expect(fw.shown).toBe(false);
    fw.emit('ready-to-show');
    expect(fw.shown).toBe(true);
    expect(fw.webContents.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(fw.webContents.fire('will-navigate', { url: 'https://example.com/' })).toBe(true);
  });
});

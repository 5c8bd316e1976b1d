/**
 * The main window and the hardening of every page and session. Electron objects are passed in (never
 * imported at run time here), so the tests drive these functions with fakes under Node.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { APP_INDEX_URL } from './appProtocol';
import { BLOCKED_REQUEST_URLS, isAppUrl, permissionAllowed, withCspHeader } from './security';

export const WINDOW_TITLE = '安委台账';
export const BACKGROUND_COLOR = '#f5f5f5';

/** The secure options of the app window. */
export function windowOptions(
  preloadPath: string,
  opts: { devTools?: boolean; icon?: string } = {},
): BrowserWindowConstructorOptions {
  return {
    title: WINDOW_TITLE,
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    backgroundColor: BACKGROUND_COLOR,
    autoHideMenuBar: false,
    ...(opts.icon ? { icon: opts.icon } : {}),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      devTools: opts.devTools ?? false,
    },
  };
}

type ContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Applies to every web contents (the window and anything it might create): no new windows, no navigation
 * away from the app's page, no <webview>. Links are never opened automatically, not even in the browser.
 */
export function hardenWebContents(contents: ContentsLike): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
}

type SessionLike = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  webRequest: Pick<Session['webRequest'], 'onHeadersReceived' | 'onBeforeRequest'>;
};

/** Denies permissions (see ALLOWED_PERMISSIONS), blocks network requests and adds the CSP header. */
export function hardenSession(ses: SessionLike): void {
  ses.setPermissionRequestHandler((contents, permission, callback, details) => {
    callback(permissionAllowed(permission, details?.requestingUrl ?? contents?.getURL?.()));
  });
  ses.setPermissionCheckHandler((contents, permission, _origin, details) =>
    permissionAllowed(permission, details?.requestingUrl ?? contents?.getURL?.()),
  );
  ses.webRequest.onBeforeRequest({ urls: BLOCKED_REQUEST_URLS }, (_details, callback) => {
    callback({ cancel: true });
  });
  ses.webRequest.onHeadersReceived((details, callback) => {
    // DevTools (development only) brings its own policy.
    if (/^(devtools|chrome|chrome-extension):/i.test(details.url)) callback({});
    else callback({ responseHeaders: withCspHeader(details.responseHeaders) });
  });
}

export interface MainWindowOptions {
  preloadPath: string;
  devTools: boolean;
  icon?: string;
}

/** Creates the main window, shows it when it has painted and loads the app's page (app://anwei/index.html). */
export function createMainWindow(
  BrowserWindowCtor: new (options: BrowserWindowConstructorOptions) => BrowserWindow,
  opts: MainWindowOptions,
): BrowserWindow {
  const win = new BrowserWindowCtor(windowOptions(opts.preloadPath, { devTools: opts.devTools, icon: opts.icon }));
  hardenWebContents(win.webContents);
  win.once('ready-to-show', () => {
    win.show();
  });
  // Keep the product name as the title whatever the page says.
  win.on('page-title-updated', (event) => event.preventDefault());
  // The page comes through the app:// protocol (appProtocol.ts), never as a file: URL.
  void win.loadURL(APP_INDEX_URL).catch((e: unknown) => {
    console.error('[window] 加载界面失败', e);
  });
  return win;
}

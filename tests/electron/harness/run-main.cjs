// Runs the bundled main process (dist/electron/main.cjs, or a packaged app's) under plain Node with a fake
// 'electron' module, then drives a few IPC calls and prints one JSON line with what happened.
//   node run-main.cjs <main.cjs> <userData dir> [resourcesPath]
'use strict';
const Module = require('node:module');
const { EventEmitter } = require('node:events');
const path = require('node:path');

const [mainFile, userData, resourcesPath] = process.argv.slice(2);
if (resourcesPath) process.resourcesPath = resourcesPath;

const report = { errors: [], handlers: [], windows: [], menu: null, calls: {} };
const handlers = new Map();
let readyResolve;
const ready = new Promise((r) => (readyResolve = r));

class FakeContents extends EventEmitter {
  setWindowOpenHandler(h) {
    this.openHandler = h;
  }
}
class BrowserWindow extends EventEmitter {
  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeContents();
    report.windows.push({ webPreferences: options.webPreferences, title: options.title, icon: options.icon ?? null });
  }
  isDestroyed() {
    return false;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  show() {}
  focus() {}
  async loadURL(u) {
    report.loaded = u;
    readyResolve();
  }
}
const app = Object.assign(new EventEmitter(), {
  isPackaged: !!resourcesPath,
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  quit: () => {},
  exit: (code) => {
    report.exitCode = code;
    readyResolve();
  },
  relaunch: () => {},
  getPath: (name) => (name === 'userData' ? userData : path.join(userData, name)),
  getVersion: () => '0.0.0-test',
  disableHardwareAcceleration: () => {},
  setAppUserModelId: () => {},
});
const fakeElectron = {
  app,
  BrowserWindow,
  dialog: {
    showErrorBox: (title, text) => report.errors.push({ title, text }),
    showMessageBox: async () => ({ response: 0 }),
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true }),
  },
  shell: { openPath: async () => '', showItemInFolder: () => {} },
  ipcMain: {
    handle: (c, l) => handlers.set(c, l),
    removeHandler: (c) => handlers.delete(c),
  },
  Menu: {
    buildFromTemplate: (t) => t,
    setApplicationMenu: (m) => (report.menu = m.map((i) => i.label)),
  },
  session: {
    defaultSession: {
      setPermissionRequestHandler: () => {},
      setPermissionCheckHandler: () => {},
      webRequest: { onBeforeRequest: () => {}, onHeadersReceived: () => {} },
      protocol: { handle: (scheme, handler) => (report.protocolHandler = { scheme, handler }) },
    },
  },
  protocol: { registerSchemesAsPrivileged: (schemes) => (report.schemes = schemes) },
};

const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'electron') return fakeElectron;
  return load.call(this, request, parent, isMain);
};

require(path.resolve(mainFile));

ready
  .then(async () => {
    report.handlers = [...handlers.keys()].sort();
    if (report.loaded) {
      const fromApp = { senderFrame: { url: report.loaded } };
      if (report.protocolHandler) {
        const served = await report.protocolHandler.handler(new Request(report.loaded));
        report.served = {
          scheme: report.protocolHandler.scheme,
          status: served.status,
          type: served.headers.get('content-type'),
          length: (await served.text()).length,
        };
        delete report.protocolHandler;
      }
      const call = (c, input, ev = fromApp) => handlers.get(c)(ev, input);
      report.calls.info = await call('app:info', {});
      report.calls.createUnit = await call('units:create', { name: '城关镇', kind: '乡镇' });
      report.calls.units = await call('units:list', {});
      report.calls.foreign = await call('units:list', {}, { senderFrame: { url: 'https://evil.example/' } });
      app.emit('will-quit');
    }
    process.stdout.write(`${JSON.stringify(report)}\n`);
    process.exit(0);
  })
  .catch((e) => {
    process.stdout.write(`${JSON.stringify({ ...report, crash: String(e && e.stack ? e.stack : e) })}\n`);
    process.exit(1);
  });

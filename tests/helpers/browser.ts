/**
 * Browser-test harness: the built renderer (dist/renderer) served over a tiny static HTTP server, headless
 * Chromium through playwright-core, and a fresh data directory opened with the real migrations. The page talks to
 * the real dispatcher through the very bridge the preload installs (makeApi + CHANNELS), so what is tested here
 * is the app minus Electron's window and dialogs (replaced by test ports).
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { openContext, type AppContext, type Ports } from '../../core/platform/context';
import { makeApi } from '../../core/ipc/bridge';
import { CHANNELS } from '../../core/ipc/contract';
import { dispatch } from '../../core/ipc/dispatch';

export const ROOT = path.resolve(__dirname, '..', '..');

/**
 * How long a browser test waits for something to appear before it fails. Generous on purpose: every wait
 * returns as soon as its condition holds, so only a failing test ever waits this long, and a shared CI machine
 * under load (load average 10+ on 2 cores) must not turn slowness into failures.
 */
export const WAIT_MS = 90_000;

/** Waits until the first match is visible. */
export async function visible(l: Locator, timeout = WAIT_MS): Promise<Locator> {
  await l.first().waitFor({ state: 'visible', timeout });
  return l;
}

/** Polls `fn` until it is true; fails naming `what`. */
export async function until(what: string, fn: () => Promise<boolean> | boolean, timeout = WAIT_MS): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`等待超时：${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
export const DIST = path.join(ROOT, 'dist', 'renderer');
export const SCREENSHOTS = path.join(ROOT, 'tests', 'screenshots');
export const SCANS = path.join(ROOT, 'tests', 'fixtures', 'scans');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

/** Serves `dir` read-only on 127.0.0.1 at a random port. */
export async function serveStatic(dir: string): Promise<{ url: string; close(): Promise<void> }> {
  const root = path.resolve(dir);
  const server = http.createServer((req, res) => {
    const urlPath = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = path.resolve(root, `.${urlPath === '/' ? '/index.html' : urlPath}`);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.readFile(file, (err, body) => {
      if (err) {
        res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
        return;
      }
      res.writeHead(200, {
        'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Electron's dialogs and shell, scripted by the test. */
export interface TestPorts extends Ports {
  /** Files the next pickFiles() returns (then the queue is cleared), as if chosen in the dialog. */
  queueFiles(...files: string[]): void;
  savedPaths: string[];
  opened: string[];
  shownInFolder: string[];
  /** What pickFolder() returns (null: the dialog was cancelled); set it before the click that opens the dialog. */
  folder: string | null;
  /** Titles of the folder dialogs opened so far. */
  folderRequests: string[];
  /** PDFs sent to the printer (print:pdf): the file, its bytes at the time and the title. */
  printed: { file: string; bytes: Buffer; title: string }[];
}

export function makeTestPorts(outDir: string): TestPorts {
  let queue: string[] = [];
  const ports: TestPorts = {
    savedPaths: [],
    opened: [],
    shownInFolder: [],
    folder: null,
    folderRequests: [],
    printed: [],
    queueFiles(...files) {
      queue = files;
    },
    async pickFiles() {
      const f = queue;
      queue = [];
      return f;
    },
    async pickSavePath(opts) {
      const p = path.join(outDir, `${ports.savedPaths.length + 1}-${opts.defaultName}`);
      ports.savedPaths.push(p);
      return p;
    },
    async openPath(f) {
      ports.opened.push(f);
    },
    async showInFolder(f) {
      ports.shownInFolder.push(f);
    },
    async pickFolder(opts) {
      ports.folderRequests.push(opts.title);
      return ports.folder;
    },
    async relaunch() {},
    async printPdf(file, { title }) {
      ports.printed.push({ file, bytes: fs.readFileSync(file), title });
      return true;
    },
  };
  return ports;
}

/**
 * The preload's bridge as page source. Under vitest the function is transformed; if the transform wrapped it
 * with a helper such as __name (keepNames), the helper is defined as a no-op so the source stays runnable.
 */
export function bridgeScript(): string {
  const src = makeApi.toString();
  const helpers = /\b__name\(/.test(src) ? 'var __name = (f) => f;\n' : '';
  return `${helpers}window.api = (${src})((c, i) => window.__anweiInvoke(c, i), ${JSON.stringify(CHANNELS)});`;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface Harness {
  ctx: AppContext & { opened: { close(): void } };
  ports: TestPorts;
  page: Page;
  baseUrl: string;
  tmp: string;
  /** console errors and uncaught page errors seen so far. */
  errors: string[];
  open(hash: string): Promise<void>;
  screenshot(name: string, opts?: { toasts?: boolean }): Promise<string>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  actor?: string;
  /**
   * Load the page from file:// like Electron's loadFile does, instead of over HTTP. Chromium refuses module
   * scripts and workers from file:// unless told otherwise; Electron allows them for the app's own files, so
   * the browser gets --allow-file-access-from-files to match.
   */
  fileUrl?: boolean;
}

export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  if (!fs.existsSync(path.join(DIST, 'index.html'))) {
    throw new Error(
      `界面尚未构建：找不到 ${path.join(DIST, 'index.html')}。请先运行 node scripts/build.mjs renderer（npm test 会自动构建）。`,
    );
  }
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-browser-'));
  const outDir = path.join(tmp, 'out');
  fs.mkdirSync(outDir);
  const ports = makeTestPorts(outDir);
  const userDataDir = path.join(tmp, 'userData');
  fs.mkdirSync(userDataDir);
  const ctx = openContext(path.join(tmp, 'data'), { ports, actor: opts.actor ?? '测试', userDataDir });

  const server = await serveStatic(DIST);
  let browser: Browser | null = null;
  let context: BrowserContext | null = null;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: opts.fileUrl ? [...CHROMIUM_ARGS, '--allow-file-access-from-files'] : CHROMIUM_ARGS,
    });
    context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      deviceScaleFactor: 1,
      locale: 'zh-CN',
      // The app turns antd's animations off for reduced motion: faster, steadier tests and screenshots.
      reducedMotion: 'reduce',
      // The page and the services must agree on "today" (dates in the future are refused).
      timezoneId: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
  } catch (e) {
    await browser?.close();
    await server.close();
    ctx.opened.close();
    throw e;
  }
  await context.exposeBinding('__anweiInvoke', (_src, channel: unknown, input: unknown) =>
    dispatch(ctx, channel, input),
  );
  await context.addInitScript({ content: bridgeScript() });
  const page = await context.newPage();
  // Waits end as soon as what they wait for is there; the ceiling only has to hold on a loaded machine.
  page.setDefaultTimeout(WAIT_MS);

  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console.error: ${msg.text()} (${msg.location().url || 'page'})`);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  page.on('requestfailed', (req) => {
    // A lazy page chunk whose request the browser itself cancelled (the clerk moved on before it arrived) is
    // not a failure; anything else that fails to load is.
    const why = req.failure()?.errorText ?? '';
    if (why === 'net::ERR_ABORTED' && /\/assets\/[^/]+\.(js|css)$/.test(new URL(req.url()).pathname)) return;
    errors.push(`requestfailed: ${req.url()} ${why}`);
  });

  const h: Harness = {
    ctx,
    ports,
    page,
    baseUrl: server.url,
    tmp,
    errors,
    async open(hash) {
      // A fresh document every time (a hash-only change would keep the previous page's drawers and state).
      await page.goto('about:blank');
      await page.goto(
        `${opts.fileUrl ? pathToFileURL(path.join(DIST, 'index.html')).href : `${server.url}/index.html`}${hash}`,
      );
      await page.locator('.shell-header').waitFor();
    },
    async screenshot(name, opts = {}) {
      const file = path.join(SCREENSHOTS, `${name}.png`);
      // Let the last render and image decoding settle.
      await page.waitForTimeout(150);
      // Transient toasts would cover the page header; hide them unless the shot is about one.
      await page.screenshot({
        path: file,
        style: opts.toasts ? undefined : '.ant-message { display: none !important; }',
      });
      return file;
    },
    async close() {
      await context?.close().catch(() => {});
      await browser?.close().catch(() => {});
      await server.close();
      ctx.opened.close();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
  return h;
}

// ---------------------------------------------------------------------------------------------------------------
// antd helpers: the popups render in portals, so options are found on the page, in the visible dropdown.

/** Opens an antd Select and clicks the option whose text contains `text` (typing it first to filter). */
export async function chooseOption(
  page: Page,
  select: Locator,
  text: string,
  opts: { type?: string } = {},
): Promise<void> {
  await select.click();
  if (opts.type !== undefined) await page.keyboard.type(opts.type);
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
    .filter({ hasText: text })
    .first();
  await option.click();
  await option.waitFor({ state: 'hidden' }).catch(() => {});
}

/** Types a date (YYYY-MM-DD) into an antd DatePicker input and confirms it. */
export async function fillDate(input: Locator, value: string): Promise<void> {
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** The Form.Item (label + control + messages) whose label is exactly `label`, inside `scope`. */
export function formItem(scope: Locator | Page, label: string): Locator {
  return scope
    .locator('.ant-form-item')
    .filter({ has: scope.locator('.ant-form-item-label label', { hasText: new RegExp(`^${label}$`) }) });
}

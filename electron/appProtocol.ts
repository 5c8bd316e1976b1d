/**
 * The app's own URL scheme. The page is served as app://anwei/… from dist/renderer instead of file://, so the
 * page has a real origin of its own (CSP 'self' means only the app's files, not the whole disk), a file: URL
 * elsewhere on the disk can never pass for the app, and the renderer folder is the only thing it can read.
 * Plain functions without a runtime import of Electron, so the tests drive them under Node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { CSP } from './csp';

export const APP_SCHEME = 'app';
export const APP_HOST = 'anwei';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_INDEX_URL = `${APP_ORIGIN}/index.html`;

/** For protocol.registerSchemesAsPrivileged, before the app is ready: a standard, secure scheme. */
export const APP_SCHEME_PRIVILEGES = [
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true },
  },
] as const;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
};

export function mimeOf(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The file under `root` that an app:// URL names, or null: another host or scheme, a path that leaves the
 * folder (also when encoded: %2e%2e, %2f, %5c), NUL characters, or a malformed URL.
 */
export function resolveAppRequest(url: string, root: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  if (rel === '/' || rel === '') rel = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${rel}`);
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  return file;
}

export interface AppResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
}

/** Answers one request of the page: the file with its type and the CSP, or 404 (never a directory listing). */
export async function serveAppRequest(url: string, root: string): Promise<AppResponse> {
  const file = resolveAppRequest(url, root);
  const notFound: AppResponse = {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: '找不到该文件',
  };
  if (!file) return notFound;
  try {
    const st = await fs.promises.stat(file);
    if (!st.isFile()) return notFound;
    const body = await fs.promises.readFile(file);
    return {
      status: 200,
      headers: { 'content-type': mimeOf(file), 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' },
      body,
    };
  } catch {
    return notFound;
  }
}

/** The handler for protocol.handle(APP_SCHEME, …): a fetch Request in, a fetch Response out. */
export function appProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    const r = await serveAppRequest(request.url, root);
    return new Response(typeof r.body === 'string' ? r.body : new Uint8Array(r.body), {
      status: r.status,
      headers: r.headers,
    });
  };
}

/** True when `url` is the app's own page (app://anwei/index.html, with any query or hash). */
export function isAppUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || url === '') return false;
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST && (u.pathname === '/index.html' || u.pathname === '/');
}

/**
 * Security policy of the app window, as plain data and pure functions (no runtime import of Electron, so the
 * tests run under Node).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The Content-Security-Policy of the renderer. renderer/index.html carries the same policy in a meta tag
 * (tests/electron/security.test.ts checks they agree); the main process also sends it as a response header.
 * 'unsafe-inline' styles: antd (CSS-in-JS) injects <style> elements. blob: workers: the PDF preview.
 */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** Parses a CSP into directive → sorted sources, for comparing policies regardless of spacing and order. */
export function parseCsp(policy: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (!name) continue;
    out.set(name.toLowerCase(), sources.sort());
  }
  return out;
}

/** Turns a file: URL into a comparable absolute path (without query and hash); null for anything else. */
function filePathOf(url: string, platform: NodeJS.Platform): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  // A host is only meaningful on Windows (UNC paths, file://server/share/…), where fileURLToPath keeps it;
  // elsewhere fileURLToPath refuses any host but localhost.
  if (u.protocol !== 'file:') return null;
  u.search = '';
  u.hash = '';
  let p: string;
  try {
    p = fileURLToPath(u.href, { windows: platform === 'win32' });
  } catch {
    return null;
  }
  const norm = platform === 'win32' ? path.win32.normalize(p) : path.posix.normalize(p);
  return platform === 'win32' ? norm.toLowerCase() : norm;
}

/**
 * True when `url` is the app's own page: the file: URL of `indexHtml` (dist/renderer/index.html), with any
 * query or hash. Used to check IPC senders and navigations.
 */
export function isAppUrl(url: string | null | undefined, indexHtml: string, platform: NodeJS.Platform = process.platform): boolean {
  if (typeof url !== 'string' || url === '') return false;
  const got = filePathOf(url, platform);
  if (got === null) return false;
  const want =
    platform === 'win32' ? path.win32.normalize(indexHtml).toLowerCase() : path.posix.normalize(indexHtml);
  return got === want;
}

/**
 * Permissions the page may use: only writing plain text to the clipboard (a 复制 button), and only from the
 * app's own page. Camera, microphone, notifications, geolocation, opening external apps and the rest: no.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function permissionAllowed(permission: string, requestingUrl: string | null | undefined, indexHtml: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl, indexHtml);
}

/**
 * The app never talks to the network: every http(s)/ws(s) request from the page is cancelled. Devtools
 * (development only) and the app's own files are not affected.
 */
export const BLOCKED_REQUEST_URLS = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

/** Adds the CSP header to a response's headers (replacing any the response had). */
export function withCspHeader(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    if (k.toLowerCase() !== 'content-security-policy') out[k] = v;
  }
  out['Content-Security-Policy'] = [CSP];
  return out;
}

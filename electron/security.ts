/**
 * Security policy of the app window, as plain data and pure functions (no runtime import of Electron, so the
 * tests run under Node).
 */
import { isAppUrl } from './appProtocol';
import { CSP } from './csp';

export { CSP, parseCsp } from './csp';
export { isAppUrl } from './appProtocol';

/**
 * Permissions the page may use: only writing plain text to the clipboard (a 复制 button), and only from the
 * app's own page. Camera, microphone, notifications, geolocation, opening external apps and the rest: no.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function permissionAllowed(permission: string, requestingUrl: string | null | undefined): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && isAppUrl(requestingUrl);
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

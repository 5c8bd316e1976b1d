/**
 * The Content-Security-Policy of the renderer (shared by the app:// protocol handler and the session).
 * renderer/index.html carries the same policy in a meta tag
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

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ALLOWED_PERMISSIONS, CSP, isAppUrl, parseCsp, permissionAllowed, withCspHeader } from '../../electron/security';

const ROOT = path.resolve(__dirname, '..', '..');

function metaCsp(html: string): string {
  const m = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*\/?>/i.exec(html);
  if (!m) throw new Error('renderer/index.html has no CSP meta tag');
  return m[1]!;
}

describe('Content-Security-Policy', () => {
  const csp = parseCsp(CSP);

  it('is strict: nothing by default, scripts only from the app, no eval, no plugins', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(CSP).not.toContain('unsafe-eval');
    expect(CSP).not.toMatch(/https?:/);
    // Nothing may load from anywhere but the app itself (and inline data for images, fonts, PDF workers).
    for (const [directive, sources] of csp) {
      for (const s of sources) {
        expect([`'self'`, `'none'`, `'unsafe-inline'`, 'data:', 'blob:'], `${directive} ${s}`).toContain(s);
      }
      if (directive !== 'style-src') expect(sources, directive).not.toContain(`'unsafe-inline'`);
    }
  });

  it('is the very policy of the meta tag in renderer/index.html', () => {
    const html = fs.readFileSync(path.join(ROOT, 'renderer', 'index.html'), 'utf8');
    expect(parseCsp(metaCsp(html))).toEqual(csp);
  });

  it('is the policy of the built page when there is one', () => {
    const built = path.join(ROOT, 'dist', 'renderer', 'index.html');
    if (!fs.existsSync(built)) return;
    expect(parseCsp(metaCsp(fs.readFileSync(built, 'utf8')))).toEqual(csp);
  });

  it('is sent as a header, replacing any policy the response had', () => {
    const h = withCspHeader({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] });
    expect(h).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CSP] });
    expect(withCspHeader(undefined)).toEqual({ 'Content-Security-Policy': [CSP] });
  });

  it('parses policies regardless of spacing and order', () => {
    expect(parseCsp(" script-src  'self' ;default-src 'none';")).toEqual(
      new Map([
        ['script-src', ["'self'"]],
        ['default-src', ["'none'"]],
      ]),
    );
  });
});

describe('isAppUrl: only the app’s own page', () => {
  const index = '/opt/安委台账/resources/app.asar/dist/renderer/index.html';
  const url = pathToFileURL(index).href;

  it('accepts the page, with a hash or query', () => {
    expect(url).toMatch(/^file:\/\/\/opt\/%E5%AE%89/);
    expect(isAppUrl(url, index, 'linux')).toBe(true);
    expect(isAppUrl(`${url}#/pledges?id=3`, index, 'linux')).toBe(true);
    expect(isAppUrl(`${url}?x=1`, index, 'linux')).toBe(true);
    expect(isAppUrl('file:///opt/安委台账/resources/app.asar/dist/renderer/index.html', index, 'linux')).toBe(true);
  });

  it('rejects other files, other schemes, hosts and garbage', () => {
    for (const bad of [
      'file:///opt/安委台账/resources/app.asar/dist/renderer/other.html',
      'file:///opt/安委台账/resources/app.asar/dist/renderer/',
      'file:///tmp/index.html',
      'file:///opt/%E5%AE%89%E5%A7%94%E5%8F%B0%E8%B4%A6/resources/app.asar/dist/renderer/../../../../../tmp/index.html',
      'file://evil.example/opt/安委台账/resources/app.asar/dist/renderer/index.html',
      'https://example.com/index.html',
      'http://localhost:5173/',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      'data:text/html,<script>1</script>',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(bad, index, 'linux'), bad).toBe(false);
    }
    expect(isAppUrl(undefined, index, 'linux')).toBe(false);
    expect(isAppUrl(null, index, 'linux')).toBe(false);
  });

  it('compares Windows paths without regard to case or slash style', () => {
    const win = 'C:\\Program Files\\安委台账\\resources\\app.asar\\dist\\renderer\\index.html';
    expect(isAppUrl('file:///C:/Program%20Files/%E5%AE%89%E5%A7%94%E5%8F%B0%E8%B4%A6/resources/app.asar/dist/renderer/index.html', win, 'win32')).toBe(true);
    expect(isAppUrl('file:///c:/program files/安委台账/resources/app.asar/dist/renderer/index.html#/', win, 'win32')).toBe(true);
    expect(isAppUrl('file:///D:/Program%20Files/安委台账/resources/app.asar/dist/renderer/index.html', win, 'win32')).toBe(false);
    expect(isAppUrl('file://server/share/index.html', win, 'win32')).toBe(false);
    // Installed on a network share (UNC path).
    const unc = '\\\\server\\share\\安委台账\\resources\\app.asar\\dist\\renderer\\index.html';
    expect(isAppUrl('file://server/share/%E5%AE%89%E5%A7%94%E5%8F%B0%E8%B4%A6/resources/app.asar/dist/renderer/index.html', unc, 'win32')).toBe(true);
    expect(isAppUrl('file://other/share/安委台账/resources/app.asar/dist/renderer/index.html', unc, 'win32')).toBe(false);
    expect(isAppUrl('file:///share/安委台账/resources/app.asar/dist/renderer/index.html', unc, 'win32')).toBe(false);
  });
});

describe('permissions', () => {
  const index = '/app/dist/renderer/index.html';
  const url = pathToFileURL(index).href;

  it('grants only sanitized clipboard writes, only to the app page', () => {
    expect([...ALLOWED_PERMISSIONS]).toEqual(['clipboard-sanitized-write']);
    expect(permissionAllowed('clipboard-sanitized-write', url, index)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'https://example.com/', index)).toBe(false);
    for (const p of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fileSystem', 'fullscreen', 'unknown']) {
      expect(permissionAllowed(p, url, index), p).toBe(false);
    }
  });
});

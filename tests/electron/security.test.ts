import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, appProtocolHandler, resolveAppRequest, serveAppRequest } from '../../electron/appProtocol';
import {
  ALLOWED_PERMISSIONS,
  CSP,
  isAppUrl,
  parseCsp,
  permissionAllowed,
  withCspHeader,
} from '../../electron/security';

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
    const h = withCspHeader({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] });
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

describe('isAppUrl: only the app’s own page (app://anwei/index.html)', () => {
  it('accepts the page, with a hash or query', () => {
    expect(isAppUrl(APP_INDEX_URL)).toBe(true);
    expect(isAppUrl(`${APP_INDEX_URL}#/pledges?id=3`)).toBe(true);
    expect(isAppUrl(`${APP_INDEX_URL}?x=1`)).toBe(true);
    expect(isAppUrl('app://anwei/')).toBe(true);
  });

  it('rejects other files, other schemes, hosts and garbage — a file: URL never passes for the app', () => {
    for (const bad of [
      'app://anwei/other.html',
      'app://anwei/assets/index.js',
      'app://evil/index.html',
      'app://anwei.evil/index.html',
      'file:///opt/安委台账/resources/app.asar/dist/renderer/index.html',
      'file:///tmp/index.html',
      'https://example.com/index.html',
      'https://anwei/index.html',
      'http://localhost:5173/',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      'data:text/html,<script>1</script>',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(bad), bad).toBe(false);
    }
    expect(isAppUrl(undefined)).toBe(false);
    expect(isAppUrl(null)).toBe(false);
  });
});

describe('the app:// protocol serves dist/renderer and nothing else', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-proto-'));
  fs.mkdirSync(path.join(root, 'renderer', 'assets'), { recursive: true });
  fs.writeFileSync(path.join(root, 'renderer', 'index.html'), '<!doctype html><title>安委台账</title>');
  fs.writeFileSync(path.join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  fs.writeFileSync(path.join(root, 'secret.txt'), '机密');
  const dir = path.join(root, 'renderer');
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('answers the page and its assets with their types and the CSP', async () => {
    const page = await serveAppRequest(APP_INDEX_URL, dir);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.headers['content-security-policy']).toBe(CSP);
    expect(String(page.body)).toContain('安委台账');
    const js = await serveAppRequest('app://anwei/assets/app.js?v=1#x', dir);
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect((await serveAppRequest('app://anwei/', dir)).status).toBe(200);
  });

  it('refuses everything outside the folder, other hosts and missing files with 404', async () => {
    for (const bad of [
      'app://anwei/../secret.txt',
      'app://anwei/%2e%2e/secret.txt',
      'app://anwei/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://anwei/..%5csecret.txt',
      'app://anwei/assets%00/app.js',
      'app://anwei/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd',
      'app://anwei/missing.js',
      'app://anwei/assets',
    ]) {
      const r = await serveAppRequest(bad, dir);
      expect(r.status, bad).toBe(404);
      expect(String(r.body), bad).not.toContain('机密');
    }
    // The URL parser folds dot segments (also encoded ones) before we see them: what is left stays in the folder.
    expect(resolveAppRequest('app://anwei/%2e%2e/secret.txt', dir)).toBe(path.join(dir, 'secret.txt'));
    expect(resolveAppRequest('app://anwei/a/..%2f..%2f..%2fsecret.txt', dir)).toBeNull();
  });

  it('works as a fetch handler (Request in, Response out)', async () => {
    const handler = appProtocolHandler(dir);
    const ok = await handler(new Request(APP_INDEX_URL));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('安委台账');
    expect((await handler(new Request('app://anwei/../secret.txt'))).status).toBe(404);
  });
});

describe('permissions', () => {
  const url = APP_INDEX_URL;

  it('grants only sanitized clipboard writes, only to the app page', () => {
    expect([...ALLOWED_PERMISSIONS]).toEqual(['clipboard-sanitized-write']);
    expect(permissionAllowed('clipboard-sanitized-write', url)).toBe(true);
    expect(permissionAllowed('clipboard-sanitized-write', 'https://example.com/')).toBe(false);
    for (const p of [
      'media',
      'geolocation',
      'notifications',
      'openExternal',
      'clipboard-read',
      'fileSystem',
      'fullscreen',
      'unknown',
    ]) {
      expect(permissionAllowed(p, url), p).toBe(false);
    }
  });
});

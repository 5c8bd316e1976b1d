// Packs the app with electron-builder exactly as `npm run dist` would (Linux, unpacked "dir" target) but
// with a stand-in Electron binary, since the real one cannot be downloaded here. Checks the packaged layout
// (asar, unpacked addon, migrations, fonts), that the fuses are flipped, and that the packed main process
// starts under a fake Electron with process.resourcesPath pointing at the package.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../core/ipc/contract';

const ROOT = path.resolve(__dirname, '..', '..');
const require = createRequire(path.join(ROOT, 'package.json'));
const asar = require('@electron/asar') as {
  listPackage(archive: string): string[];
  extractAll(archive: string, dest: string): void;
};
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
// Electron's default fuse wire: RunAsNode, CookieEncryption, NodeOptions, NodeCliInspect, AsarIntegrity,
// OnlyLoadAppFromAsar, BrowserV8Snapshot, GrantFileProtocolExtraPrivileges.
const DEFAULT_WIRE = '10110001';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-pack-'));
const out = path.join(tmp, 'release');
const unpacked = path.join(out, 'linux-unpacked');
const resources = path.join(unpacked, 'resources');
let log = '';

beforeAll(() => {
  if (
    !fs.existsSync(path.join(ROOT, 'dist', 'electron', 'main.cjs')) ||
    !fs.existsSync(path.join(ROOT, 'dist', 'renderer', 'index.html'))
  ) {
    const r = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed: ${r.stdout}\n${r.stderr}`);
  }
  // A stand-in for the Electron distribution: an executable carrying Electron's fuse wire.
  const fake = path.join(tmp, 'electron-dist');
  fs.mkdirSync(path.join(fake, 'locales'), { recursive: true });
  fs.writeFileSync(path.join(fake, 'locales', 'zh-CN.pak'), '');
  fs.writeFileSync(path.join(fake, 'LICENSE'), '');
  fs.writeFileSync(path.join(fake, 'LICENSES.chromium.html'), '');
  fs.writeFileSync(
    path.join(fake, 'electron'),
    Buffer.concat([
      Buffer.from('#!/bin/sh\nexit 0\n'),
      Buffer.from(SENTINEL),
      Buffer.from([1, 8]),
      Buffer.from(DEFAULT_WIRE),
    ]),
    { mode: 0o755 },
  );
  const r = spawnSync(
    process.execPath,
    [
      require.resolve('electron-builder/cli.js'),
      '--config',
      'electron-builder.yml',
      '--linux',
      'dir',
      '--x64',
      `-c.electronDist=${fake}`,
      '-c.npmRebuild=false',
      `-c.directories.output=${out}`,
    ],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1', CI: 'true' } },
  );
  log = `${r.stdout}\n${r.stderr}`;
  if (r.status !== 0) throw new Error(`electron-builder failed (${r.status}):\n${log}`);
}, 300_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('npm run dist (Linux, unpacked, stand-in Electron)', () => {
  it('names the executable and flips the fuses', () => {
    const exe = fs.readFileSync(path.join(unpacked, 'anwei-taizhang'));
    const at = exe.indexOf(SENTINEL) + SENTINEL.length;
    expect(exe[at]).toBe(1);
    expect(exe[at + 1]).toBe(8);
    // runAsNode off, cookie encryption on, NODE_OPTIONS off, --inspect off, asar integrity on, asar only on,
    // V8 snapshot untouched, file: privileges untouched.
    expect(exe.subarray(at + 2, at + 10).toString()).toBe('01001101');
  });

  it('packs the bundles and production dependencies only, with the addon unpacked', () => {
    const files = asar.listPackage(path.join(resources, 'app.asar')).map((f) => f.replace(/\\/g, '/'));
    for (const f of [
      '/package.json',
      '/dist/electron/main.cjs',
      '/dist/electron/preload.cjs',
      '/dist/workers/importParse.cjs',
      '/dist/renderer/index.html',
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => f.endsWith('.map'))).toEqual([]);
    expect(files).not.toContain('/dist/cli.cjs');
    for (const dev of ['electron', 'vite', 'react', 'antd', 'typescript', 'vitest', 'electron-builder']) {
      expect(files, dev).not.toContain(`/node_modules/${dev}`);
    }
    for (const dep of ['better-sqlite3', 'pdfkit', 'exceljs', '@e965/xlsx', 'fontkit']) {
      expect(files, dep).toContain(`/node_modules/${dep}/package.json`);
    }
    const addon = path.join(
      resources,
      'app.asar.unpacked',
      'node_modules',
      'better-sqlite3',
      'build',
      'Release',
      'better_sqlite3.node',
    );
    expect(fs.existsSync(addon)).toBe(true);
    expect(fs.existsSync(path.join(resources, 'app.asar.unpacked', 'node_modules', 'better-sqlite3', 'deps'))).toBe(
      false,
    );
  });

  it('puts the migrations and fonts beside the asar', () => {
    expect(fs.existsSync(path.join(resources, 'migrations', 'meta', '_journal.json'))).toBe(true);
    const sql = fs.readdirSync(path.join(resources, 'migrations')).filter((f) => f.endsWith('.sql'));
    expect(sql.sort()).toEqual(
      fs
        .readdirSync(path.join(ROOT, 'db', 'migrations'))
        .filter((f) => f.endsWith('.sql'))
        .sort(),
    );
    expect(fs.existsSync(path.join(resources, 'resources', 'fonts', 'DroidSansFallbackFull.ttf'))).toBe(true);
    expect(fs.existsSync(path.join(resources, 'resources', 'icons', 'icon.png'))).toBe(true);
  });

  it('the packed main process starts from the package: migrations, page and IPC', () => {
    // Electron reads app.asar in place; plain Node needs it extracted to resources/app.
    const pkg = path.join(tmp, 'pkg', 'resources');
    fs.mkdirSync(pkg, { recursive: true });
    fs.cpSync(path.join(resources, 'migrations'), path.join(pkg, 'migrations'), { recursive: true });
    fs.cpSync(path.join(resources, 'resources'), path.join(pkg, 'resources'), { recursive: true });
    asar.extractAll(path.join(resources, 'app.asar'), path.join(pkg, 'app'));
    const userData = path.join(tmp, 'userData');
    const env = { ...process.env };
    delete env.ANWEI_DATA;
    // Make sure nothing is found next to the sources instead of in the package.
    env.ANWEI_MIGRATIONS = '';
    env.ANWEI_RESOURCES = '';
    const r = spawnSync(
      process.execPath,
      [
        path.join(__dirname, 'harness', 'run-main.cjs'),
        path.join(pkg, 'app', 'dist', 'electron', 'main.cjs'),
        userData,
        pkg,
      ],
      { cwd: tmp, encoding: 'utf8', env },
    );
    const last = r.stdout.trim().split('\n').pop() ?? '';
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    const report = JSON.parse(last) as {
      errors: unknown[];
      handlers: string[];
      loaded: string;
      served?: { scheme: string; status: number; type: string };
      windows: { icon: string | null; webPreferences: { devTools: boolean } }[];
      calls: Record<string, { ok: boolean; data?: unknown }>;
    };
    expect(report.errors).toEqual([]);
    expect(report.handlers).toEqual([...CHANNELS].sort());
    expect(report.loaded).toBe('app://anwei/index.html');
    // Served by the packaged protocol handler from <app>/dist/renderer.
    expect(report.served).toMatchObject({ scheme: 'app', status: 200, type: 'text/html; charset=utf-8' });
    expect(report.windows[0]!.icon).toBe(path.join(pkg, 'resources', 'icons', 'icon.png'));
    expect(report.windows[0]!.webPreferences.devTools).toBe(false);
    expect(report.calls.info).toMatchObject({ ok: true, data: { dataDir: path.join(userData, 'data') } });
    expect(report.calls.createUnit!.ok).toBe(true);
  });
});

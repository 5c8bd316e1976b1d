// The bundled main process (dist/electron/main.cjs), run under Node with a fake 'electron' module: checks
// that what esbuild produced starts, finds its page, migrations and resources, and serves IPC.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../core/ipc/contract';

const ROOT = path.resolve(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'dist', 'electron', 'main.cjs');
const PAGE = path.join(ROOT, 'dist', 'renderer', 'index.html');
const HARNESS = path.join(__dirname, 'harness', 'run-main.cjs');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-bundle-'));

interface Report {
  errors: { title: string; text: string }[];
  handlers: string[];
  windows: { webPreferences: Record<string, unknown>; title: string; icon: string | null }[];
  menu: string[] | null;
  loaded?: string;
  served?: { scheme: string; status: number; type: string; length: number };
  schemes?: { scheme: string; privileges: Record<string, boolean> }[];
  exitCode?: number;
  calls: Record<string, { ok: boolean; data?: unknown; error?: { code: string } }>;
}

function run(userData: string, env: NodeJS.ProcessEnv = {}): Report {
  const childEnv = { ...process.env, ...env };
  if (!('ANWEI_DATA' in env)) delete childEnv.ANWEI_DATA;
  const r = spawnSync(process.execPath, [HARNESS, MAIN, userData], { cwd: tmp, encoding: 'utf8', env: childEnv });
  const last = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !last.startsWith('{'))
    throw new Error(`harness failed (${r.status}): ${r.stdout}\n${r.stderr}`);
  return JSON.parse(last) as Report;
}

beforeAll(() => {
  if (!fs.existsSync(MAIN) || !fs.existsSync(PAGE)) {
    const r = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`build failed: ${r.stdout}\n${r.stderr}`);
  }
}, 300_000);
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('dist/electron/main.cjs under a fake Electron', () => {
  it('opens <userData>/data, registers every channel, loads the page and answers the page only', () => {
    const userData = path.join(tmp, 'userData');
    const r = run(userData);
    expect(r.errors).toEqual([]);
    expect(r.handlers).toEqual([...CHANNELS].sort());
    // The page comes through app://, served from dist/renderer by the bundled protocol handler.
    expect(r.loaded).toBe('app://anwei/index.html');
    expect(r.schemes?.map((x) => x.scheme)).toEqual(['app']);
    expect(r.served).toMatchObject({ scheme: 'app', status: 200, type: 'text/html; charset=utf-8' });
    expect(r.served!.length).toBe(fs.readFileSync(PAGE, 'utf8').length);
    expect(r.menu).toEqual(['文件(&F)', '编辑(&E)', '视图(&V)', '帮助(&H)']);
    const w = r.windows[0]!;
    expect(w.title).toBe('安委台账');
    expect(w.webPreferences).toMatchObject({
      preload: path.join(ROOT, 'dist', 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
    });
    expect(w.icon).toBe(path.join(ROOT, 'resources', 'icons', 'icon.png'));
    expect(r.calls.info).toMatchObject({ ok: true, data: { dataDir: path.join(userData, 'data') } });
    expect(r.calls.createUnit!.ok).toBe(true);
    expect(JSON.stringify(r.calls.units)).toContain('城关镇');
    expect(r.calls.foreign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(fs.existsSync(path.join(userData, 'data', 'anwei.db'))).toBe(true);
  });

  it('honours ANWEI_DATA', () => {
    const dataDir = path.join(tmp, '环境变量数据');
    const r = run(path.join(tmp, 'userData2'), { ANWEI_DATA: dataDir });
    expect(r.calls.info).toMatchObject({ ok: true, data: { dataDir } });
  });

  it('shows the Chinese error box and exits 1 when the data directory cannot be used', () => {
    const blocker = path.join(tmp, 'a-file');
    fs.writeFileSync(blocker, 'x');
    const r = run(path.join(tmp, 'userData3'), { ANWEI_DATA: path.join(blocker, 'data') });
    expect(r.exitCode).toBe(1);
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]!.title).toContain('无法打开数据库');
    expect(r.errors[0]!.text).toContain('ANWEI_DATA');
    expect(r.windows).toEqual([]);
  });
});

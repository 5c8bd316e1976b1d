import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'dist', 'cli.cjs');

/** Builds dist/cli.cjs from the current sources (fast: esbuild). */
export function buildCli(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'build.mjs'), 'cli', '--quiet'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  json<T = unknown>(): T;
}

export function cli(dataDir: string, ...args: string[]): CliResult {
  const r = spawnSync(process.execPath, [CLI, '--data', dataDir, ...args], {
    encoding: 'utf8',
    env: { ...process.env, ANWEI_DATA: '' },
  });
  return {
    code: r.status ?? -1,
    stdout: r.stdout,
    stderr: r.stderr,
    json<T>() {
      return JSON.parse(r.stdout) as T;
    },
  };
}

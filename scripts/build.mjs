// Builds the app: the renderer with Vite, the Electron main/preload and the CLI with esbuild.
// Usage: node scripts/build.mjs [all|renderer|node|cli] [--quiet]
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const what = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 'all';
const quiet = process.argv.includes('--quiet');
const log = (s) => quiet || console.log(s);

// Native addons and packages that read their own data files at run time stay outside the bundles.
const external = ['electron', 'better-sqlite3', 'pdfkit', 'fontkit', 'exceljs', '@e965/xlsx', 'pdfjs-dist'];

const nodeCommon = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  external,
  logLevel: 'warning',
  absWorkingDir: root,
};

// esbuild is only required when the app runs from its TypeScript sources (core/imports/parse/isolated.ts, tests).
nodeCommon.external = [...external, 'esbuild'];

/**
 * The import worker (core/imports/parse/importWorker.ts): reads untrusted files in a memory-capped thread. One bundle
 * beside the others, loaded by the CLI (dist/cli.cjs) and the Electron main process (dist/electron/main.cjs).
 */
let workerBuild = null;
function buildWorker() {
  workerBuild ??= esbuild({
    ...nodeCommon,
    entryPoints: ['core/imports/parse/importWorker.ts'],
    outfile: 'dist/workers/importParse.cjs',
  }).then(() => log('✓ 导入读取线程 dist/workers/importParse.cjs'));
  return workerBuild;
}

async function buildCli() {
  await Promise.all([
    esbuild({ ...nodeCommon, entryPoints: ['core/cli/main.ts'], outfile: 'dist/cli.cjs' }),
    buildWorker(),
  ]);
  log('✓ 命令行 dist/cli.cjs');
}

async function buildElectron() {
  await Promise.all([
    esbuild({ ...nodeCommon, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' }),
    buildWorker(),
  ]);
  // The sandboxed preload may only require('electron'): everything else is bundled in.
  await esbuild({
    ...nodeCommon,
    entryPoints: ['electron/preload.ts'],
    outfile: 'dist/electron/preload.cjs',
    external: ['electron'],
    platform: 'browser',
    target: 'chrome130',
  });
  log('✓ 主进程 dist/electron/main.cjs, preload.cjs');
}

async function buildRenderer() {
  await viteBuild({ configFile: path.join(root, 'renderer', 'vite.config.mts'), logLevel: quiet ? 'warn' : 'info' });
  log('✓ 界面 dist/renderer');
}

if (what === 'cli') await buildCli();
else if (what === 'node') await Promise.all([buildCli(), buildElectron()]);
else if (what === 'renderer') await buildRenderer();
else {
  await Promise.all([buildCli(), buildElectron()]);
  await buildRenderer();
}

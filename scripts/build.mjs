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

async function buildCli() {
  await esbuild({ ...nodeCommon, entryPoints: ['core/cli/main.ts'], outfile: 'dist/cli.cjs' });
  log('✓ 命令行 dist/cli.cjs');
}

async function buildElectron() {
  await esbuild({ ...nodeCommon, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.cjs' });
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

// Makes sure better-sqlite3's native addon matches the runtime about to use it:
//   node scripts/ensure-native.mjs node      (tests, CLI)
//   node scripts/ensure-native.mjs electron  (npm start)
// Builds are cached per runtime in node_modules/.cache/anwei-native, so switching back and forth is a copy,
// not a rebuild. Nothing to do by hand, in any order.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));
const target = process.argv[2];
const quiet = process.argv.includes('--quiet');
const log = (s) => quiet || console.log(s);
if (target !== 'node' && target !== 'electron') {
  console.error('用法：node scripts/ensure-native.mjs node|electron');
  process.exit(2);
}

const pkgDir = path.dirname(require.resolve('better-sqlite3/package.json'));
const binary = path.join(pkgDir, 'build', 'Release', 'better_sqlite3.node');
const cacheRoot = path.join(root, 'node_modules', '.cache', 'anwei-native');

function electronInfo() {
  const version = require('electron/package.json').version;
  const exe = require('electron'); // path of the Electron binary
  return { version, exe };
}

function key() {
  return target === 'node'
    ? `node-abi${process.versions.modules}-${process.platform}-${process.arch}`
    : `electron-${electronInfo().version}-${process.platform}-${process.arch}`;
}

/** Loads the addon in the target runtime; true when it works there. */
function loads() {
  if (!fs.existsSync(binary)) return false;
  const code = "const D=require('better-sqlite3');new D(':memory:').prepare('select 1').get()";
  const r =
    target === 'node'
      ? spawnSync(process.execPath, ['-e', code], { cwd: root, stdio: 'pipe' })
      : spawnSync(electronInfo().exe, ['-e', code], {
          cwd: root,
          stdio: 'pipe',
          env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
        });
  return r.status === 0;
}

function cacheCurrent() {
  // Remember what is there now under the key of the runtime that loads it.
  if (!fs.existsSync(binary)) return;
  const nodeKey = `node-abi${process.versions.modules}-${process.platform}-${process.arch}`;
  const r = spawnSync(process.execPath, ['-e', "require('better-sqlite3')"], { cwd: root, stdio: 'pipe' });
  if (r.status === 0) {
    fs.mkdirSync(path.join(cacheRoot, nodeKey), { recursive: true });
    fs.copyFileSync(binary, path.join(cacheRoot, nodeKey, 'better_sqlite3.node'));
  }
}

if (loads()) {
  log(`✓ better-sqlite3 已适配 ${target}`);
  process.exit(0);
}

cacheCurrent();
const cached = path.join(cacheRoot, key(), 'better_sqlite3.node');
if (fs.existsSync(cached)) {
  fs.mkdirSync(path.dirname(binary), { recursive: true });
  fs.copyFileSync(cached, binary);
  if (loads()) {
    log(`✓ better-sqlite3 已切换为 ${target} 版本（缓存）`);
    process.exit(0);
  }
}

log(`正在为 ${target} 编译 better-sqlite3（首次需要几分钟）…`);
const env = { ...process.env };
const args = ['rebuild', 'better-sqlite3', '--foreground-scripts'];
if (target === 'electron') {
  const { version } = electronInfo();
  // The standard way to build a native addon for Electron: node-gyp against Electron's headers.
  env.npm_config_runtime = 'electron';
  env.npm_config_target = version;
  env.npm_config_disturl = 'https://electronjs.org/headers';
  env.npm_config_build_from_source = 'true';
  delete env.npm_config_nodedir;
  delete env.NPM_CONFIG_NODEDIR;
  args.push('--nodedir=');
}
const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, {
  cwd: root,
  env,
  stdio: quiet ? 'pipe' : 'inherit',
  shell: process.platform === 'win32',
});
if (r.status !== 0 || !loads()) {
  console.error(
    `better-sqlite3 编译失败（目标 ${target}）。请确认已安装 C++ 编译环境（Windows：Visual Studio 生成工具；Linux：build-essential、python3）后重试。`,
  );
  if (quiet && r.stderr) console.error(String(r.stderr));
  process.exit(1);
}
fs.mkdirSync(path.dirname(cached), { recursive: true });
fs.copyFileSync(binary, cached);
log(`✓ better-sqlite3 已为 ${target} 编译完成`);

// npm run bench [-- --quick] [-- --only=import,queries]
//
// County-scale benchmark (not part of npm test). Generates its own data (seeded: 10k- and 100k-row ledgers in
// the layouts of the fixture returns, a 1%-changed re-send, a data directory with 100,000 hazards), runs each
// case several times, each run in its own process so the peak RSS is the case's own, and prints medians: time,
// rows/s, peak memory and the ratio to the bare library baseline measured in the same run. Writes
// bench/results.json (git-ignored) and compares with the previous results.json when there is one.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const timeoutArg = Number((args.find((a) => a.startsWith('--timeout=')) ?? '').slice(10)) || 0;
const only = (args.find((a) => a.startsWith('--only=')) ?? '').slice(7).split(',').filter(Boolean);
const want = (g) => !only.length || only.includes(g);
const cacheDir = path.join(root, 'node_modules', '.cache', 'anwei-bench');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-bench-'));
fs.mkdirSync(cacheDir, { recursive: true });
const started = performance.now();
const loadAtStart = os.loadavg();
// The code measured is the code bundled now: its commit, and whether the working tree differs.
let commit = '';
try {
  commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim();
  if (
    spawnSync('git', ['status', '--porcelain', '--', 'core', 'db', 'bench'], {
      cwd: root,
      encoding: 'utf8',
    }).stdout.trim()
  )
    commit += '+changes';
} catch {}
const log = (s) => process.stderr.write(`${s}\n`);

// better-sqlite3 built for Node (the tests' runtime), then the cases bundle.
spawnSync(process.execPath, [path.join(root, 'scripts', 'ensure-native.mjs'), 'node', '--quiet'], {
  cwd: root,
  stdio: 'inherit',
});
/** A bench entry bundled for Node into the run's directory (native and heavy modules left to node_modules). */
async function bundleFor(entry, outfile, extraExternal = []) {
  await build({
    entryPoints: [path.join(root, 'bench', entry)],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: ['electron', 'better-sqlite3', 'pdfkit', 'fontkit', 'exceljs', '@e965/xlsx', 'esbuild', ...extraExternal],
    logLevel: 'warning',
    absWorkingDir: root,
  });
  return outfile;
}
const bundle = await bundleFor('cases.ts', path.join(work, 'cases.cjs'));

// The bundle lives in the run's temp directory: its externals resolve from the project's node_modules.
const env = {
  ...process.env,
  ANWEI_MIGRATIONS: path.join(root, 'db', 'migrations'),
  NODE_PATH: path.join(root, 'node_modules'),
};

/** One run of a case in a fresh process: its JSON result, or {error}. */
function run(name, a, timeoutSec = 600) {
  if (timeoutArg) timeoutSec = Math.max(timeoutSec, timeoutArg);
  const r = spawnSync(process.execPath, [bundle, name, JSON.stringify(a)], {
    cwd: root,
    env,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    timeout: timeoutSec * 1000,
  });
  if (r.error?.code === 'ETIMEDOUT' || r.signal === 'SIGTERM')
    return { error: `timeout > ${timeoutSec} s`, timeout: timeoutSec };
  if (r.status !== 0)
    return { error: (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n').slice(0, 6).join('\n') };
  const line = r.stdout.trim().split('\n').pop();
  return JSON.parse(line);
}

const median = (xs) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};

/** Several runs; the median time, the largest peak RSS, the first run's other fields. */
function runs(label, name, n, a, opts = {}) {
  const results = [];
  for (let i = 0; i < n; i++) {
    const r = run(name, typeof a === 'function' ? a(i) : a, opts.timeout);
    if (r.error) {
      log(`  ${label}: ${r.error}`);
      return { label, error: r.error, runs: i };
    }
    results.push(r);
    log(`  ${label} #${i + 1}: ${r.ms.toFixed(0)} ms, ${r.maxRssMB.toFixed(0)} MB`);
    // Fewer runs for the slow ones.
    if (r.ms > 120_000) break;
  }
  n = results.length;
  const cpus = results.map((r) => r.cpuMs).filter((x) => x !== undefined);
  return {
    label,
    runs: n,
    ms: median(results.map((r) => r.ms)),
    all: results.map((r) => Math.round(r.ms)),
    ...(cpus.length ? { cpuMs: median(cpus) } : {}),
    maxRssMB: Math.max(...results.map((r) => r.maxRssMB)),
    ...omit(results[0], ['ms', 'maxRssMB', 'cpuMs']),
  };
}
const omit = (o, keys) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));

// ---- data -------------------------------------------------------------------------------------------------
const genHash = crypto
  .createHash('sha256')
  .update(fs.readFileSync(path.join(root, 'bench', 'generate.ts')))
  .update(fs.readFileSync(path.join(root, 'bench', 'xlsxWrite.ts')))
  .digest('hex')
  .slice(0, 10);
const dataDir = path.join(cacheDir, `data-${genHash}`);
fs.mkdirSync(dataDir, { recursive: true });
const sizes = quick ? [10_000] : [10_000, 100_000];
const ledger = (rows, changed = false) =>
  path.join(dataDir, `台账_${rows / 1000}k${changed ? '_1pct_changed' : ''}.xlsx`);
for (const rows of sizes) {
  for (const changed of rows === 100_000 || quick ? [false, true] : [false]) {
    const file = ledger(rows, changed);
    if (fs.existsSync(file)) continue;
    log(`generating ${path.basename(file)} …`);
    const r = run('gen', { file, rows, changedShare: changed ? 0.01 : 0 });
    if (r.error) throw new Error(r.error);
  }
}
// The same ledger with every merge undone: a two-row header whose group cell is not merged (issue #13).
const unmergedLedger = path.join(dataDir, `台账_${big0() / 1000}k_unmerged.xlsx`);
if ((want('import') || want('unmerged')) && !fs.existsSync(unmergedLedger)) {
  log(`generating ${path.basename(unmergedLedger)} …`);
  const r = run('gen', { file: unmergedLedger, rows: big0(), unmerged: true });
  if (r.error) throw new Error(r.error);
}
function big0() {
  return quick ? 10_000 : 100_000;
}
const template = path.join(work, 'template');
run('setup', { dir: template });
const fileInfo = Object.fromEntries(sizes.map((n) => [n, fs.statSync(ledger(n)).size]));

// ---- cases ------------------------------------------------------------------------------------------------
const results = { cases: {}, notes: [] };
const add = (key, r) => (results.cases[key] = r);
const big = quick ? 10_000 : 100_000;
const tag = (n) => `${n / 1000}k`;

/**
 * Several cases, interleaved: one run of each per round, so a busy neighbour (the machine is shared) slows all of
 * them alike and the ratios between them hold. Aggregated as runs() does.
 */
function interleaved(specs, rounds) {
  const got = Object.fromEntries(specs.map((sp) => [sp.key, []]));
  const failed = {};
  for (let i = 0; i < rounds; i++) {
    for (const sp of specs) {
      if (failed[sp.key]) continue;
      const r = run(sp.name, typeof sp.args === 'function' ? sp.args(i) : sp.args, sp.timeout);
      if (r.error) {
        log(`  ${sp.label}: ${r.error}`);
        failed[sp.key] = r.error;
        continue;
      }
      log(
        `  ${sp.label} #${i + 1}: ${r.ms.toFixed(0)} ms${r.cpuMs === undefined ? '' : `, cpu ${r.cpuMs.toFixed(0)} ms`}, ${r.maxRssMB.toFixed(0)} MB`,
      );
      got[sp.key].push(r);
    }
  }
  const out = {};
  for (const sp of specs) {
    const rs = got[sp.key];
    if (failed[sp.key] && !rs.length) {
      out[sp.key] = { label: sp.label, error: failed[sp.key], runs: 0 };
      continue;
    }
    const cpus = rs.map((r) => r.cpuMs).filter((x) => x !== undefined);
    out[sp.key] = {
      label: sp.label,
      runs: rs.length,
      ms: median(rs.map((r) => r.ms)),
      all: rs.map((r) => Math.round(r.ms)),
      ...(cpus.length ? { cpuMs: median(cpus) } : {}),
      maxRssMB: Math.max(...rs.map((r) => r.maxRssMB)),
      ...omit(rs[0], ['ms', 'maxRssMB', 'cpuMs']),
    };
  }
  return out;
}

let importedDir = null;
if (want('read') || want('import')) {
  for (const n of sizes) {
    const file = ledger(n);
    log(`ledger ${tag(n)} (${(fileInfo[n] / 1048576).toFixed(1)} MB)`);
    const dirs = [];
    const specs = [{ key: 'stream', label: `exceljs stream ${tag(n)}`, name: 'exceljs-stream', args: { file } }];
    if (want('read'))
      specs.push({
        key: 'read',
        label: `read+parse ${tag(n)}`,
        name: 'read',
        args: { file, parse: true },
        timeout: 300,
      });
    if (want('import')) {
      specs.push({
        key: 'import',
        label: `import ${tag(n)}`,
        name: 'import',
        args: (i) => {
          const dir = path.join(work, `import-${tag(n)}-${i}`);
          fs.cpSync(template, dir, { recursive: true });
          dirs.push(dir);
          return { dir, file };
        },
        timeout: n === 100_000 ? 420 : 300,
      });
    }
    const r = interleaved(specs, n === 100_000 ? 3 : 5);
    add(`exceljs-stream-${tag(n)}`, r.stream);
    if (r.read) add(`read-${tag(n)}`, r.read);
    if (r.import) {
      add(`import-${tag(n)}`, r.import);
      if (n === big && !r.import.error) importedDir = dirs[dirs.length - 1];
      for (const d of dirs.slice(0, -1)) fs.rmSync(d, { recursive: true, force: true });
    }
    if (want('read') && n === 10_000)
      add(`exceljs-full-${tag(n)}`, runs(`exceljs full ${tag(n)}`, 'exceljs-full', 1, { file }, { timeout: 300 }));
  }
  results.notes.push(
    'exceljs full reader at 100k: not run (its merge handling is quadratic: about 25 s for 20k rows with 12k merges).',
  );
  results.notes.push(
    'The exceljs stream, read + parse and import runs of each ledger are interleaved (one of each per round): their ratios hold when the machine is busy.',
  );
}

if (want('import') || want('unmerged')) {
  // The unmerged two-row header against the bare exceljs stream of the same file, interleaved.
  log(`ledger ${tag(big)} unmerged (${(fs.statSync(unmergedLedger).size / 1048576).toFixed(1)} MB)`);
  const r = interleaved(
    [
      {
        key: 'stream',
        label: `exceljs stream ${tag(big)} unmerged`,
        name: 'exceljs-stream',
        args: { file: unmergedLedger },
      },
      {
        key: 'import',
        label: `import ${tag(big)} unmerged`,
        name: 'import',
        args: (i) => {
          const dir = path.join(work, `import-unmerged-${i}`);
          fs.rmSync(dir, { recursive: true, force: true });
          fs.cpSync(template, dir, { recursive: true });
          return { dir, file: unmergedLedger };
        },
        timeout: big === 100_000 ? 420 : 300,
      },
    ],
    big === 100_000 ? 3 : 5,
  );
  add(`exceljs-stream-${tag(big)}-unmerged`, r.stream);
  add(`import-${tag(big)}-unmerged`, r.import);
}

if (want('import')) {
  if (importedDir) {
    const changed = ledger(big, true);
    add(
      `reimport-${tag(big)}`,
      runs(
        `re-import ${tag(big)} (1% changed)`,
        'import',
        3,
        (i) => {
          const dir = path.join(work, `reimport-${i}`);
          fs.rmSync(dir, { recursive: true, force: true });
          fs.cpSync(importedDir, dir, { recursive: true });
          return { dir, file: changed };
        },
        { timeout: 420 },
      ),
    );
    add(`size-${tag(big)}`, run('size', { dir: importedDir }));
  }
}

if (want('queries')) {
  let dir = importedDir;
  if (!dir) {
    // Queries only: import once to have the data directory.
    dir = path.join(work, 'queries');
    fs.cpSync(template, dir, { recursive: true });
    log(`importing ${tag(big)} for the query cases …`);
    const r = run('import', { dir, file: ledger(big) }, 900);
    if (r.error) throw new Error(r.error);
    add(`size-${tag(big)}`, run('size', { dir }));
  }
  const q = run('queries', { dir, reps: 15 });
  add('queries', q);
}

// ---- archive volume (issue 7; owned by core/volumes) ---------------------------------------------------
// The app's export of a ~500-page 案卷 (200 明白书 and a hazard ledger extract: ~300 generated pages) with 0, 100
// and 200 bound-in scanned pages (half JPEG, half PDF), against bare pdfkit drawing the same generated pages (the
// Chinese font with features: [] and with its default shaping, and the same layout in Helvetica) and bare pdf-lib
// binding the same 200 scans. Runs are interleaved (one of each case per round) so a busy neighbour hits all alike.
const volume = {};
if (want('volume')) {
  const vdir = (s) => path.join(work, `volume-${s}`);
  const planFile = path.join(work, 'volume-plan.json');
  const scanList = path.join(work, 'volume-scans.json');
  const setups = {};
  for (const s of [0, 100, 200]) {
    log(`volume data: 200 明白书, 800 hazards, ${s} scans …`);
    const r = run(
      'volume-setup',
      { dir: vdir(s), scans: s, hazards: 800, ...(s === 200 ? { planFile, scanList } : {}) },
      900,
    );
    if (r.error) throw new Error(r.error);
    setups[s] = r;
  }
  // Twice the volume (400 明白书) without and with 400 scans: whether memory keeps growing past 200 scans.
  for (const s of [0, 400]) {
    log(`volume data: 400 明白书, 800 hazards, ${s} scans …`);
    const r = run('volume-setup', { dir: vdir(`d${s}`), scans: s, pledges: 400, hazards: 800 }, 900);
    if (r.error) throw new Error(r.error);
    setups[`d${s}`] = r;
  }
  volume.setup = setups[200];
  const out = path.join(work, 'volume-out.pdf');
  const specs = [
    ['bareCjk', 'bare pdfkit, Chinese font, features: []', 'volume-bare-pdfkit', { planFile, font: 'cjk', out }],
    [
      'bareShaping',
      'bare pdfkit, Chinese font, default shaping',
      'volume-bare-pdfkit',
      { planFile, font: 'cjk', shaping: true, out },
    ],
    ['bareHelvetica', 'bare pdfkit, Helvetica', 'volume-bare-pdfkit', { planFile, font: 'helvetica', out }],
    ['bareLib', 'bare pdf-lib, 200 scans', 'volume-bare-pdflib', { scanList, out }],
    ...[0, 100, 200, 'd0', 'd400'].map((s) => [
      `export${s}`,
      `export, ${s} scans`,
      'volume-export',
      { dir: vdir(s), volumeId: setups[s].volumeId, out },
    ]),
  ];
  const got = Object.fromEntries(specs.map(([key]) => [key, []]));
  const rounds = quick ? 2 : 3;
  for (let i = 0; i < rounds; i++) {
    for (const [key, label, name, a] of specs) {
      if (got[key].error) continue;
      const r = run(name, a, 900);
      if (r.error) {
        log(`  ${label}: ${r.error}`);
        got[key].error = r.error;
        continue;
      }
      log(`  ${label} #${i + 1}: ${r.ms.toFixed(0)} ms, cpu ${r.cpuMs.toFixed(0)} ms, ${r.maxRssMB.toFixed(0)} MB`);
      got[key].push(r);
    }
  }
  for (const [key, label] of specs) {
    const rs = got[key];
    volume[key] = rs.error
      ? { label, error: rs.error }
      : {
          label,
          runs: rs.length,
          ms: median(rs.map((r) => r.ms)),
          cpuMs: median(rs.map((r) => r.cpuMs)),
          all: rs.map((r) => Math.round(r.ms)),
          maxRssMB: Math.max(...rs.map((r) => r.maxRssMB)),
          ...omit(rs[0], ['ms', 'cpuMs', 'maxRssMB']),
        };
    add(`volume-${key}`, volume[key]);
  }
}

// ---- 归档信息包 (issue 17; owned by core/archivePackage) -------------------------------------------------
// 1,000 件 (明白书, 200 of them with a scan) exported as a package — one PDF/A-1b + metadata XML per 件, digests of
// every file — against the app's export of the same 1,000 件 as one volume PDF. Interleaved, like the volume group.
const pkg = {};
if (want('package')) {
  const dir = path.join(work, 'package-data');
  log('package data: 1,000 明白书, 200 scans …');
  const setup = run('volume-setup', { dir, scans: 200, pledges: 1000, hazards: 0 }, 1800);
  if (setup.error) throw new Error(setup.error);
  const specs = [
    [
      'volume',
      'the same 件 as one volume PDF',
      'volume-export',
      { dir, volumeId: setup.volumeId, out: path.join(work, 'package-volume.pdf') },
    ],
    [
      'export',
      '归档信息包 of 1,000 件',
      'package-export',
      { dir, volumeId: setup.volumeId, out: path.join(work, 'package-out') },
    ],
  ];
  const got = Object.fromEntries(specs.map(([key]) => [key, []]));
  for (let i = 0; i < (quick ? 1 : 2); i++)
    for (const [key, label, name, a] of specs) {
      if (got[key].error) continue;
      const r = run(name, a, 3600);
      if (r.error) {
        log(`  ${label}: ${r.error}`);
        got[key].error = r.error;
        continue;
      }
      log(`  ${label} #${i + 1}: ${r.ms.toFixed(0)} ms, cpu ${r.cpuMs.toFixed(0)} ms, ${r.maxRssMB.toFixed(0)} MB`);
      got[key].push(r);
    }
  for (const [key, label] of specs) {
    const rs = got[key];
    pkg[key] = rs.error
      ? { label, error: rs.error }
      : {
          label,
          runs: rs.length,
          ms: median(rs.map((r) => r.ms)),
          cpuMs: median(rs.map((r) => r.cpuMs)),
          maxRssMB: Math.max(...rs.map((r) => r.maxRssMB)),
          ...omit(rs[0], ['ms', 'cpuMs', 'maxRssMB']),
        };
    add(`package-${key}`, pkg[key]);
  }
}

// ---- browser: the hazard list in Chromium (issue 7; owned by the renderer) ---------------------------------
// bench/browser.ts: the renderer built now (vite, into the run's directory) in headless Chromium (playwright-core),
// window.api bridged to the real dispatcher as in the browser tests, on a data directory with the big ledger
// imported (the import's or the queries' one, else imported here). Timed: the first rows after opening #/hazards
// cold and after the menu click from 工作台, and filter changes, each from the user's event to the frame showing
// the new query's rows; split into before the query, the list call (of which the query) and render.
let browserCase = null;
if (want('browser')) {
  const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(chromiumPath))
    results.notes.push(`browser hazard list: not run (no Chromium at ${chromiumPath}).`);
  else {
    let dir = importedDir ?? (fs.existsSync(path.join(work, 'queries')) ? path.join(work, 'queries') : null);
    if (!dir) {
      dir = path.join(work, 'browser-data');
      fs.cpSync(template, dir, { recursive: true });
      log(`importing ${tag(big)} for the browser case …`);
      const r = run('import', { dir, file: ledger(big) }, 900);
      if (r.error) throw new Error(r.error);
    }
    const dist = path.join(work, 'renderer');
    const { build: viteBuild } = await import('vite');
    await viteBuild({
      configFile: path.join(root, 'renderer', 'vite.config.mts'),
      logLevel: 'warn',
      build: { outDir: dist, emptyOutDir: true },
    });
    const browserBundle = await bundleFor('browser.ts', path.join(work, 'browser.cjs'), ['playwright-core']);
    log('browser hazard list …');
    const reps = quick ? 3 : 7;
    const r = spawnSync(process.execPath, [browserBundle, JSON.stringify({ dist, dir, reps })], {
      cwd: root,
      env,
      encoding: 'utf8',
      maxBuffer: 64 << 20,
      timeout: Math.max(900, timeoutArg) * 1000,
    });
    browserCase =
      r.status === 0
        ? JSON.parse(r.stdout.trim().split('\n').pop())
        : {
            error: (r.stderr || r.stdout || `exit ${r.status}${r.signal ? ` (${r.signal})` : ''}`)
              .trim()
              .split('\n')
              .slice(0, 6)
              .join('\n'),
          };
    if (!browserCase.error)
      log(
        `  first rows ${browserCase.cold.all.join(', ')} ms; filter changes ${Object.values(browserCase.steps)
          .map((s) => Math.round(s.ms))
          .join(', ')} ms`,
      );
    else log(`  browser: ${browserCase.error}`);
    add('browser', browserCase);
    if (spawnSync('git', ['status', '--porcelain', '--', 'renderer'], { cwd: root, encoding: 'utf8' }).stdout.trim())
      results.notes.push('browser hazard list: the renderer measured has uncommitted changes.');
  }
}

/** The browser rows of the table and verdicts.browser (called from the table section). */
function browserRows() {
  const b = browserCase;
  if (!b) return;
  if (b.error) {
    rows.push({ name: 'browser hazard list', ms: b.error, rate: '', rss: '', ratio: '', target: '', met: 'NO' });
    verdicts.browser = { met: false, error: b.error };
    return;
  }
  const split = (s) =>
    `before the query ${fmtMs(s.beforeQuery)}, list call ${fmtMs(s.roundTrip)} (query ${fmtMs(s.server)}), render ${fmtMs(s.render)}; ${s.rows.toLocaleString('en')} rows; all ${s.all.join('/')} ms`;
  const FIRST = 1000;
  const FILTER = 300;
  const n = tag(b.hazards);
  row(`browser: list first rows, opening #/hazards (${n} hazards)`, b.cold, {
    rate: `${split(b.cold)}; ${b.cold.scriptKB.toFixed(0)} KB of scripts loaded by ${fmtMs(b.cold.scriptsLoaded)}, first paint ${fmtMs(b.cold.fcp)}`,
    target: `≤ ${FIRST / 1000} s`,
    met: b.cold.ms <= FIRST,
  });
  row(`browser: list first rows, menu click from 工作台`, b.fromHome, {
    rate: split(b.fromHome),
    target: `≤ ${FIRST / 1000} s`,
    met: b.fromHome.ms <= FIRST,
  });
  const labels = {
    status: '整改状态 未整改',
    township: '+ 乡镇 神垕镇',
    level: '+ 等级 重大',
    reset: '重置筛选 (all rows again)',
    search3: '搜索 3+ 字 “灭火器”',
    search12: '搜索 1–2 字 “燃气”',
    searchClear: '清除搜索',
    sort: '按整改时限排序',
  };
  for (const [k, s] of Object.entries(b.steps))
    row(`browser: filter change, ${labels[k] ?? k}`, s, {
      rate: split(s),
      target: `≤ ${FILTER} ms`,
      met: s.ms <= FILTER,
    });
  const steps = Object.entries(b.steps);
  const worst = steps.reduce((w, [k, s]) => (s.ms > w.ms ? { step: k, ms: s.ms } : w), { step: '', ms: 0 });
  verdicts.browser = {
    met: b.cold.ms <= FIRST && b.fromHome.ms <= FIRST && worst.ms <= FILTER,
    firstRows: {
      ms: b.cold.ms,
      cpuMs: b.cold.cpuMs,
      limitMs: FIRST,
      met: b.cold.ms <= FIRST,
      fromHomeMs: b.fromHome.ms,
      fromHomeMet: b.fromHome.ms <= FIRST,
    },
    filterChange: {
      worstMs: worst.ms,
      worstStep: worst.step,
      limitMs: FILTER,
      met: worst.ms <= FILTER,
      steps: Object.fromEntries(steps.map(([k, s]) => [k, Math.round(s.ms)])),
    },
    reps: b.reps,
    hazards: b.hazards,
  };
}

const lo = ['libreoffice', 'soffice'].find((b) => spawnSync('sh', ['-c', `command -v ${b}`]).status === 0);
if (lo && want('import')) {
  const file = ledger(big);
  const times = [];
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    spawnSync(lo, ['--headless', '--convert-to', 'csv', '--outdir', path.join(work, 'lo'), file], { timeout: 600_000 });
    times.push(performance.now() - t);
  }
  add(`libreoffice-csv-${tag(big)}`, { label: `libreoffice --convert-to csv ${tag(big)}`, runs: 2, ms: median(times) });
} else
  results.notes.push(
    'libreoffice is not installed here: the “faster than libreoffice --convert-to csv” stretch baseline was skipped.',
  );

results.notes.push(
  `load average ${loadAtStart.map((x) => x.toFixed(1)).join(' / ')} at the start, ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(
      ' / ',
    )} at the end (1/5/15 min; ${os.cpus().length} cores): “median” is wall time, “cpu” the process's CPU time for the same part.`,
);

// ---- table ------------------------------------------------------------------------------------------------
const c = results.cases;
const fmtMs = (ms) =>
  ms === undefined || Number.isNaN(ms)
    ? '—'
    : ms >= 10_000
      ? `${(ms / 1000).toFixed(1)} s`
      : ms >= 100
        ? `${ms.toFixed(0)} ms`
        : `${ms.toFixed(1)} ms`;
const ratio = (a, b) => (a?.ms && b?.ms ? a.ms / b.ms : undefined);
const rows = [];
const row = (name, r, extra = {}) =>
  rows.push({
    name,
    ms: r?.error ? r.error : fmtMs(r?.ms),
    cpu: r?.cpuMs === undefined ? '' : fmtMs(r.cpuMs),
    rate: extra.rate ?? (r?.ms && r?.rows ? `${Math.round(r.rows / (r.ms / 1000)).toLocaleString('en')} rows/s` : ''),
    rss: r?.maxRssMB ? `${r.maxRssMB.toFixed(0)} MB` : '',
    ratio: extra.ratio === undefined ? '' : `${extra.ratio.toFixed(2)}×`,
    target: extra.target ?? '',
    met: extra.met === undefined ? '' : extra.met ? 'yes' : 'NO',
  });
const verdicts = {};
for (const n of sizes) {
  const base = c[`exceljs-stream-${tag(n)}`];
  if (!base) continue;
  row(`exceljs streaming read ${tag(n)} (baseline)`, base, {
    rate: base.ms
      ? `${Math.round(base.rows / (base.ms / 1000)).toLocaleString('en')} rows/s, ${base.rowsWithFFFD} rows with U+FFFD`
      : '',
  });
  if (c[`exceljs-full-${tag(n)}`])
    row(`exceljs full reader ${tag(n)}`, c[`exceljs-full-${tag(n)}`], {
      ratio: ratio(c[`exceljs-full-${tag(n)}`], base),
    });
  const rd = c[`read-${tag(n)}`];
  if (rd)
    row(`read + parse ${tag(n)} (grid → typed rows)`, rd, {
      ratio: ratio(rd, base),
      rate: rd.ms
        ? `${Math.round(rd.rows / (rd.ms / 1000)).toLocaleString('en')} rows/s (read ${fmtMs(rd.readMs)}), ${rd.rowsWithFFFD} rows with U+FFFD`
        : '',
    });
  const im = c[`import-${tag(n)}`];
  if (im) {
    const rt = ratio(im, base);
    // The issue: “use the ratios, absolute times are only a guide” — the 20k rows/s is what 1.3× its baseline
    // machine's exceljs read gives; here it is reported, and the ratio (runs interleaved) decides.
    const target = n === 100_000 ? '≤ 1.3× stream (guide: 20k rows/s), ≤ 300 MB, 0 U+FFFD' : '';
    const met = n === 100_000 && !im.error ? rt <= 1.3 && im.maxRssMB <= 300 && im.storedFFFD === 0 : undefined;
    row(`import ${tag(n)} end to end`, im, { ratio: rt, target, met });
    if (!im.error)
      rows[rows.length - 1].rate +=
        `, ${im.storedFFFD} stored U+FFFD; cpu ${im.cpuMs && base.cpuMs ? (im.cpuMs / base.cpuMs).toFixed(2) : '?'}× the stream's`;
    if (n === 100_000)
      verdicts.import = {
        guide20kRowsPerSecond: im.rows / (im.ms / 1000) >= 20_000,
        ratio: rt,
        cpuRatio: im.cpuMs && base.cpuMs ? im.cpuMs / base.cpuMs : undefined,
        rowsPerSecond: im.rows / (im.ms / 1000),
        met,
        ms: im.ms,
        cpuMs: im.cpuMs,
        rssMB: im.maxRssMB,
        storedFFFD: im.storedFFFD,
      };
  }
}
const um = c[`import-${tag(big)}-unmerged`];
const umBase = c[`exceljs-stream-${tag(big)}-unmerged`];
if (um && umBase) {
  row(`exceljs streaming read ${tag(big)}, unmerged two-row header (baseline)`, umBase, {
    rate: umBase.ms ? `${Math.round(umBase.rows / (umBase.ms / 1000)).toLocaleString('en')} rows/s` : '',
  });
  const rt = ratio(um, umBase);
  row(`import ${tag(big)}, unmerged two-row header, end to end`, um, {
    ratio: rt,
    target: 'report (issue #13 closing note)',
  });
  if (!um.error)
    rows[rows.length - 1].rate +=
      `, ${um.new} new, ${um.storedFFFD} stored U+FFFD; cpu ${um.cpuMs && umBase.cpuMs ? (um.cpuMs / umBase.cpuMs).toFixed(2) : '?'}× the stream's`;
  verdicts.importUnmerged = {
    ratio: rt,
    cpuRatio: um.cpuMs && umBase.cpuMs ? um.cpuMs / umBase.cpuMs : undefined,
    ms: um.ms,
    rows: um.rows,
    new: um.new,
    rssMB: um.maxRssMB,
  };
}
const re = c[`reimport-${tag(big)}`];
if (re) {
  const rt = ratio(re, c[`import-${tag(big)}`]);
  row(`re-import ${tag(big)}, 1% changed (${re.changed ?? '?'} changed)`, re, {
    ratio: rt,
    target: '≤ 1.5× first import',
    met: re.error ? false : rt <= 1.5,
  });
  verdicts.reimport = { ratio: rt, met: !re.error && rt <= 1.5 };
}
if (c[`libreoffice-csv-${tag(big)}`])
  row(`libreoffice --convert-to csv ${tag(big)}`, c[`libreoffice-csv-${tag(big)}`], {
    ratio: ratio(c[`import-${tag(big)}`], c[`libreoffice-csv-${tag(big)}`]),
  });
if (c.queries?.queries) {
  const limits = { list: 50, search3: 10, search12: 60, stats: 100 };
  // The target is “statistics for a year”; all years at once is reported beside it.
  const labels = { list: '列表', search3: '搜索 3+ 字', search12: '搜索 1–2 字', stats: '统计', statsAll: '统计' };
  for (const q of c.queries.queries) {
    const limit = limits[q.group];
    rows.push({
      name: `${labels[q.group]} ${q.name}`,
      ms: fmtMs(q.ms),
      cpu: q.cpuMs === undefined ? '' : fmtMs(q.cpuMs),
      rate: `${q.total} 条, max ${fmtMs(q.max)}`,
      rss: '',
      ratio: '',
      target: limit ? `≤ ${limit} ms` : 'report',
      met: limit ? (q.ms <= limit ? 'yes' : 'NO') : '',
    });
  }
  for (const g of Object.keys(limits)) {
    const qs = c.queries.queries.filter((q) => q.group === g);
    verdicts[g] = {
      worstMs: Math.max(...qs.map((q) => q.ms)),
      limitMs: limits[g],
      met: qs.every((q) => q.ms <= limits[g]),
    };
  }
} else if (c.queries?.error)
  rows.push({ name: 'queries', ms: c.queries.error, rate: '', rss: '', ratio: '', target: '', met: '' });
const size = c[`size-${tag(big)}`];
if (size && !size.error) {
  rows.push({
    name: `data directory, ${tag(big)} hazards`,
    ms: '',
    rate: `${(size.bytes / 1048576).toFixed(1)} MB (${Object.entries(size.parts)
      .map(([k, v]) => `${k} ${(v / 1048576).toFixed(1)} MB`)
      .join(', ')})`,
    rss: '',
    ratio: '',
    target: 'report',
    met: '',
  });
}
// archive volume (issue 7). The machine is shared: the verdicts use CPU time (the process's own work), the wall
// time is shown beside it. The export's wall time also includes fsyncing the file, which the bare cases do not do.
if (volume.export200) {
  const v = volume;
  const cpuRatio = (a, b) => (a?.cpuMs && b?.cpuMs ? a.cpuMs / b.cpuMs : undefined);
  const perSec = (pages, ms) => (ms ? pages / (ms / 1000) : undefined);
  const gen = v.setup.generatedPages;
  const fmtPps = (r, pages) =>
    r?.ms ? `${perSec(pages, r.ms).toFixed(0)} pages/s (cpu: ${perSec(pages, r.cpuMs).toFixed(0)})` : '';
  row(`volume: bare pdfkit, ${gen} generated pages, Chinese font, features: []`, v.bareCjk, {
    rate: fmtPps(v.bareCjk, gen),
  });
  row(`volume: bare pdfkit, the same, default OpenType shaping`, v.bareShaping, { rate: fmtPps(v.bareShaping, gen) });
  row(`volume: bare pdfkit, the same layout in Helvetica`, v.bareHelvetica, { rate: fmtPps(v.bareHelvetica, gen) });
  row(`volume: bare pdf-lib, binding the ${v.setup.scanPages} scanned pages`, v.bareLib, {
    rate: fmtPps(v.bareLib, v.setup.scanPages),
  });
  // The faster of the two bare Chinese layouts (by CPU) is the baseline.
  const bareKit = [v.bareCjk, v.bareShaping].filter((r) => r?.cpuMs).sort((a, b) => a.cpuMs - b.cpuMs)[0];
  const base =
    bareKit && v.bareLib?.ms ? { ms: bareKit.ms + v.bareLib.ms, cpuMs: bareKit.cpuMs + v.bareLib.cpuMs } : undefined;
  const e0 = v.export0;
  const genPages = e0?.pages ?? gen;
  const genRate = perSec(genPages, e0?.cpuMs);
  const vsHelv = cpuRatio(e0, v.bareHelvetica);
  const genMet = !e0?.error && genRate >= 120 && vsHelv <= 2;
  row(`volume: app export, generated pages only (${e0?.pages ?? '?'} pages, 0 scans)`, e0, {
    rate: e0?.ms
      ? `${fmtPps(e0, genPages)}; ${cpuRatio(e0, bareKit)?.toFixed(2)}× bare Chinese (wall ${ratio(e0, bareKit)?.toFixed(2)}×), wall ${ratio(e0, v.bareHelvetica)?.toFixed(2)}× Helvetica`
      : '',
    ratio: vsHelv,
    target: '≥ 120 pages/s, ≤ 2× Helvetica (cpu)',
    met: genMet,
  });
  const e2 = v.export200;
  const r2 = cpuRatio(e2, base);
  const e1 = v.export100;
  // Peak memory over the same volume without scans, at 200 scans and (twice the volume) at 400: bounded when the
  // 400 scans take no more than the 200 did (within 15 MB): buffers awaiting collection level off, nothing piles up.
  const dd0 = v.exportd0;
  const dd4 = v.exportd400;
  const growth = e0?.maxRssMB && e2?.maxRssMB ? e2.maxRssMB - e0.maxRssMB : undefined;
  const growth400 = dd0?.maxRssMB && dd4?.maxRssMB ? dd4.maxRssMB - dd0.maxRssMB : undefined;
  const rssMet = growth !== undefined && growth400 !== undefined && growth400 <= growth + 15;
  const totalMet = !e2?.error && r2 <= 1.5;
  row(`volume: app export, ${e2?.pages ?? '?'} pages incl. ${v.setup.scanPages} scanned`, e2, {
    rate: e2?.ms
      ? `${fmtPps(e2, e2.pages)}, ${(e2.bytes / 1048576).toFixed(1)} MB; wall ${ratio(e2, base)?.toFixed(2)}× bare`
      : '',
    ratio: r2,
    target: '≤ 1.5× bare pdfkit + pdf-lib (cpu)',
    met: totalMet,
  });
  row(`volume: app export, ${e1?.pages ?? '?'} pages incl. 100 scanned`, e1, {
    rate:
      growth === undefined || growth400 === undefined
        ? ''
        : `peak RSS ${e0.maxRssMB.toFixed(0)} MB at 0 scans, ${e1?.maxRssMB?.toFixed(0)} MB at 100, ${e2.maxRssMB.toFixed(0)} MB at 200 (+${growth.toFixed(0)} MB); twice the volume: ${dd0.maxRssMB.toFixed(0)} MB at 0 scans, ${dd4.maxRssMB.toFixed(0)} MB at 400 (+${growth400.toFixed(0)} MB); bare pdf-lib ${v.bareLib?.maxRssMB?.toFixed(0)} MB`,
    target: 'peak RSS not growing with the scans (400 scans ≤ 200 + 15 MB)',
    met: rssMet,
  });
  verdicts.volume = {
    met: genMet && totalMet && rssMet,
    total: {
      ms: e2?.ms,
      cpuMs: e2?.cpuMs,
      pages: e2?.pages,
      cpuRatio: r2,
      wallRatio: ratio(e2, base),
      met: totalMet,
      baseMs: base?.ms,
      baseCpuMs: base?.cpuMs,
    },
    generated: {
      pagesPerCpuSecond: genRate,
      pagesPerSecond: perSec(genPages, e0?.ms),
      vsHelveticaCpu: vsHelv,
      vsHelveticaWall: ratio(e0, v.bareHelvetica),
      vsBareChineseCpu: cpuRatio(e0, bareKit),
      met: genMet,
    },
    memory: {
      rss0MB: e0?.maxRssMB,
      rss100MB: e1?.maxRssMB,
      rss200MB: e2?.maxRssMB,
      growthMB: growth,
      twice0MB: dd0?.maxRssMB,
      twice400MB: dd4?.maxRssMB,
      growth400MB: growth400,
      met: rssMet,
    },
  };
} else if (want('volume'))
  rows.push({
    name: 'archive volume',
    ms: volume.export200?.error ?? 'not run',
    rate: '',
    rss: '',
    ratio: '',
    target: '',
    met: '',
  });
if (pkg.export) {
  const e = pkg.export;
  const v = pkg.volume;
  const cpuRatio = v?.cpuMs && e?.cpuMs ? e.cpuMs / v.cpuMs : undefined;
  row(`package: the ${v?.items ?? '?'} 件 as one volume PDF (${v?.pages ?? '?'} pages)`, v, {});
  row(`package: 归档信息包 of ${e.items ?? '?'} 件 (${e.pages ?? '?'} pages)`, e, {
    rate: e.ms
      ? `${(e.ms / e.items).toFixed(0)} ms/件 (cpu ${(e.cpuMs / e.items).toFixed(0)}), ${(e.bytes / 1048576).toFixed(1)} MB`
      : '',
    ratio: cpuRatio,
    target: 'reported (ratio to one volume PDF, cpu)',
  });
  verdicts.package = {
    ms: e.ms,
    cpuMs: e.cpuMs,
    items: e.items,
    msPerItem: e.ms / e.items,
    cpuRatioToVolume: cpuRatio,
  };
}
browserRows();

let previous = null;
const resultsFile = path.join(root, 'bench', 'results.json');
try {
  previous = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
} catch {}
const prevMs = (name) => previous?.table?.find((r) => r.name === name)?.ms;

const cols = [
  ['case', 'name'],
  ['median', 'ms'],
  ['cpu', 'cpu'],
  ['throughput / detail', 'rate'],
  ['peak RSS', 'rss'],
  ['ratio', 'ratio'],
  ['target', 'target'],
  ['met', 'met'],
];
if (previous) cols.push(['previous', 'prev']);
for (const r of rows) r.prev = prevMs(r.name) ?? '';
const width = (s) => [...String(s)].reduce((n, ch) => n + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
const pad = (s, w) => String(s) + ' '.repeat(Math.max(0, w - width(s)));
const widths = cols.map(([h, k]) => Math.max(width(h), ...rows.map((r) => width(r[k] ?? ''))));
const line = (cells) => `| ${cells.map((s, i) => pad(s, widths[i])).join(' | ')} |`;
const out = [
  line(cols.map(([h]) => h)),
  `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
  ...rows.map((r) => line(cols.map(([, k]) => r[k] ?? ''))),
];
console.log(out.join('\n'));
for (const n of results.notes) console.log(`- ${n}`);

const summary = {
  date: new Date().toISOString(),
  commit,
  node: process.version,
  cpus: os.cpus().length,
  cpuModel: os.cpus()[0]?.model,
  totalSeconds: Math.round((performance.now() - started) / 1000),
  files: Object.fromEntries(Object.entries(fileInfo).map(([n, b]) => [tag(Number(n)), b])),
  verdicts,
  table: rows.map(({ prev, ...r }) => r),
  ...results,
};
fs.writeFileSync(resultsFile, `${JSON.stringify(summary, null, 2)}\n`);
console.log(
  `\nbench/results.json written (${summary.totalSeconds} s${previous ? `; previous: ${previous.commit} ${previous.date}` : ''}).`,
);
fs.rmSync(work, { recursive: true, force: true });

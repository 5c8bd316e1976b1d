/**
 * One benchmark case per process (so the peak RSS is the case's own): `node cases.cjs <case> '<json args>'`
 * prints one JSON line with the time of the measured part, counts, and maxRSS at the end.
 * Built and driven by bench/run.mjs (`npm run bench`).
 */
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import { openContext, type AppContext } from '../core/platform/context';
import { readReturnFile } from '../core/imports/parse/readers';
import { parseWorkbook } from '../core/imports/parse/parse';
import { commitImport } from '../core/imports/commit';
import { createUnit } from '../core/units/service';
import { listHazards, type HazardQuery } from '../core/hazards/service';
import { hazardStats } from '../core/stats/service';
import { writeLedger, TOWNSHIPS } from './generate';
import { volumeCases } from './volumeCases';
import { packageCases } from './packageCases';

type Args = Record<string, unknown>;
type Result = Record<string, unknown>;

const FFFD = '\ufffd';

/** CPU time (user + system, all threads) in ms: on a shared machine, wall time also measures the neighbours. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
/** A fixed clock, so overdue filters select the same rows on every run. */
const NOW = new Date('2025-12-15T02:00:00Z');

function open(dir: string): AppContext & { opened: { close(): void } } {
  return openContext(dir, { actor: '基准测试', now: () => NOW });
}

const cases: Record<string, (a: Args) => Promise<Result> | Result> = {
  ...volumeCases,
  ...packageCases,
  /** Writes a generated ledger (not timed as a case). */
  gen(a) {
    const t = performance.now();
    const info = writeLedger(String(a.file), {
      rows: Number(a.rows),
      changedShare: Number(a.changedShare ?? 0),
      seed: Number(a.seed ?? 20240125),
      unmerged: !!a.unmerged,
    });
    return { ms: performance.now() - t, ...info };
  },

  /** An empty data directory with the county's townships and the reporting unit. */
  setup(a) {
    const ctx = open(String(a.dir));
    createUnit(ctx, { name: '应急管理局', kind: '部门', aliases: ['禹州市应急管理局'] });
    for (const t of TOWNSHIPS) createUnit(ctx, { name: t, kind: t.endsWith('街道') ? '街道' : '乡镇' });
    ctx.opened.close();
    return { ms: 0 };
  },

  /** The bare library baseline: exceljs' streaming WorkbookReader iterating every row of every sheet. */
  async 'exceljs-stream'(a) {
    // Loaded by the cases that use it (as the app loads it only when needed), outside the timed part.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Excel = require('exceljs') as typeof ExcelJS;
    const c = cpuMs();
    const t = performance.now();
    const reader = new Excel.stream.xlsx.WorkbookReader(String(a.file), {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'emit',
    } as ConstructorParameters<typeof ExcelJS.stream.xlsx.WorkbookReader>[1]);
    let rows = 0;
    let bad = 0;
    for await (const ws of reader) {
      for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
        rows++;
        const v = row.values as unknown[];
        for (const x of v) {
          const s = typeof x === 'string' ? x : x && typeof x === 'object' && 'richText' in x ? JSON.stringify(x) : '';
          if (s.includes(FFFD)) {
            bad++;
            break;
          }
        }
      }
    }
    return { ms: performance.now() - t, cpuMs: cpuMs() - c, rows, rowsWithFFFD: bad };
  },

  /** exceljs' full reader (what readXlsxBuffer used before): the whole workbook model in memory. */
  async 'exceljs-full'(a) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Excel = require('exceljs') as typeof ExcelJS;
    const t = performance.now();
    const wb = new Excel.Workbook();
    await wb.xlsx.readFile(String(a.file));
    let rows = 0;
    wb.eachSheet((ws) => (rows += ws.actualRowCount));
    return { ms: performance.now() - t, rows };
  },

  /** The app's reader: file → grid (readReturnFile), and optionally the parse to typed rows. */
  async read(a) {
    const c = cpuMs();
    const t = performance.now();
    const wb = await readReturnFile(String(a.file));
    const readMs = performance.now() - t;
    let rows = 0;
    let bad = 0;
    for (const s of wb.sheets) {
      rows += s.rows.length;
      for (const r of s.rows) if (r.some((c) => typeof c === 'string' && c.includes(FFFD))) bad++;
    }
    let parseMs: number | undefined;
    if (a.parse) {
      const t2 = performance.now();
      const p = parseWorkbook(wb);
      parseMs = performance.now() - t2;
      rows = p.rows.length;
    }
    return { ms: performance.now() - t, cpuMs: cpuMs() - c, readMs, parseMs, rows, rowsWithFFFD: bad };
  },

  /** Import end to end (plan: read, parse, map, validate, reconcile; commit; FTS index) into a data directory. */
  async import(a) {
    const dir = String(a.dir);
    const ctx = open(dir);
    const c = cpuMs();
    const t = performance.now();
    const r = await commitImport(ctx, String(a.file), { unitName: '应急管理局' });
    const ms = performance.now() - t;
    const cpu = cpuMs() - c;
    const text = ['description', 'enterprise_name', 'measures', 'township_name', 'notes', 'responsible_person']
      .map((c) => `coalesce(${c}, '')`)
      .join(" || '|' || ");
    const bad = (
      ctx.sqlite.prepare(`select count(*) n from hazards where instr(${text}, char(65533)) > 0`).get() as { n: number }
    ).n;
    const total = (ctx.sqlite.prepare('select count(*) n from hazards where deleted_at is null').get() as { n: number })
      .n;
    // (Trigram index: terms of 3+ characters.)
    const fts = (
      ctx.sqlite
        .prepare(
          `select count(*) n from hazards_fts where hazards_fts match '"灭火器" OR "配电箱" OR "防倾倒" OR "钧瓷厂"'`,
        )
        .get() as { n: number }
    ).n;
    ctx.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    ctx.opened.close();
    if (!r.committed) throw new Error(`not committed: ${r.message}`);
    return {
      ms,
      cpuMs: cpu,
      rows: r.rows,
      new: r.new,
      changed: r.changed,
      unchanged: r.unchanged,
      hazards: total,
      ftsHits: fts,
      storedFFFD: bad,
    };
  },

  /** List, search and statistics on a data directory with 100,000 hazards: median of repeated calls. */
  queries(a) {
    const ctx = open(String(a.dir));
    const reps = Number(a.reps ?? 15);
    const town = (ctx.sqlite.prepare("select id from units where name = '神垕镇'").get() as { id: number }).id;
    const list = (q: HazardQuery) => () => listHazards(ctx, q);
    const specs: [string, string, () => unknown][] = [
      ['list', '默认（全部，按登记倒序）', list({})],
      ['list', '乡镇 + 按排查时间', list({ townshipUnitIds: [town], sortField: 'foundDate' })],
      ['list', '未整改 + 按时限升序', list({ statuses: ['未整改'], sortField: 'deadlineDate', sortOrder: 'asc' })],
      ['list', '重大 + 按等级', list({ levels: ['重大'], sortField: 'level' })],
      ['list', '逾期 + 按时限', list({ overdue: true, sortField: 'deadlineDate', sortOrder: 'asc' })],
      [
        'list',
        '行业 + 排查时间段',
        list({ industries: ['消防'], foundFrom: '2024-01-01', foundTo: '2024-12-31', sortField: 'foundDate' }),
      ],
      ['list', '五落实不全', list({ fiveIncomplete: true })],
      ['list', '挂牌督办', list({ supervised: true })],
      ['list', '按整改状态排序', list({ sortField: 'status' })],
      ['list', '按单位名称排序', list({ sortField: 'enterpriseName', sortOrder: 'asc' })],
      ['list', '按乡镇排序', list({ sortField: 'township' })],
      ['list', '按等级排序', list({ sortField: 'level' })],
      [
        'list',
        '整改中 + 乡镇 + 按单位',
        list({ statuses: ['整改中'], townshipUnitIds: [town], sortField: 'enterpriseName' }),
      ],
      ['search3', '“灭火器”', list({ search: '灭火器' })],
      ['search3', '“防倾倒链”', list({ search: '防倾倒链' })],
      ['search3', '“鑫源液化气站”', list({ search: '鑫源液化气站' })],
      ['search3', '“配电箱” + 未整改', list({ search: '配电箱', statuses: ['未整改'] })],
      ['search3', '“隐患排查”（无结果）', list({ search: '隐患排查' })],
      ['search12', '“燃气”', list({ search: '燃气' })],
      ['search12', '“垕”', list({ search: '垕' })],
      ['search12', '“仓库” + 按时限', list({ search: '仓库', sortField: 'deadlineDate' })],
      ['stats', '2024 年统计', () => hazardStats(ctx, { from: '2024-01-01', to: '2024-12-31' })],
      ['statsAll', '全部年份统计', () => hazardStats(ctx, {})],
      [
        'stats',
        '2025 年 + 乡镇',
        () => hazardStats(ctx, { from: '2025-01-01', to: '2025-12-31', townshipUnitIds: [town] }),
      ],
    ];
    const out: Result[] = [];
    for (const [group, name, fn] of specs) {
      for (let i = 0; i < 3; i++) fn();
      const times: number[] = [];
      const cpus: number[] = [];
      let r: unknown;
      for (let i = 0; i < reps; i++) {
        const c = cpuMs();
        const t = performance.now();
        r = fn();
        times.push(performance.now() - t);
        cpus.push(cpuMs() - c);
      }
      times.sort((x, y) => x - y);
      cpus.sort((x, y) => x - y);
      const total = (r as { total?: number }).total ?? (r as { hazards?: { total: number } }).hazards?.total;
      out.push({
        group,
        name,
        ms: times[Math.floor(times.length / 2)],
        max: times[times.length - 1],
        cpuMs: cpus[Math.floor(cpus.length / 2)],
        total,
      });
    }
    const hazards = (
      ctx.sqlite.prepare('select count(*) n from hazards where deleted_at is null').get() as { n: number }
    ).n;
    ctx.opened.close();
    return { ms: 0, hazards, queries: out };
  },

  /** Size of a data directory on disk. */
  size(a) {
    const dir = String(a.dir);
    const files: Record<string, number> = {};
    let total = 0;
    for (const d of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
      if (!d.isFile()) continue;
      const p = path.join(d.parentPath, d.name);
      const n = fs.statSync(p).size;
      total += n;
      const key = path.relative(dir, p).split(path.sep)[0]!;
      files[key] = (files[key] ?? 0) + n;
    }
    return { ms: 0, bytes: total, parts: files };
  },
};

async function main() {
  const [name, json] = process.argv.slice(2);
  const fn = name ? cases[name] : undefined;
  if (!fn) {
    console.error(`unknown case ${name}; cases: ${Object.keys(cases).join(', ')}`);
    process.exit(2);
  }
  const result = await fn(JSON.parse(json ?? '{}') as Args);
  // maxRSS is in KiB on Linux and macOS.
  process.stdout.write(`${JSON.stringify({ ...result, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});

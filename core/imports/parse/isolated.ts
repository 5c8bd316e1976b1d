/**
 * Reading an untrusted file in a worker thread with a memory cap: a file crafted (or damaged) so that a reader
 * grows without bound ends as a Chinese "文件过大或已损坏…" error, while the app's process, its database
 * connection and its other work go on untouched. V8 stops the worker at the cap (ERR_WORKER_OUT_OF_MEMORY) instead
 * of aborting the whole process.
 *
 * The worker is a separate bundle: dist/workers/importParse.cjs (scripts/build.mjs), found next to the CLI bundle
 * (dist/cli.cjs) and the Electron main bundle (dist/electron/main.cjs, inside app.asar when packaged). Run from the
 * TypeScript sources (vitest), it is bundled on demand with esbuild into dist/workers-dev/.
 *
 * The grid crosses back by structured clone (plain arrays, strings, numbers, Dates; shared rows stay shared).
 * Progress arrives as messages; cancelling (the progress callback throws) terminates the worker at once, even
 * in the middle of a synchronous read.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, fileInvalid, type ErrorCode } from '../../platform/errors';
import type { Workbook } from './grid';
import { IMPORT_LIMITS, type ImportLimits } from './limits';
import type { ReturnLayout } from './parse';
import type { ParsedReturn, ParseOptions } from './types';
import type { ReadProgress } from './xlsxStream';

/**
 * The worker's V8 heap cap. Measured (tsx, Node 20, reading and parsing as an import does): the bench's
 * 100,000-row ledger (8.9 MB .xlsx, 17 columns, 61,522 merges) needs no more than 128 MB, a 295,000-row one
 * (26 MB, just under the import's own 300,000-row limit) no more than 256 MB. 512 MB is twice the largest ledger
 * an import accepts, and with the app's own few hundred MB it stays well within an office PC's 4 GB; a file that
 * needs more is not a return anyone filled in.
 */
export const WORKER_HEAP_MB = 512;
/** The young generation (short-lived objects: the strings of rows being scanned). */
const WORKER_YOUNG_MB = 48;

/** Test-only behaviour of the worker (honoured only under vitest). */
export type WorkerTestHook = 'exhaust-heap' | 'throw-internal';

export interface WorkerRequest {
  bytes: Uint8Array;
  file: string;
  limits: ImportLimits;
  heapMb: number;
  testHook?: WorkerTestHook;
  /** Parse too (parseWorkbookAsync) with these options; the grid then never leaves the worker. */
  parse?: ParseOptions;
  /** For the parse's synchronous questions to the app (CALL_* layout below). */
  channel?: SharedArrayBuffer;
  /** Instead of reading a return: check a PDF offered as a scan (core/files/pdfInspect.ts). */
  inspectPdf?: boolean;
}

/** The parse asks the app once, when the sheet and header are known: the template found, and the layout. */
export interface WorkerCall {
  template: TemplateInfo | null;
  layout: ReturnLayout;
}

export type WorkerReply =
  | { type: 'progress'; stage: 'read' | 'parse'; done: number; total: number }
  | { type: 'done'; wb: Workbook }
  | { type: 'parsed'; parsed: ParsedReturn }
  | { type: 'pdf'; pageCount: number }
  | { type: 'call'; call: WorkerCall }
  | { type: 'error'; code: ErrorCode | null; message: string; stack?: string };

/** The answer to a call, as JSON in the shared channel: Int32 [state (0 waiting, 1 answered), byte length], then UTF-8. */
export type CallAnswer =
  { ok: true; mapping: Record<number, string | null> | null } | { ok: false; code: ErrorCode | null; message: string };
export const CHANNEL_BYTES = 1 << 20;
export const CHANNEL_HEAD = 8;

export type TemplateInfo = { noticeId: number | null; unitId: number | null };

export interface ParseHooks {
  /** Progress of the read (bytes of sheet XML); may throw (cancel). */
  readProgress?: ReadProgress;
  /** Progress of the parse (rows); may throw (cancel). */
  parseProgress?: (done: number, total: number) => void;
  /** The template identification found in the workbook (a return made from our template), before remap. */
  template?: (info: TemplateInfo | null) => void;
  /** As parseWorkbookAsync's remap: runs in the app (it may read the register). */
  remap?: (layout: ReturnLayout) => Record<number, string | null> | undefined;
}

export interface IsolatedOptions {
  heapMb?: number;
  testHook?: WorkerTestHook;
}

/** The Chinese refusal when the worker ran out of its memory (or died another way). */
export function tooBigOrDamaged(file: string, heapMb: number, scan = false): AppError {
  if (scan) {
    return fileInvalid(
      `文件过大或已损坏：检查扫描件“${file}”需要的内存超过了允许的 ${heapMb} MB，已停止读取，没有保存任何内容。` +
        '请用 PDF 阅读器打开该文件检查，另存（或打印为新的 PDF）后再添加，或重新扫描',
    );
  }
  return fileInvalid(
    `文件过大或已损坏：读取“${file}”需要的内存超过了导入时允许的 ${heapMb} MB，已停止读取，台账数据没有任何改动。` +
      '请在 Excel/WPS 中打开该文件检查，删除多余的内容（或按乡镇、月份拆分成几个文件）后另存为 .xlsx 再导入',
  );
}

/**
 * Tests reach the worker through the services and the CLI with these variables; they are read only under
 * vitest (VITEST is set in its processes and inherited by the CLI they spawn), never in the app.
 */
function testOptions(): IsolatedOptions {
  if (!process.env.VITEST) return {};
  const hook = process.env.ANWEI_IMPORT_TEST_HOOK as WorkerTestHook | undefined;
  const heap = Number(process.env.ANWEI_IMPORT_TEST_HEAP_MB);
  return { ...(hook ? { testHook: hook } : {}), ...(heap > 0 ? { heapMb: heap } : {}) };
}

/** Checks a PDF offered as a scan in the worker: pdf-lib's load of an untrusted file cannot exhaust the app. */
export function inspectPdfInWorker(
  buf: Buffer,
  name: string,
  options: IsolatedOptions = {},
): Promise<{ pageCount: number }> {
  return runWorker<{ pageCount: number }>(buf, name, IMPORT_LIMITS, {}, options, null, true);
}

export function readInWorker(
  buf: Buffer,
  file: string,
  limits: ImportLimits,
  progress?: ReadProgress,
  options: IsolatedOptions = {},
): Promise<Workbook> {
  return runWorker<Workbook>(buf, file, limits, { readProgress: progress }, options, null);
}

/**
 * Reads and parses a return in the worker (parseWorkbookAsync with `release`, as the import does): the app gets
 * the parsed rows only, never the grid. The hooks run in the app; remap's answer is handed to the waiting parse.
 */
export function parseInWorker(
  buf: Buffer,
  file: string,
  limits: ImportLimits,
  parse: ParseOptions,
  hooks: ParseHooks = {},
  options: IsolatedOptions = {},
): Promise<ParsedReturn> {
  return runWorker<ParsedReturn>(buf, file, limits, hooks, options, parse);
}

function runWorker<T>(
  buf: Buffer,
  file: string,
  limits: ImportLimits,
  hooks: ParseHooks,
  options: IsolatedOptions,
  parse: ParseOptions | null,
  inspectPdf = false,
): Promise<T> {
  const opts = { ...testOptions(), ...options };
  const heapMb = opts.heapMb ?? WORKER_HEAP_MB;
  let script: string;
  try {
    script = workerScript();
  } catch (e) {
    return Promise.reject(e instanceof AppError ? e : cannotStart(e));
  }
  // A copy the worker owns (transferred, not copied again); the caller keeps its buffer (hashed, stored).
  const bytes = new Uint8Array(buf.length);
  bytes.set(buf);
  const channel = parse ? new SharedArrayBuffer(CHANNEL_HEAD + CHANNEL_BYTES) : undefined;
  const request: WorkerRequest = {
    bytes,
    file,
    limits,
    heapMb,
    ...(opts.testHook ? { testHook: opts.testHook } : {}),
    ...(parse ? { parse, channel } : {}),
    ...(inspectPdf ? { inspectPdf } : {}),
  };
  return new Promise<T>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(script, {
        workerData: request,
        transferList: [bytes.buffer],
        resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: WORKER_YOUNG_MB },
        stdout: false,
        stderr: false,
      });
    } catch (e) {
      reject(cannotStart(e));
      return;
    }
    let settled = false;
    let stage: 'read' | 'parse' = 'read';
    let done = 0;
    let total = 0;
    const finish = (err: unknown, value?: T) => {
      if (settled) return;
      settled = true;
      if (timer) clearInterval(timer);
      void worker.terminate();
      if (err) reject(err);
      else resolve(value!);
    };
    const report = () => {
      try {
        if (stage === 'read') hooks.readProgress?.(done, total);
        else hooks.parseProgress?.(done, total);
      } catch (e) {
        finish(e); // cancelled: the worker is stopped wherever it is
      }
    };
    // While the worker is silent (a synchronous .xls read), the callback is still asked, so a cancel is heard.
    const timer = hooks.readProgress || hooks.parseProgress ? setInterval(report, 250) : null;
    const answer = (a: CallAnswer) => {
      const view = new Int32Array(channel!, 0, 2);
      let json = Buffer.from(JSON.stringify(a), 'utf8');
      if (json.length > CHANNEL_BYTES)
        json = Buffer.from(JSON.stringify({ ok: true, mapping: null } satisfies CallAnswer), 'utf8');
      new Uint8Array(channel!, CHANNEL_HEAD).set(json);
      Atomics.store(view, 1, json.length);
      Atomics.store(view, 0, 1);
      Atomics.notify(view, 0);
    };
    worker.on('message', (m: WorkerReply) => {
      if (m.type === 'progress') {
        stage = m.stage;
        done = m.done;
        total = m.total;
        report();
      } else if (m.type === 'call') {
        try {
          hooks.template?.(m.call.template);
          answer({ ok: true, mapping: hooks.remap?.(m.call.layout) ?? null });
        } catch (e) {
          // The app's own failure (e.g. the unit named is not in the register): the worker is released, and the
          // import fails with the app's error as it is.
          answer({ ok: false, code: null, message: 'cancelled by the app' });
          finish(e);
        }
      } else if (m.type === 'done') finish(null, m.wb as T);
      else if (m.type === 'parsed') finish(null, m.parsed as T);
      else if (m.type === 'pdf') finish(null, { pageCount: m.pageCount } as T);
      else if (m.code) finish(new AppError(m.code, m.message));
      else {
        const e = new Error(m.message);
        if (m.stack) e.stack = m.stack;
        finish(e);
      }
    });
    worker.on('error', (e: Error & { code?: string }) => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY' || e instanceof RangeError)
        finish(tooBigOrDamaged(file, heapMb, inspectPdf));
      else if (e.code === 'ERR_WORKER_INIT_FAILED' || e.code === 'ERR_WORKER_PATH' || e.code === 'MODULE_NOT_FOUND')
        finish(cannotStart(e));
      else finish(e);
    });
    worker.on('exit', () => finish(tooBigOrDamaged(file, heapMb, inspectPdf)));
  });
}

function cannotStart(e: unknown): AppError {
  return new AppError(
    'INTERNAL',
    `无法启动读取表格的后台任务（${String((e as Error)?.message ?? e).slice(0, 200)}），没有导入任何数据。请重新启动本程序；仍不行时请重新安装`,
  );
}

let scriptPath: string | null = null;

/** The worker bundle: beside the running bundle, or built from the sources when running from them. */
function workerScript(): string {
  if (scriptPath) return scriptPath;
  if (__filename.endsWith('.ts')) return (scriptPath = buildFromSources());
  const candidates = [
    path.join(__dirname, 'workers', 'importParse.cjs'),
    path.join(__dirname, '..', 'workers', 'importParse.cjs'),
  ];
  for (const c of candidates) if (fs.existsSync(c)) return (scriptPath = c);
  // A bundle made elsewhere from the sources (the bench's cases bundle runs with the project as its cwd).
  if (fs.existsSync(path.join(process.cwd(), 'core', 'imports', 'parse', 'importWorker.ts')))
    return (scriptPath = buildFromSources(process.cwd()));
  throw cannotStart(new Error(`missing ${candidates[0]}`));
}

/** Modules the worker loads from node_modules rather than carrying in its bundle (as scripts/build.mjs). */
export const WORKER_EXTERNAL = ['exceljs', '@e965/xlsx'];

function buildFromSources(root = path.resolve(__dirname, '..', '..', '..')): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const esbuild = require('esbuild') as typeof import('esbuild');
  const result = esbuild.buildSync({
    entryPoints: [path.join(root, 'core', 'imports', 'parse', 'importWorker.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    external: WORKER_EXTERNAL,
    write: false,
    logLevel: 'silent',
    absWorkingDir: root,
  });
  const code = result.outputFiles[0]!.contents;
  const hash = crypto.createHash('sha256').update(code).digest('hex').slice(0, 16);
  // Under the worktree's dist/, so that exceljs and SheetJS resolve from its node_modules; named by content, so
  // parallel test processes share one file and never see a half-written one.
  const dir = path.join(root, 'dist', 'workers-dev');
  const out = path.join(dir, `importParse.${hash}.cjs`);
  if (!fs.existsSync(out)) {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = `${out}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, code);
    fs.renameSync(tmp, out);
    // Bundles of earlier sources, unused for an hour (a worker reads its file when it starts).
    for (const f of fs.readdirSync(dir)) {
      const p = path.join(dir, f);
      try {
        if (p !== out && Date.now() - fs.statSync(p).mtimeMs > 3_600_000) fs.rmSync(p, { force: true });
      } catch {
        // another process removed it first
      }
    }
  }
  return out;
}

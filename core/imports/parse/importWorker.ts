/**
 * The import worker (see isolated.ts): reads one file's bytes into the grid model inside a memory-capped
 * worker thread and posts the result back as plain data. Built as dist/workers/importParse.cjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, isAppError } from '../../platform/errors';
import { templateInfo } from './templateInfo';
import type { CallAnswer, WorkerCall, WorkerReply, WorkerRequest } from './isolated';
import { CHANNEL_HEAD, tooBigOrDamaged } from './isolated';
import { parseWorkbookAsync } from './parse';
import { readReturnBufferDirect } from './readers';
import { inspectPdf } from '../../files/pdfInspect';

const request = workerData as WorkerRequest;

// SheetJS writes notes on damaged files ("Missing Info for XLS Record …") to the console, which the worker shares
// with the app (and the CLI's --json output): what goes wrong reaches the caller as an error instead.
for (const k of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) console[k] = () => {};
const post = (m: WorkerReply) => parentPort!.postMessage(m);

/** Test hook: allocate until the heap cap stops the worker (a reader that grows without bound). */
function exhaustHeap(): never {
  const hoard: string[][] = [];
  for (let i = 0; ; i++) hoard.push(Array.from({ length: 100_000 }, (_, j) => `${i}:${j}:${'隐患'.repeat(8)}`));
}

async function main(): Promise<void> {
  if (request.testHook && process.env.VITEST) {
    if (request.testHook === 'exhaust-heap') exhaustHeap();
    if (request.testHook === 'throw-internal') throw new TypeError('test: a bug in a reader');
  }
  const bytes = request.bytes;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (request.inspectPdf) {
    post({ type: 'pdf', ...(await inspectPdf(buf, request.file)) });
    return;
  }
  let last = -1;
  const wb = await readReturnBufferDirect(buf, request.file, request.limits, (done, total) => {
    // At most one message per percent.
    const step = total > 0 ? Math.floor((done / total) * 100) : 0;
    if (step === last && done !== total) return;
    last = step;
    post({ type: 'progress', stage: 'read', done, total });
  });
  if (!request.parse) {
    post({ type: 'done', wb });
    return;
  }
  const template = templateInfo(wb.sheets);
  const parsed = await parseWorkbookAsync(wb, request.parse, {
    progress: (done, total) => post({ type: 'progress', stage: 'parse', done, total }),
    release: true,
    remap: (layout) => ask({ template, layout }) ?? undefined,
  });
  post({ type: 'parsed', parsed });
}

/** Asks the app and waits for its answer (the parse's remap hook is synchronous). */
function ask(call: WorkerCall): Record<number, string | null> | null {
  const view = new Int32Array(request.channel!, 0, 2);
  Atomics.store(view, 0, 0);
  post({ type: 'call', call });
  Atomics.wait(view, 0, 0);
  const text = Buffer.from(new Uint8Array(request.channel!, CHANNEL_HEAD, Atomics.load(view, 1))).toString('utf8');
  const a = JSON.parse(text) as CallAnswer;
  if (!a.ok) throw new AppError(a.code ?? 'INTERNAL', a.message);
  return a.mapping;
}

main().catch((e: unknown) => {
  if (isAppError(e)) post({ type: 'error', code: e.code, message: e.message });
  // Out of memory in a way V8 reports as an exception (a string or a buffer too large to allocate).
  else if (e instanceof RangeError) {
    const err = tooBigOrDamaged(request.file, request.heapMb, !!request.inspectPdf);
    post({ type: 'error', code: err.code, message: err.message });
  } else post({ type: 'error', code: null, message: String((e as Error)?.message ?? e), stack: (e as Error)?.stack });
});

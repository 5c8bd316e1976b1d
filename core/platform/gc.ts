import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * A full garbage collection, now. For the few points of a long job where a large structure has just been let go
 * (an import's grid once its rows are parsed): V8 would otherwise collect it only when the heap has grown well past
 * it, so the job's peak memory would hold both. Node exposes gc() only with --expose-gc; set at run time, the
 * flag makes a fresh context's gc available. A no-op where that is not possible.
 */
export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      const gc = vm.runInNewContext('gc') as unknown;
      collect = typeof gc === 'function' ? (gc as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
}

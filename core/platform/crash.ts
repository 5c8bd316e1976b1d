/**
 * Fault injection for the crash-safety tests: when ANWEI_CRASH_AT names this point, the process kills itself
 * with SIGKILL right here (no cleanup, no exit handlers), exactly as a power cut or a task-manager kill would.
 */
export function crashPoint(name: string): void {
  if (process.env.ANWEI_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}

/**
 * For the progress tests: when ANWEI_SLOW_STEP_MS is set, each step of a long job (a chunk of an import's rows)
 * waits that long, so a test can watch the progress bar and press 取消 at a known stage. Otherwise null.
 */
export function slowStep(): Promise<void> | null {
  const ms = Number(process.env.ANWEI_SLOW_STEP_MS ?? '');
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : null;
}

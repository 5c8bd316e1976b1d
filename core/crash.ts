/**
 * Fault injection for the crash-safety tests: when ANWEI_CRASH_AT names this point, the process kills itself
 * with SIGKILL right here (no cleanup, no exit handlers), exactly as a power cut or a task-manager kill would.
 */
export function crashPoint(name: string): void {
  if (process.env.ANWEI_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}

/* The command-line interface: the same services as the app, without Electron. */
import { parseArgs } from 'node:util';
import { openContext, type AppContext } from '../platform/context';
import { toAppError } from '../platform/errors';
import { resolveDataDir } from '../platform/userData';
import type { CliIO } from './args';
import { commands, rawCommands } from './commands/index';
import { SilentExit, UsageError, USAGE } from './usage';

/**
 * Exit codes: 0 done; 1 refused input or a fault the message explains (disk full, read-only folder, database busy
 * or damaged, …; nothing was changed); 2 wrong usage; 3 a true bug (the message says to tell the maintainers).
 */
export const EXIT = { ok: 0, refused: 1, usage: 2, bug: 3 } as const;

function dataDirOf(data: unknown): string | undefined {
  try {
    return resolveDataDir(typeof data === 'string' ? data : undefined);
  } catch {
    return undefined;
  }
}

/** Prints an error in Chinese (and as JSON with --json); returns the exit code: 1 when explained, 3 for a bug. */
export function reportError(io: CliIO, e: unknown, o: { json?: boolean; dataDir?: string } = {}): number {
  const err = toAppError(e, { dataDir: o.dataDir });
  if (o.json) io.out(JSON.stringify({ ok: false, error: { code: err.code, message: err.message } }));
  if (err.code === 'INTERNAL') {
    io.err(`${err.message}\n${(e as Error)?.stack ?? String(e)}`);
    return EXIT.bug;
  }
  io.err(`错误：${err.message}`);
  return EXIT.refused;
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        data: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
        kind: { type: 'string' },
        alias: { type: 'string', multiple: true },
        no: { type: 'string' },
        title: { type: 'string' },
        date: { type: 'string' },
        deadline: { type: 'string' },
        level: { type: 'string' },
        talker: { type: 'string' },
        'talker-title': { type: 'string' },
        talkee: { type: 'string' },
        'talkee-unit': { type: 'string' },
        'talkee-title': { type: 'string' },
        'reporting-unit': { type: 'string' },
        'signed-date': { type: 'string' },
        unsigned: { type: 'boolean' },
        notice: { type: 'string' },
        period: { type: 'string' },
        unit: { type: 'string' },
        count: { type: 'string' },
        scan: { type: 'string', multiple: true },
        custody: { type: 'string' },
        notes: { type: 'string' },
        note: { type: 'string' },
        'accepted-by': { type: 'string' },
        search: { type: 'string' },
        out: { type: 'string' },
        township: { type: 'string' },
        industry: { type: 'string' },
        category: { type: 'string' },
        status: { type: 'string' },
        overdue: { type: 'boolean' },
        from: { type: 'string' },
        to: { type: 'string' },
        repair: { type: 'boolean' },
        'dry-run': { type: 'boolean' },
        'skip-errors': { type: 'boolean' },
        sheet: { type: 'string' },
        year: { type: 'string' },
        seal: { type: 'boolean' },
        order: { type: 'string' },
        'page-limit': { type: 'string' },
        retention: { type: 'string' },
        pdfa: { type: 'boolean' },
        format: { type: 'string' },
        'single-sided': { type: 'boolean' },
        into: { type: 'string' },
        'confirm-duplicate': { type: 'boolean' },
        volume: { type: 'string', multiple: true },
        mode: { type: 'string' },
        zip: { type: 'boolean' },
        'only-late': { type: 'boolean' },
        'confirm-warnings': { type: 'boolean' },
        'new-volume': { type: 'boolean' },
        creator: { type: 'string' },
        checker: { type: 'string' },
        'category-name': { type: 'string' },
        'fonds-code': { type: 'string' },
        'org-code': { type: 'string' },
        spine: { type: 'string' },
      },
    });
  } catch (e) {
    io.err(`用法错误：${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    io.out(USAGE);
    return values.help ? 0 : 2;
  }
  const key = positionals.slice(0, 2).join(' ');
  const cmd = commands[key] ?? commands[positionals[0]!];
  // Recovery commands (check, restore, recover) get the data directory, not a context: they must work on a
  // database that will not open.
  const raw = rawCommands[key] ?? rawCommands[positionals[0]!];
  if (!cmd && !raw) {
    io.err(`未知命令：${positionals.join(' ')}\n\n${USAGE}`);
    return 2;
  }
  const rest = positionals.slice(commands[key] || rawCommands[key] ? 2 : 1);
  let ctx: (AppContext & { opened: { close(): void } }) | null = null;
  try {
    const dataDir = resolveDataDir(values.data);
    if (raw) {
      await raw(dataDir, { values, rest }, io);
      return 0;
    }
    ctx = openContext(dataDir, { actor: '命令行', cli: true });
    const live = ctx;
    // restore swaps the database underneath: let it close and reopen the context it was given.
    Object.assign(live, {
      reopen: () => {
        live.opened.close();
        const next = openContext(dataDir, { actor: '命令行', cli: true });
        Object.assign(live, { db: next.db, sqlite: next.sqlite, opened: next.opened });
        return live;
      },
    });
    await cmd!(ctx, { values, rest }, io);
    return 0;
  } catch (e) {
    if (e instanceof SilentExit) return e.exitCode;
    if (e instanceof UsageError) {
      io.err(`用法错误：${e.message}\n\n${USAGE}`);
      return 2;
    }
    return reportError(io, e, { json: !!values.json, dataDir: dataDirOf(values.data) });
  } finally {
    ctx?.opened.close();
  }
}

if (require.main === module) {
  // Last line of defence: an error nobody awaited (an unguarded stream) still ends with a Chinese sentence.
  const last = (e: unknown) => {
    process.exitCode = reportError(
      { out: (s) => process.stdout.write(`${s}\n`), err: (s) => process.stderr.write(`${s}\n`) },
      e,
    );
    process.exit();
  };
  process.on('uncaughtException', last);
  process.on('unhandledRejection', last);
  // The reader of our output went away (`… | head`): what it wanted it has; end quietly, as Unix tools do.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    last(e);
  });
  runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    ...(process.stderr.isTTY
      ? { progress: (s: string | null) => process.stderr.write(s === null ? '\r\x1b[K' : `\r${s}\x1b[K`) }
      : {}),
  }).then((code) => {
    process.exitCode = code;
  });
}

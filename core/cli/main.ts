/* The command-line interface: the same services as the app, without Electron. */
import { parseArgs } from 'node:util';
import { openContext, type AppContext } from '../context';
import { isAppError } from '../errors';
import { resolveDataDir } from '../userData';
import { commands, rawCommands, type CliIO } from './commands';
import { SilentExit, UsageError, USAGE } from './usage';

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
        unit: { type: 'string' },
        count: { type: 'string' },
        scan: { type: 'string', multiple: true },
        custody: { type: 'string' },
        notes: { type: 'string' },
        search: { type: 'string' },
        out: { type: 'string' },
        township: { type: 'string' },
        industry: { type: 'string' },
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
        'single-sided': { type: 'boolean' },
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
    if (isAppError(e)) {
      if (values.json) io.out(JSON.stringify({ ok: false, error: { code: e.code, message: e.message } }));
      io.err(`错误：${e.message}`);
      return 1;
    }
    io.err(`程序内部错误：${(e as Error)?.stack ?? String(e)}`);
    return 3;
  } finally {
    ctx?.opened.close();
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(`${s}\n`),
    err: (s) => process.stderr.write(`${s}\n`),
    ...(process.stderr.isTTY ? { progress: (s: string | null) => process.stderr.write(s === null ? '\r\x1b[K' : `\r${s}\x1b[K`) } : {}),
  }).then((code) => {
    process.exitCode = code;
  });
}

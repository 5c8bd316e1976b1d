/**
 * The CLI on faults: exit 1 with a Chinese sentence (never 程序内部错误 with English, never a crash) for a full
 * disk, a read-only data folder, a busy or foreign database; 3 only for a true bug. Nothing is changed.
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openContext } from '../../core/platform/context';
import { reportError } from '../../core/cli/main';
import { safeFileName } from '../../core/files/names';
import { updateSettings } from '../../core/settings/service';
import { buildCli, cli, CLI, ROOT } from '../helpers/cli';
import { scan } from '../helpers/ctx';
import { canMount, listing, mountTmpfs, remountReadOnly, unmountAll } from '../helpers/faults';

let dir: string;
let data: string;
beforeAll(() => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-cli-faults-'));
  data = path.join(dir, 'data');
  expect(cli(data, 'demo').code).toBe(0);
}, 300_000);
afterEach(() => unmountAll());
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Row counts of every table (read-only connection): “nothing changed” is these being equal. */
function counts(d = data): Record<string, number> {
  const db = new Database(path.join(d, 'anwei.db'), { readonly: true });
  try {
    const tables = db
      .prepare("select name from sqlite_master where type='table' and name not like 'sqlite_%'")
      .pluck()
      .all() as string[];
    return Object.fromEntries(
      tables.map((t) => [t, db.prepare(`select count(*) from "${t}"`).pluck().get() as number]),
    );
  } finally {
    db.close();
  }
}

function explained(r: { code: number; stderr: string }, words: string | RegExp) {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr).toMatch(typeof words === 'string' ? new RegExp(`^错误：${words}`) : words);
  expect(r.stderr).not.toContain('程序内部错误');
  expect(r.stderr).not.toMatch(/ENOSPC|EROFS|SQLITE_|Error:| {4}at /);
}

describe('disk full (64 KB tmpfs)', () => {
  it.skipIf(!canMount)(
    'export-ledger: exit 1, 磁盘空间不足 naming the folder and the space, no file at all',
    () => {
      const usb = path.join(dir, 'usb-ledger');
      mountTmpfs(usb, '64k');
      const before = counts();
      const r = cli(data, 'export-ledger', '--out', path.join(usb, '隐患台账.xlsx'));
      explained(r, `磁盘空间不足：${usb} 还需要约 [\\d.]+ (KB|MB)，请清理磁盘或换一个保存位置后重试`);
      expect(listing(usb)).toEqual([]);
      expect(counts()).toEqual(before);
      const j = cli(data, 'export-ledger', '--out', path.join(usb, '隐患台账.xlsx'), '--json');
      expect(j.code).toBe(1);
      expect(j.json()).toMatchObject({ ok: false, error: { code: 'DISK_FULL' } });
    },
    120_000,
  );

  it.skipIf(!canMount)(
    'export-volume: exit 1 (no unhandled error event), no file, no draft volume, nothing archived',
    () => {
      const usb = path.join(dir, 'usb-volume');
      mountTmpfs(usb, '64k');
      const before = counts();
      // (the demo's volumes have open errors, so sealing is refused before anything is written: a draft export)
      const year = String(new Date().getFullYear());
      const r = cli(data, 'export-volume', '--kind', 'pledge', '--year', year, '--out', path.join(usb, '案卷.pdf'));
      explained(r, `磁盘空间不足：${usb} 还需要约 [\\d.]+ (KB|MB)`);
      expect(listing(usb)).toEqual([]);
      expect(counts()).toEqual(before);
      expect(cli(data, 'volumes', 'list', '--json').json()).toEqual([]);
      expect(
        cli(data, 'pledges', 'list', '--json')
          .json<{ status: string }[]>()
          .some((p) => p.status === '已归档'),
      ).toBe(false);
    },
    300_000,
  );

  it.skipIf(!canMount)(
    'pledges add --scan with a full attachment store: exit 1, no 明白书, the scan not stored truncated',
    () => {
      const store = path.join(data, 'attachments');
      mountTmpfs(store, '64k');
      const before = counts();
      const r = cli(
        data,
        'pledges',
        'add',
        '--level',
        '1',
        '--talker',
        '张建国',
        '--talker-title',
        '镇党委书记',
        '--talkee',
        '李红',
        '--talkee-unit',
        '神垕镇',
        '--talkee-title',
        '副镇长',
        '--date',
        '2024-01-10',
        '--scan',
        scan('mingbaishu-scan.jpg'),
      );
      explained(r, /^错误：磁盘空间不足：.*attachments.* 还需要约 \d+ KB/);
      expect(listing(store)).toEqual([]);
      expect(counts()).toEqual(before);
    },
    120_000,
  );
});

describe('import with a full attachment store', () => {
  it.skipIf(!canMount)(
    'the copy of the imported workbook does not fit: exit 1, no batch, no hazards, nothing stored',
    () => {
      const store = path.join(data, 'attachments');
      mountTmpfs(store, '4k');
      fs.writeFileSync(path.join(store, '占满'), Buffer.alloc(4096));
      const before = counts();
      const r = cli(
        data,
        'import',
        path.join(ROOT, 'tests', 'fixtures', 'returns', '火龙镇_隐患排查治理台账_一季度.xlsx'),
        '--json',
      );
      expect(r.code, r.stderr).toBe(1);
      expect(r.json()).toMatchObject({
        ok: false,
        error: { code: 'DISK_FULL', message: expect.stringMatching(/^磁盘空间不足：.*attachments.* 还需要约 \d+ KB/) },
      });
      expect(r.stderr).not.toContain('程序内部错误');
      expect(counts()).toEqual(before);
      expect(listing(store)).toEqual(['占满']);
    },
    120_000,
  );
});

describe('a full data disk (SQLITE_FULL)', () => {
  it.skipIf(!canMount)(
    'demo into a data folder on a 1 MB disk: exit 1, 磁盘空间不足 naming the data folder, the register unchanged',
    () => {
      const usb = path.join(dir, 'usb-sqlite-full');
      mountTmpfs(usb, '1m');
      const d = path.join(usb, 'data');
      expect(cli(d, 'init').code).toBe(0);
      const before = counts(d);
      const files = listing(usb);
      explained(cli(d, 'demo'), `磁盘空间不足：数据目录 ${d} 所在磁盘已满，操作未完成，数据未改动。请清理磁盘`);
      expect(counts(d)).toEqual(before);
      expect(listing(usb)).toEqual(files);
      expect(cli(d, 'units', 'add', '空间镇', '--kind', '乡镇').code).toBe(0); // small writes still work
    },
    120_000,
  );
});

describe('a read-only data folder', () => {
  it.skipIf(!canMount)(
    'every command: exit 1 with 只读 and what to do; the database untouched',
    () => {
      const usb = path.join(dir, 'usb-ro');
      mountTmpfs(usb, '8m');
      const d = path.join(usb, 'data');
      expect(cli(d, 'units', 'add', '只读镇', '--kind', '乡镇').code).toBe(0);
      remountReadOnly(usb);
      const bytes = fs.readFileSync(path.join(d, 'anwei.db'));
      const files = listing(usb);
      explained(
        cli(d, 'units', 'add', '另一个镇', '--kind', '乡镇'),
        /^错误：数据目录.*只读或没有写入权限.*请确认 U 盘未写保护/,
      );
      explained(cli(d, 'units', 'list'), /只读或没有写入权限/);
      expect(fs.readFileSync(path.join(d, 'anwei.db')).equals(bytes)).toBe(true);
      expect(listing(usb)).toEqual(files);
    },
    120_000,
  );
});

describe('a busy database', () => {
  it('a second writer (units add, import) while another holds the write lock: exit 1, 数据库正忙, nothing written', () => {
    const before = counts();
    const other = new Database(path.join(data, 'anwei.db'));
    other.pragma('busy_timeout = 5000');
    other.exec('BEGIN IMMEDIATE');
    try {
      explained(cli(data, 'units', 'add', '锁定镇', '--kind', '乡镇'), '数据库正忙');
      const imp = cli(
        data,
        'import',
        path.join(ROOT, 'tests', 'fixtures', 'returns', '神垕镇_重大事故隐患排查整治台账.xlsx'),
        '--json',
      );
      expect(imp.code, imp.stderr).toBe(1);
      expect(imp.stderr).toContain('数据库正忙');
      expect(imp.stderr).not.toContain('程序内部错误');
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    expect(counts()).toEqual(before);
    expect(cli(data, 'units', 'add', '锁定镇', '--kind', '乡镇').code).toBe(0); // and works once free
  }, 120_000);
});

describe('a control character in a search term', () => {
  // A NUL cannot reach a program through its arguments at all (the system ends the argument there); the other
  // control characters can, and follow the same rule as NUL in the app: refused in Chinese, exit 1.
  it('hazards list --search and export-ledger --search: exit 1, 控制字符, no file', () => {
    const before = counts();
    explained(cli(data, 'hazards', 'list', '--search', '燃气\u0001'), '搜索词中含有不可见的控制字符');
    const out = path.join(dir, '控制字符.xlsx');
    explained(cli(data, 'export-ledger', '--search', '\u001b燃气', '--out', out), '搜索词中含有不可见的控制字符');
    expect(fs.existsSync(out)).toBe(false);
    expect(counts()).toEqual(before);
    expect(cli(data, 'hazards', 'list', '--search', '燃气', '--json').code).toBe(0);
  });
});

describe('not a database', () => {
  it('anwei.db of random bytes: exit 1 in Chinese (not 3), the file left as it was', () => {
    const d = path.join(dir, 'notadb');
    fs.mkdirSync(d);
    const junk = Buffer.alloc(8192);
    for (let i = 0; i < junk.length; i++) junk[i] = (i * 7919 + 13) & 0xff;
    fs.writeFileSync(path.join(d, 'anwei.db'), junk);
    const r = cli(d, 'units', 'list');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/^错误：.*(数据库|备份)/);
    expect(r.stderr).not.toContain('程序内部错误');
    expect(fs.readFileSync(path.join(d, 'anwei.db')).equals(junk)).toBe(true);
  });
});

describe('exit codes', () => {
  it('1 for what the message explains, 3 only for a bug', () => {
    const lines: string[] = [];
    const io = { out: (s: string) => lines.push(s), err: (s: string) => lines.push(s) };
    expect(
      reportError(
        io,
        Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC', path: '/媒体/U盘/x' }),
      ),
    ).toBe(1);
    expect(lines.pop()).toMatch(/^错误：磁盘空间不足/);
    expect(
      reportError(io, Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }), { json: true }),
    ).toBe(1);
    expect(lines).toContainEqual(expect.stringContaining('"code":"BUSY"'));
    expect(reportError(io, new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(3);
    expect(lines.pop()).toMatch(/^程序内部错误，操作未完成，数据未改动。请把以下信息告诉维护人员/);
  });
});

describe('a 全宗号 that looks like a path', () => {
  it('volumes seal without --out writes one file, in 数据目录/案卷, with a safe name', () => {
    const d = path.join(dir, 'fonds');
    // a signed 明白书 with its scan and no notice: nothing for the completeness check to refuse sealing over
    expect(cli(d, 'units', 'add', '神垕镇', '--kind', '乡镇').code).toBe(0);
    const added = cli(
      d,
      'pledges',
      'add',
      '--level',
      '1',
      '--talker',
      '张建国',
      '--talker-title',
      '镇党委书记',
      '--talkee',
      '李红',
      '--talkee-unit',
      '神垕镇',
      '--talkee-title',
      '副镇长',
      '--date',
      '2024-01-10',
      '--scan',
      scan('mingbaishu-scan.jpg'),
    );
    expect(added.code, added.stderr).toBe(0);
    const c = openContext(d, { actor: '测试' });
    updateSettings(c, { fondsCode: '../A/B:C' });
    c.opened.close();
    const draft = cli(
      d,
      'export-volume',
      '--kind',
      'pledge',
      '--level',
      '1',
      '--checker',
      '王检查',
      '--creator',
      '孙立卷',
      '--out',
      path.join(dir, 'fonds-draft.pdf'),
      '--json',
    );
    expect(draft.code, draft.stderr).toBe(0);
    const id = cli(d, 'volumes', 'list', '--json').json<{ id: number; archivalNo: string }[]>()[0]!;
    expect(id.archivalNo.startsWith('../A/B:C-')).toBe(true);
    const outside = listing(dir).filter((f) => !f.startsWith('fonds'));
    const r = cli(d, 'volumes', 'seal', String(id.id), '--confirm-warnings', '--json');
    expect(r.code, r.stderr + r.stdout).toBe(0);
    const files = fs.readdirSync(path.join(d, '案卷'));
    expect(files).toEqual([safeFileName(`${id.archivalNo}.pdf`)]);
    expect(files[0]).toMatch(/^__A_B_C-WS·\d{4}-D30-\d{4}\.pdf$/);
    expect(listing(dir).filter((f) => !f.startsWith('fonds'))).toEqual(outside);
    expect(fs.existsSync(path.join(d, 'A'))).toBe(false);
  }, 300_000);
});

describe('output cut short by the reader', () => {
  it('`… --json | head -1`: no 程序内部错误 when the pipe closes early', () => {
    const pipeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-epipe-'));
    expect(cli(pipeDir, 'demo').code).toBe(0);
    const r = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${CLI}" --data "${pipeDir}" hazards list --json | head -c 10`],
      { encoding: 'utf8' },
    );
    expect(r.stdout.length).toBe(10);
    expect(r.stderr).not.toContain('程序内部错误');
    expect(r.stderr).not.toContain('EPIPE');
    fs.rmSync(pipeDir, { recursive: true, force: true });
  }, 300_000);
});

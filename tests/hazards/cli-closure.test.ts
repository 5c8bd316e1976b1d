import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, cli } from '../helpers/cli';
import { scan } from '../helpers/ctx';

let dir: string;
let data: string;
beforeAll(() => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-cli-closure-'));
  data = path.join(dir, 'data');
  const r = cli(data, 'demo');
  expect(r.code, r.stderr).toBe(0);
}, 300_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

interface Row {
  id: number;
  hazardNo: string | null;
  level: string;
  status: string;
  fiveComplete: boolean;
  enterpriseName: string;
}

const list = () => cli(data, 'hazards', 'list', '--json').json<Row[]>();
const statusOf = (id: number) => list().find((h) => h.id === id)!.status;

describe('CLI: hazards status follows the closure rules', () => {
  it('refuses a skipped step with what is missing, writes nothing, exits 1', () => {
    const h = list().find((x) => x.status === '未整改')!;
    const r = cli(
      data,
      'hazards',
      'status',
      String(h.id),
      '--to',
      '已验收销号',
      '--accepted-by',
      '应急局 李科长',
      '--date',
      '2024-05-20',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('不能直接改为“已验收销号”：须先经过“整改中”“已整改”');
    expect(statusOf(h.id)).toBe('未整改');
    const j = cli(data, 'hazards', 'status', String(h.id), '--to', '已整改', '--json');
    expect(j.code).toBe(1);
    expect(j.json<{ ok: boolean; error: { code: string; message: string } }>()).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: expect.stringContaining('须先经过“整改中”') },
    });
  });

  it('walks one step at a time by the hazard’s own number; back only with --note', () => {
    const h = list().find((x) => x.status === '未整改' && x.level === '一般' && x.hazardNo)!;
    expect(cli(data, 'hazards', 'status', h.hazardNo!, '--to', '整改中').code).toBe(0);
    const done = cli(data, 'hazards', 'status', h.hazardNo!, '--to', '已整改', '--json');
    expect(done.code, done.stderr).toBe(0);
    expect(done.json()).toEqual({ changed: 1, unchanged: 0, to: '已整改' });
    const refused = cli(data, 'hazards', 'status', String(h.id), '--to', '已验收销号');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('验收销号须填写验收人');
    expect(
      cli(data, 'hazards', 'status', String(h.id), '--to', '已验收销号', '--accepted-by', '应急局 李科长').code,
    ).toBe(0);
    expect(statusOf(h.id)).toBe('已验收销号');
    const back = cli(data, 'hazards', 'status', String(h.id), '--to', '整改中');
    expect(back.code).toBe(1);
    expect(back.stderr).toContain('从“已验收销号”退回“整改中”须填写原因');
    expect(cli(data, 'hazards', 'status', String(h.id), '--to', '整改中', '--note', '复查不合格').code).toBe(0);
    expect(statusOf(h.id)).toBe('整改中');
  });

  it('a 重大 hazard without its 五落实 or report is not 销号; a batch with it changes nothing and names it', () => {
    const rows = list();
    const major = rows.find((x) => x.level === '重大' && x.status === '已整改')!;
    const ok = rows.find((x) => x.level === '一般' && x.status === '已整改' && x.id !== major.id)!;
    const r = cli(
      data,
      'hazards',
      'status',
      String(ok.id),
      String(major.id),
      '--to',
      '已验收销号',
      '--accepted-by',
      '应急局 李科长',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('有 1 条隐患不能改为“已验收销号”，全部未修改');
    expect(r.stderr).toContain(major.enterpriseName);
    expect(r.stderr).toMatch(/重大隐患销号前须(补齐五落实：[^；]*；并)?上传整改报告或验收材料/);
    expect(statusOf(ok.id)).toBe('已整改');
    expect(statusOf(major.id)).toBe('已整改');
  });

  it('a 重大 hazard with its whole 五落实 is 销号 once a report is attached with hazards report', () => {
    const major = list().find((x) => x.level === '重大' && x.status === '已整改' && x.fiveComplete)!;
    expect(major).toBeTruthy();
    const refused = cli(
      data,
      'hazards',
      'status',
      String(major.id),
      '--to',
      '已验收销号',
      '--accepted-by',
      '应急局 李科长',
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('（重大隐患销号前须上传整改报告或验收材料）');
    // a file that is not a scan is refused before anything is written
    const bad = path.join(dir, '验收意见.txt');
    fs.writeFileSync(bad, '不是扫描件');
    expect(cli(data, 'hazards', 'report', String(major.id), '--scan', bad).code).toBe(1);
    const added = cli(data, 'hazards', 'report', String(major.id), '--scan', scan('zicha-baogao-3pages.pdf'), '--json');
    expect(added.code, added.stderr).toBe(0);
    expect(
      added
        .json<{ attachments: { role: string; originalName: string }[] }>()
        .attachments.filter((a) => a.role === 'report'),
    ).toEqual([expect.objectContaining({ originalName: 'zicha-baogao-3pages.pdf' })]);
    const closed = cli(
      data,
      'hazards',
      'status',
      String(major.id),
      '--to',
      '已验收销号',
      '--accepted-by',
      '应急局 李科长',
    );
    expect(closed.code, closed.stderr).toBe(0);
    expect(statusOf(major.id)).toBe('已验收销号');
  });

  it('says which hazard it cannot find, and usage errors exit 2', () => {
    const r = cli(data, 'hazards', 'status', '不存在-001', '--to', '整改中');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('找不到编号为“不存在-001”的隐患');
    expect(cli(data, 'hazards', 'status', '--to', '整改中').code).toBe(2);
    expect(cli(data, 'hazards', 'status', '1', '--to', '已完成').stderr).toContain('整改状态“已完成”不对');
  });
});

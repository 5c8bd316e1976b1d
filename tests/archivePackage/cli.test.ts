/** `export-package` on the command line: --json, exit codes, refusals that create nothing. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContext } from '../../core/platform/context';
import { createVolume } from '../../core/volumes';
import { buildCli, cli } from '../helpers/cli';
import { addPledges, baseData } from '../volumes/seed';

let dir: string;
let data: string;
let volumeId: number;

beforeAll(async () => {
  buildCli();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-package-cli-'));
  data = path.join(dir, 'data');
  const ctx = openContext(data, { actor: '测试员', now: () => new Date('2024-06-01T02:00:00Z') });
  const b = baseData(ctx);
  await addPledges(ctx, b, 3);
  volumeId = createVolume(ctx, { selection: { kinds: ['pledge'], noticeId: b.notice.id }, year: 2024 }).id;
  ctx.opened.close();
}, 300_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('export-package', () => {
  it('--year --json: the package made and checked, exit 0', () => {
    const out = path.join(dir, '移交');
    const r = cli(data, 'export-package', '--year', '2024', '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    const j = r.json<{ ok: boolean; dir: string; items: number; mode: string; sm3: string; zip: string | null }>();
    expect(j).toMatchObject({ ok: true, items: 3, mode: '组卷', zip: null });
    expect(path.dirname(j.dir)).toBe(out);
    expect(fs.readFileSync(path.join(j.dir, 'manifest.sm3'), 'utf8').split(/\s+/)[0]).toBe(j.sm3);
  });

  it('--volume --mode 按件 --zip: human output names the folder, the zip and the verdict', () => {
    const out = path.join(dir, '按件');
    const r = cli(data, 'export-package', '--volume', String(volumeId), '--mode', '按件', '--zip', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已生成归档信息包：');
    expect(r.stdout).toContain('归档方式 按件，3 件');
    expect(r.stdout).toContain('四性检测：通过');
    const made = fs.readdirSync(out).sort();
    expect(made).toHaveLength(2);
    expect(made[1]).toBe(`${made[0]}.zip`);
    expect(fs.existsSync(path.join(out, made[0]!, '文件目录.xml'))).toBe(true);
  });

  it('refusals: usage errors exit 2, nothing to export exits 1 in Chinese; no folder is made', () => {
    const out = path.join(dir, '不应创建');
    const noScope = cli(data, 'export-package', '--out', out);
    expect(noScope.code).toBe(2);
    expect(noScope.stderr).toContain('请用 --year 指定年度');
    expect(cli(data, 'export-package', '--year', '2024').code).toBe(2);
    const none = cli(data, 'export-package', '--year', '2019', '--out', out, '--json');
    expect(none.code).toBe(1);
    expect(none.json()).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(none.stderr).toContain('2019 年度还没有案卷');
    const mode = cli(data, 'export-package', '--year', '2024', '--mode', '按盒', '--out', out);
    expect(mode.code).toBe(1);
    expect(mode.stderr).toContain('归档方式只能是“按件”（piece）或“组卷”（volume）');
    const gone = cli(data, 'export-package', '--volume', '999', '--out', out);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain('找不到编号为 999 的案卷');
    expect(fs.existsSync(out)).toBe(false);
  });
});

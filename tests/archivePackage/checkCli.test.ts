/** `check-package DIR [--json]`: exit 0 with the Chinese summary when the package passes, 1 (and what to fix) when not. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackageCheckReport } from '../../core/archivePackage/checkTypes';
import { buildCli, cli } from '../helpers/cli';
import { buildPackage } from '../helpers/archivePackage';

let tmp: string;
let data: string;
beforeAll(() => {
  buildCli();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-check-cli-'));
  data = path.join(tmp, 'data');
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('check-package', () => {
  it('exits 0 for a good package, prints the summary and writes the report into the package', async () => {
    const p = await buildPackage(fs.mkdtempSync(path.join(tmp, 'a-')));
    const r = cli(data, 'check-package', p.dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^四性检测通过：归档信息包_A012_2024_按件_20261202（3 件，\d+ 个文件，4 页）/);
    expect(r.stdout).toContain('【通过】真实性·ZS-01 信息包结构与说明文件一致');
    expect(r.stdout).toContain('【通过】安全性·AQ-01 无脚本与外部动作');
    expect(r.stdout).not.toContain('【不通过】');
    expect(r.stdout).toContain(`检测报告：${path.join(p.dir, '检测', '检测报告.pdf')}`);
    expect(fs.existsSync(path.join(p.dir, '检测', '检测报告.xml'))).toBe(true);
    // no data directory was created for a check that needs none
    expect(fs.existsSync(data)).toBe(false);
  });

  it('exits 1 for an altered package and says what to fix; --json gives the report', async () => {
    const p = await buildPackage(fs.mkdtempSync(path.join(tmp, 'b-')));
    const xml = fs.readFileSync(p.items[0]!.xml, 'utf8');
    fs.writeFileSync(p.items[0]!.xml, xml.replace('<页数>1</页数>', '<页数>4</页数>'));
    const r = cli(data, 'check-package', p.dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^四性检测不通过/);
    expect(r.stdout).toContain('【不通过】真实性·ZS-04 元数据与内容文件一致');
    expect(r.stdout).toContain(`文件/${p.items[0]!.no}/${p.items[0]!.no}.pdf”的页数为 1，元数据记为 4：请重新导出该件`);
    expect(r.stdout).toContain('信息包未通过检测，请按以上说明处理后重新导出，不要移交。');

    const j = cli(data, 'check-package', p.dir, '--json');
    expect(j.code).toBe(1);
    const out = j.json<{ ok: boolean; report: PackageCheckReport; reportFiles: { pdf: string } }>();
    expect(out.ok).toBe(false);
    expect(out.report.items.filter((i) => !i.passed).map((i) => i.code)).toEqual(['ZS-02', 'ZS-04']);
    expect(fs.existsSync(out.reportFiles.pdf)).toBe(true);
  });

  it('refuses a missing folder (exit 1, Chinese) and a missing argument (exit 2)', () => {
    const r = cli(data, 'check-package', path.join(tmp, '没有这个文件夹'));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('错误：找不到文件夹');
    const u = cli(data, 'check-package');
    expect(u.code).toBe(2);
    expect(u.stderr).toContain('缺少信息包文件夹');
  });
});

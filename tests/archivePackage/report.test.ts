import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPackage } from '../../core/archivePackage/check';
import { REPORT_XSD } from '../../core/archivePackage/checkReportSchema';
import { reportSummary, writeCheckReport } from '../../core/archivePackage/checkReport';
import { parseXml } from '../../core/archivePackage/checkXml';
import { readSchema, validateAgainst } from '../../core/archivePackage/checkXsd';
import { pdfText } from '../helpers/pdf';
import { FIXTURE_XSDS, buildPackage } from '../helpers/archivePackage';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-report-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const hasXmllint = (() => {
  try {
    execFileSync('xmllint', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('检测报告', () => {
  it('writes 检测报告.xml valid against 其他/检测报告.xsd and a PDF table with the verdict; the package still passes', async () => {
    const p = await buildPackage(fs.mkdtempSync(path.join(tmp, 'a-')), { javascriptIn: 1 });
    const r = await checkPackage(p.dir, { now: () => new Date('2026-12-02T08:30:00Z') });
    const files = await writeCheckReport(r);
    expect(files.xml).toBe(path.join(p.dir, '检测', '检测报告.xml'));
    const xml = fs.readFileSync(files.xml, 'utf8');
    const xsd = path.join(p.dir, '其他', '检测报告.xsd');
    expect(fs.readFileSync(xsd, 'utf8')).toBe(REPORT_XSD);
    expect(validateAgainst(readSchema(parseXml(REPORT_XSD).root), parseXml(xml).root)).toEqual([]);
    if (hasXmllint) execFileSync('xmllint', ['--noout', '--schema', xsd, files.xml], { stdio: 'pipe' });
    const doc = parseXml(xml).root;
    expect(doc.children.find((c) => c.local === '检测结论')!.text).toBe('不通过');
    const items = doc.children.filter((c) => c.local === '检测项');
    expect(items).toHaveLength(16);
    const aq = items.find((c) => c.attrs['编号'] === 'AQ-01')!;
    expect(aq.attrs['类别']).toBe('安全性');
    expect(aq.children.find((c) => c.local === '结果')!.text).toBe('不通过');
    expect(aq.children.filter((c) => c.local === '问题')).toHaveLength(1);

    const text = pdfText(files.pdf).replace(/\s+/g, '');
    for (const s of [
      '电子档案四性检测报告',
      '检测类别',
      '检测项',
      '结果',
      '说明',
      '真实性',
      '完整性',
      '可用性',
      '安全性',
    ])
      expect(text).toContain(s);
    expect(text).toContain('AQ-01无脚本与外部动作不通过');
    expect(text).toContain('JavaScript脚本');
    expect(text).toContain('检测结论：不通过');
    expect(text).toContain('检测时间：2026-12-0216:30:00');
    expect(text).toContain('检测软件：安委台账');
    const fonts = execFileSync('pdffonts', [files.pdf], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) expect(f).toMatch(/\byes\b/); // emb column

    // the report (and its XSD, written now) do not make the package fail
    const again = await checkPackage(p.dir);
    expect(again.items.filter((i) => !i.passed).map((i) => i.code)).toEqual(['AQ-01']);
    expect(reportSummary(again)).toMatch(/^四性检测不通过：归档信息包_A012_2024_按件_20261202（3 件/);
  });

  it.skipIf(!hasXmllint)('the fixture packages are valid for xmllint too (the XSD subset agrees)', async () => {
    for (const mode of ['按件', '组卷'] as const) {
      const p = await buildPackage(fs.mkdtempSync(path.join(tmp, 'b-')), { mode });
      const pairs: [string, string][] = [
        ['manifest.xml', 'manifest.xsd'],
        [mode === '按件' ? '文件目录.xml' : '卷内文件目录.xml', mode === '按件' ? '文件目录.xsd' : '卷内文件目录.xsd'],
        ...p.items.map((i): [string, string] => [path.relative(p.dir, i.xml), '元数据.xsd']),
      ];
      if (mode === '组卷') pairs.push(['案卷目录.xml', '案卷目录.xsd']);
      for (const [x, s] of pairs)
        execFileSync('xmllint', ['--noout', '--schema', path.join(p.dir, '其他', s), path.join(p.dir, x)], {
          stdio: 'pipe',
        });
    }
    expect(Object.keys(FIXTURE_XSDS)).toHaveLength(5);
  });
});

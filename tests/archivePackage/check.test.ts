import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkPackage } from '../../core/archivePackage/check';
import type { PackageCheckReport } from '../../core/archivePackage/checkTypes';
import { buildPackage, reseal } from '../helpers/archivePackage';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-check-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const fresh = () => {
  const d = path.join(tmp, String(++n));
  fs.mkdirSync(d);
  return d;
};

const failed = (r: PackageCheckReport) =>
  r.items
    .filter((i) => !i.passed)
    .map((i) => i.code)
    .sort();
const findings = (r: PackageCheckReport, code: string) =>
  r.items.find((i) => i.code === code)!.findings.map((f) => `${f.where} | ${f.message}`);

describe('四性检测 of a package', () => {
  it('passes a good 按件 package on every item, with counts', async () => {
    const p = await buildPackage(fresh());
    const r = await checkPackage(p.dir);
    expect(r.items.filter((i) => !i.passed).map((i) => [i.code, i.findings])).toEqual([]);
    expect(r.passed).toBe(true);
    expect(r.mode).toBe('按件');
    expect(r.counts).toMatchObject({ items: 3, pages: 4 });
    expect(r.items.map((i) => i.category)).toEqual(expect.arrayContaining(['真实性', '完整性', '可用性', '安全性']));
    expect(r.items.every((i) => i.checked > 0)).toBe(true);
  });

  it('passes a good 组卷 package', async () => {
    const p = await buildPackage(fresh(), { mode: '组卷' });
    const r = await checkPackage(p.dir);
    expect(r.items.filter((i) => !i.passed).map((i) => [i.code, i.findings])).toEqual([]);
    expect(r.counts).toMatchObject({ items: 3, volumes: 1 });
  });

  it('one byte of a 件 PDF changed: the manifest and metadata digests fail, nothing else', async () => {
    const p = await buildPackage(fresh());
    const buf = fs.readFileSync(p.items[1]!.pdf);
    const at = buf.indexOf('fixture-producer-0000');
    expect(at).toBeGreaterThan(0);
    buf[at] = 'F'.charCodeAt(0);
    fs.writeFileSync(p.items[1]!.pdf, buf);
    const r = await checkPackage(p.dir);
    expect(failed(r)).toEqual(['ZS-02', 'ZS-04']);
    const rel = `文件/${p.items[1]!.no}/${p.items[1]!.no}.pdf`;
    expect(findings(r, 'ZS-02').join('\n')).toContain(`“${rel}”的 SM3 与 SHA-256 摘要与清单不符`);
    expect(findings(r, 'ZS-04').join('\n')).toContain(`“${rel}”的 SM3 与 SHA-256 数字摘要与元数据记载的不符`);
  });

  it('a catalogue row removed: numbering, catalogue↔file and 说明文件 counts fail', async () => {
    const p = await buildPackage(fresh());
    const cat = path.join(p.dir, '文件目录.xml');
    const xml = fs.readFileSync(cat, 'utf8');
    const rows = xml.split('\n').filter((l) => l.includes('<条目>'));
    fs.writeFileSync(cat, xml.replace(`${rows[1]}\n`, ''));
    const r = await checkPackage(p.dir);
    expect(failed(r)).toEqual(['WZ-01', 'WZ-02', 'ZS-01', 'ZS-02']);
    expect(findings(r, 'WZ-01').join('\n')).toMatch(/缺少件号 2（空号）/);
    expect(findings(r, 'WZ-01').join('\n')).toMatch(/顺序号为 3，应为 2/);
    expect(findings(r, 'WZ-02').join('\n')).toContain(
      `文件/${p.items[1]!.no}/${p.items[1]!.no}.pdf”没有对应的目录条目`,
    );
    expect(findings(r, 'ZS-01').join('\n')).toContain('说明文件记 3 件，目录中有 2 件');
    expect(findings(r, 'ZS-02').join('\n')).toContain('“文件目录.xml”的');
  });

  it('a file renamed: the catalogue, manifest and structure items fail', async () => {
    const p = await buildPackage(fresh());
    const moved = p.items[0]!.pdf.replace(/\.pdf$/, '_副本.pdf');
    fs.renameSync(p.items[0]!.pdf, moved);
    const r = await checkPackage(p.dir);
    expect(failed(r)).toEqual(['WZ-02', 'WZ-03', 'ZS-01']);
    const rel = `文件/${p.items[0]!.no}/${p.items[0]!.no}`;
    expect(findings(r, 'WZ-02').join('\n')).toContain(`目录所列的电子文件“${rel}.pdf”不存在`);
    expect(findings(r, 'WZ-02').join('\n')).toContain(`${rel}_副本.pdf”没有对应的目录条目`);
    expect(findings(r, 'WZ-03').join('\n')).toContain(`清单列出的文件“${rel}.pdf”在信息包中不存在`);
    expect(findings(r, 'WZ-03').join('\n')).toContain(`文件“${rel}_副本.pdf”不在文件清单`);
  });

  it('a metadata 页数 edited: 元数据与内容文件一致 fails with the page counts', async () => {
    const p = await buildPackage(fresh());
    const xml = fs.readFileSync(p.items[1]!.xml, 'utf8');
    fs.writeFileSync(p.items[1]!.xml, xml.replace('<页数>2</页数>', '<页数>3</页数>'));
    const r = await checkPackage(p.dir);
    expect(failed(r)).toEqual(['ZS-02', 'ZS-04']);
    expect(findings(r, 'ZS-04')).toEqual([
      expect.stringContaining(`${p.items[1]!.no}.pdf”的页数为 2，元数据记为 3：请重新导出该件`),
    ]);
    // resealed by hand (manifest regenerated): only the metadata item is left
    reseal(p.dir);
    expect(failed(await checkPackage(p.dir))).toEqual(['ZS-04']);
  });

  it('a PDF with /JavaScript (all digests consistent) fails only 无脚本与外部动作', async () => {
    const p = await buildPackage(fresh(), { javascriptIn: 2 });
    const r = await checkPackage(p.dir);
    expect(failed(r)).toEqual(['AQ-01']);
    expect(findings(r, 'AQ-01')).toEqual([expect.stringContaining(`${p.items[2]!.no}.pdf”中有JavaScript 脚本`)]);
  });

  it('a PDF with /JavaScript injected by hand afterwards fails the script item and the digests', async () => {
    const p = await buildPackage(fresh());
    // an OpenAction with JavaScript as a direct object of the catalog (not an object of its own)
    const { PDFDocument, PDFName, PDFString } = await import('@cantoo/pdf-lib');
    const doc = await PDFDocument.load(fs.readFileSync(p.items[0]!.pdf));
    doc.catalog.set(
      PDFName.of('OpenAction'),
      doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.launchURL("x")') }),
    );
    fs.writeFileSync(p.items[0]!.pdf, await doc.save());
    const r = await checkPackage(p.dir);
    expect(failed(r)).toEqual(['AQ-01', 'ZS-02', 'ZS-04']);
  });

  it('an unembedded font and an embedded file fail their items', async () => {
    const p = await buildPackage(fresh(), { unembeddedFontIn: 0, attachmentIn: 1 });
    const r = await checkPackage(p.dir);
    expect(failed(r)).toEqual(['AQ-02', 'KY-04']);
    expect(findings(r, 'KY-04').join()).toContain('Helvetica');
    expect(findings(r, 'AQ-02').join()).toContain('嵌入文件（EmbeddedFiles）');
  });

  it('an encrypted PDF fails 文件未加密; a .pdf that is not a PDF and a .doc fail the format items', async () => {
    const p = await buildPackage(fresh(), { encryptIn: 2 });
    const r = await checkPackage(p.dir);
    expect(failed(r)).toEqual(['KY-03']);
    expect(findings(r, 'KY-03')).toEqual([expect.stringContaining(`${p.items[2]!.no}.pdf”是加密的 PDF`)]);

    const q = await buildPackage(fresh());
    fs.writeFileSync(path.join(q.dir, '其他', '说明.doc'), 'x');
    fs.writeFileSync(q.items[0]!.pdf, 'PK\u0003\u0004 not a pdf');
    const bad = await checkPackage(q.dir);
    expect(findings(bad, 'KY-01').join('\n')).toContain(
      '其他/说明.doc”的格式（.doc）不在允许的 PDF、OFD、XML、TXT 之列',
    );
    expect(findings(bad, 'KY-01').join('\n')).toContain(`${q.items[0]!.no}.pdf”的扩展名为 .pdf，内容却不是 PDF`);
    expect(findings(bad, 'KY-02').join('\n')).toContain('无法打开（不是 PDF 文件');
  });

  it('metadata claiming PDF/A-1b for a PDF without the PDF/A identification fails 元数据与内容文件一致', async () => {
    const p = await buildPackage(fresh(), { formatName: 'PDF/A-1b' });
    const r = await checkPackage(p.dir);
    expect(failed(r)).toEqual(['ZS-04']);
    expect(findings(r, 'ZS-04')).toHaveLength(3);
    expect(findings(r, 'ZS-04')[0]).toContain('元数据的格式信息为“PDF/A-1b”');
    expect(findings(r, 'ZS-04')[0]).toContain('中没有 PDF/A 标识：请以 PDF/A 重新导出该件，或如实填写格式信息');
  });

  it('the manifest edited: its own digests and the recorded package digest fail', async () => {
    const p = await buildPackage(fresh());
    const { packageDigest } = await import('../../core/archivePackage/check');
    const recorded = packageDigest(p.dir);
    const m = path.join(p.dir, 'manifest.xml');
    fs.appendFileSync(m, '\n');
    const r = await checkPackage(p.dir, { expected: recorded });
    expect(failed(r)).toEqual(['AQ-03', 'ZS-03']);
    // a regenerated manifest passes its own digests but not the digest recorded at export
    reseal(p.dir);
    fs.appendFileSync(path.join(p.dir, '说明文件.txt'), '\n');
    reseal(p.dir);
    const again = await checkPackage(p.dir, { expected: recorded });
    expect(failed(again)).toEqual(['AQ-03']);
    expect(findings(again, 'AQ-03').join()).toContain('与本机导出时登记的不同');
  });

  it('an XML not valid against its XSD fails WZ-05 with the line', async () => {
    const p = await buildPackage(fresh());
    const cat = path.join(p.dir, '文件目录.xml');
    fs.writeFileSync(cat, fs.readFileSync(cat, 'utf8').replace('<日期>2024-03-01</日期>', '<日期>2024年3月1日</日期>'));
    reseal(p.dir);
    const r = await checkPackage(p.dir);
    expect(failed(r)).toEqual(['WZ-05']);
    expect(findings(r, 'WZ-05')[0]).toMatch(/文件目录\.xml.*第 3 行 <日期> 的值“2024年3月1日”不是日期/);
  });

  it('the digest-only scope checks only the digest items', async () => {
    const p = await buildPackage(fresh());
    fs.appendFileSync(p.items[0]!.pdf, ' ');
    const r = await checkPackage(p.dir, { scope: 'digests' });
    expect(r.items.map((i) => i.code).sort()).toEqual(['AQ-03', 'WZ-03', 'ZS-02', 'ZS-03']);
    expect(failed(r)).toEqual(['ZS-02']);
  });

  it('refuses a folder that does not exist, in Chinese', async () => {
    await expect(checkPackage(path.join(tmp, 'nope'))).rejects.toThrow(/找不到文件夹/);
  });
});

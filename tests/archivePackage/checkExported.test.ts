/**
 * The 四性检测 of packages the exporter made from the demo year, both modes: every item passes (the check reads what
 * the exporter writes: manifest, catalogues, DA/T 46 metadata, its XSDs); altered by hand they fail.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportPackage, type PackageResult } from '../../core/archivePackage';
import { checkPackage } from '../../core/archivePackage/check';
import { parseXml } from '../../core/archivePackage/checkXml';
import { readSchema } from '../../core/archivePackage/checkXsd';
import { SCHEMAS } from '../../core/archivePackage/schemas';
import { listExportedPackages } from '../../core/archivePackage/checkRegistry';
import { fillDemo } from '../../core/demo/service';
import { updateSettings } from '../../core/settings/service';
import { createVolume } from '../../core/volumes';
import { makeCtx, type TestCtx } from '../helpers/ctx';

let ctx: TestCtx;
const made: Partial<Record<'按件' | '组卷', PackageResult>> = {};

beforeAll(async () => {
  ctx = makeCtx({ now: new Date('2024-06-01T02:00:00Z') });
  fillDemo(ctx, { hazards: 12 });
  updateSettings(ctx, { fondsCode: 'A012' });
  createVolume(ctx, { selection: { kinds: ['pledge'], year: 2024 } });
  createVolume(ctx, { selection: { kinds: ['closure', 'return'], year: 2024 } });
  for (const mode of ['按件', '组卷'] as const)
    made[mode] = await exportPackage(ctx, { year: 2024, dest: path.join(ctx.tmp, mode), mode });
}, 600_000);
afterAll(() => ctx.close());

const failed = (r: { items: { code: string; passed: boolean }[] }) =>
  r.items.filter((i) => !i.passed).map((i) => i.code);

describe('四性检测 of exported packages', () => {
  it("understands every construct of the exporter's XSDs (none left unchecked)", () => {
    for (const [name, xsd] of Object.entries(SCHEMAS))
      expect(readSchema(parseXml(xsd).root).unsupported, name).toEqual([]);
  });

  for (const mode of ['按件', '组卷'] as const)
    it(`${mode}: the exporter's own check passed, wrote its report and recorded the package`, async () => {
      const r = made[mode]!;
      expect(r.check.items.filter((i) => !i.passed).map((i) => [i.code, i.findings.slice(0, 3)])).toEqual([]);
      expect(r.check.ok).toBe(true);
      expect(r.check.counts.items).toBe(r.items);
      expect(r.check.counts.pages).toBe(r.pages);
      if (mode === '组卷') expect(r.check.counts.volumes).toBe(r.volumes);
      expect(fs.existsSync(path.join(r.dir, '检测', '检测报告.pdf'))).toBe(true);
      expect(fs.existsSync(path.join(r.dir, '检测', '检测报告.xml'))).toBe(true);
      expect(listExportedPackages(ctx).map((p) => p.dir)).toContain(r.dir);
      // checked again, with the report in it: still all passed
      expect(failed(await checkPackage(r.dir))).toEqual([]);
    });

  it('one byte of a real 件 PDF changed and a catalogue row removed fail their items', async () => {
    const r = made['按件']!;
    const pdfDir = fs.readdirSync(path.join(r.dir, '文件'))[1]!;
    const pdf = path.join(r.dir, '文件', pdfDir, `${pdfDir}.pdf`);
    const buf = fs.readFileSync(pdf);
    // a letter inside the XMP metadata packet (an uncompressed stream, same length): the file still opens
    const at = buf.indexOf('adobe:ns:meta');
    expect(at).toBeGreaterThan(0);
    buf[at] = 'A'.charCodeAt(0);
    fs.writeFileSync(pdf, buf);
    expect(failed(await checkPackage(r.dir))).toEqual(['ZS-02', 'ZS-04']);

    const cat = path.join(r.dir, '文件目录.xml');
    const xml = fs.readFileSync(cat, 'utf8');
    const rows = [...xml.matchAll(/<条目>[\s\S]*?<\/条目>\s*/g)].map((m) => m[0]);
    expect(rows.length).toBeGreaterThan(2);
    fs.writeFileSync(cat, xml.replace(rows[0]!, ''));
    const again = await checkPackage(r.dir);
    expect(
      failed(again).sort(),
      JSON.stringify(again.items.filter((i) => !i.passed).map((i) => i.findings.slice(0, 2))),
    ).toEqual(['WZ-01', 'WZ-02', 'ZS-01', 'ZS-02', 'ZS-04']);
  });
});

import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createVolume, exportVolume } from '../../core/volumes';
import { makeCtx, scan, type TestCtx } from '../helpers/ctx';
import { addPledges, baseData } from './seed';

let ctx: TestCtx;
beforeEach(() => (ctx = makeCtx()));
afterEach(() => ctx.close());

/**
 * PDF/A-2b output: the XMP identification, the sRGB output intent, fonts embedded, a file ID. No validator runs here
 * (veraPDF is not installable offline on this machine): these are the parts of the standard we can see.
 */
it('writes the PDF/A-2b identification, output intent and metadata when asked', async () => {
  const b = baseData(ctx);
  await addPledges(ctx, b, 2, { scans: [[scan('mingbaishu-scan.jpg')], [scan('mingbaishu-scan-cmyk.jpg')]] });
  const v = createVolume(ctx, { selection: { kinds: ['pledge'] }, pdfa: true });
  const r = await exportVolume(ctx, v.id, path.join(ctx.tmp, 'a.pdf'));
  const meta = execFileSync('pdfinfo', ['-meta', r.file], { encoding: 'utf8' });
  expect(meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
  expect(meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
  expect(meta).toMatch(/<xmp:ModifyDate>2024-06-01T02:00:00Z<\/xmp:ModifyDate>/);
  const json = JSON.parse(execFileSync('qpdf', ['--json', '--json-key=qpdf', r.file], { encoding: 'utf8', maxBuffer: 1 << 26 })) as { qpdf: [unknown, Record<string, { value?: Record<string, unknown> }>] };
  const objects = Object.values(json.qpdf[1]);
  expect(objects.some((o) => o.value?.['/S'] === '/GTS_PDFA1' && o.value?.['/Type'] === '/OutputIntent')).toBe(true);
  expect(r.check.problems.map((p) => p.code)).toContain('pdfa-cmyk');
});

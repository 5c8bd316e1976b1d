/**
 * PDF/A-1b (GB/T 23286.1 = ISO 19005-1) proven by a validator: Apache PDFBox Preflight runs on every kind of volume
 * made here and must report no error. Without Java/PDFBox the validator tests are skipped with what to install
 * (CI installs it: .ci/run).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeScan } from '../../core/attachments/service';
import { createHazard, createHazardThrough } from '../../core/hazards/editing';
import { registerReturn } from '../../core/returns/service';
import { createVolume, exportVolume, type ExportResult } from '../../core/volumes';
import type { Selection } from '../../core/volumes/types';
import { makeCtx, scan, type TestCtx } from '../helpers/ctx';
import { hazardInput } from '../helpers/hazard';
import { preflight, preflightMissing } from '../helpers/preflight';
import { PDFDocument as LibDocument, PDFName } from '@cantoo/pdf-lib';
import { describeBlockers, pdfaBlockers } from '../../core/volumes/scans/pdfaProbe';
import { buildCli, cli, ROOT } from '../helpers/cli';
import { pdfText } from '../helpers/pdf';
import { inkBox, renderGrey } from './inspect';
import { addPledges, baseData, type Base } from './seed';

const missing = preflightMissing();
if (missing) console.warn(`PDF/A validator tests skipped: ${missing}`);

let ctx: TestCtx;
let b: Base;

/** A PNG (RGBA, 8 bit) of w×h: a dark frame and a half-transparent grey square on a transparent ground. */
export function alphaPng(file: string, w = 300, h = 400): string {
  const raw = Buffer.alloc((w * 4 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 4 + 1)] = 0;
    for (let x = 0; x < w; x++) {
      const o = y * (w * 4 + 1) + 1 + x * 4;
      const frame = x < 10 || y < 10 || x >= w - 10 || y >= h - 10;
      const square = x > 50 && x < 250 && y > 100 && y < 300;
      const [v, a] = frame ? [20, 255] : square ? [60, 128] : [0, 0];
      raw[o] = v;
      raw[o + 1] = v;
      raw[o + 2] = v;
      raw[o + 3] = a;
    }
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td) >>> 0);
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
  fs.writeFileSync(file, png);
  return file;
}

/** A one-page PDF with text in the standard Helvetica (not embedded): a page that cannot be PDF/A as it is. */
async function helveticaPdf(file: string): Promise<string> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  doc.fontSize(14).text('Self-inspection report, Fangshan town, 2024', 72, 72);
  doc.end();
  await done;
  fs.writeFileSync(file, Buffer.concat(chunks));
  return file;
}

/** A one-page PDF as a word processor writes it: Chinese text in an embedded subset TrueType CID font, no CIDSet. */
async function textPdf(file: string, draw?: (doc: PDFKit.PDFDocument) => void): Promise<string> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((r) => doc.on('end', () => r()));
  doc
    .font(path.join(ROOT, 'resources', 'fonts', 'DroidSansFallbackFull.ttf'))
    .fontSize(16)
    .text('方山镇安全生产自查报告', 72, 72);
  draw?.(doc);
  doc.end();
  await done;
  fs.writeFileSync(file, Buffer.concat(chunks));
  return file;
}

async function blockersOf(file: string) {
  return pdfaBlockers(await LibDocument.load(fs.readFileSync(file)));
}

async function exportPdfa(name: string, selection: Selection, title?: string): Promise<ExportResult> {
  const v = createVolume(ctx, { selection, pdfa: true, ...(title ? { title } : {}) });
  return exportVolume(ctx, v.id, path.join(ctx.tmp, 'out', `${name}.pdf`));
}

const pdfaPart = (file: string) =>
  /<pdfaid:part>(\d)<\/pdfaid:part>/.exec(execFileSync('pdfinfo', ['-meta', file], { encoding: 'utf8' }))?.[1] ?? null;

function expectValid(file: string) {
  const r = preflight(file);
  expect(r.errors, r.output.slice(0, 4000)).toEqual([]);
  expect(r.valid, r.output.slice(0, 4000)).toBe(true);
}

const results: Record<string, ExportResult> = {};

beforeAll(async () => {
  ctx = makeCtx();
  b = baseData(ctx);
  // 明白书 only, with JPEG, CMYK JPEG and alpha PNG scans
  await addPledges(ctx, b, 3, {
    scans: [
      [scan('mingbaishu-scan.jpg')],
      [scan('mingbaishu-scan-cmyk.jpg')],
      [alphaPng(path.join(ctx.tmp, '透明底扫描件.png'))],
    ],
  });
  // and one (谈话层级 4) without a scan: its volume is generated pages only
  await addPledges(ctx, b, 1, { scans: [[]], start: 3 });
  results.pledge = await exportPdfa('pledge', { kinds: ['pledge'], noticeId: b.notice.id });
  results.plain = await exportPdfa('plain', { kinds: ['pledge'], noticeId: b.notice.id, level: 4 });
  // returns: an image-only PDF report that conforms, and one with unembedded Helvetica that cannot
  const report = await storeScan(ctx, scan('zicha-baogao-3pages.pdf'));
  registerReturn(ctx, {
    noticeId: b.campaign.id,
    unitId: b.shenhou.id,
    kind: 'report',
    receivedDate: '2024-01-20',
    title: '专题报告',
    attachmentIds: [report.id],
  });
  results.returns = await exportPdfa('returns', { kinds: ['return'], noticeId: b.campaign.id });
  // hazard ledger extract and closure files (a 重大 hazard with a photo)
  const photo = await storeScan(ctx, scan('mingbaishu-scan.jpg'));
  createHazard(ctx, hazardInput(b.shenhou.id));
  createHazardThrough(
    ctx,
    hazardInput(b.fangshan.id, {
      enterpriseName: '禹州市鑫源液化气站',
      industry: '燃气',
      level: '重大',
      emergencyPlan: '液化气泄漏专项应急预案',
      status: '已验收销号',
      completedDate: '2024-04-10',
      acceptedBy: '李验收',
      acceptedDate: '2024-04-12',
      attachments: [{ attachmentId: photo.id, role: 'report' }],
    }),
  );
  // a return whose PDF has text in an embedded subset font without CIDSet (mended when bound)
  const text = await storeScan(ctx, await textPdf(path.join(ctx.tmp, '住建局自查报告.pdf')));
  registerReturn(ctx, {
    noticeId: b.campaign.id,
    unitId: b.zhujian.id,
    kind: 'report',
    receivedDate: '2024-01-22',
    title: '专题报告',
    attachmentIds: [text.id],
  });
  results.text = await exportPdfa('text', { kinds: ['return'], noticeId: b.campaign.id, unitId: b.zhujian.id });
  results.hazard = await exportPdfa('hazard', { kinds: ['hazard'] }, '2024年隐患排查治理台账');
  results.closure = await exportPdfa('closure', { kinds: ['closure'] }, '2024年重大隐患闭环材料');
  // a return whose bound PDF cannot conform: the volume does not claim PDF/A
  const helv = await storeScan(ctx, await helveticaPdf(path.join(ctx.tmp, '方山镇自查报告.pdf')));
  registerReturn(ctx, {
    noticeId: b.campaign.id,
    unitId: b.fangshan.id,
    kind: 'report',
    receivedDate: '2024-01-21',
    title: '专题报告',
    attachmentIds: [helv.id],
  });
  results.refused = await exportPdfa('refused', { kinds: ['return'], noticeId: b.campaign.id });
  if (process.env.PDFA_KEEP_DIR) {
    fs.mkdirSync(process.env.PDFA_KEEP_DIR, { recursive: true });
    for (const [k, r] of Object.entries(results))
      fs.copyFileSync(r.file, path.join(process.env.PDFA_KEEP_DIR, `${k}.pdf`));
  }
}, 600_000);
afterAll(() => ctx.close());

describe.skipIf(!!missing)('PDF/A-1b validated by PDFBox Preflight', () => {
  for (const kind of ['plain', 'pledge', 'returns', 'text', 'hazard', 'closure']) {
    it(`${kind}: claims PDF/A-1b and Preflight finds no error`, () => {
      const f = results[kind]!.file;
      expect(pdfaPart(f)).toBe('1');
      expectValid(f);
    }, 300_000);
  }
});

describe('PDF/A claims', () => {
  it('identifies as PDF/A-1b with the sRGB output intent and the XMP dates', () => {
    const f = results.pledge!.file;
    const meta = execFileSync('pdfinfo', ['-meta', f], { encoding: 'utf8' });
    expect(meta).toMatch(/<pdfaid:part>1<\/pdfaid:part>/);
    expect(meta).toMatch(/<pdfaid:conformance>B<\/pdfaid:conformance>/);
    expect(meta).toMatch(/<xmp:ModifyDate>2024-06-01T02:00:00Z<\/xmp:ModifyDate>/);
  });

  it('binds the CMYK JPEG as RGB and the transparent PNG flattened on white (no CMYK, no soft mask)', () => {
    const f = results.pledge!.file;
    const list = execFileSync('pdfimages', ['-list', f], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    const rows = list.map((l) => l.trim().split(/\s+/));
    expect(rows.length).toBe(3);
    expect(rows.map((r) => r[2])).toEqual(['image', 'image', 'image']); // no smask rows
    expect(rows.map((r) => r[5])).toEqual(['rgb', 'rgb', 'rgb']);
    // the half-transparent grey (60) square over white renders as (60 + 255) / 2 ≈ 157, the frame stays dark
    const alphaPage = Number(rows.find((r) => r[3] === '300')![0]);
    const img = renderGrey(f, alphaPage, 50, ctx.tmp);
    const ink = inkBox(img, 128, 30)!;
    const centre = img.px[Math.round((ink.y0 + ink.y1) / 2) * img.width + Math.round((ink.x0 + ink.x1) / 2)]!;
    expect(Math.abs(centre - 157)).toBeLessThan(12);
    // the CMYK scan: the same picture as the RGB one (mean grey within a few levels)
    const [rgbPage, cmykPage] = rows.filter((r) => r[3] === '1258').map((r) => Number(r[0]));
    const mean = (p: number) => {
      const g = renderGrey(f, p, 30, ctx.tmp);
      return g.px.reduce((a, v) => a + v, 0) / g.px.length;
    };
    expect(Math.abs(mean(rgbPage!) - mean(cmykPage!))).toBeLessThan(4);
  });

  it('binds a text PDF with its subset font, the CIDSet added: text still extracts', () => {
    expect(pdfText(results.text!.file).replace(/\s+/g, '')).toContain('方山镇安全生产自查报告');
    expect(results.text!.check.problems.filter((p) => p.code === 'pdfa-refused')).toEqual([]);
  });

  it('finds what keeps a bound PDF from PDF/A: unembedded fonts, transparency, CMYK', async () => {
    expect(await blockersOf(await textPdf(path.join(ctx.tmp, 'ok.pdf')))).toEqual([]);
    expect(await blockersOf(scan('zicha-baogao-3pages.pdf'))).toEqual([]);
    const helv = await blockersOf(await helveticaPdf(path.join(ctx.tmp, 'h.pdf')));
    expect(helv).toEqual([{ page: 1, reasons: ['字体“Helvetica”未嵌入'] }]);
    const alpha = await blockersOf(
      await textPdf(path.join(ctx.tmp, 'a.pdf'), (d) => d.fillOpacity(0.5).rect(100, 200, 100, 100).fill()),
    );
    expect(alpha[0]?.reasons).toContain('含半透明对象');
    const cmyk = await blockersOf(
      await textPdf(path.join(ctx.tmp, 'c.pdf'), (d) => d.fillColor([0, 100, 100, 0]).rect(100, 200, 100, 100).fill()),
    );
    expect(cmyk[0]?.reasons).toContain('使用了 CMYK 颜色');
    expect(describeBlockers(helv)).toBe('第 1 页字体“Helvetica”未嵌入');
    // an ICC profile of version 4 (PDF 1.4 knows version 2) as a page colour space
    const lib = await LibDocument.create();
    const page = lib.addPage();
    const profile = new Uint8Array(132);
    profile[8] = 4;
    const iccRef = lib.context.register(lib.context.flateStream(profile, { N: 3 }));
    page.node.normalize();
    page.node.Resources()!.set(PDFName.of('ColorSpace'), lib.context.obj({ CS0: [PDFName.of('ICCBased'), iccRef] }));
    expect(pdfaBlockers(await LibDocument.load(await lib.save()))).toEqual([
      { page: 1, reasons: ['含第 4 版 ICC 色彩配置'] },
    ]);
  });

  it('is deterministic: the same PDF/A volume exported again gives the same bytes (as sealing needs)', async () => {
    const again = await exportVolume(ctx, results.pledge!.volumeId, path.join(ctx.tmp, 'out', 'pledge-again.pdf'));
    expect(again.sha256).toBe(results.pledge!.sha256);
  }, 120_000);

  it('never claims PDF/A when a bound PDF cannot conform, and names the file in the check', () => {
    const r = results.refused!;
    expect(pdfaPart(r.file)).toBeNull();
    const p = r.check.problems.find((x) => x.code === 'pdfa-refused');
    expect(p?.message).toContain('方山镇自查报告.pdf');
    expect(p?.message).toMatch(/未嵌入/);
  });
});

/** The command line (dist/cli.cjs, as the clerk runs it): export-volume --pdfa, and print-pledge's warning. */
describe('command line', () => {
  let dir: string;
  let data: string;
  beforeAll(() => {
    buildCli();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-pdfa-cli-'));
    data = path.join(dir, 'data');
    const ok = (...args: string[]) => {
      const r = cli(data, ...args);
      expect(r.code, r.stderr).toBe(0);
    };
    ok('units', 'add', '神垕镇', '--kind', '乡镇');
    ok(
      'notices',
      'add',
      '--no',
      '禹安〔2024〕1号',
      '--title',
      '关于开展安全生产对话谈心活动的通知',
      '--date',
      '2024-01-05',
    );
    ok(
      'pledges',
      'add',
      '--level',
      '1',
      '--talker',
      '张建国',
      '--talker-title',
      '镇党委书记',
      '--talkee',
      '张𠮷',
      '--talkee-unit',
      '神垕镇',
      '--talkee-title',
      '副镇长',
      '--date',
      '2024-01-10',
      '--notice',
      '禹安〔2024〕1号',
      '--scan',
      scan('mingbaishu-scan-cmyk.jpg'),
    );
    ok(
      'pledges',
      'add',
      '--level',
      '2',
      '--talker',
      '张建国',
      '--talker-title',
      '镇党委书记',
      '--talkee',
      '李𱍐',
      '--talkee-unit',
      '神垕镇',
      '--talkee-title',
      '所长',
      '--date',
      '2024-01-11',
      '--notice',
      '禹安〔2024〕1号',
      '--scan',
      scan('mingbaishu-scan.jpg'),
    );
  }, 300_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.skipIf(!!missing)(
    'export-volume --pdfa writes a file Preflight accepts (CMYK scan, Extension B name)',
    () => {
      const out = path.join(dir, '明白书.pdf');
      const r = cli(data, 'export-volume', '--kind', 'pledge', '--level', '1', '--pdfa', '--out', out, '--json');
      expect(r.code, r.stderr).toBe(0);
      expect(pdfaPart(out)).toBe('1');
      expectValid(out);
      expect(pdfText(out)).toContain('张𠮷');
    },
    300_000,
  );

  it('print-pledge warns of a character no font has, and still writes the form', () => {
    const list = cli(data, 'pledges', 'list', '--json').json<{ id: number; talkeeName: string }[]>();
    const id = list.find((p) => p.talkeeName === '李𱍐')!.id;
    const out = path.join(dir, '明白书-李.pdf');
    const r = cli(data, 'print-pledge', String(id), '--out', out, '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/【提示】谈话对象“李𱍐”中的 “𱍐”（U\+31350）.*〓/);
    expect(r.json<{ warnings: string[] }>().warnings).toHaveLength(1);
    expect(pdfText(out)).toContain('李〓');
    const clean = cli(
      data,
      'print-pledge',
      String(list.find((p) => p.talkeeName === '张𠮷')!.id),
      '--out',
      path.join(dir, '张.pdf'),
    );
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toBe('');
  }, 120_000);
});

/**
 * The layout shortcut of core/pdf/fonts.ts (one glyph per character where OpenType shaping changes nothing, layouts
 * cached per document) gives exactly what pdfkit and fontkit give without it.
 */
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fontRuns, missingChars, registerFonts, useFont } from '../../core/pdf/fonts';
import { planFonts } from '../../core/pdf/fontFiles';
import { createPledge } from '../../core/pledges/editing';
import { listPledges } from '../../core/pledges/service';
import { pledgeFormPdf, pledgeFormProblems, printPledgeInteractive } from '../../core/print/printing';
import { createVolume, exportVolume, type ExportResult } from '../../core/volumes';
import { pledgeSummaryBytes } from '../../core/exports/registers';
import { makeCtx, type TestCtx } from '../helpers/ctx';
import { pdfFonts, pdfPageCount, pdfText } from '../helpers/pdf';
import { preflight, preflightMissing } from '../helpers/preflight';
import { baseData } from './seed';

type Run = {
  glyphs: { id: number }[];
  positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth?: number }[];
  advanceWidth: number;
};
type Kit = {
  layout(text: string, features?: unknown, onlyWidth?: boolean): Run;
  layoutRun(text: string, features?: unknown): Run;
};

const TEXTS = [
  '安全生产责任明白书登记表',
  '禹州市神垕镇鑫源液化气站：液化石油气钢瓶未使用防倾倒链固定，现场责令立即整改。',
  '（续）《通知》“一岗双责”——第1页、共 3 页',
  '2024',
  '11',
  '1111.11',
  'AV To Wa 7.1',
  'A012-WS·2024-D30-0001',
  'MB-00012 BS-00003',
  '12345.67',
  'Ţ̈é́', // combining marks: not taken by the shortcut
  'a\u00adb', // a soft hyphen (default-ignorable)
  '𠮷垕龘',
  'ｶﾀｶﾅ　全角ＡＢＣ１２３',
];

function fonts() {
  const doc = new PDFDocument({ autoFirstPage: false });
  doc.on('data', () => {});
  registerFonts(doc, planFonts());
  return doc;
}

const shape = (r: Run) => ({
  glyphs: r.glyphs.map((g) => g.id),
  positions: r.positions.map((p) =>
    [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset].map((x) => Math.round(x * 1e6) / 1e6),
  ),
  width: Math.round(r.advanceWidth * 1e6) / 1e6,
});

describe('layout shortcut', () => {
  for (const name of ['body', 'latin']) {
    it(`lays out text in the ${name} font as fontkit does (features: [] and pdfkit's default)`, () => {
      const fast = fonts();
      useFont(fast, name);
      const plain = fonts();
      plain.font(name); // pdfkit's own font object, not patched
      const f = (fast as unknown as { _font: Kit })._font;
      const p = (plain as unknown as { _font: Kit })._font;
      for (const text of TEXTS) {
        for (let round = 0; round < 2; round++) {
          // (second round: from the cache)
          expect(shape(f.layout(text, [])), text).toEqual(shape(p.layoutRun(text, [])));
          expect(shape(f.layout(text)), text).toEqual(shape(p.layout(text)));
          expect(f.layout(text, undefined, true).advanceWidth, text).toBeCloseTo(
            p.layout(text, undefined, true).advanceWidth,
            6,
          );
        }
      }
    });
  }
});

/**
 * No glyph is lost: a name with 𠮷 (U+20BB7, CJK Extension B) and 䶮 (U+4DAE, Extension A) prints and extracts in
 * the 卷内目录, the 备考表, the printed 明白书 and the Excel registers, from an embedded font that has it; a
 * character no font has (𱍐, U+31350, Extension H) is drawn as 〓 (never glyph 0) and reported.
 */
describe('rare characters', () => {
  const NAME = '张𠮷䶮';
  const NOGLYPH = '𱍐';
  let ctx: TestCtx;
  let volume: ExportResult;
  let missing: ExportResult;

  beforeAll(async () => {
    ctx = makeCtx();
    const b = baseData(ctx);
    // without a scan: the check's 'no-scan' problem puts the name into the 备考表 as well
    createPledge(ctx, {
      noticeId: b.notice.id,
      level: 1,
      talkerName: '王建国',
      talkerTitle: '镇党委书记',
      talkeeName: NAME,
      talkeeUnitId: b.shenhou.id,
      talkeeTitle: '副镇长',
      talkDate: '2024-01-10',
      signed: true,
      signedDate: '2024-01-10',
    });
    createPledge(ctx, {
      noticeId: b.notice.id,
      level: 2,
      talkerName: '王建国',
      talkerTitle: '镇长',
      talkeeName: `李${NOGLYPH}`,
      talkeeUnitId: b.fangshan.id,
      talkeeTitle: '所长',
      talkDate: '2024-01-11',
      signed: true,
      signedDate: '2024-01-11',
    });
    volume = await exportVolume(
      ctx,
      createVolume(ctx, { selection: { kinds: ['pledge'], level: 1 }, pdfa: true }).id,
      path.join(ctx.tmp, 'rare.pdf'),
    );
    missing = await exportVolume(
      ctx,
      createVolume(ctx, { selection: { kinds: ['pledge'], level: 2 }, pdfa: true }).id,
      path.join(ctx.tmp, 'missing.pdf'),
    );
  }, 300_000);
  afterAll(() => ctx.close());

  const pageWith = (file: string, title: RegExp) => {
    for (let p = 1; p <= pdfPageCount(file); p++) {
      const t = pdfText(file, p);
      if (title.test(t.replace(/\s+/g, ''))) return t;
    }
    throw new Error(`no page matching ${title}`);
  };

  it('extracts the name from the 卷内目录 and the 备考表, drawn from the embedded Extension font', () => {
    expect(pageWith(volume.file, /卷内目录/)).toContain(NAME);
    expect(pageWith(volume.file, /卷内备考表/)).toContain(NAME);
    expect(pageWith(volume.file, /登记表/).replace(/\s+/g, '')).toContain(NAME); // the record's own sheet
    const fonts = pdfFonts(volume.file);
    expect(fonts.find((f) => /HanaMinB/.test(f.name))).toMatchObject({ embedded: true });
    expect(fonts.every((f) => f.embedded)).toBe(true);
    expect(volume.check.problems.filter((p) => p.code === 'glyph-missing')).toEqual([]);
    if (!preflightMissing()) expect(preflight(volume.file).errors).toEqual([]);
  }, 120_000);

  it('prints the 明白书 with the name (print-pledge), no warning', async () => {
    const id = listPledges(ctx, { search: '张' }).rows[0]!.id;
    const file = path.join(ctx.tmp, 'form.pdf');
    fs.writeFileSync(file, await pledgeFormPdf(ctx, id));
    expect(pdfText(file).replace(/\s+/g, '')).toContain(NAME);
    expect(pdfFonts(file).find((f) => /HanaMinB/.test(f.name))).toMatchObject({ embedded: true });
    expect(pledgeFormProblems(ctx, id)).toEqual([]);
  });

  it('a character no font has: drawn as 〓, not glyph 0; reported by the check and by print-pledge', async () => {
    const text = pageWith(missing.file, /卷内目录/);
    expect(text).toContain('李〓');
    const p = missing.check.problems.find((x) => x.code === 'glyph-missing');
    expect(p?.message).toContain(`李${NOGLYPH}`);
    expect(p?.message).toContain('U+31350');
    expect(p?.itemPosition).toBe(0);
    const id = listPledges(ctx, { search: '李' }).rows[0]!.id;
    const warnings = pledgeFormProblems(ctx, id);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/谈话对象“李𱍐”中的 “𱍐”（U\+31350）/);
    // the window's 打印 (save, open for printing) returns the same warning for the clerk to see
    ctx.ports.savePath = path.join(ctx.tmp, '打印-李.pdf');
    expect((await printPledgeInteractive(ctx, id))?.warnings).toEqual(warnings);
    // still PDF/A: no .notdef drawn
    if (!preflightMissing()) expect(preflight(missing.file).errors).toEqual([]);
  }, 120_000);

  it('Droid Sans Fallback alone (no Extension font) draws 〓 for 𠮷, never glyph 0', () => {
    const doc = new PDFDocument({ autoFirstPage: false });
    doc.on('data', () => {});
    const plan = planFonts();
    registerFonts(doc, { ...plan, extension: plan.bundled });
    const runs = fontRuns(doc, 'body', NAME);
    expect(runs.map((r) => r.text).join('')).toBe('张〓䶮');
    expect(missingChars(NAME, { ...plan, extension: plan.bundled })).toEqual(['𠮷']);
    expect(missingChars(NAME, plan)).toEqual([]);
  });

  it('keeps the name in the Excel 明白书 summary (a text cell)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await pledgeSummaryBytes(ctx, {})) as unknown as ArrayBuffer);
    const cells: string[] = [];
    wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value))));
    expect(cells).toContain(NAME);
    expect(cells).toContain(`李${NOGLYPH}`);
  });
});

describe('system fonts first', () => {
  it('takes SimSun-ExtB (simsunb.ttf) from the fonts folder before the bundled fonts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-fonts-'));
    try {
      // a stand-in for Windows' simsunb.ttf: a TrueType font with Extension B (the bundled one, decompressed)
      const bundled = planFonts();
      fs.writeFileSync(
        path.join(dir, 'simsunb.ttf'),
        zlib.brotliDecompressSync(fs.readFileSync(bundled.extension.file)),
      );
      const plan = planFonts({ fontsDir: dir });
      expect(plan.system.map((f) => f.label)).toEqual(['宋体-ExtB']);
      const doc = new PDFDocument({ autoFirstPage: false });
      doc.on('data', () => {});
      registerFonts(doc, plan);
      expect(fontRuns(doc, 'body', '张𠮷')).toEqual([
        { font: 'body', text: '张' },
        { font: 'system0', text: '𠮷' },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

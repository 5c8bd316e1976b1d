/**
 * Bound pages keep everything a reader sees: a PDF with a filled text field, a ticked checkbox and a stamp
 * annotation (with an /AP appearance) is bound with all three drawn into the page; the bound page, rendered by
 * pdftoppm, matches the original as pdftoppm renders it (annotations included). What cannot be kept (a note without
 * appearance, a print-only mark) is named in the check and the 备考表.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFHexString, rgb, StandardFonts } from '@cantoo/pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createVolume, exportVolume } from '../../core/volumes';
import { makeCtx, type TestCtx } from '../helpers/ctx';
import { pdfPageCount, pdfText } from '../helpers/pdf';
import { addPledges, baseData, type Base } from './seed';

let ctx: TestCtx;
let b: Base;
beforeEach(() => {
  ctx = makeCtx();
  b = baseData(ctx);
});
afterEach(() => ctx.close());

const W = 595;
const H = 842;
/** Regions (PDF points, origin bottom left) of the three marks on page 1. */
const FIELD = { x: 60, y: 600, w: 260, h: 50 };
const CHECK = { x: 60, y: 500, w: 50, h: 50 };
const STAMP = { x: 360, y: 420, w: 160, h: 160 };

async function formPdf(file: string) {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const p1 = doc.addPage([W, H]);
  p1.drawText('FLATTEN-ONE page content', { x: 60, y: 760, size: 18, font });
  p1.drawRectangle({ x: 60, y: 120, width: 470, height: 200, borderColor: rgb(0, 0, 0), borderWidth: 2 });
  const form = doc.getForm();
  const tf = form.createTextField('talkee');
  tf.setText('ZHANG SAN 2024');
  tf.addToPage(p1, { x: FIELD.x, y: FIELD.y, width: FIELD.w, height: FIELD.h, font });
  tf.setFontSize(24);
  const cb = form.createCheckBox('signed');
  cb.addToPage(p1, { x: CHECK.x, y: CHECK.y, width: CHECK.w, height: CHECK.h });
  cb.check();
  // a stamp annotation (how electronic seals are applied): a red disc with a ring, as its appearance stream
  const k = 0.5523;
  const r = 70;
  const disc = (rad: number) =>
    `${rad} 0 m ${rad} ${rad * k} ${rad * k} ${rad} 0 ${rad} c ${-rad * k} ${rad} ${-rad} ${rad * k} ${-rad} 0 c ${-rad} ${-rad * k} ${-rad * k} ${-rad} 0 ${-rad} c ${rad * k} ${-rad} ${rad} ${-rad * k} ${rad} 0 c`;
  const ap = doc.context.register(
    doc.context.stream(
      `q 1 0 0 1 80 80 cm 0.85 0.05 0.05 rg ${disc(r)} f 1 1 1 rg ${disc(r - 12)} f 0.85 0.05 0.05 rg -30 -30 60 60 re f Q`,
      {
        Type: 'XObject',
        Subtype: 'Form',
        BBox: [0, 0, 160, 160],
      },
    ),
  );
  const stamp = doc.context.register(
    doc.context.obj({
      Type: 'Annot',
      Subtype: 'Stamp',
      Rect: [STAMP.x, STAMP.y, STAMP.x + STAMP.w, STAMP.y + STAMP.h],
      F: 4,
      Name: 'Approved',
      AP: { N: ap },
    }),
  );
  p1.node.addAnnot(stamp);
  // page 2: what cannot be kept — a sticky note without appearance, and a mark shown only in print
  const p2 = doc.addPage([W, H]);
  p2.drawText('FLATTEN-TWO', { x: 60, y: 760, size: 18, font });
  p2.node.addAnnot(
    doc.context.register(
      doc.context.obj({
        Type: 'Annot',
        Subtype: 'Text',
        Rect: [100, 500, 120, 520],
        Contents: doc.context.obj('note'),
      }),
    ),
  );
  const ap2 = doc.context.register(
    doc.context.stream('0 0 1 rg 0 0 50 50 re f', { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, 50, 50] }),
  );
  p2.node.addAnnot(
    doc.context.register(
      doc.context.obj({ Type: 'Annot', Subtype: 'Square', Rect: [300, 300, 350, 350], F: 4 | 32, AP: { N: ap2 } }),
    ),
  );
  // a filled text field without an appearance stream (the viewer would draw it), and an empty one (draws nothing)
  p2.node.addAnnot(
    doc.context.register(
      doc.context.obj({
        Type: 'Annot',
        Subtype: 'Widget',
        FT: 'Tx',
        T: PDFHexString.fromText('审核人'),
        V: PDFHexString.fromText('张三'),
        Rect: [60, 200, 260, 230],
      }),
    ),
  );
  p2.node.addAnnot(
    doc.context.register(
      doc.context.obj({
        Type: 'Annot',
        Subtype: 'Widget',
        FT: 'Tx',
        T: doc.context.obj('empty'),
        Rect: [60, 150, 260, 180],
      }),
    ),
  );
  // hidden, and a link: not visible content, left out without a word
  p2.node.addAnnot(
    doc.context.register(
      doc.context.obj({ Type: 'Annot', Subtype: 'Square', Rect: [300, 100, 350, 150], F: 2, AP: { N: ap2 } }),
    ),
  );
  p2.node.addAnnot(
    doc.context.register(doc.context.obj({ Type: 'Annot', Subtype: 'Link', Rect: [300, 500, 350, 550] })),
  );
  fs.writeFileSync(file, await doc.save());
}

function pgm(args: string[], file: string, page: number, out: string) {
  execFileSync('pdftoppm', ['-gray', '-f', String(page), '-l', String(page), '-singlefile', ...args, file, out]);
  const buf = fs.readFileSync(`${out}.pgm`);
  const m = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(buf.subarray(0, 40).toString('latin1'))!;
  return { w: Number(m[1]), h: Number(m[2]), px: buf.subarray(m[0].length) };
}

function pageWith(file: string, marker: string): number {
  for (let p = 1; p <= pdfPageCount(file); p++) if (pdfText(file, p).includes(marker)) return p;
  throw new Error(`${marker} not found`);
}

const MM = 72 / 25.4;

describe('flattening bound PDFs', () => {
  it('binds a filled field, a ticked checkbox and a stamp visibly; reports what cannot be kept', async () => {
    const src = path.join(ctx.tmp, '电子签章明白书.pdf');
    await formPdf(src);
    await addPledges(ctx, b, 1, { scans: [[src]] });
    const v = createVolume(ctx, { selection: { kinds: ['pledge'], noticeId: b.notice.id } });
    const out = await exportVolume(ctx, v.id, path.join(ctx.tmp, '卷.pdf'));

    const lost = out.check.problems.filter((p) => p.code === 'annotation-lost');
    expect(lost.map((p) => p.message)).toEqual([
      expect.stringMatching(/文件“电子签章明白书\.pdf”第 2 页的注释（便笺）没有外观/),
      expect.stringMatching(/文件“电子签章明白书\.pdf”第 2 页的方框批注只在打印时显示/),
      expect.stringMatching(/文件“电子签章明白书\.pdf”第 2 页的表单域“审核人”没有外观/),
    ]);
    expect(lost.every((p) => p.severity === 'warning' && p.file === '电子签章明白书.pdf')).toBe(true);
    const text = pdfText(out.file).replace(/\s+/g, '');
    expect(text).toContain('第2页的注释（便笺）没有外观');

    // the bound page rendered so that its scan has the original's scale, cropped to where the scan was placed
    const bound = pageWith(out.file, 'FLATTEN-ONE');
    const r0 = 50;
    const orig = pgm(['-r', String(r0)], src, 1, path.join(ctx.tmp, 'orig'));
    const boxW = (210 - 15 - 8) * MM;
    const boxH = (297 - 20 - 8) * MM;
    const s = Math.min(boxW / W, boxH / H);
    const r1 = r0 / s;
    let best = Infinity;
    let best1: ReturnType<typeof pgm> | null = null;
    for (const left of [15, 8]) {
      const X = left * MM + (boxW - W * s) / 2;
      const Y = 20 * MM + (boxH - H * s) / 2;
      const crop = pgm(
        [
          '-r',
          String(r1),
          '-x',
          String(Math.round((X * r1) / 72)),
          '-y',
          String(Math.round((Y * r1) / 72)),
          '-W',
          String(orig.w),
          '-H',
          String(orig.h),
        ],
        out.file,
        bound,
        path.join(ctx.tmp, `bound${left}`),
      );
      let d = 0;
      for (let i = 0; i < orig.px.length; i++) d += Math.abs(orig.px[i]! - crop.px[i]!);
      if (d / orig.px.length < best) {
        best = d / orig.px.length;
        best1 = crop;
      }
    }
    console.log(`flatten: mean |Δ| over the page ${best.toFixed(3)} (0–255)`);
    expect(best).toBeLessThan(3);
    // each mark is there (dark in the original) and the same in the bound page
    const region = (img: { w: number; px: Buffer }, q: { x: number; y: number; w: number; h: number }) => {
      const k = r0 / 72;
      let sum = 0;
      let n = 0;
      for (let y = Math.round((H - q.y - q.h) * k); y < Math.round((H - q.y) * k); y++) {
        for (let x = Math.round(q.x * k); x < Math.round((q.x + q.w) * k); x++) {
          sum += img.px[y * img.w + x]!;
          n++;
        }
      }
      return sum / n;
    };
    // control: the original without its annotations (what binding used to give) differs clearly in each region
    const bare = pgm(['-r', String(r0), '-hide-annotations'], src, 1, path.join(ctx.tmp, 'bare'));
    for (const q of [FIELD, CHECK, STAMP]) {
      const a = region(orig, q);
      const c = region(best1!, q);
      const none = region(bare, q);
      expect(none - a).toBeGreaterThan(10); // the mark is visible in the original rendering
      expect(Math.abs(a - c)).toBeLessThan((none - a) / 4);
    }
  });
});

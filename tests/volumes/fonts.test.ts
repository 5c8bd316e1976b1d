/**
 * The layout shortcut of core/pdf/fonts.ts (one glyph per character where OpenType shaping changes nothing, layouts
 * cached per document) gives exactly what pdfkit and fontkit give without it.
 */
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { planFonts, registerFonts, useFont } from '../../core/pdf/fonts';

type Run = { glyphs: { id: number }[]; positions: { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth?: number }[]; advanceWidth: number };
type Kit = { layout(text: string, features?: unknown, onlyWidth?: boolean): Run; layoutRun(text: string, features?: unknown): Run };

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
  positions: r.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset].map((x) => Math.round(x * 1e6) / 1e6)),
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
          expect(f.layout(text, undefined, true).advanceWidth, text).toBeCloseTo(p.layout(text, undefined, true).advanceWidth, 6);
        }
      }
    });
  }
});

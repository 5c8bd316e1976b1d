/** The OFD writer and reader: what is written is read back (text, pages, page size, fonts, images, XML). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { expandDelta, OfdReadError, readOfd } from '../../core/ofd/reader';
import { ofdToBuffer } from '../../core/ofd/writer';
import { OFD_NS } from '../../core/ofd/xml';
import { deltaAttr } from '../../core/ofd/page';
import { parseXml } from '../../core/ofd/xml';
import { subsetTrueType } from '../../core/ofd/fonts';
import { fontkit } from '../../core/platform/lazyLibs';
import { loadFont } from '../../core/pdf/fontFiles';

interface FontkitFont {
  postscriptName: string;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): { advanceWidth: number; path: { commands: unknown[] } };
}
import { scan } from '../helpers/ctx';

const FONT = path.resolve(__dirname, '..', '..', 'resources', 'fonts', 'LiberationSans-Regular.ttf');
const info = { title: '测试文档 <&>', author: '安委办', creator: '安委台账', date: new Date('2024-06-01T02:00:00Z') };

function sample(): Buffer {
  const jpg = fs.readFileSync(scan('mingbaishu-scan.jpg'));
  return ofdToBuffer((w) => {
    const f = w.addFont({ fontName: 'LiberationSans', familyName: 'Liberation Sans', bytes: fs.readFileSync(FONT) });
    const img = w.addImage(jpg, 'JPEG');
    const p1 = w.newPage();
    p1.text(
      20,
      30,
      f,
      5,
      'A012-WS·2024 第1页 & <x>',
      [...'A012-WS·2024 第1页 & <x>'].map(() => 3),
    );
    p1.rect(15, 20, 100, 15, { lw: 0.3 });
    p1.line(15, 40, 195, 40, 0.2);
    w.addPage(p1, '第一页');
    const p2 = w.newPage();
    p2.text(
      20,
      30,
      f,
      5,
      '  第二页  ',
      [...'  第二页  '].map(() => 5),
    );
    p2.text(40, 20, f, 4, '横排', [4, 4], { m: [0, -1, 1, 0, 0, 297] });
    p2.image(img, [80, 0, 0, 110, 100, 150]);
    w.addPage(p2);
  }, info);
}

describe('OFD writer and reader', () => {
  const buf = sample();
  const doc = readOfd(buf);

  it('writes the container parts GB/T 33190 names, in the OFD namespace', () => {
    const parts = Object.keys(unzipSync(buf)).sort();
    expect(parts).toEqual(
      [
        'OFD.xml',
        'Doc_0/Document.xml',
        'Doc_0/PublicRes.xml',
        'Doc_0/DocumentRes.xml',
        'Doc_0/Pages/Page_0/Content.xml',
        'Doc_0/Pages/Page_1/Content.xml',
        'Doc_0/Res/font_1.ttf',
        'Doc_0/Res/image_2.jpg',
      ].sort(),
    );
    const files = unzipSync(buf);
    for (const [name, bytes] of Object.entries(files)) {
      if (!name.endsWith('.xml')) continue;
      const src = new TextDecoder().decode(bytes);
      expect(src, name).toContain(`xmlns:ofd="${OFD_NS}"`);
      parseXml(src); // well-formed
    }
    // xmllint agrees that every part is well-formed XML
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-ofd-xml-'));
    try {
      for (const [name, bytes] of Object.entries(files))
        if (name.endsWith('.xml')) {
          const f = path.join(dir, name.replace(/\//g, '_'));
          fs.writeFileSync(f, bytes);
          execFileSync('xmllint', ['--noout', f]);
        }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads back the document info, pages and their size', () => {
    expect(doc.title).toBe('测试文档 <&>');
    expect(doc.author).toBe('安委办');
    expect(doc.creator).toBe('安委台账');
    expect(doc.creationDate).toBe('2024-06-01');
    expect(doc.docId).toMatch(/^[0-9a-f]{32}$/);
    expect(doc.pages).toHaveLength(2);
    expect(doc.pages.map((p) => [p.width, p.height])).toEqual([
      [210, 297],
      [210, 297],
    ]);
    expect(doc.outline).toEqual(['第一页']);
    // every ID is unique and none above MaxUnitID
    const ids = [
      ...new TextDecoder().decode(unzipSync(buf)['Doc_0/Pages/Page_0/Content.xml']).matchAll(/ ID="(\d+)"/g),
    ];
    expect(Math.max(...ids.map((m) => Number(m[1])))).toBeLessThanOrEqual(doc.maxUnitId);
  });

  it('reads back the text, escaped and with its positions', () => {
    expect(doc.pages[0]!.text).toBe('A012-WS·2024 第1页 & <x>');
    const t = doc.pages[0]!.texts[0]!;
    expect(t.x).toBeCloseTo(20, 3);
    expect(t.y).toBeCloseTo(30, 3);
    expect(t.size).toBe(5);
    // leading and trailing spaces are left out (no ink), the start moved past them
    expect(doc.pages[1]!.texts[0]!.text).toBe('第二页');
    expect(doc.pages[1]!.texts[0]!.x).toBeCloseTo(30, 3);
    expect(doc.pages[1]!.texts[1]).toMatchObject({ text: '横排', turned: true });
    expect(doc.pages[0]!.paths).toBe(2);
  });

  it('embeds the font and the image', () => {
    expect(doc.fonts).toHaveLength(1);
    expect(doc.fonts[0]).toMatchObject({ fontName: 'LiberationSans', embedded: true, size: fs.statSync(FONT).size });
    expect(doc.pages[0]!.fonts).toEqual([doc.fonts[0]!.id]);
    expect(doc.images).toHaveLength(1);
    expect(doc.images[0]!.format).toBe('JPEG');
    expect(Buffer.from(doc.images[0]!.bytes!).equals(fs.readFileSync(scan('mingbaishu-scan.jpg')))).toBe(true);
    expect(doc.pages[1]!.images).toEqual([doc.images[0]!.id]);
  });

  it('is a zip that unzip tests clean (every CRC and deflate stream right)', () => {
    const f = path.join(os.tmpdir(), `anwei-ofd-${process.pid}.ofd`);
    fs.writeFileSync(f, buf);
    try {
      expect(execFileSync('unzip', ['-t', f], { encoding: 'utf8' })).toContain('No errors detected');
    } finally {
      fs.rmSync(f, { force: true });
    }
  });

  it('is deterministic: the same document gives the same bytes', () => {
    expect(sample().equals(buf)).toBe(true);
  });

  it('abbreviates and expands DeltaX', () => {
    expect(deltaAttr([3, 3, 3, 3, 1.5, 2, 2])).toBe('g 4 3 1.5 2 2');
    expect(expandDelta('g 4 3 1.5 2 2')).toEqual([3, 3, 3, 3, 1.5, 2, 2]);
  });

  it('refuses what is not an OFD, saying why', () => {
    expect(() => readOfd(Buffer.from('not a zip'))).toThrow(OfdReadError);
    const noRoot = Buffer.from(zipSync({ 'OFD.xml': new TextEncoder().encode('<ofd:OFD xmlns:ofd="x"/>') }));
    expect(() => readOfd(noRoot)).toThrow(/DocRoot/);
    const files = unzipSync(buf);
    delete files['Doc_0/Pages/Page_1/Content.xml'];
    expect(() => readOfd(Buffer.from(zipSync(files)))).toThrow(/Page_1\/Content\.xml/);
    const bad = unzipSync(buf);
    bad['Doc_0/Document.xml'] = new TextEncoder().encode('<ofd:Document><ofd:Pages></ofd:Document>');
    expect(() => readOfd(Buffer.from(zipSync(bad)))).toThrow(/不是有效的 XML/);
  });

  it('notices a part changed inside the container (CRC-32)', () => {
    const files = unzipSync(buf);
    const name = 'Doc_0/Pages/Page_0/Content.xml';
    const z = Buffer.from(zipSync(files, { level: 0 }));
    // flip one byte of the stored page text, leaving the recorded CRC as it was
    const at = z.indexOf(Buffer.from('A012-WS'));
    z[at] = 'B'.charCodeAt(0);
    expect(() => readOfd(z)).toThrow(`OFD 文件的部件 ${name} 已损坏（CRC-32 校验值不符）`);
  });

  it('a font named but not in the container is not embedded', () => {
    const files = unzipSync(buf);
    delete files['Doc_0/Res/font_1.ttf'];
    const d = readOfd(Buffer.from(zipSync(files)));
    expect(d.fonts[0]!.embedded).toBe(false);
  });
});

describe('TrueType subsets', () => {
  const DROID = path.resolve(__dirname, '..', '..', 'resources', 'fonts', 'DroidSansFallbackFull.ttf');
  const text = '禹州市安全生产委员会办公室 档号：A012-WS·2024 第1页';
  const cps = [...text].map((c) => c.codePointAt(0)!);

  it('keeps the glyphs used, found through a cmap of their own, with the same advances', () => {
    const font = loadFont({ file: DROID, label: 'Droid' }) as unknown as FontkitFont;
    const sub = subsetTrueType(font, cps)!;
    expect(sub).not.toBeNull();
    expect(sub.length).toBeLessThan(60_000);
    expect(sub.length).toBeLessThan(fs.statSync(DROID).size / 50);
    const again = fontkit().create(Buffer.from(sub)) as unknown as FontkitFont;
    expect(again.postscriptName).toBe(font.postscriptName);
    // (Droid Sans Fallback has no Latin letters: those are drawn with Liberation Sans)
    const has = cps.filter((cp) => font.hasGlyphForCodePoint(cp));
    expect(has.length).toBeGreaterThan(15);
    for (const cp of cps) {
      expect(again.hasGlyphForCodePoint(cp), String.fromCodePoint(cp)).toBe(has.includes(cp));
      if (!has.includes(cp)) continue;
      expect(again.glyphForCodePoint(cp).advanceWidth).toBe(font.glyphForCodePoint(cp).advanceWidth);
      expect(again.glyphForCodePoint(cp).path.commands.length).toBe(font.glyphForCodePoint(cp).path.commands.length);
    }
    expect(again.hasGlyphForCodePoint('鑫'.codePointAt(0)!)).toBe(false);
    // the checksums are right: the whole font sums to 0xB1B0AFBA
    const padded = Buffer.alloc((sub.length + 3) & ~3);
    Buffer.from(sub).copy(padded);
    let sum = 0;
    for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
  });
});

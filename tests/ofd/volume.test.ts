/**
 * A volume of the demo data exported as OFD and as PDF: the same pages, and every page's text as pdftotext reads it
 * from the PDF is in the OFD page's text (read back with core/ofd/reader.ts): 档号, 归档章, page numbers, 题名.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { unzipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../../core/platform/errors';
import { jpegInfo } from '../../core/files/jpeg';
import { readOfd, type OfdDocument } from '../../core/ofd/reader';
import { fillDemo } from '../../core/demo/service';
import { storeScan } from '../../core/attachments/service';
import { createPledge } from '../../core/pledges/editing';
import { createVolume, exportVolume, type ExportResult } from '../../core/volumes';
import { exportVolumeOfd, renderItemOfd, renderItemsOfd } from '../../core/volumes/exportOfd';
import { filesUnder, makeCtx, scan, type TestCtx } from '../helpers/ctx';
import { withExifOrientation } from '../volumes/seed';
import { canMount, mountTmpfs, SKIP_MOUNT, unmountAll } from '../helpers/faults';
import { pdfPageCount, pdfText } from '../helpers/pdf';

let ctx: TestCtx;
let pdf: ExportResult;
let ofd: ExportResult;
let doc: OfdDocument;
let volumeId: number;
let townshipId: number;
let noticeId: number;

/** A PDF made with pdfkit: page 1 a full-page PNG (Flate image), page 2 typed text (not a scan). */
async function mixedPdf(dir: string, textPage: boolean): Promise<string> {
  const doc = new PDFDocument({ size: 'A4', margin: 0 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((res) => doc.on('end', () => res()));
  doc.image(fs.readFileSync(path.join(dir, 'page.png')), 0, 0, { width: 595.28, height: 841.89 });
  if (textPage) {
    doc.addPage();
    doc.fontSize(20).text('Typed, not scanned', 72, 72);
  }
  doc.end();
  await done;
  const f = path.join(dir, textPage ? '打印稿.pdf' : '扫描稿-png.pdf');
  fs.writeFileSync(f, Buffer.concat(chunks));
  return f;
}

const squash = (s: string) => s.replace(/\s+/g, '');

beforeAll(async () => {
  ctx = makeCtx({ now: new Date('2026-06-01T02:00:00Z') });
  fillDemo(ctx);
  const township = ctx.sqlite.prepare("select id, name from units where kind = '乡镇' order by id limit 1").get() as {
    id: number;
    name: string;
  };
  townshipId = township.id;
  const notice = ctx.sqlite
    .prepare("select id from notices where title like '%对话谈心%' order by issued_on limit 1")
    .get() as { id: number };
  noticeId = notice.id;
  // a scanned report (an image-only PDF, 3 pages) bound with one more 明白书
  const report = await storeScan(ctx, scan('zicha-baogao-3pages.pdf'));
  createPledge(ctx, {
    noticeId: notice.id,
    level: 2,
    talkerName: '王建国',
    talkerTitle: '镇长',
    talkeeName: '钱扫描',
    talkeeUnitId: township.id,
    talkeeTitle: '副镇长',
    // the demo's 明白书 of this notice are of 2023: a volume holds one 年度 (GB/T 9705)
    talkDate: '2023-12-20',
    signed: true,
    signedDate: '2023-12-20',
    attachmentIds: [report.id],
  });
  const v = createVolume(ctx, { selection: { kinds: ['pledge'], noticeId: notice.id, unitId: township.id } });
  volumeId = v.id;
  pdf = await exportVolume(ctx, v.id, path.join(ctx.tmp, 'out', '案卷.pdf'));
  ofd = await exportVolumeOfd(ctx, v.id, path.join(ctx.tmp, 'out', '案卷.ofd'));
  doc = readOfd(fs.readFileSync(ofd.file));
});
afterAll(() => ctx?.close());
afterEach(() => unmountAll());

/** A one-件 volume of a new 明白书 with these scans. */
async function volumeWith(files: string[], talkee: string) {
  const ids = [];
  for (const f of files) ids.push((await storeScan(ctx, f)).id);
  const pledge = createPledge(ctx, {
    noticeId,
    level: 3,
    talkerName: '王建国',
    talkerTitle: '镇长',
    talkeeName: talkee,
    talkeeUnitId: townshipId,
    talkeeTitle: '站长',
    talkDate: '2024-01-21',
    signed: true,
    signedDate: '2024-01-21',
    attachmentIds: ids,
  });
  return createVolume(ctx, { items: [{ kind: 'pledge', recordId: pledge.id }], title: `${talkee}的明白书` });
}

describe('a demo volume as OFD and as PDF', () => {
  it('has the same pages', () => {
    expect(ofd.file.endsWith('.ofd')).toBe(true);
    expect(doc.pages.length).toBe(pdfPageCount(pdf.file));
    expect(ofd.pages).toBe(pdf.pages);
    for (const p of doc.pages) expect([p.width, p.height]).toEqual([210, 297]);
    // a sound zip: every entry's deflate stream and CRC-32 checked by Info-ZIP's unzip
    expect(execFileSync('unzip', ['-t', ofd.file], { encoding: 'utf8' })).toContain('No errors detected');
  });

  it('each page carries the text of the PDF page', () => {
    for (let i = 0; i < doc.pages.length; i++) {
      const want = pdfText(pdf.file, i + 1)
        .split(/\s+/)
        .filter(Boolean);
      const have = squash(doc.pages[i]!.text);
      for (const w of want) expect(have, `第 ${i + 1} 页缺少“${w}”`).toContain(w);
    }
  });
});

describe('the OFD of a volume', () => {
  it('turns landscape sheets (the hazard ledger) as the PDF does, text and all', async () => {
    const v = createVolume(ctx, { selection: { kinds: ['hazard'], unitId: townshipId } });
    const p = await exportVolume(ctx, v.id, path.join(ctx.tmp, 'ledger.pdf'));
    const o = await exportVolumeOfd(ctx, v.id, path.join(ctx.tmp, 'ledger.ofd'));
    const d = readOfd(fs.readFileSync(o.file));
    expect(d.pages).toHaveLength(p.pages);
    const turned = d.pages.filter((pg) => pg.texts.some((t) => t.turned));
    expect(turned.length).toBeGreaterThan(0);
    for (let i = 0; i < d.pages.length; i++) {
      const have = squash(d.pages[i]!.text);
      for (const w of pdfText(p.file, i + 1)
        .split(/\s+/)
        .filter(Boolean))
        expect(have, `第 ${i + 1} 页缺少“${w}”`).toContain(w);
    }
    // turned text: its CTM is a quarter turn anticlockwise (the top of the table at the binding edge)
    const src = new TextDecoder().decode(
      unzipSync(fs.readFileSync(o.file))[`Doc_0/Pages/Page_${turned[0]!.index}/Content.xml`]!,
    );
    expect(src).toMatch(/<ofd:TextObject [^>]*CTM="0 -1 1 0 /);
  });

  it('embeds every font it uses and binds every scan as an image', () => {
    expect(doc.fonts.length).toBeGreaterThan(0);
    for (const f of doc.fonts) expect(f.embedded, f.fontName).toBe(true);
    // subsets: the 4 MB Droid Sans Fallback comes down to the glyphs used
    for (const f of doc.fonts) expect(f.size, f.fontName).toBeLessThan(300_000);
    console.log(
      `OFD ${fs.statSync(ofd.file).size} bytes, PDF ${fs.statSync(pdf.file).size} bytes; fonts`,
      doc.fonts.map((f) => `${f.fontName} ${f.size}`),
    );
    const used = new Set(doc.pages.flatMap((p) => p.fonts));
    expect([...used].every((id) => doc.fonts.some((f) => f.id === id))).toBe(true);
    // 5 demo PNG scans + the 3 pages of the scanned report, one image page each
    const imagePages = doc.pages.filter((p) => p.images.length === 1);
    expect(imagePages).toHaveLength(8);
    expect(doc.images.map((i) => i.format).sort()).toEqual(['JPEG', 'JPEG', 'JPEG', 'PNG', 'PNG', 'PNG', 'PNG', 'PNG']);
    expect(doc.outline).toContain('封面');
    expect(doc.outline).toContain('卷内目录');
  });

  it('exports one 件 on its own, numbered from 1, with its 归档章', async () => {
    const out = path.join(ctx.tmp, 'items', '第1件.ofd');
    const r = await renderItemOfd(ctx, volumeId, 0, out);
    const item = readOfd(fs.readFileSync(out));
    expect(r.file).toBe(out);
    expect(item.pages).toHaveLength(r.pages);
    expect(r.pages).toBe(2); // the 登记表 and its scan
    expect(item.pages[0]!.text).toContain('安全生产责任明白书登记表');
    // 归档章: 全宗号, 年度, 件号, 机构, 保管期限, 页数
    for (const cell of ['A012', '2023', '001', '安委办', '30年']) expect(item.pages[0]!.text).toContain(cell);
    expect(item.pages.map((p) => p.texts.find((t) => t.y !== null && t.y < 20)?.text)).toEqual(['1', '2']);
    expect(item.pages[1]!.images).toHaveLength(1);
    await expect(renderItemOfd(ctx, volumeId, 99, out)).rejects.toThrow(/没有第 99 件/);
  });

  it('exports every 件 on its own in one pass, their pages adding up to the volume’s', async () => {
    const dir = path.join(ctx.tmp, 'each');
    const all = await renderItemsOfd(ctx, volumeId, (it) => path.join(dir, `${it.archivalNo}-${it.itemNo}`));
    expect(all.map((r) => r.itemNo)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(all.reduce((a, r) => a + r.pages, 0)).toBe(pdf.volumes[0]!.itemPages);
    for (const r of all) {
      expect(r.file.endsWith('.ofd')).toBe(true);
      const d = readOfd(fs.readFileSync(r.file));
      expect(d.pages).toHaveLength(r.pages);
      expect(d.pages[0]!.text).toContain(String(r.itemNo).padStart(3, '0'));
    }
    expect(fs.readdirSync(dir)).toHaveLength(6);
  });

  it('draws an EXIF-turned photo upright, the mark cleared in the embedded JPEG', async () => {
    // the upright scan marked “turn 90° clockwise to show” (6) or anticlockwise (8): shown landscape, each goes
    // onto the portrait page turned back — the stored pixels end up drawn as they are stored, turned or not
    const src = scan('mingbaishu-scan.jpg');
    const info = jpegInfo(fs.readFileSync(src))!;
    for (const [o, ctm] of [
      [6, (c: number[]) => c[0]! > 0 && c[3]! > 0 && c[1] === 0 && c[2] === 0],
      [8, (c: number[]) => c[0]! < 0 && c[3]! < 0 && c[1] === 0 && c[2] === 0],
    ] as const) {
      const marked = withExifOrientation(src, o, path.join(ctx.tmp, `exif-${o}.jpg`));
      const v = await volumeWith([marked], `EXIF${o}`);
      const r = await exportVolumeOfd(ctx, v.id, path.join(ctx.tmp, `exif-${o}.ofd`));
      const d = readOfd(fs.readFileSync(r.file));
      const obj = d.pages.flatMap((p) => p.imageObjects)[0]!;
      expect(ctm(obj.ctm), `${o}: ${obj.ctm.join(' ')}`).toBe(true);
      // fitted into the scan box at the stored aspect ratio (w / h of the stored pixels)
      expect(Math.abs(obj.ctm[0]! / obj.ctm[3]!)).toBeCloseTo(info.width / info.height, 2);
      const img = d.images[0]!;
      expect(jpegInfo(img.bytes!)!.orientation).toBe(1);
    }
  });

  it('binds a Flate (PNG) image page of a PDF scan as a PNG', async () => {
    fs.copyFileSync(
      filesUnder(path.join(ctx.dataDir, 'attachments')).find(
        (f) => fs.readFileSync(f).subarray(1, 4).toString() === 'PNG',
      )!,
      path.join(ctx.tmp, 'page.png'),
    );
    const v = await volumeWith([await mixedPdf(ctx.tmp, false)], '孙扫描');
    const r = await exportVolumeOfd(ctx, v.id, path.join(ctx.tmp, 'png.ofd'));
    const d = readOfd(fs.readFileSync(r.file));
    const png = d.images.find((i) => i.format === 'PNG')!;
    expect(Buffer.from(png.bytes!).subarray(1, 4).toString()).toBe('PNG');
    expect(d.pages).toHaveLength(r.pages);
  });

  it('refuses a PDF scan page that is not an image, naming file and page, and writes nothing', async () => {
    const v = await volumeWith([await mixedPdf(ctx.tmp, true)], '周打印');
    const dir = path.join(ctx.tmp, 'refused');
    fs.mkdirSync(dir);
    const e = await exportVolumeOfd(ctx, v.id, path.join(dir, '案卷.ofd')).catch((x: unknown) => x);
    expect(isAppError(e)).toBe(true);
    expect((e as Error).message).toBe(
      '扫描件“打印稿.pdf”第 2 页不是扫描图像（页面上有文字），无法转为 OFD；请导出 PDF 或重新扫描',
    );
    expect(fs.readdirSync(dir)).toEqual([]);
    // the PDF of the same volume is made as before
    const pdfOk = await exportVolume(ctx, v.id, path.join(dir, '案卷.pdf'));
    expect(pdfOk.pages).toBeGreaterThan(0);
  });

  it.skipIf(!canMount)('says in Chinese when the disk is full, and leaves no partial file', async () => {
    const dir = path.join(ctx.tmp, 'small');
    mountTmpfs(dir, '128k');
    const e = await exportVolumeOfd(ctx, volumeId, path.join(dir, '案卷.ofd')).catch((x: unknown) => x);
    expect(isAppError(e) && (e as { code: string }).code).toBe('DISK_FULL');
    expect((e as Error).message).toMatch(/磁盘空间不足/);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
  if (!canMount) it.skip(SKIP_MOUNT, () => {});
});

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentPath, storeScan } from '../../core/attachments/service';
import { createPledge } from '../../core/pledges/editing';
import { setRequirements } from '../../core/notices/service';
import { checkVolume, createVolume, exportVolume, getVolume, type ExportResult } from '../../core/volumes';
import { makeCtx, scan, type TestCtx } from '../helpers/ctx';
import { pdfFonts, pdfPageCount, pdfText } from '../helpers/pdf';
import { cornerNumber, inkBox, outlineTitles, pageText, pageWords, renderGrey } from './inspect';
import { addPledges, baseData, makeBlankJpeg, storeRaw, withExifOrientation, type Base } from './seed';

let ctx: TestCtx;
let b: Base;
let file: string;
let r: ExportResult;
let words: ReturnType<typeof pageWords>;
/** printed page number → physical page (1-based) */
const numbered = new Map<number, number>();
let talkees: string[] = [];

/** A 2-page PDF whose second page is empty (a blank sheet scanned into a PDF). */
async function pdfWithBlankPage(dir: string): Promise<string> {
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((res) => doc.on('end', () => res()));
  doc.image(scan('mingbaishu-scan.jpg'), 0, 0, { width: 595 });
  doc.addPage();
  doc.end();
  await done;
  const f = path.join(dir, '两页-第二页空白.pdf');
  fs.writeFileSync(f, Buffer.concat(chunks));
  return f;
}

beforeAll(async () => {
  ctx = makeCtx();
  b = baseData(ctx);
  setRequirements(ctx, b.notice.id, 'pledge', [
    { unitId: b.shenhou.id, expectedCount: 4 },
    { unitId: b.fangshan.id, expectedCount: 4 },
  ]);
  const damaged = storeRaw(ctx, scan('damaged-scan.pdf'), 'damaged-scan.pdf');
  const encSrc = path.join(ctx.tmp, 'enc.pdf');
  execFileSync('qpdf', ['--encrypt', 'user', 'owner', '256', '--', scan('zicha-baogao-3pages.pdf'), encSrc]);
  const encrypted = storeRaw(ctx, encSrc, '加密的扫描件.pdf');
  const blankJpg = await makeBlankJpeg(ctx.tmp);
  const twoPages = await pdfWithBlankPage(ctx.tmp);
  const pledges = await addPledges(ctx, b, 6, {
    scans: [
      [scan('mingbaishu-scan.jpg')],
      [scan('mingbaishu-scan-sideways.jpg')],
      [scan('zicha-baogao-3pages.pdf')],
      [scan('mingbaishu-scan-cmyk.jpg')],
      [blankJpg],
      [twoPages],
    ],
  });
  // one with a damaged and an encrypted scan, one without any scan
  pledges.push(
    createPledge(ctx, {
      noticeId: b.notice.id,
      level: 2,
      talkerName: '王建国',
      talkerTitle: '镇长',
      talkeeName: '钱损坏',
      talkeeUnitId: b.shenhou.id,
      talkeeTitle: '站长',
      talkDate: '2024-01-28',
      signed: true,
      signedDate: '2024-01-28',
      attachmentIds: [damaged.id, encrypted.id],
    }),
    createPledge(ctx, {
      noticeId: b.notice.id,
      level: 3,
      talkerName: '王建国',
      talkerTitle: '镇长',
      talkeeName: '孙无扫描',
      talkeeUnitId: b.fangshan.id,
      talkeeTitle: '所长',
      talkDate: '2024-01-29',
      signed: true,
      signedDate: '2024-01-29',
    }),
  );
  const v = createVolume(ctx, { selection: { kinds: ['pledge'], noticeId: b.notice.id }, checker: '周检查' });
  talkees = getVolume(ctx, v.id).items.map((i) => pledges.find((p) => p.id === i.recordId)!.talkeeName);
  file = path.join(ctx.tmp, 'out', '明白书案卷.pdf');
  r = await exportVolume(ctx, v.id, file);
  words = pageWords(file);
  words.forEach((p, i) => {
    const c = cornerNumber(p);
    if (c) numbered.set(c.n, i + 1);
  });
  if (process.env.VOLUME_PNG_DIR) {
    fs.mkdirSync(process.env.VOLUME_PNG_DIR, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '50', file, path.join(process.env.VOLUME_PNG_DIR, 'pledges')]);
  }
});
afterAll(() => ctx.close());

describe('a volume of 明白书 with scans', () => {
  it('has as many pages as the 卷内目录 says, and the result reports the same', () => {
    const total = pdfPageCount(file);
    expect(r.pages).toBe(total);
    expect(r.volumes).toHaveLength(1);
    const catalog = pageText(file, 3) + pageText(file, 4);
    expect(catalog).toContain('卷内目录');
    const m = /卷内文件共(\d+)件(\d+)页；全卷共(\d+)页/.exec(catalog.replace(/\s+/g, ''));
    expect(m, catalog).not.toBeNull();
    expect(Number(m![1])).toBe(8);
    expect(Number(m![3])).toBe(total);
    expect(Number(m![2])).toBe(r.volumes[0]!.itemPages);
    expect(Math.max(...numbered.keys())).toBe(r.volumes[0]!.itemPages);
  });

  it('points each 目录 entry at the page where its item starts', () => {
    // rows of the 目录: the 顺序号 and the 页号 share a row (same baseline)
    const catalogPages = words.filter((p) => p.words.some((w) => w.text === '顺序号'));
    const rows: { seq: number; pages: string }[] = [];
    for (const p of catalogPages) {
      const head = p.words.find((w) => w.text === '页号')!;
      const seqHead = p.words.find((w) => w.text === '顺序号')!;
      for (const w of p.words) {
        if (
          w.y0 <= head.y1 ||
          !/^\d+$/.test(w.text) ||
          Math.abs((w.x0 + w.x1) / 2 - (seqHead.x0 + seqHead.x1) / 2) > 12
        )
          continue;
        const pg = p.words.find(
          (o) =>
            Math.abs(o.y1 - w.y1) < 3 &&
            Math.abs((o.x0 + o.x1) / 2 - (head.x0 + head.x1) / 2) < 15 &&
            /^\d+(-\d+)?$/.test(o.text),
        );
        rows.push({ seq: Number(w.text), pages: pg?.text ?? '' });
      }
    }
    expect(rows.map((x) => x.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // the last item shows its range (here a single page: the 明白书 without a scan)
    rows.forEach((row, i) => {
      const start = Number(row.pages.split('-')[0]);
      const physical = numbered.get(start);
      expect(physical, `item ${row.seq} page ${start}`).toBeDefined();
      expect(pageText(file, physical!)).toContain(talkees[i]!);
      expect(pageText(file, physical!)).toContain('明白书登记表');
    });
    const last = rows[rows.length - 1]!.pages.split('-').map(Number);
    expect(last[last.length - 1]).toBe(r.volumes[0]!.itemPages);
  });

  it('numbers odd pages top right and even pages top left, and only the item pages', () => {
    expect(numbered.size).toBe(r.volumes[0]!.itemPages);
    words.forEach((p, i) => {
      const c = cornerNumber(p);
      if (!c) return;
      expect(c.side, `page ${i + 1} (number ${c.n})`).toBe(c.n % 2 === 1 ? 'right' : 'left');
      // double-sided: odd numbers fall on front (odd physical) pages
      expect((i + 1) % 2).toBe(c.n % 2);
    });
    for (const p of [1, 3]) expect(cornerNumber(words[p - 1]!)).toBeNull(); // cover, 目录
    expect(cornerNumber(words[words.length - 1]!)).toBeNull(); // 备考表
    expect(pageText(file, pdfPageCount(file))).toContain('卷内备考表');
  });

  it('embeds its fonts and keeps the Chinese extractable', () => {
    const fonts = pdfFonts(file);
    expect(fonts.length).toBeGreaterThan(0);
    expect(fonts.every((f) => f.embedded)).toBe(true);
    const all = pdfText(file);
    for (const s of [
      '案卷题名',
      '禹州市安全生产委员会办公室',
      '档号：A012-WS·2024-D30-0001',
      '安全生产责任明白书登记表',
      '本卷情况说明',
      '周检查',
      '孙立卷',
    ]) {
      expect(all.replace(/\s+/g, '')).toContain(s.replace(/\s+/g, ''));
    }
  });

  it('binds the scans: the 3-page PDF adds 3 pages, an image 1, and the scan images are on those pages', () => {
    const counts = getVolume(ctx, r.volumeId).items;
    expect(counts.map((i) => i.scans)).toEqual([1, 1, 1, 1, 1, 1, 2, 0]);
    // sheets are one page each; scans: 1 + 1 + 3 + 1 + 1 + 2 + (2 placeholders) + 0
    expect(r.volumes[0]!.itemPages).toBe(8 + 1 + 1 + 3 + 1 + 1 + 2 + 2);
    const third = numbered.get(6)!; // item 3: sheet on page 5, scan pages 6–8
    for (let p = third; p < third + 3; p++) {
      const list = execFileSync('pdfimages', ['-list', '-f', String(p), '-l', String(p), file], { encoding: 'utf8' });
      expect(list).toMatch(/1258\s+1766/);
    }
    const cmyk = execFileSync(
      'pdfimages',
      ['-list', '-f', String(numbered.get(10)!), '-l', String(numbered.get(10)!), file],
      { encoding: 'utf8' },
    );
    expect(cmyk).toMatch(/cmyk/);
  });

  it('turns the sideways scan upright onto the portrait page', () => {
    const page = numbered.get(4)!; // item 2: sheet on page 3, the sideways scan on page 4
    expect(
      execFileSync('pdfimages', ['-list', '-f', String(page), '-l', String(page), file], { encoding: 'utf8' }),
    ).toMatch(/1766\s+1258/);
    const img = renderGrey(file, page, 20, ctx.tmp);
    expect(img.height).toBeGreaterThan(img.width); // an A4 portrait page
    const paper = inkBox(img, 252, Math.round((22 / 25.4) * 20))!; // the scanned sheet (off-white), below the page number
    expect(paper.h).toBeGreaterThan(paper.w * 1.3); // placed portrait, not as a landscape strip
    const ink = inkBox({ ...img, px: img.px }, 120, paper.y0)!; // the darkest marks: the form's title and fields
    expect(ink.y0 - paper.y0).toBeLessThan(paper.h / 3); // the title is at the top: upright, not upside down
  });

  it('reports the damaged, encrypted, blank and missing scans by name, and binds a placeholder page naming them', async () => {
    const names = r.check.problems.map((p) => `${p.code}:${p.file ?? ''}`);
    expect(names).toContain('scan-damaged:damaged-scan.pdf');
    expect(names).toContain('scan-encrypted:加密的扫描件.pdf');
    expect(names).toContain('blank-page:空白页.jpg');
    expect(names).toContain('blank-page:两页-第二页空白.pdf');
    expect(r.check.problems.find((p) => p.file === '两页-第二页空白.pdf')!.message).toContain('第 2 页');
    expect(r.check.problems.filter((p) => p.code === 'blank-page')).toHaveLength(2); // the written scans are not flagged
    expect(r.check.problems.some((p) => p.code === 'no-scan' && p.message.includes('孙无扫描'))).toBe(true);
    expect(r.check.problems.some((p) => p.code === 'coverage')).toBe(false); // 4 + 4 signed
    expect(r.check.ok).toBe(false);
    const placeholder = words.findIndex(
      (p) =>
        p.words.some((w) => w.text.includes('damaged-scan.pdf')) && p.words.some((w) => w.text.includes('未能装订')),
    );
    expect(placeholder).toBeGreaterThan(0);
    expect(cornerNumber(words[placeholder]!)).not.toBeNull(); // it is a numbered page of the volume
    // the 备考表 records the problems
    const back = pageText(file, pdfPageCount(file)).replace(/\s+/g, '');
    expect(back).toContain('damaged-scan.pdf');
    // the check alone: a scan whose file went missing from the store
    const jpg = r.check.problems.length;
    fs.rmSync(attachmentPath(ctx, await storeScan(ctx, scan('mingbaishu-scan-cmyk.jpg'))));
    const c = await checkVolume(ctx, r.volumeId);
    expect(c.problems.some((p) => p.code === 'scan-missing' && p.file === 'mingbaishu-scan-cmyk.jpg')).toBe(true);
    expect(c.problems.length).toBe(jpg + 1);
  });

  it('has bookmarks for the cover, the 目录, each item and the 备考表', () => {
    const o = outlineTitles(file);
    expect(o[0]).toEqual({ title: '封面', page: 1 });
    expect(o[1]).toEqual({ title: '卷内目录', page: 3 });
    expect(o[o.length - 1]).toEqual({ title: '卷内备考表', page: pdfPageCount(file) });
    const items = o.slice(2, -1);
    expect(items).toHaveLength(8);
    items.forEach((it, i) => {
      expect(it.title).toMatch(new RegExp(`^00${i + 1} .*${talkees[i]}`));
      expect(pageText(file, it.page)).toContain(talkees[i]!);
    });
  });

  it('stamps the 归档章 on the first page of each item', () => {
    const first = numbered.get(1)!;
    const text = words[first - 1]!.words.map((w) => w.text);
    expect(text).toEqual(expect.arrayContaining(['A012', '2024', '001', '安委办', '30年']));
    const second = words[numbered.get(2)! - 1]!.words.map((w) => w.text);
    expect(second).not.toContain('安委办'); // the scan page after it carries only its number
  });
});

describe('splitting at the page limit', () => {
  it('makes consecutive 卷 with their own cover, 目录 and 备考表, numbered from 1 each', async () => {
    const c2 = makeCtx();
    try {
      const b2 = baseData(c2);
      await addPledges(c2, b2, 12); // 12 × (sheet + one JPEG scan) = 24 pages
      const v = createVolume(c2, { selection: { kinds: ['pledge'] }, pageLimit: 10, title: '明白书汇编' });
      const out = path.join(c2.tmp, '汇编.pdf');
      const res = await exportVolume(c2, v.id, out);
      expect(res.volumes.map((x) => [path.basename(x.file), x.volumeNo, x.items, x.itemPages])).toEqual([
        ['汇编-第1卷.pdf', 1, 5, 10],
        ['汇编-第2卷.pdf', 2, 5, 10],
        ['汇编-第3卷.pdf', 3, 2, 4],
      ]);
      expect(fs.existsSync(out)).toBe(false);
      for (const part of res.volumes) {
        expect(pdfPageCount(part.file)).toBe(part.pages);
        const o = outlineTitles(part.file).map((x) => x.title);
        expect(o[0]).toBe('封面');
        expect(o[1]).toBe('卷内目录');
        expect(o[o.length - 1]).toBe('卷内备考表');
        const catalog = pageText(part.file, 3).replace(/\s+/g, '');
        expect(catalog).toContain(`${part.itemPages - 1}-${part.itemPages}`); // the last item's range
        const cover = pageText(part.file, 1).replace(/\s+/g, '');
        expect(cover).toContain(`A012-WS·2024-D30-${String(part.volumeNo).padStart(4, '0')}`);
        expect(cover).toContain(`第${part.volumeNo}卷`);
        const nums = pageWords(part.file)
          .map(cornerNumber)
          .filter((x) => x)
          .map((x) => x!.n);
        expect(nums).toEqual(Array.from({ length: part.itemPages }, (_, i) => i + 1));
      }
      expect(getVolume(c2, v.id).partCount).toBe(3);
      // the same selection again re-opens this volume; a new one (asked for) takes the next free 卷号
      expect(createVolume(c2, { selection: { kinds: ['pledge'] } })).toMatchObject({ id: v.id, reopened: true });
      const again = createVolume(c2, { selection: { kinds: ['pledge'] }, newVolume: true });
      expect(again.volumeNo).toBe(4); // the next free 卷号 after the split
      expect(again.alreadyArchived).toHaveLength(12);
    } finally {
      c2.close();
    }
  });
});

describe('EXIF orientation', () => {
  it('turns a JPEG as its EXIF orientation says, and does not turn it again', async () => {
    const c3 = makeCtx();
    try {
      const b3 = baseData(c3);
      // the sideways scan tagged “turn 90° anticlockwise for display” (orientation 8): shown upright, portrait
      const tagged = withExifOrientation(scan('mingbaishu-scan-sideways.jpg'), 8, path.join(c3.tmp, 'exif-8.jpg'));
      // the upright scan tagged “turn 90° clockwise” (orientation 6): shown landscape, so it goes onto the page turned
      const turned = withExifOrientation(scan('mingbaishu-scan.jpg'), 6, path.join(c3.tmp, 'exif-6.jpg'));
      await addPledges(c3, b3, 2, { scans: [[tagged], [turned]] });
      const v = createVolume(c3, { selection: { kinds: ['pledge'] } });
      const out = path.join(c3.tmp, 'exif.pdf');
      const res = await exportVolume(c3, v.id, out);
      expect(res.check.problems.filter((p) => p.code.startsWith('scan'))).toEqual([]);
      const pages = pageWords(out);
      const at = (n: number) => pages.findIndex((p) => cornerNumber(p)?.n === n) + 1;
      const upright = renderGrey(out, at(2), 20, c3.tmp);
      const paper = inkBox(upright, 252, Math.round((22 / 25.4) * 20))!;
      expect(paper.h).toBeGreaterThan(paper.w * 1.3);
      const ink = inkBox(upright, 120, paper.y0)!;
      expect(ink.y0 - paper.y0).toBeLessThan(paper.h / 3);
      const other = renderGrey(out, at(4), 20, c3.tmp);
      const paper2 = inkBox(other, 252, Math.round((22 / 25.4) * 20))!;
      expect(paper2.h).toBeGreaterThan(paper2.w * 1.3); // a landscape picture is still bound on a portrait page
    } finally {
      c3.close();
    }
  });
});

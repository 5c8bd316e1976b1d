/**
 * The OFD of a volume rendered by an independent viewer — ofd.js (DLTech21, the open-source JavaScript renderer;
 * tests/fixtures/ofdjs) — in Chromium: it opens, renders as many pages as the PDF has, with the text on them, and
 * page 1 looks like the PDF's page 1 (pdftoppm). Both renderings are saved under tests/screenshots/ofd/.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { readOfd } from '../../core/ofd/reader';
import { setRequirements } from '../../core/notices/service';
import { createVolume, exportVolume, exportVolumeOfd, type ExportResult } from '../../core/volumes';
import { makeCtx, scan, type TestCtx } from '../helpers/ctx';
import { pdfText } from '../helpers/pdf';
import { addPledges, baseData } from '../volumes/seed';
import { CHROMIUM_ARGS, ROOT, SCREENSHOTS, serveStatic } from '../helpers/browser';

const VIEWER = path.join(ROOT, 'tests', 'fixtures', 'ofdjs', 'ofd.umd.min.js');
const SHOTS = path.join(SCREENSHOTS, 'ofd');
/** A4 at 96 dpi. */
const WIDTH = 794;

let ctx: TestCtx;
let pdf: ExportResult;
let ofd: ExportResult;
let browser: Browser;
let server: Awaited<ReturnType<typeof serveStatic>>;
let rendered: { pages: number; texts: string[]; sizes: [number, number][] } | { error: string };

beforeAll(async () => {
  ctx = makeCtx();
  const b = baseData(ctx);
  setRequirements(ctx, b.notice.id, 'pledge', [{ unitId: b.shenhou.id, expectedCount: 2 }]);
  await addPledges(ctx, b, 3, {
    scans: [[scan('mingbaishu-scan.jpg')], [scan('zicha-baogao-3pages.pdf')], [scan('mingbaishu-scan-sideways.jpg')]],
  });
  const v = createVolume(ctx, { selection: { kinds: ['pledge'], noticeId: b.notice.id } });
  const site = path.join(ctx.tmp, 'site');
  fs.mkdirSync(site);
  pdf = await exportVolume(ctx, v.id, path.join(site, 'volume.pdf'));
  ofd = await exportVolumeOfd(ctx, v.id, path.join(site, 'volume.ofd'));
  fs.copyFileSync(VIEWER, path.join(site, 'ofd.js'));
  fs.writeFileSync(
    path.join(site, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><script src="ofd.js"></script></head>' +
      '<body style="margin:0;background:#fff"><div id="pages"></div></body></html>',
  );
  server = await serveStatic(site);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
  });
  const page = await browser.newPage({ viewport: { width: WIDTH + 40, height: 1200 }, deviceScaleFactor: 1 });
  await page.goto(`${server.url}/index.html`);
  rendered = await page.evaluate(async (width) => {
    const ab = await (await fetch('volume.ofd')).arrayBuffer();
    const ofdjs = (window as unknown as { ofd: OfdJs }).ofd;
    interface OfdJs {
      parseOfdDocument(o: { ofd: ArrayBuffer; success(r: unknown[]): void; fail(e: unknown): void }): void;
      renderOfd(width: number, doc: unknown): HTMLElement[];
    }
    return await new Promise<{ pages: number; texts: string[]; sizes: [number, number][] } | { error: string }>(
      (resolve) =>
        ofdjs.parseOfdDocument({
          ofd: ab,
          success(docs) {
            const divs = ofdjs.renderOfd(width, docs[0]);
            const host = document.getElementById('pages')!;
            divs.forEach((d, i) => {
              d.id = `page-${i + 1}`;
              host.appendChild(d);
            });
            resolve({
              pages: divs.length,
              // the viewer draws each character as its own element: the page's characters in order
              texts: divs.map((d) => (d.textContent ?? '').replace(/\s+/g, '')),
              sizes: divs.map((d) => [d.getBoundingClientRect().width, d.getBoundingClientRect().height]),
            });
          },
          fail(e) {
            resolve({ error: String(e) });
          },
        }),
    );
  }, WIDTH);
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.waitForTimeout(300);
  await page.locator('#page-1').screenshot({ path: path.join(SHOTS, 'page1-ofd.png') });
  await page.locator('#page-5').screenshot({ path: path.join(SHOTS, 'page5-ofd.png') });
  for (const n of [1, 5])
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '96',
      '-f',
      String(n),
      '-l',
      String(n),
      '-singlefile',
      pdf.file,
      path.join(SHOTS, `page${n}-pdf`),
    ]);
  await page.close();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  ctx?.close();
});

/**
 * Ink of two page images drawn at the same size (A4 at 96 dpi, dark where < 160), compared in the browser: how
 * much ink each has, and how much ink of one has no ink of the other within 3 px (0.8 mm) — a real difference,
 * not stroke weight, antialiasing or a slightly different glyph.
 */
async function compareInk(a: string, b: string): Promise<{ inkA: number; inkB: number; differ: number }> {
  const page = await browser.newPage();
  await page.goto(`${server.url}/index.html`);
  const [da, db] = [a, b].map((f) => `data:image/png;base64,${fs.readFileSync(f).toString('base64')}`);
  const r = await page.evaluate(
    async ([x, y]) => {
      const W = 794;
      const H = 1123;
      const ink = async (src: string) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        const c = document.createElement('canvas');
        c.width = W;
        c.height = H;
        const g = c.getContext('2d')!;
        g.fillStyle = '#fff';
        g.fillRect(0, 0, W, H);
        g.drawImage(img, 0, 0, W, H);
        const px = g.getImageData(0, 0, W, H).data;
        const out = new Uint8Array(W * H);
        for (let i = 0; i < out.length; i++) out[i] = px[i * 4]! + px[i * 4 + 1]! + px[i * 4 + 2]! < 3 * 160 ? 1 : 0;
        return out;
      };
      const [ia, ib] = [await ink(x!), await ink(y!)];
      const near = (m: Uint8Array, i: number) => {
        const x0 = i % W;
        const y0 = Math.floor(i / W);
        for (let dy = -3; dy <= 3; dy++)
          for (let dx = -3; dx <= 3; dx++) {
            const xx = x0 + dx;
            const yy = y0 + dy;
            if (xx >= 0 && xx < W && yy >= 0 && yy < H && m[yy * W + xx]) return true;
          }
        return false;
      };
      let inkA = 0;
      let inkB = 0;
      let differ = 0;
      for (let i = 0; i < ia.length; i++) {
        inkA += ia[i]!;
        inkB += ib[i]!;
        if ((ia[i] && !near(ib, i)) || (ib[i] && !near(ia, i))) differ++;
      }
      return { inkA, inkB, differ };
    },
    [da, db],
  );
  await page.close();
  return r;
}

describe('ofd.js renders the OFD of a volume', () => {
  it('opens it and renders every page, A4, with the text on it', () => {
    expect('error' in rendered ? rendered.error : null).toBeNull();
    const r = rendered as Exclude<typeof rendered, { error: string }>;
    expect(r.pages).toBe(pdf.pages);
    expect(r.pages).toBe(ofd.pages);
    // A4 portrait (the viewer sizes pages a little under the width it is given)
    for (const [w, h] of r.sizes) {
      expect(w).toBeGreaterThan(WIDTH * 0.9);
      expect(h / w).toBeCloseTo(297 / 210, 2);
    }
    // every page the PDF has text on has that text in the viewer (page numbers, 档号, 题名, 归档章 …)
    let withText = 0;
    for (let i = 0; i < r.pages; i++) {
      const want = pdfText(pdf.file, i + 1).replace(/\s+/g, '');
      if (want) withText++;
      expect(r.texts[i], `第 ${i + 1} 页`).toBe(want.length ? r.texts[i] : '');
      for (const w of pdfText(pdf.file, i + 1)
        .split(/\s+/)
        .filter(Boolean))
        expect(r.texts[i], `第 ${i + 1} 页缺少“${w}”`).toContain(w);
    }
    expect(withText).toBeGreaterThan(5);
    expect(r.texts[0]).toContain('档号：A012-WS·2024-D30-0001');
  });

  it('embeds fonts a browser accepts (the font sanitizer of Chromium loads each subset)', async () => {
    const doc = readOfd(fs.readFileSync(ofd.file));
    expect(doc.fonts.length).toBeGreaterThan(0);
    const page = await browser.newPage();
    await page.goto(`${server.url}/index.html`);
    for (const f of doc.fonts) {
      const bytes = unzipSync(fs.readFileSync(ofd.file))[f.file!]!;
      const r = await page.evaluate(async (b64) => {
        const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        try {
          const face = new FontFace('embedded', bin.buffer);
          await face.load();
          return face.status;
        } catch (e) {
          return `error: ${String(e)}`;
        }
      }, Buffer.from(bytes).toString('base64'));
      expect(r, f.fontName).toBe('loaded');
    }
    await page.close();
  });

  it('page 1 looks like the PDF page 1', async () => {
    const c = await compareInk(path.join(SHOTS, 'page1-ofd.png'), path.join(SHOTS, 'page1-pdf.png'));
    console.log('page 1 ink (OFD, PDF, differing):', c);
    // the same cover: about the same ink, almost all of it in the same places
    expect(c.inkA).toBeGreaterThan(20_000);
    expect(Math.abs(c.inkA - c.inkB) / c.inkB).toBeLessThan(0.15);
    expect(c.differ / (c.inkA + c.inkB)).toBeLessThan(0.1);
    const s = await compareInk(path.join(SHOTS, 'page5-ofd.png'), path.join(SHOTS, 'page5-pdf.png'));
    console.log('page 5 ink (OFD, PDF, differing):', s);
    expect(s.differ / (s.inkA + s.inkB)).toBeLessThan(0.1);
    // the measure tells pages apart: the cover against the 登记表 differs a lot
    const other = await compareInk(path.join(SHOTS, 'page1-ofd.png'), path.join(SHOTS, 'page5-pdf.png'));
    console.log('page 1 OFD against page 5 PDF:', other);
    expect(other.differ / (other.inkA + other.inkB)).toBeGreaterThan(0.3);
  });
});

/**
 * The printable 卷脊 of a volume: one strip per 卷 (a split volume has several), as a PDF of its own to print on
 * A4 and cut out. A sealed volume's strips come from its sealed parts; a draft is laid out as its export would be.
 */
import path from 'node:path';
import type { AppContext } from '../platform/context';
import { todayIso } from '../domain/dates';
import { writeFileAtomic } from '../files/atomicWrite';
import { saveAndOpen } from '../files/saveAs';
import { pdfkit } from '../platform/lazyLibs';
import { missingChars, registerFonts } from '../pdf/fonts';
import { planFonts } from '../pdf/fontFiles';
import { RETENTION_LABELS, volumeArchivalNo } from './archivalNo';
import { prepare } from './prepare';
import { layoutSpines, type SpineData } from './layout/spine';
import { paint } from './layout/ops';
import { planVolume } from './plan';
import { metricsDoc } from './render/render';
import { headerOf, stored } from './rows';

const SPINE_LEFT = 10;
const SPINE_TOP = 13.5;

async function spineData(ctx: AppContext, id: number): Promise<SpineData[]> {
  const v = stored(ctx, id);
  const h = headerOf(v);
  let parts: { volumeNo: number; pages: number }[];
  if (v.status === 'sealed' && v.partsJson) {
    parts = JSON.parse(v.partsJson) as { volumeNo: number; pages: number }[];
  } else {
    const p = await prepare(ctx, id);
    parts = planVolume(p.m, {
      header: p.header,
      items: p.items.map((i) => ({ position: i.position, data: i.data })),
      probes: p.probes,
      check: p.check,
      compiledDate: p.header.compiledDate ?? todayIso(ctx.now()),
      itemPages: p.pages,
    }).map((x) => ({ volumeNo: x.volumeNo, pages: x.pages.length }));
  }
  return parts.map((part, k) => ({
    archivalParts: volumeArchivalNo(h, part.volumeNo).split('-'),
    title: h.title,
    year: h.year,
    retention: RETENTION_LABELS[h.retention],
    partLabel: parts.length > 1 ? `第${k + 1}卷 共${parts.length}卷` : null,
    sheets: h.duplex ? Math.ceil(part.pages / 2) : part.pages,
  }));
}

/** The 卷脊 PDF's bytes. */
export async function spineBytes(ctx: AppContext, id: number): Promise<Buffer> {
  return (await spineRender(ctx, id)).bytes;
}

async function spineRender(ctx: AppContext, id: number): Promise<{ bytes: Buffer; strips: number }> {
  const list = await spineData(ctx, id);
  const plan = planFonts();
  const m = metricsDoc(plan);
  const has = (ch: string) => !missingChars(ch, plan).length;
  const pages = layoutSpines(m, list, has);
  const v = stored(ctx, id);
  const doc = new (pdfkit())({
    autoFirstPage: false,
    size: 'A4',
    margin: 0,
    lang: 'zh-CN',
    info: {
      Title: `卷脊 ${volumeArchivalNo(v, v.volumeNo)}`,
      Creator: '安委台账',
      CreationDate: ctx.now(),
    },
  } as PDFKit.PDFDocumentOptions);
  registerFonts(doc, plan);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  for (const page of pages) {
    doc.addPage({ size: 'A4', margin: 0 });
    paint(doc, page.ops, SPINE_LEFT, SPINE_TOP);
  }
  doc.end();
  await ended;
  return { bytes: Buffer.concat(chunks), strips: list.length };
}

/** Writes the 卷脊 PDF to `out` (atomically). */
export async function exportSpine(ctx: AppContext, id: number, out: string): Promise<{ file: string; strips: number }> {
  const file = path.resolve(out.toLowerCase().endsWith('.pdf') ? out : `${out}.pdf`);
  const { bytes, strips } = await spineRender(ctx, id);
  writeFileAtomic(file, bytes);
  return { file, strips };
}

/** Asks where to save the 卷脊, writes and opens it; null when cancelled. */
export function exportSpineInteractive(ctx: AppContext, id: number) {
  const v = stored(ctx, id);
  return saveAndOpen(
    ctx,
    { title: '打印卷脊', defaultName: `卷脊_${volumeArchivalNo(v, v.volumeNo)}.pdf`, kind: 'pdf' },
    () => spineBytes(ctx, id),
  );
}

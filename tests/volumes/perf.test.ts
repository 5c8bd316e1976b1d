/**
 * Time, size and memory of a volume of 100 明白书, each with its own JPEG scan (A4 at 150 dpi, ~175 KB), plus a
 * 3-page PDF scan on every tenth. Run with VOLUME_PERF=1 (skipped otherwise: it takes a while on a busy machine).
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { storeScan } from '../../core/services/attachments';
import { createPledge } from '../../core/services/pledges';
import { createVolume, exportVolume, sealVolume } from '../../core/volumes';
import { makeCtx, scan } from '../helpers/ctx';
import { pdfPageCount } from '../helpers/pdf';
import { baseData } from './seed';

it.skipIf(!process.env.VOLUME_PERF)('binds 100 明白书 with their scans', async () => {
  const ctx = makeCtx();
  const b = baseData(ctx);
  const jpg = fs.readFileSync(scan('mingbaishu-scan.jpg'));
  for (let i = 0; i < 100; i++) {
    // a distinct scan each time: a JPEG comment segment after the SOI marker
    const note = Buffer.from(`scan ${i}`, 'latin1');
    const com = Buffer.concat([Buffer.from([0xff, 0xfe, 0, note.length + 2]), note]);
    const f = path.join(ctx.tmp, `scan-${i}.jpg`);
    fs.writeFileSync(f, Buffer.concat([jpg.subarray(0, 2), com, jpg.subarray(2)]));
    const ids = [(await storeScan(ctx, f)).id];
    if (i % 10 === 9) ids.push((await storeScan(ctx, scan('zicha-baogao-3pages.pdf'))).id);
    createPledge(ctx, { noticeId: b.notice.id, level: (i % 4) + 1, talkerName: '王建国', talkerTitle: '镇党委书记', talkeeName: `谈话对象${i}`, talkeeUnitId: i % 2 ? b.fangshan.id : b.shenhou.id, talkeeTitle: '副镇长', talkDate: '2024-01-15', signed: true, attachmentIds: ids });
  }
  const v = createVolume(ctx, { selection: { kinds: ['pledge'] }, pageLimit: 400 });
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const rss0 = process.memoryUsage().rss;
  const t0 = Date.now();
  const r = await exportVolume(ctx, v.id, path.join(ctx.tmp, '100.pdf'));
  const ms = Date.now() - t0;
  const t1 = Date.now();
  const s = await sealVolume(ctx, v.id, path.join(ctx.tmp, '100-sealed.pdf'));
  const sealMs = Date.now() - t1;
  clearInterval(timer);
  const size = fs.statSync(r.file).size;
  console.log(JSON.stringify({ pages: r.pages, itemPages: r.volumes[0]!.itemPages, ms, sealMs, mb: +(size / 1048576).toFixed(1), rssStartMb: Math.round(rss0 / 1048576), rssPeakMb: Math.round(peak / 1048576), problems: s.check.problems.length }));
  expect(pdfPageCount(r.file)).toBe(r.pages);
  const split = createVolume(ctx, { selection: { kinds: ['pledge'] } });
  const t2 = Date.now();
  const parts = await exportVolume(ctx, split.id, path.join(ctx.tmp, 'split.pdf'));
  console.log(JSON.stringify({ splitMs: Date.now() - t2, volumes: parts.volumes.map((p) => [p.itemPages, p.pages, +(fs.statSync(p.file).size / 1048576).toFixed(1)]) }));
  ctx.close();
}, 300_000);

/** Test data for archive volumes: units, a notice, 明白书 with scans, returns and hazards. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import type { AppContext } from '../../core/platform/context';
import { commitScan, prepareFile, storeScan } from '../../core/attachments/service';
import { createNotice } from '../../core/notices/service';
import { createPledge } from '../../core/pledges/editing';
import { updateSettings } from '../../core/settings/service';
import { createUnit } from '../../core/units/service';
import { scan } from '../helpers/ctx';

export const TALKEES = [
  '刘志强',
  '王秀英',
  '李建军',
  '张丽华',
  '陈国平',
  '杨桂兰',
  '赵卫东',
  '黄晓燕',
  '周海涛',
  '吴淑芬',
];

export function baseData(ctx: AppContext) {
  updateSettings(ctx, { fondsCode: 'A012', fondsName: '禹州市安全生产委员会办公室', clerkName: '孙立卷' });
  const shenhou = createUnit(ctx, { name: '神垕镇', kind: '乡镇' });
  const fangshan = createUnit(ctx, { name: '方山镇', kind: '乡镇' });
  const zhujian = createUnit(ctx, { name: '住建局', kind: '部门' });
  const notice = createNotice(ctx, {
    docNo: '禹安〔2024〕1号',
    title: '关于开展安全生产对话谈心活动的通知',
    issuedOn: '2024-01-05',
    deadline: '2024-01-30',
  });
  const campaign = createNotice(ctx, {
    docNo: '禹安办〔2024〕1号',
    title: '关于开展安全生产“回头看”工作的通知',
    issuedOn: '2024-01-08',
    deadline: '2024-01-25',
  });
  return { shenhou, fangshan, zhujian, notice, campaign };
}

export type Base = ReturnType<typeof baseData>;

/** A white page "scanned" to JPEG at 150 dpi (pdfkit page → pdftoppm): what a blank scan looks like. */
export async function makeBlankJpeg(dir: string): Promise<string> {
  const pdf = path.join(dir, 'blank-src.pdf');
  const doc = new PDFDocument({ size: 'A4' });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  await new Promise<void>((resolve) => {
    doc.on('end', () => resolve());
    doc.end();
  });
  fs.writeFileSync(pdf, Buffer.concat(chunks));
  execFileSync('pdftoppm', ['-jpeg', '-r', '150', '-singlefile', pdf, path.join(dir, '空白页')]);
  return path.join(dir, '空白页.jpg');
}

/** Stores a file in the attachment store without the scan checks (for damaged files). */
export function storeRaw(ctx: AppContext, file: string, name: string, mime = 'application/pdf') {
  return commitScan(ctx, prepareFile(fs.readFileSync(file), name, mime));
}

export async function addPledges(
  ctx: AppContext,
  b: Base,
  n: number,
  opts: { scans?: string[][]; start?: number } = {},
) {
  const out = [];
  const jpg = await storeScan(ctx, scan('mingbaishu-scan.jpg'));
  for (let i = 0; i < n; i++) {
    const k = (opts.start ?? 0) + i;
    const files = opts.scans?.[i];
    const ids = files ? [] : [jpg.id];
    for (const f of files ?? []) ids.push((await storeScan(ctx, f)).id);
    out.push(
      createPledge(ctx, {
        noticeId: b.notice.id,
        level: (k % 4) + 1,
        talkerName: '王建国',
        talkerTitle: '镇党委书记',
        talkeeName: `${TALKEES[k % TALKEES.length]}${k >= TALKEES.length ? k : ''}`,
        talkeeUnitId: k % 2 ? b.fangshan.id : b.shenhou.id,
        talkeeTitle: '副镇长',
        talkDate: `2024-01-${String(10 + (k % 18)).padStart(2, '0')}`,
        signed: true,
        signedDate: `2024-01-${String(10 + (k % 18)).padStart(2, '0')}`,
        attachmentIds: ids,
      }),
    );
  }
  return out;
}

/** The same JPEG with an EXIF APP1 segment saying how to turn it for display (orientation 1–8). */
export function withExifOrientation(src: string, orientation: number, dest: string): string {
  const jpg = fs.readFileSync(src);
  const tiff = Buffer.from([
    0x4d,
    0x4d,
    0x00,
    0x2a,
    0,
    0,
    0,
    8,
    0,
    1,
    0x01,
    0x12,
    0,
    3,
    0,
    0,
    0,
    1,
    0,
    orientation,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
  ]);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.concat([Buffer.from([0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff]), body]);
  fs.writeFileSync(dest, Buffer.concat([jpg.subarray(0, 2), app1, jpg.subarray(2)]));
  return dest;
}

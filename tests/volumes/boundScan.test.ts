import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll, describe, expect, it } from 'vitest';
import { FileBuffer } from '../../core/volumes/scans/fileBuffer';
import { loadBoundScanPdf, type ScanProbe } from '../../core/volumes/scans/scans';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'anwei-boundscan-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const probe = (file: string, name: string): ScanProbe => ({
  ref: { attachmentId: 1, sha256: '', mime: 'application/pdf', name, size: 0, pageCount: 1, role: 'scan' },
  file,
  status: 'ok',
  message: null,
  kind: 'pdf',
  pages: [],
  mismatch: false,
});

describe('a scan PDF read while a volume is written (PDF and OFD share this)', () => {
  it('opens a whole PDF', async () => {
    const doc = await PDFDocument.create();
    doc.addPage([200, 300]);
    doc.addPage([200, 300]);
    const file = path.join(dir, 'ok.pdf');
    fs.writeFileSync(file, await doc.save());
    const opened = await loadBoundScanPdf(probe(file, '方山镇明白书.pdf'), new FileBuffer());
    expect(opened.getPageCount()).toBe(2);
  });

  it('a file gone since the check stops the export with what to do', async () => {
    await expect(
      loadBoundScanPdf(probe(path.join(dir, 'gone.pdf'), '神垕镇明白书.pdf'), new FileBuffer()),
    ).rejects.toMatchObject({
      message: '导出过程中扫描件“神垕镇明白书.pdf”的文件不见了，未生成文件；请运行“数据检查”后重试',
    });
  });

  it('a file damaged since the check stops the export and names it', async () => {
    const file = path.join(dir, 'cut.pdf');
    const doc = await PDFDocument.create();
    doc.addPage();
    const bytes = await doc.save();
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 40));
    await expect(loadBoundScanPdf(probe(file, '鸿畅镇明白书.pdf'), new FileBuffer())).rejects.toMatchObject({
      message: expect.stringMatching(/^导出过程中扫描件“鸿畅镇明白书\.pdf”已损坏.*，未生成文件$/),
    });
  });
});

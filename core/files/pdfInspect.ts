/**
 * The check of a PDF offered as a scan: it opens, is not encrypted, has pages and its end. Loading an untrusted
 * PDF can take unbounded memory (a crafted object stream), so the app runs this in the memory-capped worker
 * (core/imports/parse/isolated.ts inspectPdfInWorker); it is plain code without the app's state for that reason.
 */
import { PDFDocument } from '@cantoo/pdf-lib';
import { fileInvalid } from '../platform/errors';

export async function inspectPdf(buf: Buffer, name: string): Promise<{ pageCount: number }> {
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(buf, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: true });
  } catch {
    throw fileInvalid(`文件“${name}”已损坏，无法打开。请重新扫描，或用 PDF 阅读器打开后另存一份再试`);
  }
  if (doc.isEncrypted) {
    throw fileInvalid(`文件“${name}”是加密的 PDF，无法装订归档。请用 PDF 阅读器去除密码（或打印为新的 PDF）后再添加`);
  }
  const pageCount = doc.getPageCount();
  if (pageCount < 1) throw fileInvalid(`文件“${name}”没有可用的页面，可能已损坏，请重新扫描`);
  const tail = buf.subarray(Math.max(0, buf.length - 1024)).toString('latin1');
  if (!tail.includes('%%EOF')) {
    throw fileInvalid(`文件“${name}”不完整（文件末尾缺失），可能复制时中断，请重新复制或扫描`);
  }
  return { pageCount };
}

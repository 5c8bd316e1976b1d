import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../platform/context';
import { mutate } from '../platform/mutation';
import { fileInvalid } from '../platform/errors';
import {
  commitScan,
  MAX_ATTACHMENT_BYTES,
  prepareFile,
  prepareScanBytes,
  safeDisplayName,
  type Attachment,
  type PreparedScan,
} from './service';
import { documentCharCount } from './docText';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const DOCUMENT_FILTERS = [
  { name: '报告文件（Word .docx、PDF、扫描图片）', extensions: ['docx', 'pdf', 'jpg', 'jpeg', 'png'] },
];

/** Checks and reads a report's file: a Word .docx, or a PDF/JPEG/PNG scan; with its 字数 where text can be extracted. */
export async function prepareDocument(file: string): Promise<{ prepared: PreparedScan; textLength: number | null }> {
  const name = safeDisplayName(path.basename(file));
  let buf: Buffer;
  try {
    const st = fs.statSync(file);
    if (st.size > MAX_ATTACHMENT_BYTES) throw fileInvalid(`文件“${name}”太大，单个文件不能超过 200 MB`);
    buf = fs.readFileSync(file);
  } catch (e) {
    if ((e as { code?: string }).code === 'FILE_INVALID') throw e;
    throw fileInvalid(`找不到文件“${name}”，可能已被移动或删除`);
  }
  if (buf.subarray(0, 2).toString('latin1') === 'PK') {
    if (!/\.docx$/i.test(name)) throw fileInvalid(`文件“${name}”不是 Word 文档（.docx）或扫描件`);
    const prepared = prepareFile(buf, name, DOCX_MIME);
    const textLength = await documentCharCount(buf, DOCX_MIME);
    if (textLength === null)
      throw fileInvalid(`Word 文档“${name}”已损坏或无法读取，请在 Word/WPS 中打开后另存为 .docx`);
    return { prepared, textLength };
  }
  if (buf.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    throw fileInvalid(`“${name}”是旧版 Word（.doc）格式，请在 Word/WPS 中“另存为” .docx 后再添加`);
  }
  const prepared = await prepareScanBytes(buf, name);
  return {
    prepared,
    textLength: prepared.mime === 'application/pdf' ? await documentCharCount(buf, prepared.mime) : null,
  };
}

/** Picks a report's files through the dialog and stores them; all are checked before any is stored. */
export async function importDocuments(ctx: AppContext): Promise<(Attachment & { textLength: number | null })[]> {
  const files = await ctx.ports.pickFiles({ title: '选择报告文件', filters: DOCUMENT_FILTERS, multiple: true });
  const prepared: { prepared: PreparedScan; textLength: number | null }[] = [];
  for (const f of files) prepared.push(await prepareDocument(f));
  return mutate(ctx, () => prepared.map((p) => ({ ...commitScan(ctx, p.prepared), textLength: p.textLength })));
}

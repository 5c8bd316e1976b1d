/**
 * The 检测报告 of a 四性检测: 检测/检测报告.xml (valid against 其他/检测报告.xsd, written too when missing) and
 * 检测/检测报告.pdf (a table of 检测类别, 检测项, 结果, 说明; the verdict; 检测时间; 软件版本), and the Chinese summary
 * the CLI prints.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pdfkit } from '../platform/lazyLibs';
import { writeFileAtomic } from '../files/atomicWrite';
import { drawLine, registerFonts, textWidth } from '../pdf/fonts';
import { planFonts } from '../pdf/fontFiles';
import { wrapByChar } from '../returns/chase';
import { escapeXml } from './checkXml';
import { REPORT_DIR } from './checkRead';
import { REPORT_XSD, REPORT_XSD_PATH } from './checkReportSchema';
import type { CheckItemResult, PackageCheckReport } from './checkTypes';

const verdict = (ok: boolean) => (ok ? '通过' : '不通过');

/** “2026-12-02 16:05:09” in China time (the report's 检测时间 as read on paper). */
export function chinaTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3600_000);
  return d.toISOString().slice(0, 19).replace('T', ' ');
}

/** The 说明 of an item in the report: what was found and what to do, or what was examined. */
export function itemExplanation(it: CheckItemResult): string {
  if (it.passed) return `${it.description}（检测 ${it.checked} 项）`;
  const shown = it.findings
    .slice(0, 8)
    .map((f) => (f.message.includes(f.where) ? f.message : `${f.where}：${f.message}`));
  const more = it.findings.length > 8 ? `；另有 ${it.findings.length - 8} 处，见检测报告.xml` : '';
  return shown.join('；') + more;
}

export function reportXml(r: PackageCheckReport): string {
  const el = (name: string, v: string | number) => `  <${name}>${escapeXml(String(v))}</${name}>\n`;
  let x = '<?xml version="1.0" encoding="UTF-8"?>\n<检测报告>\n';
  x += el('信息包名称', r.packageName);
  if (r.mode) x += el('归档方式', r.mode);
  x += el('检测依据', 'DA/T 70-2018 文书类电子档案检测一般要求');
  x += el('检测范围', r.scope === 'full' ? '四性检测（全部检测项）' : '摘要校验');
  x += el('检测时间', r.checkedAt.replace(/\.\d+Z$/, 'Z'));
  x += el('软件名称', '安委台账');
  x += el('软件版本', r.softwareVersion);
  x += el('件数', r.counts.items);
  x += el('卷数', r.counts.volumes);
  x += el('文件数', r.counts.files);
  x += el('页数', r.counts.pages);
  x += el('检测结论', verdict(r.passed));
  for (const it of r.items) {
    x += `  <检测项 编号="${escapeXml(it.code)}" 类别="${it.category}">\n`;
    x += `  ${el('名称', it.name)}  ${el('说明', it.description)}  ${el('检测对象数', it.checked)}  ${el('结果', verdict(it.passed))}`;
    for (const f of it.findings) x += `    <问题>\n    ${el('位置', f.where)}    ${el('描述', f.message)}    </问题>\n`;
    x += '  </检测项>\n';
  }
  return `${x}</检测报告>\n`;
}

/** The report as a PDF (A4, Chinese fonts embedded). */
export function reportPdf(r: PackageCheckReport): Promise<Buffer> {
  const MM = 72 / 25.4;
  const doc = new (pdfkit())({
    size: 'A4',
    margins: { top: 20 * MM, bottom: 18 * MM, left: 18 * MM, right: 18 * MM },
    info: { Title: `电子档案四性检测报告 ${r.packageName}`, Creator: '安委台账', Producer: '安委台账' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res, rej) => {
    doc.on('end', () => res(Buffer.concat(chunks)));
    doc.on('error', rej);
  });
  registerFonts(doc, planFonts());
  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;
  const bottom = doc.page.height - doc.page.margins.bottom;
  doc.fontSize(18);
  const title = '电子档案四性检测报告';
  drawLine(doc, 'title', title, (left + right) / 2 - textWidth(doc, 'title', title) / 2, doc.y);
  doc.y += 30;
  doc.fontSize(10.5);
  const head = [
    `信息包：${r.packageName}`,
    `归档方式：${r.mode ?? '未说明'}　　件数：${r.counts.items}　　${r.mode === '组卷' ? `卷数：${r.counts.volumes}　　` : ''}文件数：${r.counts.files}　　页数：${r.counts.pages}`,
    `检测依据：DA/T 70-2018《文书类电子档案检测一般要求》　　检测范围：${r.scope === 'full' ? '四性检测' : '摘要校验'}`,
  ];
  for (const line of head) {
    for (const l of wrapByChar(line, (s) => textWidth(doc, 'body', s), right - left)) {
      drawLine(doc, 'body', l, left, doc.y);
      doc.y += 16;
    }
  }
  doc.y += 6;
  const widths = [18, 50, 16, right / MM - left / MM - 18 - 50 - 16].map((w) => w * MM);
  const fontSize = 9.5;
  const lineH = fontSize * 1.4;
  const pad = 4;
  const drawRow = (cells: string[], header: boolean, failed: boolean) => {
    const font = header ? 'title' : 'body';
    doc.fontSize(fontSize);
    const lines = cells.map((t, i) => wrapByChar(t, (s) => textWidth(doc, font, s), widths[i]! - 2 * pad));
    const rowH = Math.max(20, Math.max(...lines.map((l) => l.length)) * lineH + 2 * pad);
    if (doc.y + rowH > bottom) {
      doc.addPage();
      if (!header) drawRow(['检测类别', '检测项', '结果', '说明'], true, false);
    }
    const y = doc.y;
    let x = left;
    lines.forEach((cellLines, i) => {
      const w = widths[i]!;
      if (header) doc.rect(x, y, w, rowH).fillAndStroke('#eeeeee', '#000000');
      else doc.rect(x, y, w, rowH).lineWidth(0.5).stroke();
      doc.fillColor(failed && i === 2 ? '#c00000' : '#000000');
      const top = y + (rowH - cellLines.length * lineH) / 2 + (lineH - fontSize) / 2 - 1;
      cellLines.forEach((line, k) => {
        const lx = i === 3 && !header ? x + pad : x + (w - textWidth(doc, font, line)) / 2;
        drawLine(doc, font, line, lx, top + k * lineH);
      });
      doc.fillColor('#000000');
      x += w;
    });
    doc.y = y + rowH;
  };
  drawRow(['检测类别', '检测项', '结果', '说明'], true, false);
  for (const it of r.items)
    drawRow([it.category, `${it.code} ${it.name}`, verdict(it.passed), itemExplanation(it)], false, !it.passed);
  doc.y += 14;
  if (doc.y + 70 > bottom) doc.addPage();
  doc.fontSize(14);
  const failedCount = r.items.filter((i) => !i.passed).length;
  drawLine(
    doc,
    'title',
    `检测结论：${verdict(r.passed)}${r.passed ? '' : `（${failedCount} 项不通过，请按说明处理后重新导出、重新检测）`}`,
    left,
    doc.y,
  );
  doc.y += 26;
  doc.fontSize(10.5);
  drawLine(doc, 'body', `检测时间：${chinaTime(r.checkedAt)}`, left, doc.y);
  doc.y += 18;
  drawLine(doc, 'body', `检测软件：安委台账 ${r.softwareVersion}`, left, doc.y);
  doc.end();
  return done;
}

/** Writes 检测/检测报告.xml and .pdf into the package (and 其他/检测报告.xsd when missing); returns their paths. */
export async function writeCheckReport(r: PackageCheckReport): Promise<{ xml: string; pdf: string }> {
  const dir = path.join(r.dir, REPORT_DIR);
  const xml = path.join(dir, '检测报告.xml');
  const pdf = path.join(dir, '检测报告.pdf');
  const xsd = path.join(r.dir, ...REPORT_XSD_PATH.split('/'));
  const bytes = await reportPdf(r);
  if (!fs.existsSync(xsd)) writeFileAtomic(xsd, Buffer.from(REPORT_XSD, 'utf8'));
  writeFileAtomic(xml, Buffer.from(reportXml(r), 'utf8'));
  writeFileAtomic(pdf, bytes);
  return { xml, pdf };
}

/** The Chinese summary (CLI, logs): the verdict, then each failed item with its findings. */
export function reportSummary(r: PackageCheckReport): string {
  const lines = [
    `四性检测${verdict(r.passed)}：${r.packageName}（${r.counts.items} 件，${r.counts.files} 个文件，${r.counts.pages} 页）`,
  ];
  for (const it of r.items) {
    lines.push(`${it.passed ? '【通过】' : '【不通过】'}${it.category}·${it.code} ${it.name}`);
    for (const f of it.findings.slice(0, 20))
      lines.push(`    ${f.message.includes(f.where) ? f.message : `${f.where}：${f.message}`}`);
    if (it.findings.length > 20) lines.push(`    ……另有 ${it.findings.length - 20} 处，见检测报告`);
  }
  return lines.join('\n');
}

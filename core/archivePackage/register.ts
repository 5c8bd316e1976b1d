/** 移交登记表 (PDF): what is handed over, its digest, blank lines for the receiving archive and signatures. */
import { pdfkit } from '../lazyLibs';
import { drawLine, planFonts, registerFonts, textWidth, type FontPlan } from '../pdf/fonts';

const MM = 72 / 25.4;

export interface RegisterData {
  packageName: string;
  office: string;
  fondsName: string;
  fondsCode: string;
  content: string;
  years: string;
  mode: string;
  items: number;
  volumes: number | null;
  pages: number;
  bytes: string;
  formats: string;
  sm3: string;
  sha256: string;
  createdAt: string;
}

export function renderRegister(d: RegisterData, plan: FontPlan = planFonts()): Promise<Buffer> {
  const doc = new (pdfkit())({
    size: 'A4',
    margin: 0,
    info: {
      Title: `电子档案移交登记表（${d.packageName}）`,
      Author: d.office,
      Subject: '电子档案移交登记表',
      Creator: '安委台账',
      CreationDate: new Date(d.createdAt),
      ModDate: new Date(d.createdAt),
    },
    lang: 'zh-CN',
    displayTitle: true,
  } as PDFKit.PDFDocumentOptions);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  registerFonts(doc, plan);

  const left = 25 * MM;
  const right = 185 * MM;
  const labelW = 40 * MM;
  doc.fontSize(22);
  const title = '电子档案移交登记表';
  drawLine(doc, 'title', title, (left + right) / 2 - textWidth(doc, 'title', title, 4) / 2, 22 * MM, 4);
  doc.fontSize(10);
  drawLine(doc, 'body', `包名：${d.packageName}`, left, 36 * MM);

  const rows: [string, string][] = [
    ['移交单位', d.office],
    ['接收单位', ''],
    ['全宗名称', `${d.fondsName}${d.fondsCode ? `（全宗号 ${d.fondsCode}）` : ''}`],
    ['内容', d.content],
    ['年度', d.years],
    ['归档方式', d.mode],
    ['件数', `${d.items} 件${d.volumes !== null ? `（${d.volumes} 卷）` : ''}`],
    ['页数', `${d.pages} 页`],
    ['数据量', d.bytes],
    ['文件格式', d.formats],
    ['载体', '□ 光盘    □ 移动硬盘    □ U 盘    □ 网络传输    载体编号：'],
    ['校验算法', 'SM3（GB/T 32905-2016）、SHA-256'],
    ['包摘要（SM3）', d.sm3],
    ['包摘要（SHA-256）', d.sha256],
    ['生成时间', d.createdAt],
  ];
  let y = 42 * MM;
  const size = 11;
  const rowH = 11 * MM;
  doc.lineWidth(0.8);
  doc.rect(left, y, right - left, rowH * rows.length).stroke();
  doc.lineWidth(0.5);
  for (const [i, [label, value]] of rows.entries()) {
    if (i) doc.moveTo(left, y).lineTo(right, y).stroke();
    doc.fontSize(size);
    drawLine(doc, 'title', label, left + 2 * MM, y + (rowH - size) / 2);
    // long values (digests, content) shrink to one line
    let s = size;
    doc.fontSize(s);
    while (s > 6 && textWidth(doc, 'body', value) > right - left - labelW - 4 * MM) doc.fontSize((s -= 0.5));
    drawLine(doc, 'body', value, left + labelW + 2 * MM, y + (rowH - s) / 2);
    y += rowH;
  }
  doc
    .moveTo(left + labelW, 42 * MM)
    .lineTo(left + labelW, y)
    .stroke();

  y += 10 * MM;
  doc.fontSize(11);
  drawLine(doc, 'body', '移交单位（盖章）                                接收单位（盖章）', left, y);
  const sign = (label: string, yy: number) => {
    drawLine(doc, 'body', `${label}：＿＿＿＿＿＿＿＿`, left, yy);
    drawLine(doc, 'body', `${label.replace('移交', '接收')}：＿＿＿＿＿＿＿＿`, left + 85 * MM, yy);
  };
  sign('移交人', y + 14 * MM);
  sign('移交审核人', y + 26 * MM);
  drawLine(doc, 'body', '移交日期：      年    月    日', left, y + 38 * MM);
  drawLine(doc, 'body', '接收日期：      年    月    日', left + 85 * MM, y + 38 * MM);
  doc.fontSize(9);
  drawLine(
    doc,
    'body',
    '接收时请按包内 manifest.xml 逐个核对文件的 SM3 摘要，并核对 manifest.xml 的 SM3 与本表“包摘要”一致。',
    left,
    y + 52 * MM,
  );
  doc.end();
  return done;
}

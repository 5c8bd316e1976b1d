/** 移交登记表 (PDF): what is handed over, its digest, blank lines for the receiving archive and signatures. */
import { pdfkit } from '../platform/lazyLibs';
import { registerFonts } from '../pdf/fonts';
import { planFonts, type FontPlan } from '../pdf/fontFiles';
import { box, centredBaseline, hline, Metrics, paint, text, vline, type Op } from '../volumes/layout/ops';

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
    autoFirstPage: false,
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
  doc.addPage({ size: 'A4', margin: 0 });
  const m = new Metrics(doc);
  const ops: Op[] = [];
  const left = 25;
  const right = 185;
  const labelW = 40;
  const title = '电子档案移交登记表';
  ops.push(text((left + right) / 2 - (m.width('title', title, 22) + 4 * 8 * 0.3528) / 2, 30, 'title', 22, title, 4));
  ops.push(text(left, 40, 'body', 10, `包名：${d.packageName}`));

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
  const top = 44;
  const rowH = 11;
  const size = 11;
  let y = top;
  ops.push(box(left, top, right - left, rowH * rows.length, 0.8));
  ops.push(vline(left + labelW, top, top + rowH * rows.length, 0.5));
  for (const [i, [label, value]] of rows.entries()) {
    if (i) ops.push(hline(left, right, y, 0.5));
    ops.push(text(left + 2, centredBaseline(y, rowH, size), 'title', size, label));
    // long values (digests, content) shrink to one line
    let s = size;
    while (s > 6 && m.width('body', value, s) > right - left - labelW - 4) s -= 0.5;
    ops.push(text(left + labelW + 2, centredBaseline(y, rowH, s), 'body', s, value));
    y += rowH;
  }

  y += 14;
  const col2 = left + 85;
  ops.push(text(left, y, 'body', 11, '移交单位（盖章）'));
  ops.push(text(col2, y, 'body', 11, '接收单位（盖章）'));
  for (const [k, [a, b]] of [
    ['移交人', '接收人'],
    ['移交审核人', '接收审核人'],
    ['移交日期', '接收日期'],
  ].entries()) {
    const yy = y + 14 + k * 12;
    for (const [x, label] of [
      [left, a!],
      [col2, b!],
    ] as const) {
      ops.push(text(x, yy, 'body', 11, `${label}：`));
      const x0 = x + m.width('body', `${label}：`, 11);
      if (label.endsWith('日期')) ops.push(text(x0 + 2, yy, 'body', 11, '      年    月    日'));
      else ops.push(hline(x0 + 1, x + 70, yy + 1, 0.5));
    }
  }
  ops.push(
    text(
      left,
      y + 62,
      'body',
      9,
      '接收时请按包内 manifest.xml 逐个核对文件的 SM3 摘要，并核对 manifest.xml 的 SM3 与本表“包摘要”一致。',
    ),
  );
  paint(doc, ops, 0, 0);
  doc.end();
  return done;
}

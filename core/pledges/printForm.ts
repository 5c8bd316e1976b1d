import { pdfkit } from '../platform/lazyLibs';
import { codePoint, drawLine, missingChars, MISSING_MARK, registerFonts, textWidth } from '../pdf/fonts';
import { planFonts, type FontPlan } from '../pdf/fontFiles';

/** What the 《安全生产责任明白书》 form (附件3 of 禹安〔2023〕1号) needs. */
export interface PledgeFormData {
  talkerName: string;
  talkerTitle: string;
  talkeeName: string;
  talkeeUnit: string;
  talkeeTitle: string;
  committeeName: string;
  /** The month printed under the committee, in Arabic numerals (GB/T 9704-2012 7.3.5.1): 2023年1月. */
  year: number;
  month: number;
}

const MM = 72 / 25.4;

const FIELD_LABELS: [keyof PledgeFormData, string][] = [
  ['talkerName', '谈话人'],
  ['talkerTitle', '谈话人职务'],
  ['talkeeName', '谈话对象'],
  ['talkeeUnit', '谈话对象单位'],
  ['talkeeTitle', '谈话对象职务'],
  ['committeeName', '委员会名称'],
];

/** Warnings (Chinese) for the characters of the form that no font has: they print as 〓. */
export function pledgeFormWarnings(data: PledgeFormData, plan: FontPlan = planFonts()): string[] {
  return FIELD_LABELS.flatMap(([key, label]) => {
    const chars = missingChars(String(data[key]), plan);
    if (!chars.length) return [];
    const list = chars.map((ch) => `“${ch}”（${codePoint(ch)}）`).join('、');
    return [
      `${label}“${data[key]}”中的 ${list} 在本机字体和程序自带字体中都没有，打印为“${MISSING_MARK}”；请安装含该字的字体后重新打印，或打印后手写补上`,
    ];
  });
}

/** Renders the form as a PDF (A4, binding margin left, fonts embedded and subset, text extractable). */
export function renderPledgeForm(data: PledgeFormData, plan: FontPlan = planFonts()): Promise<Buffer> {
  const doc = new (pdfkit())({
    size: 'A4',
    margins: { top: 37 * MM, bottom: 35 * MM, left: 28 * MM, right: 26 * MM },
    info: {
      Title: `安全生产责任明白书（${data.talkeeName}）`,
      Author: data.committeeName,
      Subject: '安全生产对话谈心 明白书',
      Creator: '安委台账',
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

  const pageW = doc.page.width;
  const left = doc.page.margins.left;
  const right = pageW - doc.page.margins.right;
  const centre = (font: string, size: number, text: string, y: number, spacing = 0) => {
    doc.fontSize(size);
    const w = textWidth(doc, font, text, spacing) - spacing;
    drawLine(doc, font, text, (left + right) / 2 - w / 2, y, spacing);
  };

  // Title: 二号 (22pt) in the title face, letter-spaced as on the printed form.
  centre('title', 26, '安全生产责任明白书', 62 * MM, 6);

  // The five fields: labels aligned on the colon, values on an underline (三号 16pt 仿宋).
  const fields: [string, string][] = [
    ['谈话人', data.talkerName],
    ['谈话人职务', data.talkerTitle],
    ['谈话对象', data.talkeeName],
    ['谈话对象单位', data.talkeeUnit],
    ['谈话对象职务', data.talkeeTitle],
  ];
  const size = 16;
  doc.fontSize(size);
  const labelBox = size * 6.2; // six characters wide: labels are spread over it like 谈   话   人
  const colon = '：';
  const lineX0 = left + 18 * MM + labelBox + size;
  const lineX1 = right - 12 * MM;
  let y = 112 * MM;
  fields.forEach(([label, value], i) => {
    if (i === 2) y += 12 * MM; // the form leaves a gap between the talker and the talkee blocks
    const n = [...label].length;
    const spacing = n > 1 ? (labelBox - textWidth(doc, 'body', label)) / (n - 1) : 0;
    drawLine(doc, 'body', label, left + 18 * MM, y, spacing);
    drawLine(doc, 'body', colon, left + 18 * MM + labelBox, y);
    // value, shrunk to fit the underline if long
    let vSize = size;
    doc.fontSize(vSize);
    while (vSize > 9 && textWidth(doc, 'body', value) > lineX1 - lineX0 - 8) doc.fontSize((vSize -= 1));
    drawLine(doc, 'body', value, lineX0 + 6, y + (size - vSize) / 2);
    doc.fontSize(size);
    doc
      .moveTo(lineX0, y + size + 3)
      .lineTo(lineX1, y + size + 3)
      .lineWidth(0.6)
      .stroke();
    y += 14 * MM;
  });

  // Signatures, then the committee and the month at the foot (三号).
  y += 14 * MM;
  doc.fontSize(14);
  drawLine(doc, 'body', '谈话人（签字）：', left + 18 * MM, y);
  drawLine(doc, 'body', '谈话对象（签字）：', (left + right) / 2 + 4 * MM, y);
  y += 12 * MM;
  drawLine(doc, 'body', '签订日期：      年    月    日', (left + right) / 2 + 4 * MM, y);

  centre('body', 16, data.committeeName, 232 * MM);
  centre('body', 16, `${data.year}年${data.month}月`, 243 * MM);

  doc.end();
  return done;
}

/**
 * Hand-made 归档信息包 for the 四性检测 tests, built to the shared layout (small: 2–3 件), with their XSDs: every
 * digest computed the way an exporter must. Options plant one fault at build time (with all digests consistent,
 * so only the planted fault's item fails); `reseal` recomputes the manifest after a hand edit.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PDFDocument, PDFName, PDFString } from '@cantoo/pdf-lib';
import PDFKit from 'pdfkit';
import { digestBytes, sm3Of } from '../../core/archivePackage/checkDigest';
import { itemArchivalNo } from '../../core/volumes/archivalNo';
import { findResourcesDir } from '../../core/platform/paths';
import crypto from 'node:crypto';
import { manifestExcluded } from '../../core/archivePackage/layout';

export interface FixtureOptions {
  mode?: '按件' | '组卷';
  /** Pages of each 件 (default [1, 2, 1]). */
  pages?: number[];
  /** Index of a 件 whose PDF gets a document-level JavaScript action. */
  javascriptIn?: number;
  /** Index of a 件 whose PDF uses Helvetica without embedding it. */
  unembeddedFontIn?: number;
  /** Index of a 件 whose PDF carries an embedded file. */
  attachmentIn?: number;
  /** Index of a 件 whose PDF is encrypted (qpdf, an empty user password). */
  encryptIn?: number;
  /** 格式名称 written in every 件's metadata (default “PDF 1.3”: the fixture PDFs are not PDF/A). */
  formatName?: string;
}

const FONDS = 'A012';
const YEAR = 2024;

/** 档号 of the i-th 件 (1-based): the one adapter of the fixtures (按件: 全宗号-WS·年度-保管期限-机构代码-件号). */
export function fixtureArchivalNo(mode: '按件' | '组卷', i: number, volumeNo = 1): string {
  return mode === '按件'
    ? `${FONDS}-WS·${YEAR}-D30-AWB-${String(i).padStart(4, '0')}`
    : itemArchivalNo({ fondsCode: FONDS, categoryCode: 'WS', year: YEAR, retention: 'D30' }, volumeNo, i);
}

export async function makePdf(pages: number, title: string, o: { helvetica?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFKit({ size: 'A4', info: { Title: title, Producer: 'fixture-producer-0000' } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((res) => doc.on('end', () => res(Buffer.concat(chunks))));
  if (o.helvetica) doc.font('Helvetica');
  else doc.font(path.join(findResourcesDir(), 'fonts', 'LiberationSans-Regular.ttf'));
  for (let p = 0; p < pages; p++) {
    if (p) doc.addPage();
    doc.fontSize(14).text(`${title} page ${p + 1}`, 72, 72);
  }
  doc.end();
  return done;
}

async function withJavaScript(buf: Buffer): Promise<Buffer> {
  const doc = await PDFDocument.load(buf);
  const action = doc.context.obj({ S: 'JavaScript', JS: PDFString.of('app.alert("x")') });
  doc.catalog.set(PDFName.of('OpenAction'), doc.context.register(action));
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

async function withAttachment(buf: Buffer): Promise<Buffer> {
  const doc = await PDFDocument.load(buf);
  await doc.attach(Buffer.from('hello'), 'a.txt', { mimeType: 'text/plain' });
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** 日期 of the i-th 件: a valid date for any i. */
const fixtureDate = (i: number) => `2024-03-${String(((i - 1) % 28) + 1).padStart(2, '0')}`;

function encrypted(buf: Buffer, tmp: string): Buffer {
  fs.writeFileSync(tmp, buf);
  execFileSync('qpdf', ['--encrypt', '', 'owner', '256', '--', tmp, `${tmp}.out`]);
  const out = fs.readFileSync(`${tmp}.out`);
  fs.rmSync(tmp);
  fs.rmSync(`${tmp}.out`);
  return out;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';

const ROW_XSD = `
      <xs:element name="顺序号" type="xs:positiveInteger"/>
      <xs:element name="档号" type="非空"/>
      <xs:element name="责任者" type="xs:string"/>
      <xs:element name="题名" type="非空"/>
      <xs:element name="日期" type="xs:date"/>
      <xs:element name="密级" type="xs:string"/>
      <xs:element name="保管期限" type="xs:string"/>
      <xs:element name="页数" type="xs:nonNegativeInteger"/>
      <xs:element name="电子文件名" type="xs:string"/>
      <xs:element name="备注" type="xs:string" minOccurs="0"/>`;

const NONEMPTY = `<xs:simpleType name="非空"><xs:restriction base="xs:string"><xs:minLength value="1"/></xs:restriction></xs:simpleType>`;

export const FIXTURE_XSDS: Record<string, string> = {
  '文件目录.xsd': `${HEAD}<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">${NONEMPTY}
  <xs:element name="文件目录"><xs:complexType><xs:sequence>
    <xs:element name="条目" maxOccurs="unbounded"><xs:complexType><xs:sequence>${ROW_XSD}
    </xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>\n`,
  '卷内文件目录.xsd': `${HEAD}<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">${NONEMPTY}
  <xs:element name="卷内文件目录"><xs:complexType><xs:sequence>
    <xs:element name="条目" maxOccurs="unbounded"><xs:complexType><xs:sequence>${ROW_XSD}
    </xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>\n`,
  '案卷目录.xsd': `${HEAD}<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">${NONEMPTY}
  <xs:element name="案卷目录"><xs:complexType><xs:sequence>
    <xs:element name="案卷" maxOccurs="unbounded"><xs:complexType><xs:sequence>
      <xs:element name="顺序号" type="xs:positiveInteger"/>
      <xs:element name="档号" type="非空"/>
      <xs:element name="题名" type="非空"/>
      <xs:element name="保管期限" type="xs:string"/>
      <xs:element name="件数" type="xs:nonNegativeInteger"/>
      <xs:element name="页数" type="xs:nonNegativeInteger"/>
    </xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>\n`,
  '元数据.xsd': `${HEAD}<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">${NONEMPTY}
  <xs:element name="文件"><xs:complexType><xs:sequence>
    <xs:element name="聚合层次"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="件"/><xs:enumeration value="卷"/></xs:restriction></xs:simpleType></xs:element>
    <xs:element name="来源"><xs:complexType><xs:sequence>
      <xs:element name="全宗名称" type="xs:string"/><xs:element name="立档单位名称" type="xs:string"/>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="档号" type="非空"/>
    <xs:element name="内容描述"><xs:complexType><xs:sequence>
      <xs:element name="题名" type="非空"/><xs:element name="责任者" type="xs:string"/><xs:element name="日期" type="xs:date"/>
      <xs:element name="文种" type="xs:string" minOccurs="0"/><xs:element name="密级" type="xs:string"/><xs:element name="保管期限" type="xs:string"/>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="形式特征"><xs:complexType><xs:sequence><xs:element name="页数" type="xs:positiveInteger"/></xs:sequence></xs:complexType></xs:element>
    <xs:element name="电子属性"><xs:complexType><xs:sequence>
      <xs:element name="格式信息"><xs:complexType><xs:sequence><xs:element name="格式名称" type="xs:string"/></xs:sequence></xs:complexType></xs:element>
      <xs:element name="计算机文件名" type="非空"/><xs:element name="计算机文件大小" type="xs:nonNegativeInteger"/>
    </xs:sequence></xs:complexType></xs:element>
    <xs:element name="数字属性"><xs:complexType><xs:sequence>
      <xs:element name="数字摘要" maxOccurs="2"><xs:complexType><xs:simpleContent><xs:extension base="xs:string">
        <xs:attribute name="算法" use="required"><xs:simpleType><xs:restriction base="xs:string"><xs:enumeration value="SM3"/><xs:enumeration value="SHA-256"/></xs:restriction></xs:simpleType></xs:attribute>
      </xs:extension></xs:simpleContent></xs:complexType></xs:element>
    </xs:sequence></xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>\n`,
  'manifest.xsd': `${HEAD}<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
  <xs:element name="manifest"><xs:complexType><xs:sequence>
    <xs:element name="file" maxOccurs="unbounded"><xs:complexType>
      <xs:attribute name="path" type="xs:string" use="required"/>
      <xs:attribute name="size" type="xs:nonNegativeInteger" use="required"/>
      <xs:attribute name="sm3" use="required"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="[0-9a-f]{64}"/></xs:restriction></xs:simpleType></xs:attribute>
      <xs:attribute name="sha256" use="required"><xs:simpleType><xs:restriction base="xs:string"><xs:pattern value="[0-9a-f]{64}"/></xs:restriction></xs:simpleType></xs:attribute>
    </xs:complexType></xs:element>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>\n`,
};

function rowXml(tag: string, i: number, no: string, title: string, pages: number): string {
  return (
    `  <${tag}><顺序号>${i}</顺序号><档号>${esc(no)}</档号><责任者>禹州市安委办</责任者><题名>${esc(title)}</题名>` +
    `<日期>${fixtureDate(i)}</日期><密级>公开</密级><保管期限>30年</保管期限><页数>${pages}</页数>` +
    `<电子文件名>${esc(no)}.pdf</电子文件名><备注></备注></${tag}>\n`
  );
}

export function metadataXml(
  no: string,
  title: string,
  i: number,
  pages: number,
  pdf: Buffer,
  o: { formatName?: string } = {},
): string {
  const d = digestBytes(pdf);
  return (
    `${HEAD}<文件>\n  <聚合层次>件</聚合层次>\n  <来源><全宗名称>禹州市安全生产委员会办公室</全宗名称><立档单位名称>禹州市安全生产委员会办公室</立档单位名称></来源>\n` +
    `  <档号>${esc(no)}</档号>\n  <内容描述><题名>${esc(title)}</题名><责任者>禹州市安委办</责任者><日期>${fixtureDate(i)}</日期><文种>通知</文种><密级>公开</密级><保管期限>30年</保管期限></内容描述>\n` +
    `  <形式特征><页数>${pages}</页数></形式特征>\n` +
    `  <电子属性><格式信息><格式名称>${o.formatName ?? 'PDF 1.3'}</格式名称></格式信息><计算机文件名>${esc(no)}.pdf</计算机文件名><计算机文件大小>${d.size}</计算机文件大小></电子属性>\n` +
    `  <数字属性><数字摘要 算法="SM3">${d.sm3}</数字摘要><数字摘要 算法="SHA-256">${d.sha256}</数字摘要></数字属性>\n</文件>\n`
  );
}

export interface BuiltPackage {
  dir: string;
  mode: '按件' | '组卷';
  items: { no: string; pdf: string; xml: string; pages: number }[];
}

/** Builds a package in `parent`; returns its folder and its 件. */
export async function buildPackage(parent: string, o: FixtureOptions = {}): Promise<BuiltPackage> {
  const mode = o.mode ?? '按件';
  const pages = o.pages ?? [1, 2, 1];
  const dir = path.join(parent, `归档信息包_${FONDS}_${YEAR}_${mode}_20261202`);
  fs.mkdirSync(path.join(dir, '其他'), { recursive: true });
  const write = (rel: string, data: string | Buffer) => {
    const f = path.join(dir, ...rel.split('/'));
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, data);
  };
  const items: BuiltPackage['items'] = [];
  let rows = '';
  for (let k = 0; k < pages.length; k++) {
    const i = k + 1;
    const no = fixtureArchivalNo(mode, i);
    const title = `关于安全生产检查的通知（${i}）`;
    let pdf = await makePdf(pages[k]!, `item ${i}`, { helvetica: o.unembeddedFontIn === k });
    if (o.javascriptIn === k) pdf = await withJavaScript(pdf);
    if (o.attachmentIn === k) pdf = await withAttachment(pdf);
    if (o.encryptIn === k) pdf = encrypted(pdf, path.join(parent, `enc-${k}.pdf`));
    const rel = `文件/${no}/${no}`;
    write(`${rel}.pdf`, pdf);
    write(`${rel}.xml`, metadataXml(no, title, i, pages[k]!, pdf, { formatName: o.formatName }));
    items.push({
      no,
      pdf: path.join(dir, ...`${rel}.pdf`.split('/')),
      xml: path.join(dir, ...`${rel}.xml`.split('/')),
      pages: pages[k]!,
    });
    rows += rowXml('条目', i, no, title, pages[k]!);
  }
  const totalPages = pages.reduce((a, b) => a + b, 0);
  if (mode === '按件') write('文件目录.xml', `${HEAD}<文件目录>\n${rows}</文件目录>\n`);
  else {
    const vno = fixtureArchivalNo('组卷', 1).replace(/-\d+$/, '');
    write(
      '案卷目录.xml',
      `${HEAD}<案卷目录>\n  <案卷><顺序号>1</顺序号><档号>${esc(vno)}</档号><题名>2024年安全生产检查文件</题名><保管期限>30年</保管期限><件数>${pages.length}</件数><页数>${totalPages}</页数></案卷>\n</案卷目录>\n`,
    );
    write('卷内文件目录.xml', `${HEAD}<卷内文件目录>\n${rows}</卷内文件目录>\n`);
  }
  for (const [name, xsd] of Object.entries(FIXTURE_XSDS)) {
    if (mode === '按件' && (name === '案卷目录.xsd' || name === '卷内文件目录.xsd')) continue;
    if (mode === '组卷' && name === '文件目录.xsd') continue;
    write(`其他/${name}`, xsd);
  }
  write('移交登记表.pdf', await makePdf(1, 'handover'));
  write(
    '说明文件.txt',
    [
      '立档单位：禹州市安全生产委员会办公室',
      `全宗号：${FONDS}`,
      `年度：${YEAR}`,
      '范围：2024年度文书档案',
      `归档方式：${mode}`,
      mode === '组卷' ? `卷数：1` : '',
      `件数：${pages.length}`,
      `页数：${totalPages}`,
      '格式：PDF',
      '生成软件与版本：安委台账 0.1.0',
      '校验算法：SM3, SHA-256',
      '生成时间：2026-12-02 10:00:00',
    ]
      .filter(Boolean)
      .join('\n') + '\n',
  );
  reseal(dir);
  return { dir, mode, items };
}

function listFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (!rel && e.name === '检测') continue;
    if (e.isDirectory()) out.push(...listFiles(dir, r));
    else out.push(r);
  }
  return out;
}

/** (Re)writes manifest.xml, manifest.sm3 and manifest.sha256 from the files as they are now. */
export function reseal(dir: string): void {
  const files = listFiles(dir)
    .filter((f) => !manifestExcluded(f))
    .sort();
  let xml = `${HEAD}<manifest>\n`;
  for (const f of files) {
    const d = digestBytes(fs.readFileSync(path.join(dir, ...f.split('/'))));
    xml += `  <file path="${esc(f)}" size="${d.size}" sm3="${d.sm3}" sha256="${d.sha256}"/>\n`;
  }
  xml += '</manifest>\n';
  fs.writeFileSync(path.join(dir, 'manifest.xml'), xml);
  fs.writeFileSync(path.join(dir, 'manifest.sm3'), `${sm3Of(Buffer.from(xml))}  manifest.xml\n`);
  fs.writeFileSync(
    path.join(dir, 'manifest.sha256'),
    `${crypto.createHash('sha256').update(xml).digest('hex')}  manifest.xml\n`,
  );
}

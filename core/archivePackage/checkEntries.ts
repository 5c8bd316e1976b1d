/**
 * The 四性检测's checks of each 件 in the catalogue: its content file (PDF or OFD) and metadata file are there,
 * the metadata has the DA/T 46 mandatory elements and agrees with the catalogue and with the file itself (档号,
 * 题名, 页数, PDF/A claim, file name, size, 数字摘要), and no file under 文件/ lacks a catalogue row.
 */
import path from 'node:path';
import { CONTENT_DIR, type CatalogueRow, firstInt } from './checkRead';
import { type XmlDocument, type XmlElement, findAll, findText } from './checkXml';
import type { PdfFacts } from './checkPdf';
import type { CheckRun } from './checkRun';

/** Elements every 件's metadata must have, non-empty (DA/T 46-2009 mandatory ones); alternatives in one entry. */
export const REQUIRED_METADATA: string[][] = [
  ['聚合层次'],
  ['全宗名称', '立档单位名称'],
  ['档号'],
  ['题名'],
  ['责任者'],
  ['日期'],
  ['密级'],
  ['保管期限'],
  ['页数'],
  ['计算机文件名'],
  ['计算机文件大小'],
  ['数字摘要'],
  ['格式名称', '格式信息'],
];

/** Checks every 件 of the catalogue against its files; returns the pages of all the 件's PDFs. */
export async function checkEntries(
  run: CheckRun,
  itemRows: CatalogueRow[],
  xmlDocs: Map<string, XmlDocument>,
  factsOf: (f: string) => Promise<PdfFacts | null>,
): Promise<number> {
  const { files, fileSet, items, digests } = run;
  let pages = 0;
  const claimed = new Set<string>();
  for (const row of itemRows) {
    const no = row.fields.get('档号') ?? '';
    if (!no) continue;
    items.count('catalogueFiles');
    items.count('metadata');
    const where = `${row.where}（档号 ${no}）`;
    const fileName = row.fields.get('电子文件名') ?? '';
    const folder = `${CONTENT_DIR}/${no}`;
    const content = fileName
      ? fileName.includes('/')
        ? fileName.replace(/^\.\//, '')
        : `${folder}/${fileName}`
      : ([`${folder}/${no}.pdf`, `${folder}/${no}.ofd`].find((x) => fileSet.has(x)) ?? `${folder}/${no}.pdf`);
    const metaFile = /\.(pdf|ofd)$/i.test(content) ? content.replace(/\.[^./]+$/, '.xml') : `${folder}/${no}.xml`;
    claimed.add(content);
    claimed.add(metaFile);
    if (!fileSet.has(content))
      items.fail(
        'catalogueFiles',
        where,
        `目录所列的电子文件“${content}”不存在（被删除、移动或改名）：请从原信息包恢复该文件，或重新导出信息包`,
      );
    if (!fileSet.has(metaFile))
      items.fail(
        'catalogueFiles',
        where,
        `缺少该件的元数据文件“${metaFile}”：请从原信息包恢复该文件，或重新导出信息包`,
      );
    const meta = xmlDocs.get(metaFile);
    const facts = content.toLowerCase().endsWith('.pdf') ? await factsOf(content) : null;
    if (facts && !facts.openError) pages += facts.pageCount; // an encrypted PDF still has its page tree in clear
    const catPages = firstInt(row.fields.get('页数'));
    if (facts && !facts.openError && catPages !== null && catPages !== facts.pageCount)
      items.fail('metadata', content, `“${content}”的页数为 ${facts.pageCount}，目录记为 ${catPages}：请重新导出该件`);
    if (!meta) continue;
    items.count('requiredMetadata');
    const missing = REQUIRED_METADATA.filter((alts) => !alts.some((a) => (findText(meta.root, a) ?? '') !== '')).map(
      (alts) => alts.join('或'),
    );
    if (missing.length)
      items.fail('requiredMetadata', metaFile, `元数据缺少或未填：${missing.join('、')}。请补录后重新导出该件`);
    const mNo = findText(meta.root, '档号');
    if (mNo !== null && mNo !== no)
      items.fail('metadata', metaFile, `元数据的档号为“${mNo}”，目录为“${no}”：请重新导出该件`);
    const mTitle = findText(meta.root, '题名');
    const cTitle = row.fields.get('题名');
    if (mTitle !== null && cTitle !== undefined && mTitle !== cTitle)
      items.fail('metadata', metaFile, `元数据的题名“${mTitle}”与目录的“${cTitle}”不一致：请重新导出该件`);
    const mPages = firstInt(findText(meta.root, '页数'));
    if (facts && !facts.openError && mPages !== null && mPages !== facts.pageCount)
      items.fail('metadata', content, `“${content}”的页数为 ${facts.pageCount}，元数据记为 ${mPages}：请重新导出该件`);
    const d = digests.get(content);
    const mFormat = findText(meta.root, '格式名称', '格式信息') ?? '';
    const formatClaim = /PDF\/A-?(\d)([a-z])?/i.exec(mFormat);
    if (facts && !facts.openError && formatClaim) {
      const want = `PDF/A-${formatClaim[1]}${(formatClaim[2] ?? '').toLowerCase()}`;
      if (!facts.pdfa || !facts.pdfa.startsWith(want))
        items.fail(
          'metadata',
          content,
          `元数据的格式信息为“${mFormat}”，“${content}”${facts.pdfa ? `声明的是 ${facts.pdfa}` : '中没有 PDF/A 标识'}：请以 PDF/A 重新导出该件，或如实填写格式信息`,
        );
    }
    const mName = findText(meta.root, '计算机文件名');
    if (mName !== null && mName !== path.posix.basename(content) && mName !== content)
      items.fail(
        'metadata',
        metaFile,
        `元数据的计算机文件名为“${mName}”，实际文件为“${content}”：请恢复文件原名，或重新导出该件`,
      );
    const mSize = findText(meta.root, '计算机文件大小');
    if (
      d &&
      mSize !== null &&
      /^\d+$/.test(mSize.replace(/\s*(字节|B|bytes?)$/i, '')) &&
      Number(mSize.replace(/\D+$/, '')) !== d.size
    )
      items.fail('metadata', content, `“${content}”的大小为 ${d.size} 字节，元数据记为 ${mSize}：请重新导出该件`);
    const badDigests: string[] = [];
    for (const el of findAll(meta.root, '数字摘要')) {
      const value = (el.children.length ? (findText(el, '摘要值', '值') ?? '') : el.text).trim().toLowerCase();
      const algo = (
        el.attrs['算法'] ??
        el.attrs['摘要算法'] ??
        el.attrs.algorithm ??
        findText(el, '摘要算法', '算法') ??
        digestAlgoSibling(meta.root, el) ??
        ''
      )
        .toUpperCase()
        .replace(/[^A-Z0-9]/g, '');
      if (!d || !/^[0-9a-f]{64}$/.test(value)) {
        if (d && value)
          items.fail('metadata', metaFile, `元数据的数字摘要“${value.slice(0, 20)}…”不是有效的摘要值：请重新导出该件`);
        continue;
      }
      const ok =
        algo === 'SM3'
          ? value === d.sm3
          : algo === 'SHA256'
            ? value === d.sha256
            : value === d.sm3 || value === d.sha256;
      if (!ok) badDigests.push(algo === 'SHA256' ? 'SHA-256' : algo || '');
    }
    if (badDigests.length)
      items.fail(
        'metadata',
        content,
        `“${content}”的${badDigests.filter(Boolean).length ? ` ${badDigests.filter(Boolean).join(' 与 ')} ` : ''}数字摘要与元数据记载的不符：文件在生成后被改动，请从原信息包恢复该文件，或重新导出该件`,
      );
  }
  for (const f of files) {
    if (!f.startsWith(`${CONTENT_DIR}/`) || claimed.has(f)) continue;
    items.fail(
      'catalogueFiles',
      f,
      `文件“${f}”没有对应的目录条目：请核对目录（可能删除了条目或改了文件名），恢复后重新导出信息包`,
    );
  }
  return pages;
}

/** The text of a 摘要算法 element beside a 数字摘要 (DA/T 46 puts them side by side), or null. */
function digestAlgoSibling(root: XmlElement, digest: XmlElement): string | null {
  const walk = (e: XmlElement): XmlElement | null =>
    e.children.includes(digest) ? e : e.children.reduce<XmlElement | null>((f, c) => f ?? walk(c), null);
  const sib = walk(root)?.children.find((c) => c.local === '摘要算法');
  return sib ? sib.text.trim() : null;
}

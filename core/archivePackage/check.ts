/**
 * 四性检测 (DA/T 70-2018) of an 归档信息包 folder: 真实性, 完整性, 可用性 and 安全性, each item with what it found
 * and where. Reads the package only; writes nothing (the report files are written by checkReport.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../platform/errors';
import { APP_VERSION } from '../platform/version';
import {
  CHECK_ITEMS,
  type CheckItemKey,
  type CheckItemResult,
  type CheckPackageOptions,
  type PackageCheckReport,
} from './checkTypes';
import { type FileDigests, digestFile, sm3Of } from './checkDigest';
import { inspectPackagePdf, type PdfFacts } from './checkPdf';
import {
  CONTENT_DIR,
  HANDOVER_FORM,
  IN_VOLUME_CATALOGUE,
  ITEM_CATALOGUE,
  MANIFEST,
  MANIFEST_SHA256,
  MANIFEST_SM3,
  OTHER_DIR,
  README,
  REPORT_DIR,
  VOLUME_CATALOGUE,
  type CatalogueRow,
  catalogueRows,
  digestInFile,
  firstInt,
  listPackageFiles,
  manifestEntries,
  parseReadme,
  readText,
  splitArchivalNo,
  tryParseXml,
} from './checkRead';
import { type XmlDocument, type XmlElement, findAll, findText } from './checkXml';
import { readSchema, validateAgainst, type XsdSchema } from './checkXsd';
import { REPORT_XSD, REPORT_XSD_PATH } from './checkReportSchema';
import crypto from 'node:crypto';
import { manifestExcluded } from './layout';

export type { PackageCheckReport, CheckItemResult, CheckFinding } from './checkTypes';

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
/** Fields every catalogue row must have, non-empty. */
export const REQUIRED_CATALOGUE = ['档号', '题名', '日期', '保管期限', '页数'];

const ALLOWED_EXT = new Set(['.pdf', '.ofd', '.xml', '.xsd', '.txt', '.sm3', '.sha256']);
const TOP_LEVEL = new Set([
  README,
  ITEM_CATALOGUE,
  VOLUME_CATALOGUE,
  IN_VOLUME_CATALOGUE,
  MANIFEST,
  MANIFEST_SM3,
  MANIFEST_SHA256,
  HANDOVER_FORM,
]);

const cancelled = () => new AppError('CANCELLED', '已取消检测');
const utf8 = new TextDecoder('utf-8', { fatal: true });

class Items {
  private readonly map = new Map<CheckItemKey, CheckItemResult>();
  constructor(keys: CheckItemKey[]) {
    for (const k of keys)
      this.map.set(k, { ...CHECK_ITEMS[k], passed: true, ok: true, checked: 0, findings: [] } as CheckItemResult);
  }
  fail(k: CheckItemKey, where: string, message: string): void {
    const it = this.map.get(k);
    if (!it) return;
    it.passed = false;
    it.ok = false;
    if (it.findings.length < 200 && !it.findings.some((f) => f.where === where && f.message === message))
      it.findings.push({ where, message });
  }
  count(k: CheckItemKey, n = 1): void {
    const it = this.map.get(k);
    if (it) it.checked += n;
  }
  list(): CheckItemResult[] {
    return [...this.map.values()].map((i) =>
      i.findings.length
        ? {
            ...i,
            message: i.findings
              .map((f) => (f.message.includes(f.where) ? f.message : `${f.where}：${f.message}`))
              .join('；'),
          }
        : i,
    );
  }
}

const DIGEST_ITEMS: CheckItemKey[] = ['manifestFiles', 'manifestSelf', 'manifestCoverage', 'packageDigest'];

/** Runs the 四性检测 on a package folder. Throws only when the folder cannot be read at all (or on cancel). */
export async function checkPackage(dir: string, opts: CheckPackageOptions = {}): Promise<PackageCheckReport> {
  const started = Date.now();
  const root = path.resolve(dir);
  let st: fs.Stats;
  try {
    st = fs.statSync(root);
  } catch {
    throw new AppError('NOT_FOUND', `找不到文件夹“${root}”，请确认信息包所在的位置（U 盘是否已插好）后重试`);
  }
  if (!st.isDirectory())
    throw new AppError(
      'VALIDATION',
      `“${root}”不是文件夹：请选择归档信息包的文件夹（解压后的文件夹，而不是 .zip 文件）`,
    );
  const scope = opts.scope ?? 'full';
  const keys = scope === 'full' ? (Object.keys(CHECK_ITEMS) as CheckItemKey[]) : DIGEST_ITEMS;
  const items = new Items(keys);
  const files = listPackageFiles(root);
  const abs = (rel: string) => path.join(root, ...rel.split('/'));
  // what the report head needs (set by the full check)
  let mode: '按件' | '组卷' | null = null;
  let itemRows: CatalogueRow[] = [];
  let volumeRows: CatalogueRow[] = [];
  let pages = 0;
  const fileSet = new Set(files);
  const total = files.length * (scope === 'full' ? 2 : 1);
  let done = 0;
  const step = (message: string) => {
    if (opts.signal?.aborted) throw cancelled();
    opts.onProgress?.({ done: ++done, total, message });
  };

  // Digests of every file, once (streamed).
  const digests = new Map<string, FileDigests>();
  for (const f of files) {
    step(`正在计算摘要：${f}`);
    try {
      digests.set(f, await digestFile(abs(f)));
    } catch {
      /* unreadable: reported below where the file is needed */
    }
  }

  // ---- the manifest and the package's own digests ----
  const manifestText = readText(abs(MANIFEST));
  const manifest = tryParseXml(manifestText);
  const entries = manifest.doc ? manifestEntries(manifest.doc) : [];
  if (!manifest.doc)
    items.fail(
      'manifestFiles',
      MANIFEST,
      manifestText === null
        ? '缺少文件清单 manifest.xml，无法核对各文件的摘要：请重新导出信息包'
        : `manifest.xml 无法解析（${manifest.error}）：请重新导出信息包`,
    );
  const listed = new Map<string, (typeof entries)[number]>();
  for (const e of entries) {
    if (listed.has(e.path))
      items.fail(
        'manifestCoverage',
        `${MANIFEST} 第 ${e.line} 行`,
        `文件“${e.path}”在清单中重复列出：请重新导出信息包`,
      );
    listed.set(e.path, e);
  }
  for (const e of entries) {
    items.count('manifestFiles');
    const d = digests.get(e.path);
    if (!d) {
      items.fail(
        'manifestCoverage',
        e.path,
        `清单列出的文件“${e.path}”在信息包中不存在（被删除、移动或改名）：请从原信息包恢复该文件，或重新导出信息包`,
      );
      continue;
    }
    const fix = '：文件在生成信息包后被改动，请从原信息包恢复该文件，或重新导出信息包';
    const bad = [
      ...(e.sm3 !== null && e.sm3 !== d.sm3 ? ['SM3'] : []),
      ...(e.sha256 !== null && e.sha256 !== d.sha256 ? ['SHA-256'] : []),
    ];
    const sizeOff = e.size !== null && e.size !== d.size;
    const what = [
      ...(sizeOff ? [`大小为 ${d.size} 字节（清单记为 ${e.size} 字节）`] : []),
      ...(bad.length ? [`${sizeOff ? '' : ' '}${bad.join(' 与 ')} 摘要与清单不符`] : []),
    ];
    if (what.length) items.fail('manifestFiles', e.path, `“${e.path}”的${what.join('，')}${fix}`);
    if (e.sm3 === null && e.sha256 === null)
      items.fail('manifestFiles', e.path, `清单中“${e.path}”没有摘要：请重新导出信息包`);
  }
  for (const f of files) {
    if (manifestExcluded(f)) continue; // the manifest, its digests, the 移交登记表 printing them (layout.ts)
    items.count('manifestCoverage');
    if (listed.has(f)) continue;
    if (f === REPORT_XSD_PATH && fs.readFileSync(abs(f), 'utf8') === REPORT_XSD) continue; // written with the report
    items.fail(
      'manifestCoverage',
      f,
      `文件“${f}”不在文件清单（manifest.xml）中：是生成信息包后加入或改名的文件，请删除它或恢复原文件名，或重新导出信息包`,
    );
  }
  const manifestDigest = digests.get(MANIFEST);
  for (const [file, algo, actual] of [
    [MANIFEST_SM3, 'SM3', manifestDigest?.sm3],
    [MANIFEST_SHA256, 'SHA-256', manifestDigest?.sha256],
  ] as const) {
    items.count('manifestSelf');
    const recorded = digestInFile(readText(abs(file)) ?? '');
    if (!fileSet.has(file)) items.fail('manifestSelf', file, `缺少 ${file}（信息包的 ${algo} 摘要）：请重新导出信息包`);
    else if (!recorded) items.fail('manifestSelf', file, `${file} 中没有 ${algo} 摘要值：请重新导出信息包`);
    else if (actual && recorded !== actual)
      items.fail(
        'manifestSelf',
        file,
        `manifest.xml 的 ${algo} 摘要与 ${file} 记载的不符：文件清单在生成后被改动，请从原信息包恢复 manifest.xml，或重新导出信息包`,
      );
  }
  items.count('packageDigest');
  if (!items.list().find((i) => i.code === CHECK_ITEMS.manifestSelf.code)!.passed)
    items.fail(
      'packageDigest',
      MANIFEST,
      '信息包自身的摘要（manifest.sm3、manifest.sha256）校验不通过：见“文件清单自身摘要一致”一项',
    );
  const exp = opts.expected;
  if (exp && manifestDigest) {
    if (
      (exp.manifestSm3 && exp.manifestSm3 !== manifestDigest.sm3) ||
      (exp.manifestSha256 && exp.manifestSha256 !== manifestDigest.sha256)
    )
      items.fail(
        'packageDigest',
        MANIFEST,
        '信息包的摘要与本机导出时登记的不同：信息包在导出后被改动或替换（包括重新生成了文件清单），请重新导出信息包',
      );
  }

  if (scope === 'digests') return finish();

  // ---- structure and 说明文件 ----
  const readme = parseReadme(readText(abs(README)) ?? '');
  const declaredMode = readme.get('归档方式') ?? '';
  mode = declaredMode.includes('组卷')
    ? '组卷'
    : declaredMode.includes('按件')
      ? '按件'
      : fileSet.has(VOLUME_CATALOGUE)
        ? '组卷'
        : fileSet.has(ITEM_CATALOGUE)
          ? '按件'
          : null;
  const required = [README, MANIFEST, MANIFEST_SM3, MANIFEST_SHA256, HANDOVER_FORM];
  if (mode === '组卷') required.push(VOLUME_CATALOGUE, IN_VOLUME_CATALOGUE);
  else required.push(ITEM_CATALOGUE);
  for (const r of required) {
    items.count('structure');
    if (!fileSet.has(r)) items.fail('structure', r, `缺少“${r}”：请重新导出信息包`);
  }
  if (!declaredMode) items.fail('structure', README, '说明文件中没有“归档方式”（按件或组卷）：请重新导出信息包');
  else if (mode === '组卷' && fileSet.has(ITEM_CATALOGUE))
    items.fail(
      'structure',
      ITEM_CATALOGUE,
      '说明文件的归档方式为组卷，但信息包中有按件的文件目录.xml：请重新导出信息包',
    );
  else if (mode === '按件' && fileSet.has(VOLUME_CATALOGUE))
    items.fail('structure', VOLUME_CATALOGUE, '说明文件的归档方式为按件，但信息包中有案卷目录.xml：请重新导出信息包');
  if (!files.some((f) => f.startsWith(`${OTHER_DIR}/`) && f.endsWith('.xsd')))
    items.fail('structure', `${OTHER_DIR}/`, '“其他”文件夹中没有 XML 的 XSD：请重新导出信息包');
  for (const f of files) {
    const parts = f.split('/');
    const top = parts[0]!;
    if (parts.length === 1 ? TOP_LEVEL.has(top) : top === OTHER_DIR || top === CONTENT_DIR) {
      if (top === CONTENT_DIR) {
        const [, folder, name] = parts;
        const stem = name ? name.replace(/\.[^.]+$/, '') : '';
        if (parts.length !== 3 || stem !== folder)
          items.fail(
            'structure',
            f,
            `“${f}”不在规定的位置（应为 文件/档号/档号.pdf 或 .xml）：请删除该文件或恢复其原名，或重新导出信息包`,
          );
      }
      continue;
    }
    items.fail('structure', f, `“${f}”不是信息包规定的内容：请删除该文件，或重新导出信息包`);
  }

  // ---- catalogues ----
  const xmlDocs = new Map<string, XmlDocument>();
  const xmlError = new Map<string, string>();
  for (const f of files.filter((x) => /\.(xml|xsd)$/i.test(x))) {
    const r = tryParseXml(readText(abs(f)));
    if (r.doc) xmlDocs.set(f, r.doc);
    else xmlError.set(f, r.error ?? '无法读取');
  }
  const rowsOf = (f: string): CatalogueRow[] => {
    const d = xmlDocs.get(f);
    return d ? catalogueRows(d, f) : [];
  };
  volumeRows = mode === '组卷' ? rowsOf(VOLUME_CATALOGUE) : [];
  itemRows = mode === '组卷' ? rowsOf(IN_VOLUME_CATALOGUE) : rowsOf(ITEM_CATALOGUE);

  // numbering
  const numbering = (rows: CatalogueRow[], what: '件号' | '卷号') => {
    const seen = new Map<string, CatalogueRow>();
    const groups = new Map<string, { seq: number; row: CatalogueRow }[]>();
    rows.forEach((row, i) => {
      items.count('numbering');
      const no = row.fields.get('档号') ?? '';
      if (!no) return;
      const dup = seen.get(no);
      if (dup)
        items.fail(
          'numbering',
          `${row.where}（档号 ${no}）`,
          `档号 ${no} 重复（与${dup.where}相同）：请核对目录，重新编号后重新导出`,
        );
      seen.set(no, row);
      const parts = splitArchivalNo(no);
      // 顺序号 runs on within a group (a 卷), and may start again at 1 where the group changes
      const order = row.fields.get('顺序号');
      const prev = rows[i - 1];
      const sameGroup = !!prev && splitArchivalNo(prev.fields.get('档号') ?? '')?.group === parts?.group;
      const expected = prev ? Number(prev.fields.get('顺序号')) + 1 : 1;
      if (order !== undefined && Number(order) !== expected && (sameGroup || Number(order) !== 1))
        items.fail('numbering', row.where, `顺序号为 ${order}，应为 ${expected}：目录的顺序号应连续，请重新导出信息包`);
      if (!parts) {
        items.fail('numbering', `${row.where}（档号 ${no}）`, `档号“${no}”末尾没有${what}：请核对档号后重新导出`);
        return;
      }
      const g = groups.get(parts.group) ?? [];
      g.push({ seq: parts.seq, row });
      groups.set(parts.group, g);
    });
    for (const [group, list] of groups) {
      const nums = list.map((x) => x.seq).sort((a, b) => a - b);
      for (let k = 1; k < nums.length; k++) {
        if (nums[k] === nums[k - 1])
          items.fail('numbering', group, `${group} 中${what} ${nums[k]} 重复：请核对后重新编号并导出`);
        else if (nums[k]! > nums[k - 1]! + 1) {
          const from = nums[k - 1]! + 1;
          const to = nums[k]! - 1;
          items.fail(
            'numbering',
            group,
            `${group} 中缺少${what} ${from === to ? from : `${from}–${to}`}（空号）：请补齐该${what === '件号' ? '件' : '卷'}，或重新编号后重新导出`,
          );
        }
      }
    }
  };
  numbering(itemRows, '件号');
  if (mode === '组卷') {
    numbering(volumeRows, '卷号');
    for (const v of volumeRows) {
      const no = v.fields.get('档号') ?? '';
      const inside = itemRows.filter((r) => splitArchivalNo(r.fields.get('档号') ?? '')?.group === no);
      const declared = firstInt(v.fields.get('件数'));
      if (declared !== null && declared !== inside.length)
        items.fail(
          'catalogueFiles',
          `${v.where}（档号 ${no}）`,
          `案卷目录记该卷 ${declared} 件，卷内文件目录中有 ${inside.length} 件：请重新导出信息包`,
        );
    }
  }

  // required catalogue fields
  for (const row of [...itemRows, ...volumeRows]) {
    const required = row.file === VOLUME_CATALOGUE ? ['档号', '题名|案卷题名', '保管期限'] : REQUIRED_CATALOGUE;
    const miss = required
      .filter((k) => !k.split('|').some((a) => (row.fields.get(a) ?? '').trim()))
      .map((k) => k.split('|')[0]!);
    items.count('requiredMetadata');
    if (miss.length)
      items.fail('requiredMetadata', row.where, `目录缺少或未填：${miss.join('、')}。请补录后重新导出信息包`);
  }

  // ---- each 件: content file, metadata, their agreement ----
  const pdfFacts = new Map<string, PdfFacts>();
  const factsOf = async (f: string): Promise<PdfFacts | null> => {
    if (!fileSet.has(f)) return null;
    let facts = pdfFacts.get(f);
    if (!facts) {
      step(`正在检查：${f}`);
      try {
        facts = await inspectPackagePdf(fs.readFileSync(abs(f)));
      } catch {
        facts = {
          openError: '无法读取',
          encrypted: false,
          pageCount: 0,
          fontsNotEmbedded: [],
          actions: [],
          embedded: [],
          pdfa: null,
        };
      }
      pdfFacts.set(f, facts);
    }
    return facts;
  };
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

  // 说明文件's counts
  const declaredItems = firstInt(readme.get('件数'));
  if (declaredItems !== null && declaredItems !== itemRows.length)
    items.fail('structure', README, `说明文件记 ${declaredItems} 件，目录中有 ${itemRows.length} 件：请重新导出信息包`);
  if (mode === '组卷') {
    const declaredVolumes = firstInt(readme.get('卷数'));
    if (declaredVolumes !== null && declaredVolumes !== volumeRows.length)
      items.fail(
        'structure',
        README,
        `说明文件记 ${declaredVolumes} 卷，案卷目录中有 ${volumeRows.length} 卷：请重新导出信息包`,
      );
  }
  const declaredPages = firstInt(readme.get('页数'));
  if (declaredPages !== null && declaredPages !== pages)
    items.fail('structure', README, `说明文件记共 ${declaredPages} 页，各件的 PDF 共 ${pages} 页：请重新导出信息包`);
  const algos = readme.get('校验算法') ?? '';
  if (!/SM3/i.test(algos)) items.fail('structure', README, '说明文件的“校验算法”中没有 SM3：请重新导出信息包');

  // ---- every file: format, opens, encryption, fonts, active content ----
  const schemas = new Map<string, { schema: XsdSchema; file: string }>();
  for (const [f, d] of xmlDocs)
    if (f.endsWith('.xsd') && f.startsWith(`${OTHER_DIR}/`)) {
      const s = readSchema(d.root);
      for (const name of s.elements.keys()) if (!schemas.has(name)) schemas.set(name, { schema: s, file: f });
    }
  for (const f of files) {
    const ext = path.posix.extname(f).toLowerCase();
    items.count('formats');
    items.count('opens');
    if (!ALLOWED_EXT.has(ext)) {
      items.fail(
        'formats',
        f,
        `“${f}”的格式（${ext || '无扩展名'}）不在允许的 PDF、OFD、XML、TXT 之列：请删除该文件或转换格式后重新导出`,
      );
      continue;
    }
    let head: Buffer;
    try {
      const fd = fs.openSync(abs(f), 'r');
      head = Buffer.alloc(8);
      fs.readSync(fd, head, 0, 8, 0);
      fs.closeSync(fd);
    } catch {
      items.fail('opens', f, `“${f}”无法读取：请检查磁盘或从原信息包恢复该文件`);
      continue;
    }
    if (ext === '.pdf') {
      if (!head.toString('latin1').startsWith('%PDF-'))
        items.fail('formats', f, `“${f}”的扩展名为 .pdf，内容却不是 PDF：请从原信息包恢复该文件`);
      const facts = await factsOf(f);
      if (!facts) continue;
      items.count('notEncrypted');
      items.count('fonts');
      items.count('scripts');
      items.count('embedded');
      if (facts.openError)
        items.fail('opens', f, `“${f}”无法打开（${facts.openError}）：请从原信息包恢复该文件，或重新导出该件`);
      if (facts.encrypted) items.fail('notEncrypted', f, `“${f}”是加密的 PDF：请去除加密后重新导出该件`);
      if (facts.fontsNotEmbedded.length)
        items.fail(
          'fonts',
          f,
          `“${f}”中的字体 ${facts.fontsNotEmbedded.slice(0, 5).join('、')} 未嵌入：请以 PDF/A 重新导出该件`,
        );
      for (const a of facts.actions)
        items.fail('scripts', f, `“${f}”中有${a}：请删除该文件中的动作（或从原信息包恢复该文件）后重新导出`);
      for (const a of facts.embedded) items.fail('embedded', f, `“${f}”中有${a}：请删除嵌入的文件后重新导出该件`);
    } else if (ext === '.ofd') {
      if (head.readUInt32LE(0) !== 0x04034b50)
        items.fail('formats', f, `“${f}”的扩展名为 .ofd，内容却不是 OFD（ZIP 容器）：请从原信息包恢复该文件`);
      else if (!fs.readFileSync(abs(f)).includes(Buffer.from('OFD.xml')))
        items.fail('opens', f, `“${f}”中没有 OFD.xml，无法打开：请重新导出该件`);
    } else {
      let text = '';
      try {
        text = utf8.decode(fs.readFileSync(abs(f)));
      } catch {
        items.fail('opens', f, `“${f}”不是有效的 UTF-8 文本：请重新导出信息包`);
        continue;
      }
      if (ext === '.xml' || ext === '.xsd') {
        items.count('schema');
        const err = xmlError.get(f);
        if (err) {
          items.fail('opens', f, `“${f}”不是格式良好的 XML（${err}）：请从原信息包恢复该文件，或重新导出信息包`);
          items.fail('schema', f, `“${f}”不是格式良好的 XML（${err}）`);
          continue;
        }
        const doc = xmlDocs.get(f)!;
        if (!doc.hasDeclaration)
          items.fail('schema', f, `“${f}”缺少 XML 声明（<?xml version="1.0" encoding="UTF-8"?>）：请重新导出信息包`);
        else if (doc.declaredEncoding && !/^utf-?8$/i.test(doc.declaredEncoding))
          items.fail('schema', f, `“${f}”声明的编码为 ${doc.declaredEncoding}，应为 UTF-8：请重新导出信息包`);
        if (ext === '.xsd') continue;
        const s = schemas.get(doc.root.local);
        if (!s) {
          items.fail(
            'schema',
            f,
            `“其他”文件夹中没有根元素为 <${doc.root.local}> 的 XSD，“${f}”无法校验：请重新导出信息包`,
          );
          continue;
        }
        for (const e of validateAgainst(s.schema, doc.root).slice(0, 10))
          items.fail('schema', f, `“${f}”不符合 ${s.file}：${e}`);
      } else if (!text.trim()) items.fail('opens', f, `“${f}”是空文件：请重新导出信息包`);
    }
  }

  return finish();

  function finish(): PackageCheckReport {
    const list = items.list();
    return {
      dir: root,
      packageName: path.basename(root),
      mode,
      checkedAt: (opts.now ?? (() => new Date()))().toISOString(),
      softwareVersion: APP_VERSION,
      scope,
      passed: list.every((i) => i.passed),
      ok: list.every((i) => i.passed),
      items: list,
      counts: countsOf(),
      ms: Date.now() - started,
    };
  }
  function countsOf() {
    return { items: itemRows.length, volumes: volumeRows.length, files: files.length, pages };
  }
}

/** The text of a 摘要算法 element beside a 数字摘要 (DA/T 46 puts them side by side), or null. */
function digestAlgoSibling(root: XmlElement, digest: XmlElement): string | null {
  const walk = (e: XmlElement): XmlElement | null =>
    e.children.includes(digest) ? e : e.children.reduce<XmlElement | null>((f, c) => f ?? walk(c), null);
  const sib = walk(root)?.children.find((c) => c.local === '摘要算法');
  return sib ? sib.text.trim() : null;
}

/** SM3 and SHA-256 of a package's manifest.xml: the package's digest, recorded at export. */
export function packageDigest(dir: string): { manifestSm3: string; manifestSha256: string } {
  const buf = fs.readFileSync(path.join(dir, MANIFEST));
  return { manifestSm3: sm3Of(buf), manifestSha256: crypto.createHash('sha256').update(buf).digest('hex') };
}

export { REPORT_DIR };

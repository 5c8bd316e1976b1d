/**
 * The 归档信息包 export (issue 17): the 件 of a 年度 or of chosen volumes as a folder an archive accepts — each 件 a
 * PDF/A-1b with its DA/T 46 metadata XML, the catalogue(s), every file's SM3 and SHA-256 in manifest.xml, the
 * package's own digest, the 移交登记表, the XSDs (layout.ts) — then the 四性检测 (check.ts), optionally one .zip.
 *
 * Atomic: built in a hidden temp folder beside the destination, every file fsynced, renamed into place at the
 * end; on any failure (disk full, read-only, cancelled, a scan gone) nothing of the package is left.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import dayjs from 'dayjs';
import type { AppContext } from '../platform/context';
import { AppError, formatBytes } from '../platform/errors';
import { fsyncDir } from '../files/atomicWrite';
import { safeFileName } from '../files/names';
import { yieldToEventLoop } from '../platform/jobs';
import { APP_VERSION } from '../platform/version';
import { cancelled } from '../volumes/render/render';
import { actionReader } from './actions';
import { checkPackage, type PackageCheckReport } from './check';
import { recordExportedPackage } from './checkRegistry';
import { writeCheckReport } from './checkReport';
import { ItemRenderer } from './itemPdf';
import {
  CATALOGUE_FILE,
  CONTENT_DIR,
  digestLine,
  ITEM_CATALOGUE_FILE,
  MANIFEST_FILE,
  MANIFEST_SHA256_FILE,
  MANIFEST_SM3_FILE,
  manifestExcluded,
  README_FILE,
  REGISTER_FILE,
  SCHEMA_DIR,
  VOLUME_CATALOGUE_FILE,
} from './layout';
import { catalogueFiles, itemMetadata, type Written } from './packageXml';
import { fsyncTree, listFiles, packageFault, packageName } from './packageFolder';
import { renderRegister } from './register';
import { SCHEMAS } from './schemas';
import { digestBytes, digestFile, type FileDigest } from './sm3';
import { loadSource, numberItems, type ArchiveMode, type SourceItem } from './source';
import { el, xmlDocument, type XNode } from './xml';
import { writeZip } from './zip';

export interface PackageProgress {
  phase: 'layout' | 'render' | 'digest' | 'check' | 'zip';
  done: number;
  total: number;
  message: string;
}

export interface PackageOptions {
  volumeIds?: number[];
  year?: number;
  /** 按件 / 组卷; default: the office's 归档方式 (source.ts). */
  mode?: ArchiveMode;
  /** The folder the package folder (and .zip) is created in. */
  dest: string;
  zip?: boolean;
  onProgress?: (p: PackageProgress) => void;
  signal?: AbortSignal;
}

export interface PackageResult {
  /** The package folder. */
  dir: string;
  name: string;
  zip: string | null;
  mode: ArchiveMode;
  items: number;
  /** 组卷: the number of 卷; null in 按件 mode. */
  volumes: number | null;
  pages: number;
  /** Bytes of the package folder's files (without 检测/). */
  bytes: number;
  /** Items written as PDF/A-1b (the others bind a PDF that cannot be PDF/A and are plain PDF). */
  pdfa: number;
  /** SM3 and SHA-256 of manifest.xml: the package's digest. */
  sm3: string;
  sha256: string;
  check: PackageCheckReport;
  ms: number;
}

const rel = (...parts: string[]) => parts.join('/');

/** Writes the 归档信息包 (atomically), runs the 四性检测 on it and optionally zips it. */
export async function exportPackage(ctx: AppContext, opts: PackageOptions): Promise<PackageResult> {
  const t0 = Date.now();
  const abort = () => {
    if (opts.signal?.aborted) throw cancelled();
  };
  const progress = (p: PackageProgress) => opts.onProgress?.(p);
  const src = loadSource(ctx, opts);
  const dest = path.resolve(opts.dest);
  const now = ctx.now();
  const renderer = new ItemRenderer(ctx);

  // 1. every 件 laid out (scans opened), so the 档号 (which 卷 after a page-limit split) is known
  const all: SourceItem[] = src.volumes.flatMap((v) => v.items);
  const laid = new Map<SourceItem, Awaited<ReturnType<ItemRenderer['layout']>>>();
  for (const [i, item] of all.entries()) {
    abort();
    laid.set(item, await renderer.layout(item.data));
    if (i % 10 === 9 || i === all.length - 1)
      progress({ phase: 'layout', done: i + 1, total: all.length, message: '正在检查扫描件、排版登记表' });
    if (i % 10 === 9) await yieldToEventLoop();
  }
  const numbered = numberItems(src, new Map([...laid].map(([k, v]) => [k, v.length])));
  const seen = new Set<string>();
  for (const n of numbered) {
    if (seen.has(n.archivalNo))
      throw new AppError(
        'VALIDATION',
        `档号“${n.archivalNo}”重复（案卷的全宗号、年度、保管期限和卷号有重复），请在“案卷归档”中修改卷号后重新导出`,
      );
    seen.add(n.archivalNo);
  }
  const estimate =
    all.reduce((a, it) => a + it.data.scans.reduce((s, x) => s + x.size, 0), 0) +
    [...laid.values()].reduce((a, p) => a + p.length, 0) * 40_000;

  let made: string | undefined;
  let tmp: string | null = null;
  let final: string | null = null;
  let zipFile: string | null = null;
  try {
    made = fs.mkdirSync(dest, { recursive: true });
    const name = packageName(dest, src.fondsCode, src.years, src.mode, now);
    tmp = path.join(dest, `.${name}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
    fs.mkdirSync(tmp);
    // Inside the temp folder files are written plainly and fsynced once, all together, before the rename; their
    // digests are taken from the bytes as written, so the manifest reads nothing twice.
    const digests = new Map<string, FileDigest>();
    const put = (relPath: string, data: Uint8Array) => {
      const file = path.join(tmp!, ...relPath.split('/'));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, data);
      digests.set(relPath, digestBytes(data));
    };

    // 2. each 件: its PDF, then its metadata (which carries the PDF's size and digest)
    const actions = actionReader(ctx);
    const written: Written[] = [];
    for (const [i, n] of numbered.entries()) {
      abort();
      const d = n.item.data;
      const h = n.item.volume.header;
      const stem = safeFileName(n.archivalNo);
      const pdf = rel(CONTENT_DIR, stem, `${stem}.pdf`);
      const file = path.join(tmp, CONTENT_DIR, stem, `${stem}.pdf`);
      const pages = laid.get(n.item)!;
      const { pdfa } = await renderer.render(pages, {
        header: h,
        archivalNo: n.archivalNo,
        title: d.entry.title,
        seq: n.seq,
        file,
        creationDate: now,
        signal: opts.signal,
      });
      const digest = await digestFile(file);
      digests.set(pdf, digest);
      const w: Written = { n, pdf, pages: pages.length, pdfa, digest };
      written.push(w);
      put(rel(CONTENT_DIR, stem, `${stem}.xml`), xmlDocument(itemMetadata(w, stem, src, actions)));
      progress({
        phase: 'render',
        done: i + 1,
        total: numbered.length,
        message: `正在生成第 ${i + 1} 件：${n.archivalNo}`,
      });
      await yieldToEventLoop();
    }

    // 3. catalogue(s), schemas, 说明文件
    const volumeCount = src.mode === '组卷' ? new Set(numbered.map((n) => n.volumeArchivalNo)).size : null;
    for (const [file, xml] of catalogueFiles(src.mode, written)) put(file, xml);
    for (const [file, xsd] of Object.entries(SCHEMAS)) put(rel(SCHEMA_DIR, file), Buffer.from(xsd, 'utf8'));
    const pages = written.reduce((a, w) => a + w.pages, 0);
    const pdfaCount = written.filter((w) => w.pdfa).length;
    const years = src.years.length === 1 ? `${src.years[0]}` : `${src.years[0]}—${src.years[src.years.length - 1]}`;
    const formats = `PDF/A-1b（${pdfaCount} 件）${pdfaCount < written.length ? `、PDF（${written.length - pdfaCount} 件：装订的文件不符合 PDF/A，见检测报告）` : ''}；元数据 XML（DA/T 46-2009）`;
    const scope = opts.volumeIds?.length
      ? `选定的案卷 ${src.volumes.length} 卷：${src.volumes.map((v) => v.header.title).join('；')}`
      : `${years} 年度的全部案卷（${src.volumes.length} 卷）`;
    const readme = [
      `立档单位：${src.office}`,
      `全宗名称：${src.fondsName}`,
      `全宗号：${src.fondsCode || '（未设置）'}`,
      `年度：${years}`,
      `范围：${scope}`,
      `归档方式：${src.mode}`,
      `件数：${written.length} 件${volumeCount !== null ? `；卷数：${volumeCount} 卷` : ''}`,
      `页数：${pages} 页`,
      `格式：${formats}`,
      `生成软件与版本：安委台账 ${APP_VERSION}`,
      `校验算法：SM3（GB/T 32905-2016）、SHA-256`,
      `生成时间：${dayjs(now).format('YYYY-MM-DD HH:mm:ss')}`,
      '',
      '包内结构：',
      `  ${README_FILE}　本说明`,
      src.mode === '按件'
        ? `  ${CATALOGUE_FILE}　文件目录（每件一条）`
        : `  ${VOLUME_CATALOGUE_FILE}　案卷目录；${ITEM_CATALOGUE_FILE}　卷内文件目录`,
      `  ${MANIFEST_FILE}　文件清单：每个文件的大小与 SM3、SHA-256 摘要（不含 manifest.xml、${MANIFEST_SM3_FILE}、${MANIFEST_SHA256_FILE}、${REGISTER_FILE} 和“检测”文件夹）`,
      `  ${MANIFEST_SM3_FILE}、${MANIFEST_SHA256_FILE}　manifest.xml 的摘要（包摘要，亦印在移交登记表上）`,
      `  ${REGISTER_FILE}　电子档案移交登记表，打印后签字盖章`,
      `  ${CONTENT_DIR}/<档号>/<档号>.pdf　每件一个 PDF/A 文件（登记表与扫描件），首页有归档章和档号`,
      `  ${CONTENT_DIR}/<档号>/<档号>.xml　该件的元数据（DA/T 46-2009 文书类电子文件元数据）`,
      `  ${SCHEMA_DIR}/　以上各 XML 文件的 XML Schema（XSD）`,
      '  检测/　四性检测（DA/T 70-2018）报告',
      '',
    ].join('\r\n');
    put(README_FILE, Buffer.from(readme, 'utf8'));

    // 4. manifest of every file, its own digest, the 移交登记表 that prints it
    abort();
    const files = listFiles(tmp).filter((f) => !manifestExcluded(f));
    const entries: XNode[] = [];
    let bytes = 0;
    for (const [i, f] of files.entries()) {
      const dg = digests.get(f) ?? (await digestFile(path.join(tmp, ...f.split('/'))));
      bytes += dg.size;
      entries.push(el('文件', [el('路径', f), el('大小', dg.size), el('SM3', dg.sm3), el('SHA256', dg.sha256)]));
      if (i % 20 === 19 || i === files.length - 1)
        progress({ phase: 'digest', done: i + 1, total: files.length, message: '正在计算文件摘要（SM3、SHA-256）' });
    }
    const manifest = xmlDocument(
      el('文件清单', entries, { 包名: name, 生成时间: dayjs(now).format('YYYY-MM-DDTHH:mm:ssZ') }),
    );
    put(MANIFEST_FILE, manifest);
    const own = digestBytes(manifest);
    put(MANIFEST_SM3_FILE, Buffer.from(digestLine(own.sm3), 'utf8'));
    put(MANIFEST_SHA256_FILE, Buffer.from(digestLine(own.sha256), 'utf8'));
    const titles = [...new Set(src.volumes.map((v) => v.header.title))];
    put(
      REGISTER_FILE,
      await renderRegister(
        {
          packageName: name,
          office: src.office,
          fondsName: src.fondsName,
          fondsCode: src.fondsCode,
          content: `文书档案：${titles.slice(0, 3).join('；')}${titles.length > 3 ? ` 等 ${titles.length} 个案卷` : ''}`,
          years,
          mode: src.mode,
          items: written.length,
          volumes: volumeCount,
          pages,
          bytes: `${formatBytes(bytes)}（${files.length} 个文件）`,
          formats,
          sm3: own.sm3,
          sha256: own.sha256,
          createdAt: dayjs(now).format('YYYY-MM-DD HH:mm:ss'),
        },
        renderer.fontPlan,
      ),
    );

    // 5. into place
    abort();
    fsyncTree(tmp);
    final = path.join(dest, name);
    fs.renameSync(tmp, final);
    tmp = null;
    fsyncDir(dest);

    // 6. the 四性检测, then the .zip (with the report)
    progress({ phase: 'check', done: 0, total: 1, message: '正在进行四性检测' });
    const check = await checkPackage(final, { signal: opts.signal, now: ctx.now });
    await writeCheckReport(check); // 检测/检测报告.xml and .pdf (and 其他/检测报告.xsd), before the .zip
    if (opts.zip) {
      abort();
      zipFile = path.join(dest, `${name}.zip`);
      await writeZip(final, name, zipFile, {
        signal: opts.signal,
        onProgress: (done, total) => progress({ phase: 'zip', done, total, message: '正在压缩为 .zip 文件' }),
      });
    }
    recordExportedPackage(ctx, final, { mode: src.mode }); // re-checked at start-up from now on
    return {
      dir: final,
      name,
      zip: zipFile,
      mode: src.mode,
      items: written.length,
      volumes: volumeCount,
      pages,
      bytes,
      pdfa: pdfaCount,
      sm3: own.sm3,
      sha256: own.sha256,
      check,
      ms: Date.now() - t0,
    };
  } catch (e) {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    if (final) fs.rmSync(final, { recursive: true, force: true });
    if (zipFile) fs.rmSync(zipFile, { force: true });
    if (made) fs.rmSync(made, { recursive: true, force: true });
    throw packageFault(e, dest, estimate);
  }
}

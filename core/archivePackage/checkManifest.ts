/**
 * The 四性检测's digest checks of a package: every file against the manifest (manifest.xml: SM3, SHA-256, size),
 * every file listed there (nothing added, removed or renamed since export), the manifest's own digests
 * (manifest.sm3, manifest.sha256), and the package's digest against the one recorded when this computer exported
 * it. These are all a 'digests'-scope check runs.
 */
import fs from 'node:fs';
import { CHECK_ITEMS, type CheckPackageOptions } from './checkTypes';
import {
  MANIFEST,
  MANIFEST_SHA256,
  MANIFEST_SM3,
  digestInFile,
  manifestEntries,
  readText,
  tryParseXml,
} from './checkRead';
import { REPORT_XSD, REPORT_XSD_PATH } from './checkReportSchema';
import { manifestExcluded } from './layout';
import type { CheckRun } from './checkRun';

/** Checks the manifest and the package's own digests; `exp` is the digest recorded at export, when known. */
export function checkManifest(run: CheckRun, exp: CheckPackageOptions['expected']): void {
  const { files, fileSet, abs, items, digests } = run;
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
}

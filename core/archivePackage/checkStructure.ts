/**
 * The 四性检测's structure checks: the 归档方式 the 说明文件 declares (按件 or 组卷, else guessed from the
 * catalogues present), the files that mode requires, every file in a place the package layout allows (文件/档号/
 * 档号.pdf or .xml, 其他/, the top-level catalogues), and, once the entries are read, the counts the 说明文件
 * records (件数, 卷数, 页数) and its 校验算法.
 */
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
  VOLUME_CATALOGUE,
  type CatalogueRow,
  firstInt,
  parseReadme,
  readText,
} from './checkRead';
import type { CheckRun } from './checkRun';

export type PackageMode = '按件' | '组卷' | null;

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

/** Checks the package's structure; returns the 说明文件's fields and the package's 归档方式. */
export function checkStructure(run: CheckRun): { readme: Map<string, string>; mode: PackageMode } {
  const { files, fileSet, abs, items } = run;
  const readme = parseReadme(readText(abs(README)) ?? '');
  const declaredMode = readme.get('归档方式') ?? '';
  const mode: PackageMode = declaredMode.includes('组卷')
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
  return { readme, mode };
}

/** Checks the counts and algorithms the 说明文件 records against what the package holds. */
export function checkReadmeCounts(
  run: CheckRun,
  readme: Map<string, string>,
  mode: PackageMode,
  itemRows: CatalogueRow[],
  volumeRows: CatalogueRow[],
  pages: number,
): void {
  const { items } = run;
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
}

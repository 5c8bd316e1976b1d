/**
 * The 四性检测's catalogue checks: every XML and XSD of the package parsed once (kept for the checks after), the
 * rows of the 文件目录 (按件) or of the 案卷目录 and 卷内文件目录 (组卷), their numbering (档号 unique, 件号 and 卷号
 * without gaps or repeats, 顺序号 running on), each 卷's 件数 against its rows, and the required fields of each row.
 */
import {
  IN_VOLUME_CATALOGUE,
  ITEM_CATALOGUE,
  VOLUME_CATALOGUE,
  type CatalogueRow,
  catalogueRows,
  firstInt,
  readText,
  splitArchivalNo,
  tryParseXml,
} from './checkRead';
import type { XmlDocument } from './checkXml';
import type { CheckRun } from './checkRun';
import type { PackageMode } from './checkStructure';

export const REQUIRED_CATALOGUE = ['档号', '题名', '日期', '保管期限', '页数'];

export interface Catalogues {
  /** Each well-formed XML or XSD file of the package, parsed. */
  xmlDocs: Map<string, XmlDocument>;
  /** Why each other XML or XSD file could not be parsed. */
  xmlError: Map<string, string>;
  itemRows: CatalogueRow[];
  volumeRows: CatalogueRow[];
}

/** Parses the package's XML, reads the catalogues and checks their numbering and required fields. */
export function checkCatalogues(run: CheckRun, mode: PackageMode): Catalogues {
  const { files, abs, items } = run;
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
  const volumeRows = mode === '组卷' ? rowsOf(VOLUME_CATALOGUE) : [];
  const itemRows = mode === '组卷' ? rowsOf(IN_VOLUME_CATALOGUE) : rowsOf(ITEM_CATALOGUE);

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
  return { xmlDocs, xmlError, itemRows, volumeRows };
}

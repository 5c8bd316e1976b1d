import type { HazardStats, StatsRow } from './service';
import { addPrintSheet, newWorkbook, workbookBuffer } from '../exports/xlsx';

const HEADER: (string | null)[][] = [
  ['__KEY__', '检查单位（家次）', '排查隐患（处）', null, '已整改（处）', null, '整改率', '逾期未整改（处）'],
  [null, null, '合计', '其中重大', '合计', '其中重大', null, null],
];

function rows(list: StatsRow[], total: StatsRow): (string | number)[][] {
  // 整改率 as a fraction with a percent format (a number, not the text "85.3%")
  const line = (r: StatsRow, key = r.key) => [
    key,
    r.checked,
    r.total,
    r.major,
    r.rectified,
    r.majorRectified,
    r.rate / 100,
    r.overdue,
  ];
  return [...list.map((r) => line(r)), line(total, '合计')];
}

/** The statistics table as a print-ready workbook: one sheet per breakdown. */
export async function statsWorkbook(s: HazardStats, opts: { office: string; periodLabel: string }): Promise<Buffer> {
  const wb = newWorkbook(opts.office);
  const sub = `${opts.office}　　统计期间：${opts.periodLabel}`;
  const specs: [string, string, StatsRow[]][] = [
    ['按乡镇', '乡镇（街道）', s.hazards.byTownship],
    ['按行业', '行业领域', s.hazards.byIndustry],
    ['按类别', '隐患类别', s.hazards.byCategory],
    ['按月份', '月份', s.hazards.byMonth],
  ];
  for (const [name, keyLabel, list] of specs) {
    addPrintSheet(wb, name, {
      title: `安全隐患排查整治情况统计表（${name.slice(1)}）`,
      subtitle: sub,
      header: HEADER.map((r) => r.map((c) => (c === '__KEY__' ? keyLabel : c))),
      widths: [18, 14, 10, 10, 10, 10, 10, 14],
      columns: [{}, {}, {}, {}, {}, {}, { numFmt: '0.0%' }, {}],
      rows: rows(list, s.hazards),
    });
  }
  return workbookBuffer(wb);
}

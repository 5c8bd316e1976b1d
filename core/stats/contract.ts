/** IPC contract of the statistics (stats:*) and the 工作台 summary (home:*). */
import { z } from 'zod';
import { count, date, empty, hazardFilter, rowId, savedFile, str } from '../ipc/primitives';
import { hazardListRow } from '../hazards/contract';
import { boardStatus, returnView } from '../returns/contract';

const statsQuery = z.object({ ...hazardFilter, from: date.optional(), to: date.optional() }).strict();

export const contract = {
  'stats:get': statsQuery,
  'stats:exportExcel': statsQuery,

  'home:summary': empty,
} as const satisfies Record<string, z.ZodType>;

export const statsRow = z.object({
  key: z.string(),
  checked: count,
  total: count,
  major: count,
  rectified: count,
  majorRectified: count,
  overdue: count,
  rate: z.number(),
});
export const stats = z.object({
  period: z.object({ from: str, to: str }),
  scope: z.object({
    townships: z.array(z.string()),
    industries: z.array(z.string()),
    categories: z.array(z.string()),
    levels: z.array(z.string()),
  }),
  hazards: statsRow.extend({
    byTownship: z.array(statsRow),
    byIndustry: z.array(statsRow),
    byCategory: z.array(statsRow),
    byMonth: z.array(statsRow),
  }),
  paragraph: z.string(),
});
export const homeItem = z.object({
  unitId: rowId,
  unitName: z.string(),
  docNo: z.string(),
  what: z.string(),
  deadline: str,
  status: boardStatus,
  detail: str,
});
export const homeSummary = z.object({
  today: z.string(),
  dueThisWeek: z.array(homeItem),
  dueThisWeekCount: count,
  late: z.array(homeItem),
  lateCount: count,
  openMajor: z.array(hazardListRow.extend({ supervisingUnit: str, supervisionDeadline: str })),
  openMajorCount: count,
  openMajorOverdueCount: count,
  latestReturns: z.array(returnView),
  pledges: z.object({ total: count, signed: count, withScan: count }),
  yearStats: z.object({ total: count, major: count, rectified: count, rate: z.number(), overdue: count }),
  /** The start-up re-check of sealed volumes, boxes and exported packages (core/archivePackage/checkRecheck.ts). */
  archives: z.object({
    running: z.boolean(),
    scope: z.enum(['digests', 'full']).nullable(),
    startedAt: str,
    checkedAt: str,
    volumes: count,
    packages: count,
    changes: z.array(
      z.object({
        kind: z.enum(['volume', 'box', 'package']),
        id: rowId,
        title: z.string(),
        where: z.string(),
        state: z.enum(['changed', 'missing']),
        changes: z.array(z.string()),
      }),
    ),
    error: str,
  }),
});

export const outputs = {
  'stats:get': stats,
  'stats:exportExcel': savedFile,

  'home:summary': homeSummary,
} satisfies { [C in keyof typeof contract]: z.ZodType };

/**
 * Output shapes of the 归档信息包 (DA/T 22-2015) and 四性检测 (DA/T 70-2018) channels: the package written, a
 * package checked, the packages exported so far, and the start-up re-check of sealed volumes and packages.
 */
import { z } from 'zod';
import type { Channel } from '../ipc/contract';
import { done, rowId as id, str } from '../ipc/primitives';
import { homeSummary } from '../stats/contract';

const count = z.number().int();
const packageMode = z.enum(['按件', '组卷']);

const checkFinding = z.object({ where: z.string(), message: z.string() });

/** The 四性检测 report of one package (core/archivePackage/checkTypes.ts PackageCheckReport). */
export const packageCheckReport = z.object({
  dir: z.string(),
  packageName: z.string(),
  mode: packageMode.nullable(),
  checkedAt: z.string(),
  softwareVersion: z.string(),
  scope: z.enum(['full', 'digests']),
  passed: z.boolean(),
  ok: z.boolean(),
  items: z.array(
    z.object({
      code: z.string(),
      category: z.enum(['真实性', '完整性', '可用性', '安全性']),
      name: z.string(),
      description: z.string(),
      passed: z.boolean(),
      ok: z.boolean(),
      message: z.string().optional(),
      checked: count,
      findings: z.array(checkFinding),
    }),
  ),
  counts: z.object({ items: count, volumes: count, files: count, pages: count }),
  ms: z.number(),
});

/** A package written; null when the clerk cancelled the folder dialog. */
export const packageResult = z
  .object({
    dir: z.string(),
    name: z.string(),
    zip: str,
    mode: packageMode,
    items: count,
    volumes: count.nullable(),
    pages: count,
    bytes: z.number(),
    pdfa: count,
    sm3: z.string(),
    sha256: z.string(),
    check: packageCheckReport,
    ms: z.number(),
  })
  .nullable();

/** A package checked, with the token of its written report (to open it); null when the clerk cancelled. */
export const packageChecked = z.object({ report: packageCheckReport, reportToken: str, reportError: str }).nullable();

/** One package exported, as recorded, with the findings of its last check parsed. */
export const exportedPackage = z.object({
  id,
  name: z.string(),
  mode: str,
  dir: z.string(),
  manifestSm3: z.string(),
  manifestSha256: z.string(),
  exportedAt: z.string(),
  lastCheckedAt: str,
  lastScope: str,
  lastPassed: z.boolean().nullable(),
  lastFindingsJson: str,
  lastFindings: z.array(z.object({ code: z.string(), name: z.string(), findings: z.array(checkFinding) })),
});

/** The re-check of sealed volumes, boxes and exported packages: the same state the 工作台 shows. */
export const recheckState = homeSummary.shape.archives;

export const packageOutputs = {
  'volumes:exportPackage': packageResult,
  'volumes:checkPackage': packageChecked,
  'volumes:openCheckReport': done,
  'volumes:exportedPackages': z.array(exportedPackage),
  'volumes:recheckArchives': recheckState,
  'volumes:recheckState': recheckState,
} satisfies { [C in Channel]?: z.ZodType };

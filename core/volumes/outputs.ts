/**
 * Output shapes of the volume channels (组卷归档): the volume list and view, the selection preview, the
 * completeness check, the export/seal result, the export history and the 卷脊. The 归档信息包 and 四性检测
 * channels are in core/archivePackage/outputs.ts; volumes:delete and the print preview in ./contract.ts.
 * Derived types (z.output) are what the renderer reads; core/ipc/handlers.ts checks the services against them.
 */
import { z } from 'zod';
import type { Channel } from '../ipc/contract';
import { hazardLevel, hazardStatus, rowId as id, str } from '../ipc/primitives';
import { archiveMode } from '../settings/outputs';

const count = z.number().int();
const hash = z.string();

export const volumeStatus = z.enum(['sealed', 'draft']);
export const volumeRelation = z.enum(['supplement', 'edition']).nullable();
/** 保管期限: 永久, 定期30年, 定期10年. */
export const retention = z.enum(['Y', 'D30', 'D10']);
/** What a volume item is made from (a ledger extract is a filtered 隐患台账). */
export const volumeItemKind = z.enum(['pledge', 'ledger', 'return', 'closure']);

/** A hazard-list filter as stored with a ledger extract (core/hazards HazardFilter). */
const hazardFilter = z.object({
  search: z.string().optional(),
  townshipUnitIds: z.array(id).optional(),
  industries: z.array(z.string()).optional(),
  categories: z.array(z.string()).optional(),
  levels: z.array(hazardLevel).optional(),
  statuses: z.array(hazardStatus).optional(),
  overdue: z.boolean().optional(),
  supervised: z.boolean().optional(),
  fiveIncomplete: z.boolean().optional(),
  foundFrom: z.string().optional(),
  foundTo: z.string().optional(),
  deadlineFrom: z.string().optional(),
  deadlineTo: z.string().optional(),
  noticeId: id.optional(),
  reportingUnitId: id.optional(),
});
const ledgerParams = z.object({ filter: hazardFilter, unitName: z.string().optional() }).nullable();

/** One problem of the completeness check (core/volumes/types.ts Problem). */
export const volumeProblem = z.object({
  code: z.enum([
    'empty',
    'record-missing',
    'unsigned',
    'no-scan',
    'coverage',
    'return-missing',
    'hazard-no-acceptance',
    'hazard-no-evidence',
    'scan-missing',
    'scan-damaged',
    'scan-encrypted',
    'scan-mismatch',
    'blank-page',
    'not-bindable',
    'pdfa-cmyk',
    'pdfa-refused',
    'glyph-missing',
    'annotation-lost',
    'orientation',
    'seal-no-pdf',
    'seal-pdf-missing',
    'seal-pdf-changed',
    'record-changed',
    'fonds-code',
    'volume-no',
    'oversize',
    'org-code',
    'piece-series',
  ]),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
  itemPosition: count.optional(),
  attachmentId: id.optional(),
  file: z.string().optional(),
});
/** The completeness check of a volume (volumes:check, and the check kept with the volume and its export). */
export const checkResult = z.object({
  checkedAt: z.string(),
  ok: z.boolean(),
  errors: count,
  warnings: count,
  problems: z.array(volumeProblem),
  sealed: z.object({ intact: z.boolean(), storedPdf: z.boolean() }).optional(),
});

/** One bound PDF of an export (a volume of more than pageLimit pages is split into parts). */
const exportedPart = z.object({
  volumeNo: count,
  file: z.string(),
  pages: count,
  itemPages: count,
  items: count,
  sha256: hash,
  attachmentId: id.optional(),
});

/** One row of the volume list. */
export const volumeListRow = z.object({
  id,
  status: volumeStatus,
  relation: volumeRelation,
  edition: count,
  title: z.string(),
  archivalNo: z.string(),
  archiveMode,
  year: count,
  retention,
  volumeNo: count,
  partCount: count,
  items: count,
  pages: count.nullable(),
  sealedAt: str,
  sha256: str,
  outOfDate: z.boolean(),
  updatedAt: z.string(),
});

/** One item of a volume, with whether its record is still as bound. */
export const volumeItemView = z.object({
  id,
  position: count,
  kind: volumeItemKind,
  recordId: id.nullable(),
  title: z.string(),
  docNo: z.string(),
  responsible: z.string(),
  date: str,
  note: z.string(),
  scans: count,
  /** The ledger extract's filter, as stored (JSON). */
  params: str,
  state: z.enum(['ok', 'missing', 'changed']),
  pieceArchivalNo: str.optional(),
});

/** A record already bound into another volume (offered again only when the clerk says so). */
const archivedRecord = z.object({
  kind: volumeItemKind,
  recordId: id.nullable(),
  title: z.string(),
  volumeId: id,
  volumeTitle: z.string(),
  status: volumeStatus,
  archivalNo: z.string(),
  itemArchivalNo: z.string(),
});

/** One volume with its items, parts and last check (volumes:get/create/update/supplement/newEdition). */
export const volumeView = z.object({
  id,
  status: volumeStatus,
  relation: volumeRelation,
  basedOnId: id.nullable(),
  edition: count,
  archiveMode,
  spineWidth: count.nullable(),
  title: z.string(),
  fondsName: z.string(),
  fondsCode: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  year: count,
  retention,
  volumeNo: count,
  partCount: count,
  archivalNo: z.string(),
  organization: z.string(),
  creator: z.string(),
  checker: z.string(),
  compiledDate: str,
  remarks: z.string(),
  secrecy: str,
  selection: z.object({
    kinds: z.array(z.enum(['pledge', 'hazard', 'return', 'closure'])),
    noticeId: id.optional(),
    unitId: id.optional(),
    year: count.optional(),
    level: count.optional(),
    hazardLevel: hazardLevel.optional(),
    includeUnsigned: z.boolean().optional(),
  }),
  orderBy: z.enum(['date', 'level', 'unit', 'manual']),
  pageLimit: count,
  duplex: z.boolean(),
  archiveStamp: z.boolean(),
  pdfa: z.boolean(),
  check: checkResult.nullable(),
  sealedAt: str,
  sealedBy: str,
  sha256: str,
  parts: z.array(exportedPart.omit({ file: true })),
  outOfDate: z.boolean(),
  items: z.array(volumeItemView),
  version: count,
  createdAt: z.string(),
  updatedAt: z.string(),
  reopened: z.boolean().optional(),
  alreadyArchived: z.array(archivedRecord).optional(),
});

/** What an item is made of: the record, or the ledger filter (core/volumes/types.ts ItemSpec). */
const itemSpec = z.object({
  kind: volumeItemKind,
  recordId: id.nullable(),
  params: ledgerParams.optional(),
  title: str.optional(),
  note: str.optional(),
});

/** What a selection would bind, before the volume is made (volumes:preview). */
export const previewItem = z.object({
  kind: volumeItemKind,
  recordId: id.nullable(),
  title: z.string(),
  date: str,
  responsible: z.string(),
  scans: count,
  params: ledgerParams.optional(),
  note: str.optional(),
});

/** How a volume's records changed since it was made (volumes:status). */
export const volumeStatusView = z.object({
  outOfDate: z.boolean(),
  changed: z.array(z.object({ position: count, title: z.string(), reason: z.string() })),
  missing: z.array(z.object({ position: count, title: z.string() })),
  added: z.array(z.object({ kind: volumeItemKind, recordId: id.nullable(), title: z.string(), spec: itemSpec })),
});

/** A volume written to PDF (or OFD); null when the clerk cancelled the save dialog. */
export const exportResult = z
  .object({
    volumeId: id,
    file: z.string(),
    pages: count,
    items: count,
    volumes: z.array(exportedPart),
    sha256: hash,
    sealed: z.boolean(),
    matchesSeal: z.boolean().nullable(),
    source: z.enum(['stored', 'rendered']),
    notice: str,
    check: checkResult,
    ms: z.number(),
  })
  .nullable();

/** One export of a volume as recorded (volumes:history): the stored row, its parts parsed. */
export const historyRow = z.object({
  id,
  volumeId: id,
  at: z.string(),
  actor: z.string(),
  kind: z.enum(['seal', 'draft', 'reexport']),
  file: z.string(),
  pages: count,
  items: count,
  sha256: hash,
  partsJson: z.string(),
  parts: z.array(exportedPart),
  problems: count,
  matchesSeal: z.boolean().nullable(),
  ms: z.number(),
});

export const volumeOutputs = {
  'volumes:list': z.array(volumeListRow),
  'volumes:get': volumeView,
  'volumes:preview': z.array(previewItem),
  'volumes:create': volumeView,
  'volumes:update': volumeView,
  'volumes:check': checkResult,
  'volumes:status': volumeStatusView,
  'volumes:export': exportResult,
  'volumes:seal': exportResult,
  'volumes:supplement': volumeView,
  'volumes:newEdition': volumeView,
  'volumes:history': z.array(historyRow),
  'volumes:spine': z.object({ file: z.string() }).nullable(),
} satisfies { [C in Channel]?: z.ZodType };

import type { Retention, VolumeItemKind } from '../../db/schema/volumes';
import type { HazardLevel } from '../domain/hazard';
import type { HazardFilter } from '../hazards/query';

/** What the clerk chooses to bind, by record kind (bound in this order: 明白书, returns, ledger extracts, closure files). */
export type VolumeKind = 'pledge' | 'return' | 'hazard' | 'closure';
export const VOLUME_KINDS: readonly VolumeKind[] = ['pledge', 'return', 'hazard', 'closure'];
export const VOLUME_KIND_LABELS: Record<VolumeKind, string> = {
  pledge: '安全生产责任明白书',
  return: '自查报告及报送材料',
  hazard: '隐患排查治理台账',
  closure: '隐患整改闭环材料',
};

export interface Selection {
  kinds: VolumeKind[];
  noticeId?: number;
  unitId?: number;
  year?: number;
  /** 谈话层级 1–4 (明白书). */
  level?: number;
  /** 隐患等级 (ledger extracts and closure files). */
  hazardLevel?: HazardLevel;
  /** Also bind 明白书 not yet signed (the check reports them). */
  includeUnsigned?: boolean;
}

export type VolumeOrder = 'date' | 'unit' | 'level' | 'manual';

/** One 件 of a volume as stored (the record it binds, or the filter of a ledger extract). */
export interface ItemSpec {
  kind: VolumeItemKind;
  recordId: number | null;
  params?: LedgerParams | null;
  title?: string | null;
  note?: string | null;
}

export interface LedgerParams {
  filter: HazardFilter;
  /** Who the extract is of, for the 目录 (乡镇 or 全市). */
  unitName?: string;
}

/** A bound-in file: PDF pages or one image page. */
export interface ScanRef {
  attachmentId: number;
  sha256: string;
  mime: string;
  name: string;
  size: number;
  pageCount: number | null;
  role: string;
  /** Quarter turns the clerk applied in the scan preview, clockwise degrees by page index ("0": 90). */
  rotations?: Record<string, number>;
}

/** A row of the 卷内目录. */
export interface CatalogEntry {
  docNo: string;
  responsible: string;
  title: string;
  /** YYYY-MM-DD */
  date: string | null;
  note: string;
}

/** A generated record sheet: a ruled form of label/value cells, then optional tables. */
export interface RecordSheet {
  type: 'record';
  title: string;
  subtitle: string;
  rows: { label: string; value: string }[][];
  tables: { title: string; columns: { label: string; width: number }[]; rows: string[][] }[];
  footer: string;
}

/** A hazard ledger extract: one wide table (landscape), its header in two rows with 五落实 grouped. */
export interface LedgerSheet {
  type: 'ledger';
  title: string;
  subtitle: string;
  rows: string[][];
  footer: string;
}

export type SheetData = RecordSheet | LedgerSheet;

/** Hazards in an item, for the completeness check (重大 closed without 验收 or evidence). */
export interface HazardFacts {
  id: number;
  label: string;
  level: HazardLevel;
  status: string;
  acceptedBy: string | null;
  acceptedDate: string | null;
  evidence: number;
}

/** Everything an item is printed from; stored as the item's snapshot when the volume is sealed. */
export interface ItemData {
  kind: VolumeItemKind;
  recordId: number | null;
  /** The record's version (null for a ledger extract). */
  version: number | null;
  entry: CatalogEntry;
  sheet: SheetData;
  scans: ScanRef[];
  sort: { date: string; unit: string; level: number };
  signed?: boolean;
  noticeId?: number | null;
  hazards?: HazardFacts[];
  /** For a ledger extract: “id:version” of every row, so a change in any row shows. */
  rowVersions?: string[];
}

export type Severity = 'error' | 'warning';

export interface Problem {
  code:
    | 'empty'
    | 'record-missing'
    | 'unsigned'
    | 'no-scan'
    | 'coverage'
    | 'return-missing'
    | 'hazard-no-acceptance'
    | 'hazard-no-evidence'
    | 'scan-missing'
    | 'scan-damaged'
    | 'scan-encrypted'
    | 'scan-mismatch'
    | 'blank-page'
    | 'not-bindable'
    | 'pdfa-cmyk'
    | 'pdfa-refused'
    | 'glyph-missing'
    | 'annotation-lost'
    | 'orientation'
    | 'seal-no-pdf'
    | 'seal-pdf-missing'
    | 'seal-pdf-changed'
    | 'record-changed'
    | 'fonds-code'
    | 'volume-no'
    | 'oversize'
    // 按件归档 (piece/export.ts)
    | 'org-code'
    | 'piece-series';
  severity: Severity;
  message: string;
  itemPosition?: number;
  attachmentId?: number;
  file?: string;
}

export interface CheckResult {
  checkedAt: string;
  ok: boolean;
  errors: number;
  warnings: number;
  problems: Problem[];
  /** A sealed volume checked now: whether nothing changed since sealing, and whether its PDF is kept in the store. */
  sealed?: { intact: boolean; storedPdf: boolean };
}

export interface VolumeHeader {
  id: number;
  title: string;
  fondsName: string;
  fondsCode: string;
  categoryCode: string;
  categoryName: string;
  year: number;
  retention: Retention;
  volumeNo: number;
  organization: string;
  creator: string;
  checker: string;
  compiledDate: string | null;
  remarks: string;
  secrecy: string | null;
  pageLimit: number;
  duplex: boolean;
  archiveStamp: boolean;
  pdfa: boolean;
}

export interface ExportProgress {
  phase: 'check' | 'layout' | 'render' | 'merge' | 'write';
  done: number;
  total: number;
  message: string;
}

export interface ExportOptions {
  onProgress?: (p: ExportProgress) => void;
  signal?: AbortSignal;
  /** Seal the volume with this export (draft volumes only). */
  seal?: boolean;
  /** For the print preview: the PDF goes to a temp file and no export is recorded in the volume's history. */
  preview?: boolean;
  /** Sealing: the clerk has seen the completeness check's warnings (listed in the refusal) and seals anyway. */
  confirmWarnings?: boolean;
}

export interface ExportedPart {
  volumeNo: number;
  file: string;
  pages: number;
  itemPages: number;
  items: number;
  sha256: string;
  /** The sealed PDF kept in the attachment store (sealed volumes; absent for volumes sealed by older versions). */
  attachmentId?: number;
}

export interface ExportResult {
  volumeId: number;
  file: string;
  pages: number;
  items: number;
  volumes: ExportedPart[];
  sha256: string;
  sealed: boolean;
  /** Re-export of a sealed volume: whether it reproduced the sealed PDF byte for byte. */
  matchesSeal: boolean | null;
  /** 'stored': the bytes kept at sealing, copied out and verified; 'rendered': drawn now. */
  source: 'stored' | 'rendered';
  /** A sentence for the clerk about how a sealed volume was reproduced (older seals without stored bytes). */
  notice: string | null;
  check: CheckResult;
  ms: number;
}

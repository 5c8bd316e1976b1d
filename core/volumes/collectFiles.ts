/**
 * The files a record binds into its 卷 and the helpers its record sheet is written with: which attachments are
 * bound (PDF, JPEG, PNG) and which are only listed as electronic files, each as a ScanRef with the page turns the
 * clerk set; the 所附材料 table of a record sheet; and the 是/否 and “—” a sheet shows for a flag or an empty
 * field. Shared by the 明白书 and 报送 items (collect.ts) and the hazard items (collectHazards.ts).
 */
import { inArray } from 'drizzle-orm';
import { attachments } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { pageRotations } from '../attachments/service';
import type { ScanRef } from './types';

export const BINDABLE_MIMES = ['application/pdf', 'image/jpeg', 'image/png'];

export const yesNo = (b: boolean) => (b ? '是' : '否');
export const orDash = (s: string | null | undefined) => (s && s.trim() ? s : '—');

export type AttachmentRow = typeof attachments.$inferSelect;

/** The attachments in `list` as ScanRefs, split into the files bound and the ones only listed. */
export function scanRefs(
  ctx: AppContext,
  list: { id: number; role?: string }[],
  known?: AttachmentRow[],
): { bound: ScanRef[]; other: ScanRef[] } {
  const ids = list.map((a) => a.id);
  const rows = known ?? (ids.length ? ctx.db.select().from(attachments).where(inArray(attachments.id, ids)).all() : []);
  const byId = new Map(rows.map((r) => [r.id, r]));
  const bound: ScanRef[] = [];
  const other: ScanRef[] = [];
  for (const a of list) {
    const r = byId.get(a.id);
    if (!r) continue;
    const ref: ScanRef = {
      attachmentId: r.id,
      sha256: r.sha256,
      mime: r.mime,
      name: r.originalName,
      size: r.size,
      pageCount: r.pageCount,
      role: a.role ?? '',
    };
    const turns = pageRotations(r);
    if (Object.keys(turns).length) ref.rotations = turns; // only when turned: older snapshots stay as they were
    (BINDABLE_MIMES.includes(r.mime) ? bound : other).push(ref);
  }
  return { bound, other };
}

export const fileTable = (bound: ScanRef[], other: ScanRef[], roleLabel?: (r: string) => string) => ({
  title: '所附材料',
  columns: [
    { label: '序号', width: 10 },
    { label: '文件名', width: 62 },
    { label: '类别', width: 22 },
    { label: '装订情况', width: 26 },
  ],
  rows: [
    ...bound.map((a, i) => [
      String(i + 1),
      a.name,
      roleLabel?.(a.role) ?? (a.mime === 'application/pdf' ? 'PDF' : '图片'),
      '随后装订',
    ]),
    ...other.map((a, i) => [
      String(bound.length + i + 1),
      a.name,
      roleLabel?.(a.role) ?? '电子文件',
      '电子文件，未装订',
    ]),
  ],
});

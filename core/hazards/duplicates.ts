import { and, asc, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { hazards, units } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { conflict } from '../platform/errors';

/** What identifies a hazard as found: the unit (and its township), the description and the 发现日期. */
export interface HazardIdentity {
  enterpriseName: string;
  description: string;
  foundDate: string | null;
  townshipUnitId: number | null;
}

export interface DuplicateHazard {
  id: number;
  enterpriseName: string;
  description: string;
  foundDate: string | null;
  township: string | null;
  status: string;
}

/** A live hazard with the same unit, township, description and 发现日期 (other than `selfId`). */
export function findDuplicateHazard(
  ctx: AppContext,
  v: HazardIdentity,
  selfId: number | null = null,
): DuplicateHazard | null {
  const conds: SQL[] = [
    isNull(hazards.deletedAt),
    eq(hazards.enterpriseName, v.enterpriseName),
    eq(hazards.description, v.description),
    v.foundDate === null ? isNull(hazards.foundDate) : eq(hazards.foundDate, v.foundDate),
  ];
  if (v.townshipUnitId !== null) conds.push(eq(hazards.townshipUnitId, v.townshipUnitId));
  if (selfId !== null) conds.push(sql`${hazards.id} != ${selfId}`);
  const hit = ctx.db
    .select({
      id: hazards.id,
      enterpriseName: hazards.enterpriseName,
      description: hazards.description,
      foundDate: hazards.foundDate,
      township: sql<string | null>`coalesce(${units.name}, ${hazards.townshipName})`,
      status: hazards.status,
    })
    .from(hazards)
    .leftJoin(units, eq(units.id, hazards.townshipUnitId))
    .where(and(...conds))
    .orderBy(asc(hazards.id))
    .get();
  return hit ?? null;
}

/**
 * Refuses to register a hazard that is already in the ledger, naming the existing one, unless the clerk confirmed
 * it is another (`confirmDuplicate`, the 仍然保存 button).
 */
export function refuseDuplicateHazard(ctx: AppContext, v: HazardIdentity, input: { confirmDuplicate?: boolean }): void {
  if (input.confirmDuplicate) return;
  const dup = findDuplicateHazard(ctx, v);
  if (!dup) return;
  const where = dup.township ? `${dup.township} ` : '';
  const when = dup.foundDate ? `，发现日期 ${dup.foundDate}` : '';
  throw conflict(
    `疑似重复：隐患台账中已有同一隐患（编号 ${dup.id}，${where}${dup.enterpriseName}：${dup.description.slice(0, 30)}${when}，${dup.status}）。` +
      '请打开该隐患核对或更新其整改情况；确属另一处隐患时点“仍然保存”。',
  );
}

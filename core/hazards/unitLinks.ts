/**
 * How 隐患 follow the unit directory: linking a 乡镇 kept as written to the unit of that name once it is known,
 * and moving the records of a unit merged into another (core/units' 合并单位, inside its transaction).
 */
import { eq } from 'drizzle-orm';
import { hazards } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { unitIdByNameSql } from '../units/nameMatch';

export function linkHazardsToUnits(ctx: AppContext): number {
  const match = unitIdByNameSql('hazards', 'township_name');
  return ctx.sqlite
    .prepare(
      `update hazards set township_unit_id = ${match} where township_unit_id is null and township_name is not null and ${match} is not null`,
    )
    .run().changes;
}

/** Points the 隐患 of `fromId` (as 乡镇 or 报送单位) at `intoId`; returns how many references moved. */
export function moveHazardsToUnit(ctx: AppContext, fromId: number, intoId: number): number {
  return (
    ctx.db.update(hazards).set({ townshipUnitId: intoId }).where(eq(hazards.townshipUnitId, fromId)).run().changes +
    ctx.db.update(hazards).set({ reportingUnitId: intoId }).where(eq(hazards.reportingUnitId, fromId)).run().changes
  );
}

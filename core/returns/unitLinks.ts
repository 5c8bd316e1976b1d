/**
 * How 报送记录 follow the unit directory: linking a 报送单位 kept as written to the unit of that name once it is
 * known, and moving the records of a unit merged into another (core/units' 合并单位, inside its transaction).
 */
import { eq } from 'drizzle-orm';
import { returnSubmissions } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { unitIdByNameSql } from '../units/nameMatch';

export function linkReturnsToUnits(ctx: AppContext): number {
  const match = unitIdByNameSql('return_submissions', 'unit_name');
  return ctx.sqlite
    .prepare(
      `update return_submissions set unit_id = ${match} where unit_id is null and unit_name is not null and ${match} is not null`,
    )
    .run().changes;
}

/** Points the 报送记录 of `fromId` at `into`; returns how many moved. */
export function moveReturnsToUnit(ctx: AppContext, fromId: number, into: { id: number; name: string }): number {
  // unitName of a linked return is the directory name: re-submission chains compare it.
  return ctx.db
    .update(returnSubmissions)
    .set({ unitId: into.id, unitName: into.name })
    .where(eq(returnSubmissions.unitId, fromId))
    .run().changes;
}

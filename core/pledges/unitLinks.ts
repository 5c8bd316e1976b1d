/**
 * How 明白书 follow the unit directory: linking a 谈话对象单位 kept as written to the unit of that name once it is
 * known, and moving the records of a unit merged into another (core/units' 合并单位, inside its transaction).
 */
import { and, eq } from 'drizzle-orm';
import { pledges } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { unitIdByNameSql } from '../units/nameMatch';

export function linkPledgesToUnits(ctx: AppContext): number {
  const match = unitIdByNameSql('pledges', 'talkee_unit_name');
  return ctx.sqlite
    .prepare(
      `update pledges set talkee_unit_id = ${match} where talkee_unit_id is null and talkee_unit_name is not null and ${match} is not null`,
    )
    .run().changes;
}

/** Points the 明白书 of `fromId` (as 谈话对象单位 or 报送单位) at `into`; returns how many references moved. */
export function movePledgesToUnit(ctx: AppContext, fromId: number, into: { id: number; name: string }): number {
  const moved =
    ctx.db
      .update(pledges)
      .set({ talkeeUnitId: into.id, talkeeUnitName: into.name })
      .where(eq(pledges.talkeeUnitId, fromId))
      .run().changes +
    ctx.db.update(pledges).set({ reportingUnitId: into.id }).where(eq(pledges.reportingUnitId, fromId)).run().changes;
  // A 报送单位 equal to the talkee's unit is stored as null (as the form does).
  ctx.db
    .update(pledges)
    .set({ reportingUnitId: null })
    .where(and(eq(pledges.reportingUnitId, into.id), eq(pledges.talkeeUnitId, into.id)))
    .run();
  return moved;
}

/**
 * How 通知要求 follow the unit directory: moving the requirements of a unit merged into another (core/units' 合并单位,
 * inside its transaction). Where both units are asked for the same thing, the target keeps its own row with the
 * larger count.
 */
import { and, eq } from 'drizzle-orm';
import { noticeRequirements } from '../../db/schema';
import type { AppContext } from '../platform/context';

/** Moves the requirements of `fromId` to `intoId`; returns how many of the merged unit's rows were handled. */
export function moveRequirementsToUnit(ctx: AppContext, fromId: number, intoId: number): number {
  let count = 0;
  for (const r of ctx.db.select().from(noticeRequirements).where(eq(noticeRequirements.unitId, fromId)).all()) {
    const mine = ctx.db
      .select()
      .from(noticeRequirements)
      .where(
        and(
          eq(noticeRequirements.noticeId, r.noticeId),
          eq(noticeRequirements.unitId, intoId),
          eq(noticeRequirements.kind, r.kind),
        ),
      )
      .get();
    if (mine) {
      if (r.expectedCount > mine.expectedCount) {
        ctx.db
          .update(noticeRequirements)
          .set({ expectedCount: r.expectedCount })
          .where(eq(noticeRequirements.id, mine.id))
          .run();
      }
      ctx.db.delete(noticeRequirements).where(eq(noticeRequirements.id, r.id)).run();
    } else {
      ctx.db.update(noticeRequirements).set({ unitId: intoId }).where(eq(noticeRequirements.id, r.id)).run();
    }
    count++;
  }
  return count;
}

/**
 * How import batches and remembered column mappings follow the unit directory: moving those of a unit merged into
 * another (core/units' 合并单位, inside its transaction). The target's own mapping for the same layout wins.
 */
import { and, eq } from 'drizzle-orm';
import { importBatches, importMappings } from '../../db/schema';
import type { AppContext } from '../platform/context';

/** Moves the batches and mappings of `fromId` to `intoId`; returns how many of each were handled. */
export function moveImportsToUnit(
  ctx: AppContext,
  fromId: number,
  intoId: number,
): { imports: number; mappings: number } {
  const imports = ctx.db
    .update(importBatches)
    .set({ unitId: intoId })
    .where(eq(importBatches.unitId, fromId))
    .run().changes;
  let mappings = 0;
  for (const m of ctx.db.select().from(importMappings).where(eq(importMappings.unitId, fromId)).all()) {
    const mine = ctx.db
      .select()
      .from(importMappings)
      .where(
        and(
          eq(importMappings.unitId, intoId),
          eq(importMappings.kind, m.kind),
          eq(importMappings.fingerprint, m.fingerprint),
        ),
      )
      .get();
    if (mine) ctx.db.delete(importMappings).where(eq(importMappings.id, m.id)).run();
    else ctx.db.update(importMappings).set({ unitId: intoId }).where(eq(importMappings.id, m.id)).run();
    mappings++;
  }
  return { imports, mappings };
}

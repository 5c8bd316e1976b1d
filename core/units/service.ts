import { and, asc, eq, isNull, like, ne, or, sql, inArray } from 'drizzle-orm';
import { unitAliases, units, type UnitKind } from '../../db/schema';
import type { AppContext } from '../platform/context';
import { cleanText, matchKey, nameKey } from '../domain/text';
import { conflict, notFound, validation } from '../platform/errors';
import { mutate } from '../platform/mutation';
import { linkRecordsToUnits } from './links';
import { moveHazardsToUnit } from '../hazards/unitLinks';
import { moveImportsToUnit } from '../imports/unitLinks';
import { moveRequirementsToUnit } from '../notices/unitLinks';
import { movePledgesToUnit } from '../pledges/unitLinks';
import { moveReturnsToUnit } from '../returns/unitLinks';

export interface Unit {
  id: number;
  name: string;
  kind: UnitKind;
  parentId: number | null;
  contact: string | null;
  phone: string | null;
  notes: string | null;
  aliases: string[];
  /** false when 停用 (no longer reporting): left out of pickers and the board, still named on old records. */
  active: boolean;
}

export interface UnitInput {
  name: string;
  kind?: UnitKind;
  parentId?: number | null;
  contact?: string | null;
  phone?: string | null;
  notes?: string | null;
  aliases?: string[];
}

function aliasesOf(ctx: AppContext, ids: number[]): Map<number, string[]> {
  const map = new Map<number, string[]>();
  if (!ids.length) return map;
  const rows = ctx.db
    .select()
    .from(unitAliases)
    .where(inArray(unitAliases.unitId, ids))
    .orderBy(asc(unitAliases.id))
    .all();
  for (const r of rows) map.set(r.unitId, [...(map.get(r.unitId) ?? []), r.alias]);
  return map;
}

export function listUnits(ctx: AppContext, q: { search?: string; kind?: UnitKind; activeOnly?: boolean } = {}): Unit[] {
  const conds = [isNull(units.deletedAt)];
  if (q.kind) conds.push(eq(units.kind, q.kind));
  if (q.activeOnly) conds.push(isNull(units.disabledAt));
  if (q.search?.trim()) {
    const pat = `%${q.search.trim()}%`;
    conds.push(
      or(
        like(units.name, pat),
        sql`exists (select 1 from ${unitAliases} a where a.unit_id = ${units.id} and a.alias like ${pat})`,
      )!,
    );
  }
  const rows = ctx.db
    .select()
    .from(units)
    .where(and(...conds))
    .orderBy(
      sql`case ${units.kind} when '乡镇' then 1 when '街道' then 2 when '开发区' then 3 when '部门' then 4 when '企业' then 5 else 6 end`,
      asc(units.id),
    )
    .all();
  const al = aliasesOf(
    ctx,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toUnit(r, al.get(r.id) ?? []));
}

function toUnit(r: typeof units.$inferSelect, aliases: string[]): Unit {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    parentId: r.parentId,
    contact: r.contact,
    phone: r.phone,
    notes: r.notes,
    aliases,
    active: r.disabledAt === null,
  };
}

export function getUnit(ctx: AppContext, id: number): Unit {
  const r = ctx.db
    .select()
    .from(units)
    .where(and(eq(units.id, id), isNull(units.deletedAt)))
    .get();
  if (!r) throw notFound(`找不到编号为 ${id} 的单位，可能已被删除`);
  return toUnit(r, aliasesOf(ctx, [id]).get(id) ?? []);
}

/** Finds a unit by its name or one of its aliases (ignoring spaces and full-width forms). */
export function findUnitByName(ctx: AppContext, name: string): Unit | null {
  const key = nameKey(name);
  if (!key) return null;
  const direct = ctx.db
    .select()
    .from(units)
    .where(and(isNull(units.deletedAt), eq(units.name, key)))
    .get();
  if (direct) return getUnit(ctx, direct.id);
  const alias = ctx.db.select().from(unitAliases).where(eq(unitAliases.alias, key)).get();
  if (alias) {
    const u = ctx.db
      .select()
      .from(units)
      .where(and(eq(units.id, alias.unitId), isNull(units.deletedAt)))
      .get();
    if (u) return getUnit(ctx, u.id);
  }
  // Written with other bracket or full-width forms: compare the looser keys (the directory is small).
  const loose = matchKey(name);
  const live = ctx.db.select({ id: units.id, name: units.name }).from(units).where(isNull(units.deletedAt)).all();
  const hit = live.find((u) => matchKey(u.name) === loose);
  if (hit) return getUnit(ctx, hit.id);
  const aliasHit = ctx.db
    .select({ unitId: unitAliases.unitId, alias: unitAliases.alias })
    .from(unitAliases)
    .innerJoin(units, eq(units.id, unitAliases.unitId))
    .where(isNull(units.deletedAt))
    .all()
    .find((a) => matchKey(a.alias) === loose);
  return aliasHit ? getUnit(ctx, aliasHit.unitId) : null;
}

function checkNameFree(ctx: AppContext, key: string, selfId: number | null, what: string) {
  const u = ctx.db.select().from(units).where(eq(units.name, key)).get();
  if (u && u.id !== selfId) {
    throw conflict(`${what}“${key}”已是单位“${u.name}”的名称${u.deletedAt ? '（该单位在回收站中）' : ''}，不能重复`);
  }
  const a = ctx.db.select().from(unitAliases).where(eq(unitAliases.alias, key)).get();
  if (a && a.unitId !== selfId) {
    const owner = ctx.db.select().from(units).where(eq(units.id, a.unitId)).get();
    throw conflict(`${what}“${key}”已是单位“${owner?.name ?? a.unitId}”的别名，不能重复`);
  }
}

function normaliseAliases(name: string, aliases: string[] | undefined): string[] {
  const seen = new Set<string>([name]);
  const out: string[] = [];
  for (const a of aliases ?? []) {
    const k = nameKey(a);
    if (k && !seen.has(k)) {
      seen.add(k);
      out.push(k);
    }
  }
  return out;
}

function writeAliases(ctx: AppContext, unitId: number, aliases: string[]) {
  ctx.db.delete(unitAliases).where(eq(unitAliases.unitId, unitId)).run();
  for (const alias of aliases) {
    checkNameFree(ctx, alias, unitId, '别名');
    ctx.db.insert(unitAliases).values({ unitId, alias }).run();
  }
}

export function createUnit(ctx: AppContext, input: UnitInput): Unit {
  const name = nameKey(input.name);
  if (!name) throw validation('单位名称不能为空');
  return mutate(ctx, (audit) => {
    checkNameFree(ctx, name, null, '单位名称');
    const row = ctx.db
      .insert(units)
      .values({
        name,
        kind: input.kind ?? '其他',
        parentId: input.parentId ?? null,
        contact: cleanText(input.contact) || null,
        phone: cleanText(input.phone) || null,
        notes: cleanText(input.notes) || null,
      })
      .returning()
      .get();
    writeAliases(ctx, row.id, normaliseAliases(name, input.aliases));
    const unit = getUnit(ctx, row.id);
    linkRecordsToUnits(ctx);
    audit({ action: 'create', entity: 'unit', entityId: row.id, summary: `新增单位“${name}”`, after: unit });
    return unit;
  });
}

/** Updates a unit; on rename the old name is kept as an alias so imports keep matching. */
export function updateUnit(ctx: AppContext, id: number, patch: Partial<UnitInput>): Unit {
  return mutate(ctx, (audit) => {
    const before = getUnit(ctx, id);
    const name = patch.name !== undefined ? nameKey(patch.name) : before.name;
    if (!name) throw validation('单位名称不能为空');
    if (name !== before.name) {
      // The unit's own aliases may include the new name: drop it from the alias list first.
      ctx.db
        .delete(unitAliases)
        .where(and(eq(unitAliases.unitId, id), eq(unitAliases.alias, name)))
        .run();
      checkNameFree(ctx, name, id, '单位名称');
    }
    ctx.db
      .update(units)
      .set({
        name,
        kind: patch.kind ?? before.kind,
        parentId: patch.parentId !== undefined ? patch.parentId : before.parentId,
        contact: patch.contact !== undefined ? cleanText(patch.contact) || null : before.contact,
        phone: patch.phone !== undefined ? cleanText(patch.phone) || null : before.phone,
        notes: patch.notes !== undefined ? cleanText(patch.notes) || null : before.notes,
        updatedAt: ctx.now().toISOString(),
      })
      .where(eq(units.id, id))
      .run();
    let aliases = patch.aliases ?? before.aliases;
    if (name !== before.name) aliases = [...aliases, before.name];
    writeAliases(ctx, id, normaliseAliases(name, aliases));
    const after = getUnit(ctx, id);
    linkRecordsToUnits(ctx);
    audit({
      action: 'update',
      entity: 'unit',
      entityId: id,
      summary: name !== before.name ? `单位“${before.name}”更名为“${name}”` : `修改单位“${name}”`,
      before,
      after,
    });
    return after;
  });
}

/** Resolves a unit name (or alias) to its id, with a clear error when unknown. */
export function requireUnitByName(ctx: AppContext, name: string): Unit {
  const u = findUnitByName(ctx, name);
  if (!u) throw notFound(`单位“${cleanText(name)}”不在单位名录中，请先在“单位名录”中添加，或为已有单位添加此别名`);
  return u;
}

/** 停用 (active=false) or 启用 a unit. A disabled unit keeps its records; it is only left out of pickers and the board. */
export function setUnitActive(ctx: AppContext, id: number, active: boolean): Unit {
  return mutate(ctx, (audit) => {
    const before = getUnit(ctx, id);
    if (before.active === active) return before;
    ctx.db
      .update(units)
      .set({ disabledAt: active ? null : ctx.now().toISOString(), updatedAt: ctx.now().toISOString() })
      .where(eq(units.id, id))
      .run();
    const after = getUnit(ctx, id);
    audit({
      action: 'update',
      entity: 'unit',
      entityId: id,
      summary: active ? `启用单位“${after.name}”` : `停用单位“${after.name}”（不再报送，原有记录保留）`,
      before,
      after,
    });
    return after;
  });
}

export interface MergeResult {
  unit: Unit;
  /** How many records of each kind now point at the target instead of the merged unit. */
  moved: {
    pledges: number;
    returns: number;
    hazards: number;
    requirements: number;
    imports: number;
    mappings: number;
    children: number;
    aliases: number;
  };
}

/**
 * 合并单位: moves every record that references `fromId` (明白书, 报送, 隐患's township and reporting unit, 通知要求,
 * imports and their remembered mappings, child units, aliases) to `intoId` in one transaction, deletes the merged
 * unit and keeps its name as an alias of the target, so later imports still find it.
 */
export function mergeUnits(ctx: AppContext, fromId: number, intoId: number): MergeResult {
  if (fromId === intoId) throw validation('不能把单位合并到它自己，请选择另一个单位作为合并目标');
  return mutate(ctx, (audit) => {
    const from = getUnit(ctx, fromId);
    const into = getUnit(ctx, intoId);
    const run = (q: { run(): { changes: number } }) => q.run().changes;
    const now = ctx.now().toISOString();

    const pledgeCount = movePledgesToUnit(ctx, fromId, into);
    const returnCount = moveReturnsToUnit(ctx, fromId, into);
    const hazardCount = moveHazardsToUnit(ctx, fromId, intoId);
    const requirementCount = moveRequirementsToUnit(ctx, fromId, intoId);
    const { imports: importCount, mappings: mappingCount } = moveImportsToUnit(ctx, fromId, intoId);
    const childCount = run(
      ctx.db
        .update(units)
        .set({ parentId: intoId, updatedAt: now })
        .where(and(eq(units.parentId, fromId), ne(units.id, intoId))),
    );
    if (into.parentId === fromId)
      ctx.db.update(units).set({ parentId: from.parentId, updatedAt: now }).where(eq(units.id, intoId)).run();

    // The merged unit goes; its name and aliases become aliases of the target.
    ctx.db.delete(unitAliases).where(eq(unitAliases.unitId, fromId)).run();
    ctx.db.delete(units).where(eq(units.id, fromId)).run();
    const newAliases = normaliseAliases(into.name, [...into.aliases, from.name, ...from.aliases]);
    writeAliases(ctx, intoId, newAliases);
    linkRecordsToUnits(ctx);

    const unit = getUnit(ctx, intoId);
    const moved = {
      pledges: pledgeCount,
      returns: returnCount,
      hazards: hazardCount,
      requirements: requirementCount,
      imports: importCount,
      mappings: mappingCount,
      children: childCount,
      aliases: newAliases.length - into.aliases.length,
    };
    audit({
      action: 'update',
      entity: 'unit',
      entityId: intoId,
      summary: `合并单位：“${from.name}”并入“${into.name}”（明白书 ${pledgeCount} 处、报送 ${returnCount} 件、隐患 ${hazardCount} 处、通知要求 ${requirementCount} 项随之改到“${into.name}”，“${from.name}”保留为别名）`,
      before: { merged: from, into },
      after: { unit, moved },
    });
    return { unit, moved };
  });
}

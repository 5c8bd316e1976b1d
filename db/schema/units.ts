import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const UNIT_KINDS = ['乡镇', '街道', '开发区', '部门', '企业', '其他'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

export const units = sqliteTable(
  'units',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    kind: text('kind', { enum: UNIT_KINDS }).notNull().default('其他'),
    /** Township/street a unit (e.g. an enterprise) belongs to. */
    parentId: integer('parent_id'),
    contact: text('contact'),
    phone: text('phone'),
    notes: text('notes'),
    createdAt: text('created_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    updatedAt: text('updated_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    deletedAt: text('deleted_at'),
    /** 停用: the unit no longer reports (hidden from pickers and the board, kept on old records); null = 启用. */
    disabledAt: text('disabled_at'),
  },
  (t) => [uniqueIndex('units_name_uq').on(t.name)],
);

/** Other spellings of a unit's name (禹州市方山镇人民政府 → 方山镇); normalised, unique across units. */
export const unitAliases = sqliteTable(
  'unit_aliases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    alias: text('alias').notNull(),
  },
  (t) => [uniqueIndex('unit_aliases_alias_uq').on(t.alias), index('unit_aliases_unit_idx').on(t.unitId)],
);

import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { attachments } from './attachments';
import { notices } from './notices';
import { units } from './units';

export const IMPORT_KINDS = ['hazard', 'pledge', 'worklist', 'report'] as const;

/** One committed import of a unit's return: the source file, the mapping, the counts and the clerk's choices. */
export const importBatches = sqliteTable(
  'import_batches',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    sourceAttachmentId: integer('source_attachment_id').references(() => attachments.id, { onDelete: 'restrict' }),
    unitId: integer('unit_id').references(() => units.id, { onDelete: 'restrict' }),
    noticeId: integer('notice_id').references(() => notices.id, { onDelete: 'restrict' }),
    sheet: text('sheet'),
    fingerprint: text('fingerprint'),
    mapping: text('mapping'),
    options: text('options'),
    counts: text('counts').notNull(),
    status: text('status', { enum: ['committed', 'undone'] })
      .notNull()
      .default('committed'),
    actor: text('actor').notNull(),
    createdAt: text('created_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    undoneAt: text('undone_at'),
  },
  (t) => [index('import_batches_sha_idx').on(t.fileSha256), index('import_batches_unit_idx').on(t.unitId)],
);

/** What a batch did to each record, with the values before, so the batch can be undone. */
export const importChanges = sqliteTable(
  'import_changes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    batchId: integer('batch_id')
      .notNull()
      .references(() => importBatches.id, { onDelete: 'cascade' }),
    entity: text('entity', { enum: ['hazard', 'pledge', 'return', 'unit'] }).notNull(),
    entityId: integer('entity_id').notNull(),
    action: text('action', { enum: ['create', 'update'] }).notNull(),
    before: text('before'),
  },
  (t) => [index('import_changes_batch_idx').on(t.batchId)],
);

/** The column mapping the clerk chose for a unit's layout (header fingerprint), applied next time. */
export const importMappings = sqliteTable(
  'import_mappings',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    unitId: integer('unit_id').references(() => units.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: IMPORT_KINDS }).notNull(),
    fingerprint: text('fingerprint').notNull(),
    mapping: text('mapping').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('import_mappings_uq').on(t.unitId, t.kind, t.fingerprint)],
);

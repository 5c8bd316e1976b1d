import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { HAZARD_LEVELS, HAZARD_STATUSES } from '../../core/domain/hazard';
import { attachments } from './attachments';
import { notices } from './notices';
import { units } from './units';

/**
 * 隐患台账: one row per hazard. The full-text index (hazards_fts, FTS5 trigram, contentless) is kept by the
 * hazard repository in code, not by triggers, so bulk imports can index in one statement.
 */
export const hazards = sqliteTable(
  'hazards',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    hazardNo: text('hazard_no'),
    enterpriseName: text('enterprise_name').notNull(),
    townshipUnitId: integer('township_unit_id').references(() => units.id, { onDelete: 'restrict' }),
    /** The township as written in the return; linked to townshipUnitId once the name (or an alias) is known. */
    townshipName: text('township_name'),
    village: text('village'),
    industry: text('industry'),
    /** 隐患类别: accident type or hazard type (高处坠落, 触电, 消防安全), kept apart from 行业领域. */
    category: text('category'),
    description: text('description').notNull(),
    location: text('location'),
    source: text('source'),
    foundDate: text('found_date'),
    foundBy: text('found_by'),
    level: text('level', { enum: HAZARD_LEVELS }).notNull().default('一般'),
    responsibleUnit: text('responsible_unit'),
    responsiblePerson: text('responsible_person'),
    measures: text('measures'),
    fundsFen: integer('funds_fen'),
    deadlineDate: text('deadline_date'),
    deadlineText: text('deadline_text'),
    emergencyPlan: text('emergency_plan'),
    interimMeasures: text('interim_measures'),
    status: text('status', { enum: HAZARD_STATUSES }).notNull().default('未整改'),
    completedDate: text('completed_date'),
    acceptedBy: text('accepted_by'),
    acceptedDate: text('accepted_date'),
    supervised: integer('supervised', { mode: 'boolean' }).notNull().default(false),
    /** 挂牌督办: the unit that supervises the rectification (督办单位) and by when (督办期限, a date). */
    supervisingUnit: text('supervising_unit'),
    supervisionDeadline: text('supervision_deadline'),
    notes: text('notes'),
    noticeId: integer('notice_id').references(() => notices.id, { onDelete: 'restrict' }),
    /** The unit whose return (ledger) this hazard came in; with rowKey it identifies the hazard on re-import. */
    reportingUnitId: integer('reporting_unit_id').references(() => units.id, { onDelete: 'restrict' }),
    rowKey: text('row_key'),
    batchId: integer('batch_id'),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    updatedAt: text('updated_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    deletedAt: text('deleted_at'),
  },
  (t) => [
    index('hazards_township_idx').on(t.townshipUnitId, t.foundDate),
    index('hazards_industry_idx').on(t.industry, t.foundDate),
    index('hazards_category_idx').on(t.category, t.foundDate),
    index('hazards_level_idx').on(t.level, t.status),
    index('hazards_status_idx').on(t.status, t.deadlineDate),
    index('hazards_found_idx').on(t.foundDate),
    index('hazards_deadline_idx').on(t.deadlineDate),
    index('hazards_notice_idx').on(t.noticeId),
    /**
     * The live hazards (deleted_at is null, the condition of every list, count and statistic), covering what the
     * list filters on and what the statistics read, period first: counts and a year's statistics read this index
     * instead of the whole table (at 100,000 hazards, a narrow index against a wide table of long texts).
     */
    index('hazards_live_idx')
      .on(
        t.foundDate,
        t.townshipUnitId,
        t.industry,
        t.level,
        t.status,
        t.deadlineDate,
        t.supervised,
        t.noticeId,
        t.reportingUnitId,
        t.townshipName,
        t.enterpriseName,
        t.category,
      )
      .where(sql`${t.deletedAt} is null`),
    uniqueIndex('hazards_row_key_uq')
      .on(t.reportingUnitId, t.rowKey)
      .where(sql`${t.rowKey} is not null and ${t.deletedAt} is null`),
  ],
);

export const HAZARD_EVENT_SOURCES = ['manual', 'bulk', 'import', 'undo'] as const;

/** Every change of a hazard's status: who, when, from → to, note. */
export const hazardEvents = sqliteTable(
  'hazard_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    hazardId: integer('hazard_id')
      .notNull()
      .references(() => hazards.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    fromStatus: text('from_status', { enum: HAZARD_STATUSES }),
    toStatus: text('to_status', { enum: HAZARD_STATUSES }).notNull(),
    note: text('note'),
    source: text('source', { enum: HAZARD_EVENT_SOURCES }).notNull().default('manual'),
    batchId: integer('batch_id'),
  },
  (t) => [index('hazard_events_hazard_idx').on(t.hazardId, t.id)],
);

export const HAZARD_ATTACHMENT_ROLES = ['before', 'after', 'report', 'other'] as const;

export const hazardAttachments = sqliteTable(
  'hazard_attachments',
  {
    hazardId: integer('hazard_id')
      .notNull()
      .references(() => hazards.id, { onDelete: 'cascade' }),
    attachmentId: integer('attachment_id')
      .notNull()
      .references(() => attachments.id, { onDelete: 'restrict' }),
    role: text('role', { enum: HAZARD_ATTACHMENT_ROLES }).notNull().default('other'),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.hazardId, t.attachmentId] }), index('hazard_att_att_idx').on(t.attachmentId)],
);

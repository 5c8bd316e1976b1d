import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { units } from './units';

export const notices = sqliteTable(
  'notices',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Normalised 文号, e.g. 禹安〔2023〕1号. */
    docNo: text('doc_no').notNull(),
    issuer: text('issuer').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    issuedOn: text('issued_on'),
    deadline: text('deadline'),
    notes: text('notes'),
    createdAt: text('created_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    updatedAt: text('updated_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    deletedAt: text('deleted_at'),
  },
  (t) => [uniqueIndex('notices_doc_no_uq').on(t.docNo)],
);

export const REQUIREMENT_KINDS = ['pledge', 'report', 'worklist', 'selfcheck', 'ledger'] as const;
export const REQUIREMENT_PERIODS = ['once', 'monthly', 'quarterly'] as const;
export type RequirementKind = (typeof REQUIREMENT_KINDS)[number];

/** What a notice asks of a unit: e.g. N signed 明白书 by a deadline. */
export const noticeRequirements = sqliteTable(
  'notice_requirements',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    noticeId: integer('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'restrict' }),
    unitId: integer('unit_id')
      .notNull()
      .references(() => units.id, { onDelete: 'restrict' }),
    kind: text('kind', { enum: REQUIREMENT_KINDS }).notNull(),
    expectedCount: integer('expected_count').notNull().default(1),
    deadline: text('deadline'),
    notes: text('notes'),
    /** once: by `deadline`; monthly/quarterly: by day `dueDay` of each month (of the quarter's last month). */
    period: text('period', { enum: REQUIREMENT_PERIODS }).notNull().default('once'),
    dueDay: integer('due_day'),
    /** Character limit of the return's text (专题报告 2000, 工作清单 300). */
    lengthLimit: integer('length_limit'),
  },
  (t) => [uniqueIndex('notice_req_uq').on(t.noticeId, t.unitId, t.kind), index('notice_req_unit_idx').on(t.unitId)],
);

import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { attachments } from './attachments';
import { notices } from './notices';
import { units } from './units';

export const RETURN_KINDS = ['report', 'worklist', 'selfcheck', 'ledger'] as const;
export type ReturnKind = (typeof RETURN_KINDS)[number];
export const RETURN_STATUSES = ['已接收', '退回修改'] as const;

/**
 * What a unit sent back for a notice: a 专题报告, 工作清单, 自查报告 or a hazard ledger. Every submission is a
 * row; a re-submission points at the one it replaces, so the history is kept.
 */
export const returnSubmissions = sqliteTable(
  'return_submissions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** The notice it answers; null for a return that came in without one (filed later). */
    noticeId: integer('notice_id').references(() => notices.id, { onDelete: 'restrict' }),
    /** The unit that sent it; null when an import named a unit the directory does not know yet. */
    unitId: integer('unit_id').references(() => units.id, { onDelete: 'restrict' }),
    /** The unit as written (always set); linked to unitId once the directory knows the name. */
    unitName: text('unit_name'),
    kind: text('kind', { enum: RETURN_KINDS }).notNull(),
    /** For periodic returns: 2024-03 (monthly) or 2024-Q1 (quarterly); null for a one-off return. */
    period: text('period'),
    title: text('title'),
    /** The document's own 文号 (a township's report number), printed in the 卷内目录; null when it has none. */
    docNo: text('doc_no'),
    receivedDate: text('received_date').notNull(),
    approved: integer('approved', { mode: 'boolean' }).notNull().default(false),
    sealed: integer('sealed', { mode: 'boolean' }).notNull().default(false),
    content: text('content'),
    textLength: integer('text_length'),
    status: text('status', { enum: RETURN_STATUSES }).notNull().default('已接收'),
    returnReason: text('return_reason'),
    returnedAt: text('returned_at'),
    previousId: integer('previous_id'),
    batchId: integer('batch_id'),
    notes: text('notes'),
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
    index('returns_notice_unit_idx').on(t.noticeId, t.unitId, t.kind, t.period),
    index('returns_unit_idx').on(t.unitId),
  ],
);

export const returnAttachments = sqliteTable(
  'return_attachments',
  {
    submissionId: integer('submission_id')
      .notNull()
      .references(() => returnSubmissions.id, { onDelete: 'cascade' }),
    attachmentId: integer('attachment_id')
      .notNull()
      .references(() => attachments.id, { onDelete: 'restrict' }),
    role: text('role').notNull().default('file'),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.submissionId, t.attachmentId] })],
);

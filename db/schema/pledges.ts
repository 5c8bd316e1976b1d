import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { attachments } from './attachments';
import { notices } from './notices';
import { units } from './units';

export const PLEDGE_STATUSES = ['未签订', '已签订', '已归档'] as const;
export type PledgeStatus = (typeof PLEDGE_STATUSES)[number];

/** 《安全生产责任明白书》: one signed statement after a 对话谈心 talk. */
export const pledges = sqliteTable(
  'pledges',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    noticeId: integer('notice_id').references(() => notices.id, { onDelete: 'restrict' }),
    /** Talk level 1–4 as in 附件2. */
    level: integer('level').notNull(),
    talkerName: text('talker_name').notNull(),
    talkerTitle: text('talker_title').notNull(),
    talkeeName: text('talkee_name').notNull(),
    /** The talkee's unit from the directory; null when an import named a unit the directory does not know yet. */
    talkeeUnitId: integer('talkee_unit_id').references(() => units.id, { onDelete: 'restrict' }),
    /** The talkee's unit as written (always set); linked to talkeeUnitId once the directory knows the name. */
    talkeeUnitName: text('talkee_unit_name'),
    talkeeTitle: text('talkee_title').notNull(),
    /** Unit whose coverage this counts toward (报送单位); defaults to the talkee's unit. */
    reportingUnitId: integer('reporting_unit_id').references(() => units.id, { onDelete: 'restrict' }),
    talkDate: text('talk_date'),
    signedDate: text('signed_date'),
    custody: text('custody'),
    status: text('status', { enum: PLEDGE_STATUSES }).notNull().default('未签订'),
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
    index('pledges_notice_idx').on(t.noticeId),
    index('pledges_talkee_unit_idx').on(t.talkeeUnitId),
    index('pledges_reporting_unit_idx').on(t.reportingUnitId),
    index('pledges_talk_date_idx').on(t.talkDate),
  ],
);

export const pledgeAttachments = sqliteTable(
  'pledge_attachments',
  {
    pledgeId: integer('pledge_id')
      .notNull()
      .references(() => pledges.id, { onDelete: 'cascade' }),
    attachmentId: integer('attachment_id')
      .notNull()
      .references(() => attachments.id, { onDelete: 'restrict' }),
    role: text('role').notNull().default('scan'),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.pledgeId, t.attachmentId] }), index('pledge_att_att_idx').on(t.attachmentId)],
);

import { integer, sqliteTable, text, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { RETENTIONS, VOLUME_ITEM_KINDS } from './volumes';

/** 归档方式: 按件归档 (DA/T 22-2015: 件, 档案盒) or 组卷 (GB/T 9705-2008: 案卷). */
export const ARCHIVE_MODES = ['piece', 'volume'] as const;
export type ArchiveMode = (typeof ARCHIVE_MODES)[number];

/**
 * 件号 registry (按件归档, DA/T 22-2015): a record gets its 件号 once, the first time it is exported into a 档案盒,
 * numbered per 全宗–年度–保管期限–机构（问题） from 1. A number is never given twice: a 件 taken out of its box keeps
 * its row (and its number) here. `recordKey` is the record's id, or `ledger:<digest of its filter>` for a ledger
 * extract (which has no record of its own).
 */
export const archivePieces = sqliteTable(
  'archive_pieces',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: VOLUME_ITEM_KINDS }).notNull(),
    recordKey: text('record_key').notNull(),
    fondsCode: text('fonds_code').notNull(),
    year: integer('year').notNull(),
    retention: text('retention', { enum: RETENTIONS }).notNull(),
    orgCode: text('org_code').notNull(),
    pieceNo: integer('piece_no').notNull(),
    /** The 档案盒 (volume row) it was last packed into. */
    boxId: integer('box_id'),
    assignedAt: text('assigned_at').notNull(),
  },
  (t) => [
    uniqueIndex('archive_pieces_record_uq').on(t.kind, t.recordKey),
    uniqueIndex('archive_pieces_no_uq').on(t.fondsCode, t.year, t.retention, t.orgCode, t.pieceNo),
    index('archive_pieces_box_idx').on(t.boxId),
  ],
);

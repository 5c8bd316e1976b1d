import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

/** Files in the content-addressed store (attachments/ab/abcdef….ext), one row per distinct content. */
export const attachments = sqliteTable(
  'attachments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    sha256: text('sha256').notNull(),
    originalName: text('original_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    pageCount: integer('page_count'),
    /**
     * Quarter turns the clerk gave pages in the scan preview (JSON {"pageIndex": clockwise degrees}, 90/180/270);
     * the file itself is never changed. Bound volumes draw the pages turned.
     */
    pageRotations: text('page_rotations'),
    createdAt: text('created_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  },
  (t) => [uniqueIndex('attachments_sha_uq').on(t.sha256)],
);

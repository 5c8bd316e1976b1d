import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** 保管期限: 永久 (Y), 定期30年 (D30), 定期10年 (D10) — DA/T 22-2015. */
export const RETENTIONS = ['Y', 'D30', 'D10'] as const;
export type Retention = (typeof RETENTIONS)[number];

export const VOLUME_STATUSES = ['draft', 'sealed'] as const;
export const VOLUME_ORDERS = ['date', 'unit', 'level', 'manual'] as const;
export const VOLUME_RELATIONS = ['supplement', 'edition'] as const;
export const VOLUME_ITEM_KINDS = ['pledge', 'return', 'ledger', 'closure'] as const;
export type VolumeItemKind = (typeof VOLUME_ITEM_KINDS)[number];

/**
 * 案卷 (an archive volume, GB/T 9705): what is bound, in which order, and its cover data. One row may print as
 * several consecutive 卷 when it exceeds its page limit (卷号 volumeNo … volumeNo + partCount − 1). Sealing freezes it:
 * the items keep their record versions and the data they were printed from (snapshot), and the PDF's SHA-256.
 */
export const volumes = sqliteTable(
  'volumes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    status: text('status', { enum: VOLUME_STATUSES }).notNull().default('draft'),
    /** 补充卷 or 新版 of another volume. */
    basedOnId: integer('based_on_id'),
    relation: text('relation', { enum: VOLUME_RELATIONS }),
    edition: integer('edition').notNull().default(1),
    title: text('title').notNull(),
    fondsName: text('fonds_name').notNull(),
    fondsCode: text('fonds_code').notNull().default(''),
    /** 类别代码 in the 档号, WS (文书) by default. */
    categoryCode: text('category_code').notNull().default('WS'),
    /** 类目名称 on the cover (GB/T 9705), e.g. 安全生产. */
    categoryName: text('category_name').notNull().default(''),
    year: integer('year').notNull(),
    retention: text('retention', { enum: RETENTIONS }).notNull().default('D30'),
    volumeNo: integer('volume_no').notNull(),
    /** How many 卷 the last export produced (page limit split). */
    partCount: integer('part_count').notNull().default(1),
    /** 机构（问题） in the 归档章. */
    organization: text('organization').notNull().default(''),
    creator: text('creator').notNull().default(''),
    checker: text('checker').notNull().default(''),
    compiledDate: text('compiled_date'),
    remarks: text('remarks').notNull().default(''),
    secrecy: text('secrecy'),
    /** The selection the items came from (JSON Selection), used to find new matching records. */
    selection: text('selection').notNull().default('{}'),
    orderBy: text('order_by', { enum: VOLUME_ORDERS }).notNull().default('date'),
    pageLimit: integer('page_limit').notNull().default(200),
    duplex: integer('duplex', { mode: 'boolean' }).notNull().default(true),
    archiveStamp: integer('archive_stamp', { mode: 'boolean' }).notNull().default(true),
    pdfa: integer('pdfa', { mode: 'boolean' }).notNull().default(false),
    /** 按件归档 (piece: this row is a 档案盒) or 组卷 (volume: a 案卷); drafts follow the settings, sealed keep it. */
    archiveMode: text('archive_mode', { enum: ['piece', 'volume'] })
      .notNull()
      .default('volume'),
    /** 按件归档: the 档案盒 width in mm for its 盒脊 label (20/30/40/50); null: chosen by the number of sheets. */
    spineWidth: integer('spine_width'),
    /** The completeness check stored when the volume was bound (JSON CheckResult). */
    checkJson: text('check_json'),
    sealedAt: text('sealed_at'),
    sealedBy: text('sealed_by'),
    /** SHA-256 of the sealed PDF (of the list of part hashes when split). */
    sha256: text('sha256'),
    /** Per 卷 of the sealed export: [{volumeNo, pages, items, sha256}]. */
    partsJson: text('parts_json'),
    /** The fonts the sealed PDF was drawn with (a different machine may draw different bytes). */
    fonts: text('fonts'),
    version: integer('version').notNull().default(1),
    createdAt: text('created_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    updatedAt: text('updated_at')
      .notNull()
      .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
    deletedAt: text('deleted_at'),
  },
  (t) => [index('volumes_no_idx').on(t.fondsCode, t.categoryCode, t.year, t.retention, t.volumeNo)],
);

/** The items (件) of a volume in binding order. */
export const volumeItems = sqliteTable(
  'volume_items',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    volumeId: integer('volume_id')
      .notNull()
      .references(() => volumes.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    kind: text('kind', { enum: VOLUME_ITEM_KINDS }).notNull(),
    /** The pledge / return / hazard; null for a ledger extract (its filter is in params). */
    recordId: integer('record_id'),
    params: text('params'),
    /** 题名 and 备注 as the clerk corrected them (else derived from the record). */
    title: text('title'),
    note: text('note'),
    /** At sealing: the record's version (or the extract's digest) and the data it was printed from. */
    sealedVersion: integer('sealed_version'),
    sealedDigest: text('sealed_digest'),
    snapshot: text('snapshot'),
  },
  (t) => [
    index('volume_items_volume_idx').on(t.volumeId, t.position),
    index('volume_items_record_idx').on(t.kind, t.recordId),
  ],
);

/** Every export of a volume: a draft print, the sealing, a re-export of a sealed volume. */
export const volumeExports = sqliteTable(
  'volume_exports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    volumeId: integer('volume_id')
      .notNull()
      .references(() => volumes.id, { onDelete: 'cascade' }),
    at: text('at').notNull(),
    actor: text('actor').notNull(),
    kind: text('kind', { enum: ['draft', 'seal', 'reexport'] }).notNull(),
    file: text('file').notNull(),
    pages: integer('pages').notNull(),
    items: integer('items').notNull(),
    sha256: text('sha256').notNull(),
    partsJson: text('parts_json').notNull(),
    problems: integer('problems').notNull().default(0),
    /** Re-export of a sealed volume: whether the SHA-256 equals the sealed one. */
    matchesSeal: integer('matches_seal', { mode: 'boolean' }),
    ms: integer('ms').notNull().default(0),
  },
  (t) => [index('volume_exports_volume_idx').on(t.volumeId, t.id)],
);

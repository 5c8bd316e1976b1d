import { sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * 归档信息包 the app exported (recorded by the exporter): where the folder is and the package's own digests
 * (SM3/SHA-256 of its manifest.xml) at export, so a later check notices a package altered and re-manifested. The last
 * re-check's outcome is kept for the 工作台.
 */
export const archivePackages = sqliteTable('archive_packages', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** Absolute folder of the package. */
  dir: text('dir').notNull().unique(),
  name: text('name').notNull(),
  /** 按件 / 组卷 */
  mode: text('mode'),
  manifestSm3: text('manifest_sm3').notNull(),
  manifestSha256: text('manifest_sha256').notNull(),
  exportedAt: text('exported_at')
    .notNull()
    .default(sql`(strftime('%Y-%m-%dT%H:%M:%fZ','now'))`),
  lastCheckedAt: text('last_checked_at'),
  /** 'full' (四性检测) or 'digests' (start-up). */
  lastScope: text('last_scope'),
  lastPassed: integer('last_passed', { mode: 'boolean' }),
  /** The failed items of the last check: JSON [{code, name, findings: [{where, message}]}]. */
  lastFindingsJson: text('last_findings_json'),
});

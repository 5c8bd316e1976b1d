import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Key/value settings of the office (office name, 全宗名称/全宗号, committee name …). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

-- Chinese full-text search over hazards: FTS5 with the trigram tokenizer (3+ character terms), contentless
-- with delete support. Kept up to date by the hazard repository in code (core/services/hazardIndex.ts), so a
-- bulk import indexes all its rows in one statement instead of through per-row triggers.
CREATE VIRTUAL TABLE `hazards_fts` USING fts5(
  `description`, `enterprise_name`, `measures`, `location`,
  content='', contentless_delete=1, tokenize='trigram'
);
--> statement-breakpoint
INSERT INTO `hazards_fts`(rowid, `description`, `enterprise_name`, `measures`, `location`)
  SELECT `id`, `description`, `enterprise_name`, coalesce(`measures`, '') || ' ' || coalesce(`hazard_no`, ''), coalesce(`location`, '') FROM `hazards` WHERE `deleted_at` IS NULL;

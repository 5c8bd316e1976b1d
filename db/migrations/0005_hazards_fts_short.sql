-- Searches of 1–2 characters through the trigram index (issue 7): every column of hazards_fts is indexed with two
-- trailing spaces, so each occurrence of a 1–2 character string begins some trigram of its column, and the rows
-- holding it are the documents of the trigrams that begin with it — read through the fts5vocab table below
-- (a range of its terms). A search term never contains white space, so the padding changes no other result.
-- Kept by core/services/hazardIndex.ts; nothing is dropped: the index is emptied ('delete-all') and filled again.
CREATE VIRTUAL TABLE `hazards_fts_terms` USING fts5vocab(`hazards_fts`, 'instance');
--> statement-breakpoint
-- Each term's number of documents: how common a 1–2 character term is, before choosing how to find it.
CREATE VIRTUAL TABLE `hazards_fts_rows` USING fts5vocab(`hazards_fts`, 'row');
--> statement-breakpoint
INSERT INTO `hazards_fts`(`hazards_fts`) VALUES ('delete-all');
--> statement-breakpoint
INSERT INTO `hazards_fts`(rowid, `description`, `enterprise_name`, `measures`, `location`)
  SELECT `id`, `description` || '  ', `enterprise_name` || '  ', coalesce(`measures`, '') || ' ' || coalesce(`hazard_no`, '') || '  ', coalesce(`location` || '  ', '')
  FROM `hazards` WHERE `deleted_at` IS NULL;

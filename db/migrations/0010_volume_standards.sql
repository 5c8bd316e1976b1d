ALTER TABLE `return_submissions` ADD `doc_no` text;--> statement-breakpoint
ALTER TABLE `volumes` ADD `category_name` text DEFAULT '' NOT NULL;
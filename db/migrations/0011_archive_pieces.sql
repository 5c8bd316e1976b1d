CREATE TABLE `archive_pieces` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`record_key` text NOT NULL,
	`fonds_code` text NOT NULL,
	`year` integer NOT NULL,
	`retention` text NOT NULL,
	`org_code` text NOT NULL,
	`piece_no` integer NOT NULL,
	`box_id` integer,
	`assigned_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `archive_pieces_record_uq` ON `archive_pieces` (`kind`,`record_key`);--> statement-breakpoint
CREATE UNIQUE INDEX `archive_pieces_no_uq` ON `archive_pieces` (`fonds_code`,`year`,`retention`,`org_code`,`piece_no`);--> statement-breakpoint
CREATE INDEX `archive_pieces_box_idx` ON `archive_pieces` (`box_id`);--> statement-breakpoint
ALTER TABLE `volumes` ADD `archive_mode` text DEFAULT 'volume' NOT NULL;--> statement-breakpoint
ALTER TABLE `volumes` ADD `spine_width` integer;
CREATE TABLE `hazard_attachments` (
	`hazard_id` integer NOT NULL,
	`attachment_id` integer NOT NULL,
	`role` text DEFAULT 'other' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`hazard_id`, `attachment_id`),
	FOREIGN KEY (`hazard_id`) REFERENCES `hazards`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attachment_id`) REFERENCES `attachments`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `hazard_att_att_idx` ON `hazard_attachments` (`attachment_id`);--> statement-breakpoint
CREATE TABLE `hazard_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hazard_id` integer NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`note` text,
	`source` text DEFAULT 'manual' NOT NULL,
	`batch_id` integer,
	FOREIGN KEY (`hazard_id`) REFERENCES `hazards`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `hazard_events_hazard_idx` ON `hazard_events` (`hazard_id`,`id`);--> statement-breakpoint
CREATE TABLE `hazards` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`hazard_no` text,
	`enterprise_name` text NOT NULL,
	`township_unit_id` integer,
	`village` text,
	`industry` text,
	`description` text NOT NULL,
	`location` text,
	`source` text,
	`found_date` text,
	`found_by` text,
	`level` text DEFAULT '一般' NOT NULL,
	`responsible_unit` text,
	`responsible_person` text,
	`measures` text,
	`funds_fen` integer,
	`deadline_date` text,
	`deadline_text` text,
	`emergency_plan` text,
	`interim_measures` text,
	`status` text DEFAULT '未整改' NOT NULL,
	`completed_date` text,
	`accepted_by` text,
	`accepted_date` text,
	`supervised` integer DEFAULT false NOT NULL,
	`notes` text,
	`notice_id` integer,
	`reporting_unit_id` integer,
	`row_key` text,
	`batch_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`township_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`reporting_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `hazards_township_idx` ON `hazards` (`township_unit_id`,`found_date`);--> statement-breakpoint
CREATE INDEX `hazards_industry_idx` ON `hazards` (`industry`,`found_date`);--> statement-breakpoint
CREATE INDEX `hazards_level_idx` ON `hazards` (`level`,`status`);--> statement-breakpoint
CREATE INDEX `hazards_status_idx` ON `hazards` (`status`,`deadline_date`);--> statement-breakpoint
CREATE INDEX `hazards_found_idx` ON `hazards` (`found_date`);--> statement-breakpoint
CREATE INDEX `hazards_deadline_idx` ON `hazards` (`deadline_date`);--> statement-breakpoint
CREATE INDEX `hazards_notice_idx` ON `hazards` (`notice_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `hazards_row_key_uq` ON `hazards` (`reporting_unit_id`,`row_key`) WHERE "hazards"."row_key" is not null and "hazards"."deleted_at" is null;--> statement-breakpoint
CREATE TABLE `return_attachments` (
	`submission_id` integer NOT NULL,
	`attachment_id` integer NOT NULL,
	`role` text DEFAULT 'file' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`submission_id`, `attachment_id`),
	FOREIGN KEY (`submission_id`) REFERENCES `return_submissions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attachment_id`) REFERENCES `attachments`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE TABLE `return_submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notice_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`period` text,
	`title` text,
	`received_date` text NOT NULL,
	`approved` integer DEFAULT false NOT NULL,
	`sealed` integer DEFAULT false NOT NULL,
	`content` text,
	`text_length` integer,
	`status` text DEFAULT '已接收' NOT NULL,
	`return_reason` text,
	`returned_at` text,
	`previous_id` integer,
	`batch_id` integer,
	`notes` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `returns_notice_unit_idx` ON `return_submissions` (`notice_id`,`unit_id`,`kind`,`period`);--> statement-breakpoint
CREATE INDEX `returns_unit_idx` ON `return_submissions` (`unit_id`);--> statement-breakpoint
ALTER TABLE `notice_requirements` ADD `period` text DEFAULT 'once' NOT NULL;--> statement-breakpoint
ALTER TABLE `notice_requirements` ADD `due_day` integer;--> statement-breakpoint
ALTER TABLE `notice_requirements` ADD `length_limit` integer;
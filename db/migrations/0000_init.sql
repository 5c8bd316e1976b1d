CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `unit_aliases` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`alias` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unit_aliases_alias_uq` ON `unit_aliases` (`alias`);--> statement-breakpoint
CREATE INDEX `unit_aliases_unit_idx` ON `unit_aliases` (`unit_id`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`kind` text DEFAULT '其他' NOT NULL,
	`parent_id` integer,
	`contact` text,
	`phone` text,
	`notes` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_name_uq` ON `units` (`name`);--> statement-breakpoint
CREATE TABLE `notice_requirements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notice_id` integer NOT NULL,
	`unit_id` integer NOT NULL,
	`kind` text NOT NULL,
	`expected_count` integer DEFAULT 1 NOT NULL,
	`deadline` text,
	`notes` text,
	`period` text DEFAULT 'once' NOT NULL,
	`due_day` integer,
	`length_limit` integer,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notice_req_uq` ON `notice_requirements` (`notice_id`,`unit_id`,`kind`);--> statement-breakpoint
CREATE INDEX `notice_req_unit_idx` ON `notice_requirements` (`unit_id`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`doc_no` text NOT NULL,
	`issuer` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`title` text NOT NULL,
	`issued_on` text,
	`deadline` text,
	`notes` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notices_doc_no_uq` ON `notices` (`doc_no`);--> statement-breakpoint
CREATE TABLE `attachments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sha256` text NOT NULL,
	`original_name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`page_count` integer,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `attachments_sha_uq` ON `attachments` (`sha256`);--> statement-breakpoint
CREATE TABLE `pledge_attachments` (
	`pledge_id` integer NOT NULL,
	`attachment_id` integer NOT NULL,
	`role` text DEFAULT 'scan' NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`pledge_id`, `attachment_id`),
	FOREIGN KEY (`pledge_id`) REFERENCES `pledges`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`attachment_id`) REFERENCES `attachments`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `pledge_att_att_idx` ON `pledge_attachments` (`attachment_id`);--> statement-breakpoint
CREATE TABLE `pledges` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`notice_id` integer,
	`level` integer NOT NULL,
	`talker_name` text NOT NULL,
	`talker_title` text NOT NULL,
	`talkee_name` text NOT NULL,
	`talkee_unit_id` integer,
	`talkee_unit_name` text,
	`talkee_title` text NOT NULL,
	`reporting_unit_id` integer,
	`talk_date` text,
	`signed_date` text,
	`custody` text,
	`status` text DEFAULT '未签订' NOT NULL,
	`notes` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`talkee_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`reporting_unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `pledges_notice_idx` ON `pledges` (`notice_id`);--> statement-breakpoint
CREATE INDEX `pledges_talkee_unit_idx` ON `pledges` (`talkee_unit_id`);--> statement-breakpoint
CREATE INDEX `pledges_reporting_unit_idx` ON `pledges` (`reporting_unit_id`);--> statement-breakpoint
CREATE INDEX `pledges_talk_date_idx` ON `pledges` (`talk_date`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer,
	`summary` text,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_log` (`entity`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_at_idx` ON `audit_log` (`at`);--> statement-breakpoint
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
	`township_name` text,
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
	`notice_id` integer,
	`unit_id` integer,
	`unit_name` text,
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
CREATE TABLE `import_batches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`file_name` text NOT NULL,
	`file_sha256` text NOT NULL,
	`source_attachment_id` integer,
	`unit_id` integer,
	`notice_id` integer,
	`sheet` text,
	`fingerprint` text,
	`mapping` text,
	`options` text,
	`counts` text NOT NULL,
	`status` text DEFAULT 'committed' NOT NULL,
	`actor` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`undone_at` text,
	FOREIGN KEY (`source_attachment_id`) REFERENCES `attachments`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`notice_id`) REFERENCES `notices`(`id`) ON UPDATE no action ON DELETE restrict
);
--> statement-breakpoint
CREATE INDEX `import_batches_sha_idx` ON `import_batches` (`file_sha256`);--> statement-breakpoint
CREATE INDEX `import_batches_unit_idx` ON `import_batches` (`unit_id`);--> statement-breakpoint
CREATE TABLE `import_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`batch_id` integer NOT NULL,
	`entity` text NOT NULL,
	`entity_id` integer NOT NULL,
	`action` text NOT NULL,
	`before` text,
	FOREIGN KEY (`batch_id`) REFERENCES `import_batches`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `import_changes_batch_idx` ON `import_changes` (`batch_id`);--> statement-breakpoint
CREATE TABLE `import_mappings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer,
	`kind` text NOT NULL,
	`fingerprint` text NOT NULL,
	`mapping` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `import_mappings_uq` ON `import_mappings` (`unit_id`,`kind`,`fingerprint`);
CREATE TABLE `volume_exports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`volume_id` integer NOT NULL,
	`at` text NOT NULL,
	`actor` text NOT NULL,
	`kind` text NOT NULL,
	`file` text NOT NULL,
	`pages` integer NOT NULL,
	`items` integer NOT NULL,
	`sha256` text NOT NULL,
	`parts_json` text NOT NULL,
	`problems` integer DEFAULT 0 NOT NULL,
	`matches_seal` integer,
	`ms` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`volume_id`) REFERENCES `volumes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `volume_exports_volume_idx` ON `volume_exports` (`volume_id`,`id`);--> statement-breakpoint
CREATE TABLE `volume_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`volume_id` integer NOT NULL,
	`position` integer NOT NULL,
	`kind` text NOT NULL,
	`record_id` integer,
	`params` text,
	`title` text,
	`note` text,
	`sealed_version` integer,
	`sealed_digest` text,
	`snapshot` text,
	FOREIGN KEY (`volume_id`) REFERENCES `volumes`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `volume_items_volume_idx` ON `volume_items` (`volume_id`,`position`);--> statement-breakpoint
CREATE INDEX `volume_items_record_idx` ON `volume_items` (`kind`,`record_id`);--> statement-breakpoint
CREATE TABLE `volumes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`based_on_id` integer,
	`relation` text,
	`edition` integer DEFAULT 1 NOT NULL,
	`title` text NOT NULL,
	`fonds_name` text NOT NULL,
	`fonds_code` text DEFAULT '' NOT NULL,
	`category_code` text DEFAULT 'WS' NOT NULL,
	`year` integer NOT NULL,
	`retention` text DEFAULT 'D30' NOT NULL,
	`volume_no` integer NOT NULL,
	`part_count` integer DEFAULT 1 NOT NULL,
	`organization` text DEFAULT '' NOT NULL,
	`creator` text DEFAULT '' NOT NULL,
	`checker` text DEFAULT '' NOT NULL,
	`compiled_date` text,
	`remarks` text DEFAULT '' NOT NULL,
	`secrecy` text,
	`selection` text DEFAULT '{}' NOT NULL,
	`order_by` text DEFAULT 'date' NOT NULL,
	`page_limit` integer DEFAULT 200 NOT NULL,
	`duplex` integer DEFAULT true NOT NULL,
	`archive_stamp` integer DEFAULT true NOT NULL,
	`pdfa` integer DEFAULT false NOT NULL,
	`check_json` text,
	`sealed_at` text,
	`sealed_by` text,
	`sha256` text,
	`parts_json` text,
	`fonts` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`deleted_at` text
);
--> statement-breakpoint
CREATE INDEX `volumes_no_idx` ON `volumes` (`fonds_code`,`category_code`,`year`,`retention`,`volume_no`);
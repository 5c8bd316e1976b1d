CREATE TABLE `archive_packages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`dir` text NOT NULL,
	`name` text NOT NULL,
	`mode` text,
	`manifest_sm3` text NOT NULL,
	`manifest_sha256` text NOT NULL,
	`exported_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')) NOT NULL,
	`last_checked_at` text,
	`last_scope` text,
	`last_passed` integer,
	`last_findings_json` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `archive_packages_dir_unique` ON `archive_packages` (`dir`);
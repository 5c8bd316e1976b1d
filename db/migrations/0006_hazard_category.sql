DROP INDEX `hazards_live_idx`;--> statement-breakpoint
ALTER TABLE `hazards` ADD `category` text;--> statement-breakpoint
CREATE INDEX `hazards_category_idx` ON `hazards` (`category`,`found_date`);--> statement-breakpoint
CREATE INDEX `hazards_live_idx` ON `hazards` (`found_date`,`township_unit_id`,`industry`,`level`,`status`,`deadline_date`,`supervised`,`notice_id`,`reporting_unit_id`,`township_name`,`enterprise_name`,`category`) WHERE "hazards"."deleted_at" is null;
ALTER TABLE `hazards` ADD `supervising_unit` text;--> statement-breakpoint
ALTER TABLE `hazards` ADD `supervision_deadline` text;
ALTER TABLE `reactions` ADD `range` text;--> statement-breakpoint
ALTER TABLE `reactions` ADD `counted` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `reports` ADD `range` text;
ALTER TABLE `bans` ADD `host` text;--> statement-breakpoint
CREATE INDEX `bans_host` ON `bans` (`host`);--> statement-breakpoint
ALTER TABLE `comments` ADD `host` text;
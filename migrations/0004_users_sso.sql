CREATE TABLE `user_ignores` (
	`user_id` text NOT NULL,
	`ignored_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`user_id`, `ignored_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`sso_id` text NOT NULL,
	`username` text NOT NULL,
	`email` text,
	`role` text DEFAULT 'commenter' NOT NULL,
	`badges` text DEFAULT '[]' NOT NULL,
	`url` text,
	`premod` integer DEFAULT false NOT NULL,
	`note` text,
	`first_seen` integer NOT NULL,
	`last_seen` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_sso_id` ON `users` (`sso_id`);--> statement-breakpoint
ALTER TABLE `audit` ADD `actor` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `user_id` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `badges` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
CREATE INDEX `comments_user_created` ON `comments` (`user_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `threads` ADD `closed_at` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `keep_open` integer DEFAULT false NOT NULL;
CREATE TABLE `audit` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`before` text,
	`after` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_at` ON `audit` (`at`);--> statement-breakpoint
CREATE TABLE `bans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`email` text,
	`reader` text,
	`reason` text,
	`until` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `bans_email` ON `bans` (`email`);--> statement-breakpoint
CREATE INDEX `bans_reader` ON `bans` (`reader`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`thread_id` integer NOT NULL,
	`parent_id` integer,
	`root_id` integer,
	`author` text NOT NULL,
	`email` text,
	`body` text NOT NULL,
	`html` text NOT NULL,
	`status` text NOT NULL,
	`featured` integer DEFAULT false NOT NULL,
	`reactions` integer DEFAULT 0 NOT NULL,
	`reports` integer DEFAULT 0 NOT NULL,
	`reports_reviewed` integer DEFAULT false NOT NULL,
	`reader` text,
	`edit_token_hash` text,
	`created_at` integer NOT NULL,
	`edited_at` integer,
	`import_key` text,
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `comments_thread_status_created` ON `comments` (`thread_id`,`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_root` ON `comments` (`root_id`);--> statement-breakpoint
CREATE INDEX `comments_parent` ON `comments` (`parent_id`);--> statement-breakpoint
CREATE INDEX `comments_status_created` ON `comments` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_email` ON `comments` (`email`);--> statement-breakpoint
CREATE INDEX `comments_reader` ON `comments` (`reader`);--> statement-breakpoint
CREATE UNIQUE INDEX `comments_import_key` ON `comments` (`import_key`);--> statement-breakpoint
CREATE TABLE `reactions` (
	`comment_id` integer NOT NULL,
	`reader` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`comment_id`, `reader`),
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`comment_id` integer NOT NULL,
	`reader` text NOT NULL,
	`reason` text NOT NULL,
	`note` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `reports_comment_reader` ON `reports` (`comment_id`,`reader`);--> statement-breakpoint
CREATE TABLE `secrets` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch() * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `threads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`key` text NOT NULL,
	`title` text,
	`url` text,
	`views` integer DEFAULT 0 NOT NULL,
	`published_count` integer DEFAULT 0 NOT NULL,
	`closed` integer DEFAULT false NOT NULL,
	`moderation` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `threads_key_unique` ON `threads` (`key`);--> statement-breakpoint
CREATE TABLE `view_seen` (
	`hash` text PRIMARY KEY NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `words` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`word` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `words_kind_word` ON `words` (`kind`,`word`);
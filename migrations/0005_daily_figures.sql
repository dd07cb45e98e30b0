CREATE TABLE `site_days` (
	`day` text PRIMARY KEY NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`comments` integer DEFAULT 0 NOT NULL,
	`replies` integer DEFAULT 0 NOT NULL,
	`commenters` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `stats_meta` (
	`name` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `thread_days` (
	`thread_id` integer NOT NULL,
	`day` text NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`comments` integer DEFAULT 0 NOT NULL,
	`replies` integer DEFAULT 0 NOT NULL,
	`commenters` integer DEFAULT 0 NOT NULL,
	`rejected` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`thread_id`, `day`),
	FOREIGN KEY (`thread_id`) REFERENCES `threads`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `thread_days_day` ON `thread_days` (`day`);--> statement-breakpoint
CREATE INDEX `audit_target` ON `audit` (`target_type`,`target_id`);--> statement-breakpoint
CREATE INDEX `comments_published_commenter` ON `comments` ((case when user_id is not null then 'u:' || user_id when email is not null then 'e:' || email when reader is not null then 'r:' || reader else 'a:' || author end),`created_at`) WHERE "comments"."status" = 'published';--> statement-breakpoint
-- The daily figures, filled once from what the comments already say. A comment counts on the
-- day it was created, by its status now (store/sqlite/daily.ts keeps it so from here on).
-- Views were never kept per day: none are invented. When some were counted before this,
-- `views_since` says from which day the daily views exist.
INSERT INTO `thread_days` (`thread_id`, `day`, `comments`, `replies`, `commenters`, `rejected`)
SELECT `thread_id`, strftime('%Y-%m-%d', `created_at` / 1000, 'unixepoch'),
  sum(`status` = 'published'),
  sum(`status` = 'published' AND `parent_id` IS NOT NULL),
  count(DISTINCT CASE WHEN `status` = 'published' THEN (case when user_id is not null then 'u:' || user_id when email is not null then 'e:' || email when reader is not null then 'r:' || reader else 'a:' || author end) END),
  sum(`status` IN ('rejected', 'spam'))
FROM `comments` GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO `site_days` (`day`, `comments`, `replies`, `commenters`, `rejected`)
SELECT strftime('%Y-%m-%d', `created_at` / 1000, 'unixepoch'),
  sum(`status` = 'published'),
  sum(`status` = 'published' AND `parent_id` IS NOT NULL),
  count(DISTINCT CASE WHEN `status` = 'published' THEN (case when user_id is not null then 'u:' || user_id when email is not null then 'e:' || email when reader is not null then 'r:' || reader else 'a:' || author end) END),
  sum(`status` IN ('rejected', 'spam'))
FROM `comments` GROUP BY 1;
--> statement-breakpoint
INSERT INTO `stats_meta` (`name`, `value`)
SELECT 'views_since', strftime('%Y-%m-%d', 'now') WHERE EXISTS (SELECT 1 FROM `threads` WHERE `views` > 0);

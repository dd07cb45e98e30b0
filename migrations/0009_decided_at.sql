DROP INDEX `comments_decided`;--> statement-breakpoint
ALTER TABLE `comments` ADD `decided_at` integer;--> statement-breakpoint
-- When the desk first decided, from the audit trail: its first publish, reject or spam of the
-- comment. Every desk decision marks the reports reviewed (a later report raises them), which
-- narrows the search to the comments the desk has seen.
UPDATE `comments` SET `decided_at` = (
  SELECT min(a.`at`) FROM `audit` a
  WHERE a.`target_type` = 'comment' AND a.`target_id` = CAST(`comments`.`id` AS text) AND a.`action` IN ('publish', 'reject', 'spam')
) WHERE `reports_reviewed` = 1 OR `reports` > 0;
--> statement-breakpoint
CREATE INDEX `comments_decided_at` ON `comments` (`thread_id`,`created_at`,`decided_at`) WHERE "comments"."decided_at" is not null;

ALTER TABLE `comments` ADD `status_by_desk` integer DEFAULT false NOT NULL;--> statement-breakpoint
-- The daily `rejected` figure counts what the desk rejected or marked spam, not what the checks
-- caught at posting. Which rejected and spam comments the desk put there is read from the
-- audit: its last entry that set the comment's status is a moderator's reject or spam (every
-- desk decision also marks the reports reviewed, which narrows the search).
UPDATE `comments` SET `status_by_desk` = 1
WHERE `status` IN ('rejected', 'spam') AND `reports_reviewed` = 1 AND (
  SELECT a.`action` FROM `audit` a
  WHERE a.`target_type` = 'comment' AND a.`target_id` = CAST(`comments`.`id` AS text) AND a.`action` IN ('publish', 'reject', 'spam', 'auto-hold')
  ORDER BY a.`at` DESC, a.`id` DESC LIMIT 1
) IN ('reject', 'spam');
--> statement-breakpoint
-- The figures filled before counted every rejected and spam comment: counted again, the desk's only.
UPDATE `thread_days` SET `rejected` = (
  SELECT count(*) FROM `comments` c
  WHERE c.`thread_id` = `thread_days`.`thread_id` AND c.`status` IN ('rejected', 'spam') AND c.`status_by_desk` = 1
    AND c.`created_at` >= strftime('%s', `thread_days`.`day`) * 1000 AND c.`created_at` < (strftime('%s', `thread_days`.`day`) + 86400) * 1000
) WHERE `rejected` > 0;
--> statement-breakpoint
UPDATE `site_days` SET `rejected` = (
  SELECT count(*) FROM `comments` c
  WHERE c.`status` IN ('rejected', 'spam') AND c.`status_by_desk` = 1
    AND c.`created_at` >= strftime('%s', `site_days`.`day`) * 1000 AND c.`created_at` < (strftime('%s', `site_days`.`day`) + 86400) * 1000
) WHERE `rejected` > 0;

ALTER TABLE "comments" ADD COLUMN "status_by_desk" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- The daily "rejected" figure counts what the desk rejected or marked spam, not what the checks
-- caught at posting (the same upgrade as SQLite's 0008_desk_rejections): the desk's comments
-- are those whose last status-setting audit entry is a moderator's reject or spam.
UPDATE "comments" SET "status_by_desk" = true
WHERE "status" IN ('rejected', 'spam') AND "reports_reviewed" AND (
  SELECT a."action" FROM "audit" a
  WHERE a."target_type" = 'comment' AND a."target_id" = "comments"."id"::text AND a."action" IN ('publish', 'reject', 'spam', 'auto-hold')
  ORDER BY a."at" DESC, a."id" DESC LIMIT 1
) IN ('reject', 'spam');
--> statement-breakpoint
UPDATE "thread_days" SET "rejected" = (
  SELECT count(*) FROM "comments" c
  WHERE c."thread_id" = "thread_days"."thread_id" AND c."status" IN ('rejected', 'spam') AND c."status_by_desk"
    AND c."created_at" >= extract(epoch from "thread_days"."day"::date)::bigint * 1000
    AND c."created_at" < (extract(epoch from "thread_days"."day"::date)::bigint + 86400) * 1000
) WHERE "rejected" > 0;
--> statement-breakpoint
UPDATE "site_days" SET "rejected" = (
  SELECT count(*) FROM "comments" c
  WHERE c."status" IN ('rejected', 'spam') AND c."status_by_desk"
    AND c."created_at" >= extract(epoch from "site_days"."day"::date)::bigint * 1000
    AND c."created_at" < (extract(epoch from "site_days"."day"::date)::bigint + 86400) * 1000
) WHERE "rejected" > 0;

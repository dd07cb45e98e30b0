DROP INDEX "comments_decided";--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "decided_at" bigint;--> statement-breakpoint
-- When the desk first decided, from the audit trail (as SQLite's 0009_decided_at).
UPDATE "comments" SET "decided_at" = (
  SELECT min(a."at") FROM "audit" a
  WHERE a."target_type" = 'comment' AND a."target_id" = "comments"."id"::text AND a."action" IN ('publish', 'reject', 'spam')
) WHERE "reports_reviewed" OR "reports" > 0;
--> statement-breakpoint
CREATE INDEX "comments_decided_at" ON "comments" USING btree ("thread_id","created_at","decided_at") WHERE "comments"."decided_at" is not null;

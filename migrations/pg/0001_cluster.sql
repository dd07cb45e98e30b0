CREATE TABLE "cluster_limits" (
	"name" text NOT NULL,
	"key" text NOT NULL,
	"times" bigint[] NOT NULL,
	"expires_at" bigint NOT NULL,
	CONSTRAINT "cluster_limits_name_key_pk" PRIMARY KEY("name","key")
);
--> statement-breakpoint
CREATE TABLE "cluster_texts" (
	"hash" text PRIMARY KEY NOT NULL,
	"at" bigint NOT NULL,
	"prev" bigint,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cluster_view_seen" (
	"hash" bigint PRIMARY KEY NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "cluster_limits_expires" ON "cluster_limits" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "cluster_texts_expires" ON "cluster_texts" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "cluster_view_seen_expires" ON "cluster_view_seen" USING btree ("expires_at");
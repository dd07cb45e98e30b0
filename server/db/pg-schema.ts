import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { COMMENT_STATUSES, MODERATION_MODES, REPORT_REASONS, WORD_KINDS } from '../../contract';

/**
 * The PostgreSQL schema: the same tables, columns and indexes as the SQLite one in
 * `schema.ts`, table for table, so both engines hand the store the same rows. A table or
 * column added there is added here too, then `npm run db:generate` writes a migration for
 * each engine (README, "Adding a table"). Differences are only of type: times are `bigint`
 * (milliseconds since the epoch pass 2^31) read back as numbers, flags are real booleans,
 * ids come from identity columns.
 */

/** Milliseconds since the epoch, as a JavaScript number (exact up to 2^53). */
const ms = (name: string) => bigint(name, { mode: 'number' });
const id = () => integer('id').primaryKey().generatedByDefaultAsIdentity();

export const threads = pgTable('threads', {
  id: id(),
  key: text('key').notNull().unique(),
  title: text('title'),
  url: text('url'),
  views: integer('views').notNull().default(0),
  publishedCount: integer('published_count').notNull().default(0),
  closed: boolean('closed').notNull().default(false),
  moderation: text('moderation', { enum: MODERATION_MODES }),
  createdAt: ms('created_at').notNull(),
});

export const comments = pgTable(
  'comments',
  {
    id: id(),
    threadId: integer('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    parentId: integer('parent_id'),
    rootId: integer('root_id'),
    author: text('author').notNull(),
    email: text('email'),
    body: text('body').notNull(),
    html: text('html').notNull(),
    status: text('status', { enum: COMMENT_STATUSES }).notNull(),
    featured: boolean('featured').notNull().default(false),
    reactions: integer('reactions').notNull().default(0),
    reports: integer('reports').notNull().default(0),
    reportsReviewed: boolean('reports_reviewed').notNull().default(false),
    reader: text('reader'),
    host: text('host'),
    editTokenHash: text('edit_token_hash'),
    createdAt: ms('created_at').notNull(),
    editedAt: ms('edited_at'),
    importKey: text('import_key'),
  },
  (t) => [
    index('comments_thread_status_created').on(t.threadId, t.status, t.createdAt),
    index('comments_roots_oldest').on(t.threadId, t.createdAt, t.id).where(sql`${t.parentId} is null`),
    index('comments_roots_top').on(t.threadId, t.reactions.desc(), t.id).where(sql`${t.parentId} is null`),
    index('comments_open_reports').on(t.createdAt).where(sql`${t.reports} > 0 and ${t.reportsReviewed} = false`),
    index('comments_root').on(t.rootId),
    index('comments_parent').on(t.parentId),
    index('comments_status_created').on(t.status, t.createdAt),
    index('comments_email').on(t.email),
    index('comments_reader').on(t.reader),
    uniqueIndex('comments_import_key').on(t.importKey),
  ],
);

export const reactions = pgTable(
  'reactions',
  {
    commentId: integer('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    reader: text('reader').notNull(),
    range: text('range'),
    counted: boolean('counted').notNull().default(true),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.reader] })],
);

export const reports = pgTable(
  'reports',
  {
    id: id(),
    commentId: integer('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    reader: text('reader').notNull(),
    range: text('range'),
    reason: text('reason', { enum: REPORT_REASONS }).notNull(),
    note: text('note'),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('reports_comment_reader').on(t.commentId, t.reader)],
);

export const words = pgTable(
  'words',
  {
    id: id(),
    kind: text('kind', { enum: WORD_KINDS }).notNull(),
    word: text('word').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('words_kind_word').on(t.kind, t.word)],
);

export const bans = pgTable(
  'bans',
  {
    id: id(),
    email: text('email'),
    reader: text('reader'),
    host: text('host'),
    reason: text('reason'),
    until: ms('until'),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [index('bans_email').on(t.email), index('bans_reader').on(t.reader), index('bans_host').on(t.host)],
);

export const audit = pgTable(
  'audit',
  {
    id: id(),
    at: ms('at').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    before: text('before'),
    after: text('after'),
    detail: text('detail'),
  },
  (t) => [index('audit_at').on(t.at)],
);

export const secrets = pgTable('secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: ms('created_at')
    .notNull()
    .default(sql`(extract(epoch from now()) * 1000)::bigint`),
});

export const viewSeen = pgTable('view_seen', {
  hash: text('hash').primaryKey(),
  expiresAt: ms('expires_at').notNull(),
});

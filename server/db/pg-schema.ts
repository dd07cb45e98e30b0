import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { COMMENT_STATUSES, DELIVERY_KINDS, DELIVERY_STATUSES, LANGUAGES, MODERATION_MODES, REPORT_REASONS, USER_ROLES, WORD_KINDS } from '../../contract';
import { COMMENTER_SQL } from './schema';

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
  closedAt: ms('closed_at'),
  keepOpen: boolean('keep_open').notNull().default(false),
});

/** A JSON list of strings (badges), as `jsonb`. */
const stringList = (name: string) => jsonb(name).$type<string[]>().notNull().default(sql`'[]'::jsonb`);

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
    /** The current status is the desk's decision (schema.ts). */
    statusByDesk: boolean('status_by_desk').notNull().default(false),
    /** When the desk first decided on it (schema.ts). */
    decidedAt: ms('decided_at'),
    reader: text('reader'),
    host: text('host'),
    editTokenHash: text('edit_token_hash'),
    createdAt: ms('created_at').notNull(),
    editedAt: ms('edited_at'),
    importKey: text('import_key'),
    userId: text('user_id'),
    badges: stringList('badges'),
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
    index('comments_user_created').on(t.userId, t.createdAt),
    // The same expression as SQLite's (schema.ts `COMMENTER_SQL`), so the daily figures' queries use it.
    index('comments_published_commenter')
      .on(sql.raw(COMMENTER_SQL), t.createdAt)
      .where(sql`${t.status} = 'published'`),
    index('comments_published_thread_commenter')
      .on(t.threadId, sql.raw(COMMENTER_SQL), t.createdAt)
      .where(sql`${t.status} = 'published'`),
    index('comments_decided_at')
      .on(t.threadId, t.createdAt, t.decidedAt)
      .where(sql`${t.decidedAt} is not null`),
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
    actor: text('actor'),
  },
  (t) => [index('audit_at').on(t.at), index('audit_target').on(t.targetType, t.targetId)],
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

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    ssoId: text('sso_id').notNull(),
    username: text('username').notNull(),
    email: text('email'),
    role: text('role', { enum: USER_ROLES }).notNull().default('commenter'),
    badges: stringList('badges'),
    url: text('url'),
    premod: boolean('premod').notNull().default(false),
    note: text('note'),
    firstSeen: ms('first_seen').notNull(),
    lastSeen: ms('last_seen').notNull(),
  },
  (t) => [uniqueIndex('users_sso_id').on(t.ssoId)],
);

export const userIgnores = pgTable(
  'user_ignores',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ignoredId: text('ignored_id').notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ignoredId] })],
);

export const threadDays = pgTable(
  'thread_days',
  {
    threadId: integer('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    day: text('day').notNull(),
    views: integer('views').notNull().default(0),
    comments: integer('comments').notNull().default(0),
    replies: integer('replies').notNull().default(0),
    commenters: integer('commenters').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.day] }), index('thread_days_range').on(t.day, t.threadId, t.views, t.comments, t.replies, t.rejected)],
);

export const siteDays = pgTable('site_days', {
  day: text('day').primaryKey(),
  views: integer('views').notNull().default(0),
  comments: integer('comments').notNull().default(0),
  replies: integer('replies').notNull().default(0),
  commenters: integer('commenters').notNull().default(0),
  rejected: integer('rejected').notNull().default(0),
});

export const statsMeta = pgTable('stats_meta', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
});

export const subscriptions = pgTable(
  'subscriptions',
  {
    id: id(),
    commentId: integer('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    lang: text('lang', { enum: LANGUAGES }).notNull(),
    createdAt: ms('created_at').notNull(),
  },
  (t) => [uniqueIndex('subscriptions_comment').on(t.commentId), index('subscriptions_email').on(t.email)],
);

export const mailRecipients = pgTable('mail_recipients', {
  email: text('email').primaryKey(),
  confirmedAt: ms('confirmed_at').notNull(),
});

export const mailTokens = pgTable(
  'mail_tokens',
  {
    hash: text('hash').primaryKey(),
    purpose: text('purpose', { enum: ['confirm', 'unsubscribe'] }).notNull(),
    email: text('email').notNull(),
    lang: text('lang', { enum: LANGUAGES }).notNull(),
    expiresAt: ms('expires_at').notNull(),
  },
  (t) => [index('mail_tokens_email').on(t.email), index('mail_tokens_expires').on(t.expiresAt)],
);

export const mailOptouts = pgTable('mail_optouts', {
  emailKey: text('email_key').primaryKey(),
  createdAt: ms('created_at').notNull(),
});

export const outbox = pgTable(
  'outbox',
  {
    id: id(),
    kind: text('kind', { enum: DELIVERY_KINDS }).notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('queued'),
    recipient: text('recipient'),
    recipientKey: text('recipient_key'),
    ref: integer('ref'),
    payload: text('payload').notNull(),
    eventId: text('event_id').notNull(),
    lang: text('lang', { enum: LANGUAGES }),
    attempts: integer('attempts').notNull().default(0),
    dueAt: ms('due_at').notNull(),
    leaseUntil: ms('lease_until'),
    leaseOwner: text('lease_owner'),
    lastError: text('last_error'),
    createdAt: ms('created_at').notNull(),
    sentAt: ms('sent_at'),
  },
  (t) => [
    index('outbox_due').on(t.dueAt).where(sql`${t.status} = 'queued'`),
    index('outbox_recipient').on(t.recipientKey, t.kind),
    index('outbox_created').on(t.createdAt),
  ],
);

/*
 * What the instances sharing this database must agree on (server/pg-cluster/, docs/scale.md):
 * short-lived rows, each with the time it expires, deleted by the instances every minute. Only
 * on PostgreSQL: SQLite serves one instance, which keeps all of this in its own memory
 * (services/cluster, `localCluster`), so the SQLite schema has no such tables.
 */

/** The view de-duplication: a reader's view of an article (`ReaderIdentity.sealed`, 64 bits), held 30 minutes. */
export const clusterViewSeen = pgTable(
  'cluster_view_seen',
  {
    hash: bigint('hash', { mode: 'bigint' }).primaryKey(),
    expiresAt: ms('expires_at').notNull(),
  },
  (t) => [index('cluster_view_seen_expires').on(t.expiresAt)],
);

/** Posting, reaction and report limits: a limit's key (a keyed hash) and its events within the longest window. */
export const clusterLimits = pgTable(
  'cluster_limits',
  {
    name: text('name').notNull(),
    key: text('key').notNull(),
    times: bigint('times', { mode: 'number' }).array().notNull(),
    expiresAt: ms('expires_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.name, t.key] }), index('cluster_limits_expires').on(t.expiresAt)],
);

/** The duplicate-text check: a hash of a comment's text, when it was last posted and the time before. */
export const clusterTexts = pgTable(
  'cluster_texts',
  {
    hash: text('hash').primaryKey(),
    at: ms('at').notNull(),
    prev: ms('prev'),
    expiresAt: ms('expires_at').notNull(),
  },
  (t) => [index('cluster_texts_expires').on(t.expiresAt)],
);

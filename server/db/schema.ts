import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { COMMENT_STATUSES, DELIVERY_KINDS, DELIVERY_STATUSES, LANGUAGES, MODERATION_MODES, REPORT_REASONS, USER_ROLES, WORD_KINDS } from '../../contract';

/**
 * The SQLite schema. Times are milliseconds since the epoch (integers), statuses are text
 * enums whose values come from the API contract (contract/enums.ts), reader identities are
 * keyed hashes (never a raw address or user agent).
 */

export const threads = sqliteTable('threads', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  key: text('key').notNull().unique(),
  title: text('title'),
  url: text('url'),
  views: integer('views').notNull().default(0),
  /** Published comments, kept in the same transaction as every status change. */
  publishedCount: integer('published_count').notNull().default(0),
  closed: integer('closed', { mode: 'boolean' }).notNull().default(false),
  /** null: the site default from FOOTNOTE_MODERATION. */
  moderation: text('moderation', { enum: MODERATION_MODES }),
  createdAt: integer('created_at').notNull(),
  /** When the desk closed it (null: open, or closed before this was kept). */
  closedAt: integer('closed_at'),
  /** The desk reopened it: FOOTNOTE_AUTO_CLOSE_DAYS no longer closes it. */
  keepOpen: integer('keep_open', { mode: 'boolean' }).notNull().default(false),
});

/**
 * Who a published comment counts as in the daily "commenters" figure: the signed-in user, else
 * the email, else the reader hash, else (imported comments carry none) the author's name. The same text is
 * used by the index below and the queries in store/sqlite/daily.ts, so SQLite matches them.
 */
export const COMMENTER_SQL =
  // No commas: drizzle-kit splits an index expression at them (a case, not coalesce, for that).
  "(case when user_id is not null then 'u:' || user_id when email is not null then 'e:' || email when reader is not null then 'r:' || reader else 'a:' || author end)";

export const comments = sqliteTable(
  'comments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    threadId: integer('thread_id')
      .notNull()
      .references(() => threads.id, { onDelete: 'cascade' }),
    parentId: integer('parent_id'),
    /** The top-level ancestor (itself for a top-level comment): one query loads a branch. */
    rootId: integer('root_id'),
    author: text('author').notNull(),
    /** Normalised (`normalEmail`): NFC, lower case, so bans and data requests find it. */
    email: text('email'),
    body: text('body').notNull(),
    html: text('html').notNull(),
    status: text('status', { enum: COMMENT_STATUSES }).notNull(),
    featured: integer('featured', { mode: 'boolean' }).notNull().default(false),
    reactions: integer('reactions').notNull().default(0),
    /** Reports not yet reviewed (a moderator's decision clears them; the reports table keeps all). */
    reports: integer('reports').notNull().default(0),
    /** Set once a moderator has acted on a reported comment: it leaves the reported queue. */
    reportsReviewed: integer('reports_reviewed', { mode: 'boolean' }).notNull().default(false),
    /**
     * Whether the current status is a moderator's decision (the desk's PATCH), not the checks'
     * at posting, an edit's or readers' reports' (auto-hold). The daily `rejected` figure counts
     * only rejected and spam comments the desk put there; any other change of status clears it.
     */
    statusByDesk: integer('status_by_desk', { mode: 'boolean' }).notNull().default(false),
    /**
     * When the desk first decided on it (a moderator's publish, reject or spam, as the audit
     * records them); never cleared. The reports' minutes to a decision read it here.
     */
    decidedAt: integer('decided_at'),
    reader: text('reader'),
    /** The author's address alone, hashed (`ReaderIdentity.host`): what a ban from this comment covers. */
    host: text('host'),
    editTokenHash: text('edit_token_hash'),
    createdAt: integer('created_at').notNull(),
    editedAt: integer('edited_at'),
    /** Source id of an imported comment ("disqus:4"): re-importing the same file adds nothing. */
    importKey: text('import_key'),
    /** The signed-in author (`users.id`); null for guests and imported comments. */
    userId: text('user_id'),
    /** The author's badges as shown (JSON array), kept in step with `users` (`Staff` first). */
    badges: text('badges', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
  },
  (t) => [
    index('comments_thread_status_created').on(t.threadId, t.status, t.createdAt),
    // A thread's top-level comments in page order, whatever their status: the listing walks
    // these and stops at the page size, instead of visiting every comment of a big thread.
    index('comments_roots_oldest').on(t.threadId, t.createdAt, t.id).where(sql`${t.parentId} is null`),
    index('comments_roots_top').on(t.threadId, sql`${t.reactions} desc`, t.id).where(sql`${t.parentId} is null`),
    // The reported queue and its count read only open reports.
    index('comments_open_reports').on(t.createdAt).where(sql`${t.reports} > 0 and ${t.reportsReviewed} = 0`),
    index('comments_root').on(t.rootId),
    index('comments_parent').on(t.parentId),
    index('comments_status_created').on(t.status, t.createdAt),
    index('comments_email').on(t.email),
    index('comments_reader').on(t.reader),
    uniqueIndex('comments_import_key').on(t.importKey),
    index('comments_user_created').on(t.userId, t.createdAt),
    // Engagement reports: "did this commenter already have a published comment that day?"
    // (store/sqlite/daily.ts), answered from the comments themselves, so the daily figures
    // keep no reader data of their own.
    index('comments_published_commenter')
      .on(sql.raw(COMMENTER_SQL), t.createdAt)
      .where(sql`${t.status} = 'published'`),
    // A story's distinct commenters over a range: in this order they come sorted, so counting
    // them needs no sort of its own.
    index('comments_published_thread_commenter')
      .on(t.threadId, sql.raw(COMMENTER_SQL), t.createdAt)
      .where(sql`${t.status} = 'published'`),
    // The comments the desk decided on, with when: a story's minutes to a decision read these
    // few from the index alone, instead of every comment of the story or the audit trail.
    index('comments_decided_at')
      .on(t.threadId, t.createdAt, t.decidedAt)
      .where(sql`${t.decidedAt} is not null`),
  ],
);

export const reactions = sqliteTable(
  'reactions',
  {
    commentId: integer('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    reader: text('reader').notNull(),
    /** The reader's address range (`ReaderIdentity.range`): a network weighs as a few readers. */
    range: text('range'),
    /** Whether it is in the comment's count: a range's reactions past its cap are kept but not counted. */
    counted: integer('counted', { mode: 'boolean' }).notNull().default(true),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.commentId, t.reader] })],
);

export const reports = sqliteTable(
  'reports',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    commentId: integer('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    reader: text('reader').notNull(),
    /** The reader's address range: reports hold a comment only from enough distinct ranges. */
    range: text('range'),
    reason: text('reason', { enum: REPORT_REASONS }).notNull(),
    note: text('note'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('reports_comment_reader').on(t.commentId, t.reader)],
);

export const words = sqliteTable(
  'words',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: WORD_KINDS }).notNull(),
    word: text('word').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('words_kind_word').on(t.kind, t.word)],
);

export const bans = sqliteTable(
  'bans',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Normalised (`normalEmail`): NFC, lower case. */
    email: text('email'),
    reader: text('reader'),
    /** The banned author's address, hashed (`ReaderIdentity.host`): not evaded by another browser. */
    host: text('host'),
    reason: text('reason'),
    /** null: for good. */
    until: integer('until'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('bans_email').on(t.email), index('bans_reader').on(t.reader), index('bans_host').on(t.host)],
);

export const audit = sqliteTable(
  'audit',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: integer('at').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    before: text('before'),
    after: text('after'),
    detail: text('detail'),
    /** Who acted (JSON `{"id","name"}`, `"admin-token"` or `"system"`); null in entries older than sign-in. */
    actor: text('actor'),
  },
  // The reports' minutes to a decision look up a comment's entries.
  (t) => [index('audit_at').on(t.at), index('audit_target').on(t.targetType, t.targetId)],
);

/** Server secrets (the reader-hash keys), created on first start and kept in the database. */
export const secrets = sqliteTable('secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: integer('created_at').notNull().default(sql`(unixepoch() * 1000)`),
});

/** View de-duplication memory, saved on a clean stop so a restart does not double-count. */
export const viewSeen = sqliteTable('view_seen', {
  hash: text('hash').primaryKey(),
  expiresAt: integer('expires_at').notNull(),
});

/**
 * Readers signed in with the newsroom's own accounts (docs/sso.md). `id` is ours, opaque and
 * shown to the public as `authorId`; `ssoId` is the newsroom's, never shown to the public.
 * Name, email, role and badges are the latest token's.
 */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    ssoId: text('sso_id').notNull(),
    username: text('username').notNull(),
    /** Normalised (`normalEmail`). */
    email: text('email'),
    role: text('role', { enum: USER_ROLES }).notNull().default('commenter'),
    badges: text('badges', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    url: text('url'),
    /** The desk holds every comment of theirs for approval while set. */
    premod: integer('premod', { mode: 'boolean' }).notNull().default(false),
    note: text('note'),
    firstSeen: integer('first_seen').notNull(),
    lastSeen: integer('last_seen').notNull(),
  },
  (t) => [uniqueIndex('users_sso_id').on(t.ssoId)],
);

/** A signed-in reader's "ignore": the commenters whose comments fold for them, on every device. */
export const userIgnores = sqliteTable(
  'user_ignores',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    ignoredId: text('ignored_id').notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ignoredId] })],
);

/**
 * Daily figures per thread, for the engagement reports (docs/admin.md). `day` is the UTC date
 * (YYYY-MM-DD). Views are added by the same batched write as the thread's count; comments
 * count on the day they were created, in the same transaction as every status change that
 * moves them: `comments` published (`replies` the published ones with a parent), `commenters`
 * distinct commenters of those, `rejected` rejected or spam. No reader data is kept here.
 */
export const threadDays = sqliteTable(
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
  // The range's top stories sum this index alone, a stretch of days read in order.
  (t) => [primaryKey({ columns: [t.threadId, t.day] }), index('thread_days_range').on(t.day, t.threadId, t.views, t.comments, t.replies, t.rejected)],
);

/**
 * The same figures for the whole site, one row a day, kept with `thread_days`: a site-wide
 * day reads one row, and its commenters are distinct across threads (not a sum).
 */
export const siteDays = sqliteTable('site_days', {
  day: text('day').primaryKey(),
  views: integer('views').notNull().default(0),
  comments: integer('comments').notNull().default(0),
  replies: integer('replies').notNull().default(0),
  commenters: integer('commenters').notNull().default(0),
  rejected: integer('rejected').notNull().default(0),
});

/** Facts about the daily figures themselves (`views_since`: the first day views were kept per day). */
export const statsMeta = sqliteTable('stats_meta', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
});

// Reply mail and webhooks (docs/mail.md). Emails are in their stored form (`normalEmail`).

/** A commenter's wish to be mailed the replies under one comment of theirs. */
export const subscriptions = sqliteTable(
  'subscriptions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    commentId: integer('comment_id')
      .notNull()
      .references(() => comments.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    /** The language the widget spoke to them in: their mail is in it. */
    lang: text('lang', { enum: LANGUAGES }).notNull(),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [uniqueIndex('subscriptions_comment').on(t.commentId), index('subscriptions_email').on(t.email)],
);

/**
 * Addresses whose owner followed a confirmation link (or signed in with it): their
 * subscriptions are mailed. An unconfirmed subscription sends nothing but its confirmation.
 */
export const mailRecipients = sqliteTable('mail_recipients', {
  email: text('email').primaryKey(),
  confirmedAt: integer('confirmed_at').notNull(),
});

/** Tokens in mail links, stored as a hash only; each does one thing (`purpose`). */
export const mailTokens = sqliteTable(
  'mail_tokens',
  {
    hash: text('hash').primaryKey(),
    purpose: text('purpose', { enum: ['confirm', 'unsubscribe'] }).notNull(),
    email: text('email').notNull(),
    lang: text('lang', { enum: LANGUAGES }).notNull(),
    expiresAt: integer('expires_at').notNull(),
  },
  (t) => [index('mail_tokens_email').on(t.email), index('mail_tokens_expires').on(t.expiresAt)],
);

/**
 * Addresses that unsubscribed, as a hash only: no confirmation mail goes to them for a while,
 * so nobody can keep mailing a person who said stop by typing their address into the form.
 */
export const mailOptouts = sqliteTable('mail_optouts', {
  emailKey: text('email_key').primaryKey(),
  createdAt: integer('created_at').notNull(),
});

/**
 * The outbox: every mail and webhook event, written in the same transaction as the change that
 * caused it and sent by a worker (services/mail/outbox.ts). A worker claims a row by setting
 * `lease_until`; a row whose lease ran out (its worker died) is claimed again.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    kind: text('kind', { enum: DELIVERY_KINDS }).notNull(),
    status: text('status', { enum: DELIVERY_STATUSES }).notNull().default('queued'),
    /** The address mail goes to; wiped once it is sent or dropped (the key stays). */
    recipient: text('recipient'),
    /** sha256 of the address: gathers replies to one person and finds their rows for erasure. */
    recipientKey: text('recipient_key'),
    /** Confirm: the subscribed comment's id. */
    ref: integer('ref'),
    /** Webhook: the event body as sent. Reply: the ids of the replies it gathers (JSON). */
    payload: text('payload').notNull(),
    /** Webhook: the event id, the same on every retry. Mail: seeds its Message-ID. */
    eventId: text('event_id').notNull(),
    lang: text('lang', { enum: LANGUAGES }),
    attempts: integer('attempts').notNull().default(0),
    /** Not sent before this time (the digest window, or the next retry). */
    dueAt: integer('due_at').notNull(),
    leaseUntil: integer('lease_until'),
    leaseOwner: text('lease_owner'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [
    index('outbox_due').on(t.dueAt).where(sql`${t.status} = 'queued'`),
    index('outbox_recipient').on(t.recipientKey, t.kind),
    index('outbox_created').on(t.createdAt),
  ],
);

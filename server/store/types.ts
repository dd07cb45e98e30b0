import type { CommentStatus, DeliveryKind, DeliveryStatus, Language, ModerationMode, QueueName, ReportReason, Sort, UserRole, WordKind } from '../../contract';

/**
 * The storage interface. Services talk only to this; `sqlite/` (the default, one file) and
 * `pg/` (PostgreSQL, shared by any number of instances) implement it, and the store suite
 * (`store.test.ts`) holds both to the same behaviour. What a caller may rely on, and what not:
 *
 * - **Asynchronous, for real.** A method's effect is known only when its promise settles; on
 *   PostgreSQL nothing has happened before that (not even on the same connection), and other
 *   requests run in between. Code must not read a row, start a write and assume the world
 *   stood still: what must be atomic is one method, and the method says so.
 * - **One method, one transaction.** Each write method is atomic: all of it or none of it
 *   (a failed call leaves nothing behind). Where a method decides from what it reads (a
 *   parent's status, a reaction already there, a range's cap), the decision and the write are
 *   in the same transaction, serialised against concurrent calls for the same rows (SQLite: its
 *   single writer; PostgreSQL: row locks), from this process or another.
 * - **Not the only writer.** Other processes (another instance, `footnote import`) write the
 *   same database. Whatever a caller caches (thread rows, word lists) can be stale as soon as
 *   it is read; keeping caches true across processes is the caller's business.
 * - **Committed when it resolves.** A write that resolved is durable (SQLite: in the WAL;
 *   PostgreSQL: committed), so a 201 answered after it survives a crash of the process.
 * - **Failures in storage terms.** `StoreError` with a code below; `unavailable` when the
 *   database cannot be reached or cannot serve now (retry later: the engine reconnects by
 *   itself). Any other error is a bug.
 * - **Text is stored exactly**, except U+0000, which PostgreSQL cannot hold (`text_unstorable`);
 *   the HTTP layer refuses it on both engines before it gets here.
 * - Times are milliseconds since the epoch, as numbers; ids are positive integers, never reused.
 */
export interface Store {
  threads: ThreadStore;
  comments: CommentStore;
  moderation: ModerationStore;
  meta: MetaStore;
  /** Import, export, backup and data requests (docs/data.md). */
  archive: ArchiveStore;
  /** Readers signed in with the newsroom's accounts (docs/sso.md). */
  users: UserStore;

  /** The daily figures behind the engagement reports (docs/admin.md). */
  stats: StatsStore;
  /** Subscriptions, mail tokens and the outbox of mail and webhooks (docs/mail.md). */
  mail: MailStore;
  /** Flushes and closes the engine. */
  close(): Promise<void>;
}

/**
 * Why the store refused a write, in storage terms. The store never speaks to readers: the
 * service that called it turns a code into the answer (e.g. `parent_unusable` into
 * `invalid_parent`). Codes are stable; the message is for logs.
 */
export type StoreErrorCode =
  /** The parent named for a new comment is missing, in another thread, or not published. */
  | 'parent_unusable'
  /** The comment a write names is gone (erased since the service looked). */
  | 'comment_missing'
  /** The thread a write names is gone. */
  | 'thread_missing'
  /** The database cannot be reached or cannot serve now (PostgreSQL down, restarting, overloaded); answered 503. */
  | 'unavailable'
  /** Text the engine cannot store (U+0000 on PostgreSQL); validation refuses it before, on both engines. */
  | 'text_unstorable';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface ThreadRow {
  id: number;
  key: string;
  title: string | null;
  url: string | null;
  views: number;
  publishedCount: number;
  closed: boolean;
  moderation: ModerationMode | null;
  createdAt: number;
  /** When the desk closed it; null while open (or closed before this was kept). */
  closedAt: number | null;
  /** The desk reopened it: FOOTNOTE_AUTO_CLOSE_DAYS no longer closes it. */
  keepOpen: boolean;
}

/** What the desk may change on a thread (title and URL: a correction, null clears). */
export interface ThreadPatch {
  closed?: boolean;
  closedAt?: number | null;
  keepOpen?: boolean;
  moderation?: ModerationMode | null;
  title?: string | null;
  url?: string | null;
}

export interface ThreadStore {
  get(key: string): Promise<ThreadRow | null>;
  byId(id: number): Promise<ThreadRow | null>;
  getMany(keys: readonly string[]): Promise<ThreadRow[]>;
  /** Creates the thread on first use; fills a missing title or url, never overwrites one. */
  ensure(key: string, meta?: { title?: string | null; url?: string | null }): Promise<ThreadRow>;
  update(key: string, patch: ThreadPatch): Promise<ThreadRow>;
  /**
   * Adds batched view increments in one transaction, creating threads as needed, and the same
   * increments to the daily figures of the UTC day of `at` (default: now).
   */
  addViews(deltas: ReadonlyMap<string, number>, at?: number): Promise<void>;
  /** Every thread, in id order, a page at a time (export). */
  listAll(afterId: number, limit: number): Promise<ThreadRow[]>;
}

export interface CommentRow {
  id: number;
  threadId: number;
  parentId: number | null;
  rootId: number | null;
  author: string;
  email: string | null;
  body: string;
  html: string;
  status: CommentStatus;
  featured: boolean;
  reactions: number;
  reports: number;
  reportsReviewed: boolean;
  /** The status is a moderator's decision (set by the desk's PATCH, cleared by any other change of status). */
  statusByDesk: boolean;
  /** When the desk first decided on it (publish, reject or spam); null before that. */
  decidedAt: number | null;
  reader: string | null;
  /** The author's address alone, hashed (`ReaderIdentity.host`); null for imported comments. */
  host: string | null;
  editTokenHash: string | null;
  createdAt: number;
  editedAt: number | null;
  importKey: string | null;
  /** The signed-in author (`UserRow.id`); null for guests and imported comments. */
  userId: string | null;
  /** The author's badges as shown, kept in step with the user's (`UserStore.upsert`). */
  badges: string[];
}

export type NewCommentRow = Omit<
  CommentRow,
  'id' | 'rootId' | 'featured' | 'reactions' | 'reports' | 'reportsReviewed' | 'statusByDesk' | 'decidedAt' | 'editedAt' | 'importKey' | 'host' | 'userId' | 'badges'
> & { featured?: boolean; reactions?: number; importKey?: string | null; host?: string | null; userId?: string | null; badges?: string[] };

/**
 * A change to a comment. A new `status` is the desk's only with `statusByDesk: true` (what
 * moderateComment sends); without it the store records the status as not the desk's.
 * `decidedAt` is kept only when the comment has none yet (the desk's first decision).
 */
export type CommentPatch = Partial<
  Pick<CommentRow, 'status' | 'featured' | 'body' | 'html' | 'editedAt' | 'reportsReviewed' | 'statusByDesk' | 'decidedAt' | 'author' | 'email'>
>;

/** Position after which the next page starts: the sort value and id of the last row served. */
export interface PageCursor {
  value: number;
  id: number;
}

export interface CommentStore {
  /** `effects`: mail and webhooks written in the same transaction (docs/mail.md). */
  insert(row: NewCommentRow, effects?: EffectsOf): Promise<CommentRow>;
  get(id: number): Promise<CommentRow | null>;
  /** Top-level comments that are published, or hold a published reply, in `sort` order. */
  listRoots(threadId: number, sort: Sort, limit: number, after: PageCursor | null): Promise<CommentRow[]>;
  /** Replies (any depth, any status) under these top-level comments, oldest first. */
  listReplies(rootIds: readonly number[]): Promise<CommentRow[]>;
  /** Changes a comment, keeping the thread's published count exact in the same transaction. */
  update(id: number, patch: CommentPatch, effects?: EffectsOf): Promise<{ before: CommentRow; after: CommentRow } | null>;
  /**
   * Erases a comment. One with replies becomes a "deleted" placeholder (text, author and
   * email wiped) so its replies keep their place, and so does an imported one (its source id
   * stops a re-import from bringing it back); any other is removed.
   */
  erase(id: number): Promise<{ before: CommentRow; placeholder: boolean } | null>;
  hasReplies(id: number): Promise<boolean>;
  /**
   * Adds a reader's reaction, once: a second call changes nothing (unique (comment, reader)
   * closes the double-vote race). It joins the comment's count while fewer than `rangeCap`
   * counted reactions come from its address `range`; past that it is kept, uncounted.
   */
  addReaction(id: number, reader: string, range: string, rangeCap: number): Promise<{ reacted: true; reactions: number }>;
  /**
   * Takes a reader's reaction back, if any. When it was counted, the range's oldest uncounted
   * reaction takes its place in the count.
   */
  removeReaction(id: number, reader: string): Promise<{ reacted: false; reactions: number }>;
  /**
   * Records a report once per reader; `null` when this reader already reported it. `reports`:
   * the open (unreviewed) reports; `ranges`: the distinct address ranges among them.
   */
  addReport(
    id: number,
    reader: string,
    range: string,
    reason: ReportReason,
    note: string | null,
    effects?: EffectsOf,
  ): Promise<{ reports: number; ranges: number } | null>;
  queue(query: QueueQuery): Promise<QueueRow[]>;
  /** Size of every queue, site-wide or within one thread. */
  queueCounts(threadKey?: string): Promise<Record<QueueName, number>>;
  /** The reports on these comments (reason and note, oldest first), for the moderation queue. */
  reportsOf(ids: readonly number[]): Promise<{ commentId: number; reason: ReportReason; note: string | null }[]>;
  byEmail(email: string): Promise<CommentRow[]>;
  /** All comments of a thread in id order (export). */
  listByThread(threadId: number): Promise<CommentRow[]>;
  findByImportKey(key: string): Promise<CommentRow | null>;
}

export interface QueueQuery {
  status: QueueName;
  threadKey?: string | undefined;
  q?: string | undefined;
  /** Newest first: rows strictly older than this (createdAt, id). */
  before?: PageCursor | null | undefined;
  limit: number;
}

export type QueueRow = CommentRow & { threadKey: string; threadTitle: string | null; threadUrl: string | null };

export interface BanRow {
  id: number;
  /** Normalised (`normalEmail`). */
  email: string | null;
  reader: string | null;
  /** A banned author's address, hashed (`ReaderIdentity.host`). */
  host: string | null;
  reason: string | null;
  until: number | null;
  createdAt: number;
}

export interface AuditRow {
  id: number;
  at: number;
  action: string;
  targetType: string;
  targetId: string;
  before: string | null;
  after: string | null;
  detail: string | null;
  /** Who acted: JSON `{"id","name"}` of a signed-in moderator, `admin-token` or `system`; null in old entries. */
  actor: string | null;
}

/** A stored word-list entry. */
export interface WordRow {
  id: number;
  kind: WordKind;
  word: string;
  createdAt: number;
}

export interface ModerationStore {
  listWords(kind?: WordKind): Promise<WordRow[]>;
  addWords(kind: WordKind, words: readonly string[]): Promise<number>;
  removeWord(id: number): Promise<boolean>;
  addBan(ban: Omit<BanRow, 'id'>): Promise<BanRow>;
  listBans(): Promise<BanRow[]>;
  removeBan(id: number): Promise<boolean>;
  /** A ban in force now for this email (normalised), reader or host, if any. A signed-in user's bans name `u:<id>` as reader. */
  activeBan(who: { email: string | null; reader: string | null; host: string | null }, now: number): Promise<BanRow | null>;
  addAudit(entry: Omit<AuditRow, 'id' | 'actor'> & { actor?: string | null }): Promise<void>;
  listAudit(beforeId: number | null, limit: number): Promise<AuditRow[]>;
}

export interface MetaStore {
  getSecret(name: string): Promise<string | null>;
  /**
   * Stores `value` under `name` unless a secret of that name is stored already: the first one
   * stays, so instances starting at once on one database all read back the same secret.
   */
  setSecret(name: string, value: string): Promise<void>;
  loadViewSeen(now: number): Promise<{ hash: string; expiresAt: number }[]>;
  /** Replaces the saved de-duplication memory. */
  saveViewSeen(entries: readonly { hash: string; expiresAt: number }[]): Promise<void>;
  /** `PRAGMA integrity_check` result ("ok" when sound). */
  integrityCheck(): Promise<string>;
  /**
   * One trivial query: resolves while the database answers, fails (`unavailable`) while it
   * cannot. What `/healthz` asks, every few seconds per instance: it must stay cheap.
   */
  ping(): Promise<void>;
}

/** A thread to create or complete on import. */
export interface ImportThreadOp {
  kind: 'thread';
  key: string;
  title: string | null;
  url: string | null;
  closed: boolean;
  moderation: ModerationMode | null;
  views: number;
}

/** A comment to add on import, unless its `importKey` is already stored. */
export interface ImportCommentOp {
  kind: 'comment';
  importKey: string;
  threadKey: string;
  /** The parent's import key; a parent that cannot be found makes the comment top-level. */
  parentKey: string | null;
  /** Set when `importKey` names a comment of this very database (`footnote:<site>:<id>`). */
  localId: number | null;
  parentLocalId: number | null;
  author: string;
  email: string | null;
  body: string;
  html: string;
  status: CommentStatus;
  featured: boolean;
  reactions: number;
  createdAt: number;
  editedAt: number | null;
  /** The signed-in author's id (Footnote's own export); written only when that user is stored here. */
  userId: string | null;
  /** The badges shown with it (Footnote's own export). */
  badges: string[];
  /**
   * The desk's decision (Footnote's own export): whether its status is the desk's (a rejection
   * counts in the day's `rejected` only then) and when the desk first decided. False and null
   * for anything else.
   */
  statusByDesk: boolean;
  decidedAt: number | null;
}

/**
 * A signed-in user to add on import (Footnote's own export), with whom they ignore. One whose
 * id or newsroom id (`ssoId`) is stored already is left as it is: the database's own is newer.
 */
export interface ImportUserOp {
  kind: 'user';
  user: UserRow;
  ignored: { id: string; at: number }[];
}

export type ImportOp = ImportThreadOp | ImportCommentOp | ImportUserOp;

/** A user as exported: the row and whom they ignore, oldest first. */
export type ExportUserRow = UserRow & { ignored: { id: string; at: number }[] };

/**
 * What one op did: a thread or user `created` or `existing`; a comment `added`, `unchanged` (its key is
 * stored), `erased` (it names a comment of this database that was deleted since) or `no-thread`.
 */
export type ImportOpResult = 'created' | 'existing' | 'added' | 'unchanged' | 'erased' | 'no-thread';

/** A comment as exported: the row and its parent's import key. */
export type ExportCommentRow = CommentRow & { parentImportKey: string | null };

/** A comment matched by a data request, with its thread. */
export type DataRequestComment = CommentRow & { threadKey: string; threadTitle: string | null; threadUrl: string | null };

export interface EraseResult {
  /** The comments as they were, with their thread, and whether each was kept as a placeholder. */
  comments: { before: DataRequestComment; placeholder: boolean }[];
  bansRemoved: number;
  auditScrubbed: number;
}

export interface ArchiveStore {
  /**
   * Rewrites every stored email (comments, bans) that is not in the form `normal` gives it;
   * returns how many rows changed. Run at start, so rows written before the form was fixed
   * (or by an older version) are found by bans and data requests like new ones.
   */
  normaliseEmails(normal: (email: string) => string): Promise<number>;
  /**
   * Writes a batch of imported threads and comments in one transaction, in order, keeping the
   * threads' published counts exact. Comments whose import key is stored already are left alone.
   */
  importBatch(ops: readonly ImportOp[], now: number): Promise<ImportOpResult[]>;
  /** A random tag naming this database in exported comment ids, made once and kept. */
  siteTag(): Promise<string>;
  /** A thread's comments in id order, a page at a time, with their parents' import keys (export). */
  exportPage(threadId: number, afterId: number, limit: number): Promise<ExportCommentRow[]>;
  /**
   * Signed-in users after `afterId` in byte order of their ids (the same on either engine,
   * whatever the database's collation), a page at a time, each with their ignore list (export).
   */
  exportUsers(afterId: string, limit: number): Promise<ExportUserRow[]>;
  /** Every comment and ban stored under this email (normalised: `normalEmail`). */
  recordsByEmail(email: string): Promise<{ comments: DataRequestComment[]; bans: BanRow[] }>;
  /**
   * Erases one commenter in one transaction: comments with replies (and imported ones, so a
   * re-import cannot bring them back) become empty "deleted" placeholders, the others go; bans
   * by that email go unless `keepBans`; audit entries mentioning the email get `mask` instead.
   */
  eraseByEmail(email: string, opts: { keepBans: boolean; mask: string }): Promise<EraseResult>;
  totals(): Promise<{ threads: number; comments: number }>;
  /**
   * Consistent online copy into `file` (SQLite's backup API, in one step so writes by another
   * process cannot keep restarting it).
   */
  backupTo(file: string): Promise<void>;
  /**
   * Opens a copy made by `backupTo` on its own, makes it a standalone file (no write-ahead log
   * beside it) and checks it: SQLite's integrity check ("ok" when sound) and what it holds.
   */
  checkCopy(file: string): Promise<{ integrity: string; threads: number; comments: number }>;
}

/** A reader signed in with the newsroom's account. */
export interface UserRow {
  /** Ours: opaque, shown to the public as `authorId`. */
  id: string;
  /** The newsroom's id for them (`user.id` in their token). */
  ssoId: string;
  username: string;
  /** Normalised (`normalEmail`). */
  email: string | null;
  role: UserRole;
  badges: string[];
  url: string | null;
  premod: boolean;
  note: string | null;
  firstSeen: number;
  lastSeen: number;
}

/** What a verified token says about a user. */
export type UserClaims = Pick<UserRow, 'ssoId' | 'username' | 'email' | 'role' | 'badges' | 'url'>;

/** A user's comment for the desk, with its thread. */
export type UserComment = DataRequestComment;

export interface UserStore {
  /**
   * Creates the user on their first token, or brings name, email, role and badges up to the
   * latest token's; `lastSeen` moves when it is older than `seenEveryMs`. When the name or the
   * shown badges changed, their comments are rewritten in the same transaction (`renamed`).
   * `newId` makes the opaque id of a new user.
   */
  upsert(claims: UserClaims, shownBadges: string[], now: number, newId: () => string, seenEveryMs: number): Promise<{ user: UserRow; renamed: boolean }>;
  get(id: string): Promise<UserRow | null>;
  update(id: string, patch: Partial<Pick<UserRow, 'premod' | 'note'>>): Promise<UserRow | null>;
  /** Their comments by status (every status present, zeros included). */
  countsByStatus(id: string): Promise<Record<CommentStatus, number>>;
  /** Published comments by this user, or (guests) under this email: what pre-moderation of newcomers counts. */
  publishedBy(who: { userId: string } | { email: string }): Promise<number>;
  /** Their comments, newest first, with their threads. */
  comments(id: string, limit: number): Promise<UserComment[]>;
  ignore(userId: string, ignoredId: string, now: number): Promise<void>;
  unignore(userId: string, ignoredId: string): Promise<void>;
  ignored(userId: string): Promise<string[]>;
  /** The thread keys their comments are in (what a rename invalidates). */
  threadKeys(id: string): Promise<string[]>;
  /**
   * Erases one user in one transaction: their comments as `ArchiveStore.eraseByEmail` does
   * (placeholders for those with replies or imported), their ignore lists both ways, bans naming
   * them, audit entries naming them as actor or target (masked with `mask`), and the user row.
   */
  erase(id: string, mask: string): Promise<EraseResult | null>;
}

/** One UTC day's figures (site-wide or one thread's). */
export interface DayRow {
  /** YYYY-MM-DD, UTC. */
  day: string;
  views: number;
  /** Published comments created that day (replies included). */
  comments: number;
  /** Distinct authors of those comments. */
  commenters: number;
  /** Published replies created that day. */
  replies: number;
  /** Comments created that day that are now rejected or spam. */
  rejected: number;
}

/** A thread's figures over a range of days. */
export interface RangeThreadRow {
  threadId: number;
  key: string;
  title: string | null;
  url: string | null;
  views: number;
  comments: number;
  /** Distinct over the whole range (not a sum of days). */
  commenters: number;
  replies: number;
  rejected: number;
  /** Median time from a comment's creation to the desk's first decision on it, of the range's comments. */
  medianDecisionMs: number | null;
}

export interface StatsStore {
  /** The days of `from`..`to` (YYYY-MM-DD, both included) that have figures, oldest first; one thread's or the site's. */
  days(from: string, to: string, threadId?: number): Promise<DayRow[]>;
  /**
   * The threads with the most comments and those with the most views over the range (up to
   * `limit` of each, together), or the one thread asked for.
   */
  topThreads(from: string, to: string, limit: number, threadId?: number): Promise<RangeThreadRow[]>;
  /** Published comments created in each hour from `start` (ms) for `hours` hours. */
  commentsPerHour(start: number, hours: number, threadId?: number): Promise<number[]>;
  /** The first day views were kept per day, when some were counted before (null: all views are in the days). */
  viewsSince(): Promise<string | null>;
}

/**
 * What a comment write also writes in its own transaction, so that a change and the mail and
 * events it causes are committed together or not at all (docs/mail.md, "The outbox").
 */
export interface CommentEffects {
  now: number;
  /** Webhook events about the comment as written. */
  webhooks?: { eventId: string; body: string }[];
  /**
   * Subscribes the new comment's email to the replies under it. Unless the address is
   * confirmed already (or `confirmed`: a signed-in user's own), a confirmation mail is queued.
   */
  subscribe?: { lang: Language; confirmed: boolean };
  /**
   * The comment is a reply just published: it is queued for its parent's confirmed subscriber
   * (never when the replier is that subscriber), joining their open digest if one waits, else
   * due `firstDelayMs` from now or `windowMs` after their last reply mail, whichever is later.
   */
  replyMail?: { firstDelayMs: number; windowMs: number };
  /** The key an address is found by in the outbox and opt-outs (a hash: see `emailKey`). */
  keyOf: (email: string) => string;
}

/** Made from the comment as written (and as it was, for a change); null writes nothing more. */
export type EffectsOf = (after: CommentRow, before: CommentRow | null) => CommentEffects | null;

export interface SubscriptionRow {
  id: number;
  commentId: number;
  email: string;
  lang: Language;
  createdAt: number;
}

export interface OutboxRow {
  id: number;
  kind: DeliveryKind;
  status: DeliveryStatus;
  recipient: string | null;
  recipientKey: string | null;
  ref: number | null;
  payload: string;
  eventId: string;
  lang: Language | null;
  attempts: number;
  dueAt: number;
  leaseUntil: number | null;
  leaseOwner: string | null;
  lastError: string | null;
  createdAt: number;
  sentAt: number | null;
}

/** How a claimed delivery ended: done (`sent`, `dropped`, `failed`), or to be tried again. */
export type Settlement =
  | { status: 'sent' | 'dropped' | 'failed'; at: number; error?: string | null }
  | { status: 'queued'; dueAt: number; error: string };

export interface MailTokenRow {
  hash: string;
  purpose: 'confirm' | 'unsubscribe';
  email: string;
  lang: Language;
  expiresAt: number;
}

export interface MailStore {
  /** Stores a link's token (its hash). */
  addToken(token: MailTokenRow): Promise<void>;
  /**
   * Follows a confirmation link: the token is used up and the address confirmed (its
   * subscriptions are mailed from now on). null: unknown, used or expired.
   */
  confirm(hash: string, now: number): Promise<{ email: string; lang: Language } | null>;
  /**
   * Unsubscribes the address an unsubscribe token names, at once: its subscriptions, its
   * confirmation, its tokens and its queued mail go, and only its key stays (`mail_optouts`).
   * null: the token is unknown (already used, or erased).
   */
  unsubscribe(hash: string, now: number, keyOf: (email: string) => string): Promise<{ lang: Language } | null>;
  subscriptionOf(commentId: number): Promise<SubscriptionRow | null>;
  isConfirmed(email: string): Promise<boolean>;
  /** Whether this address key unsubscribed at or after `since`. */
  optedOutSince(key: string, since: number): Promise<boolean>;
  /**
   * Claims up to `limit` due deliveries, oldest due first, for `owner` until `now + leaseMs`:
   * rows claimed by another worker whose lease has not run out are skipped, so with many
   * instances each row goes to one.
   */
  claim(now: number, owner: string, leaseMs: number, limit: number): Promise<OutboxRow[]>;
  /** Records how a claimed delivery ended; false when `owner` no longer holds it (its lease ran out). */
  settle(id: number, owner: string, outcome: Settlement): Promise<boolean>;
  /** Recent deliveries, newest first (the desk's view). */
  deliveries(query: { status?: DeliveryStatus | undefined; kind?: DeliveryKind | undefined; beforeId?: number | null | undefined; limit: number }): Promise<OutboxRow[]>;
  deliveryCounts(): Promise<Record<DeliveryStatus, number>>;
  /** Deletes finished deliveries created before `before`, expired tokens and opt-outs older than `optoutsBefore`. */
  prune(now: number, before: number, optoutsBefore: number): Promise<number>;
  /** A data request's erasure: the address's subscriptions, confirmation, tokens and every outbox row of it. */
  eraseEmail(email: string, key: string): Promise<{ subscriptions: number; deliveries: number }>;
}

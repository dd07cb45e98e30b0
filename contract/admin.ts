import type { CommentStatus, DecisionStatus, DeliveryKind, DeliveryStatus, ModerationMode, QueueName, ReportReason, UserRole, WordKind } from './enums';

/**
 * Shapes of the admin API (`/api/v1/admin`, docs/admin.md): what the server answers and what
 * the /admin page reads. Times are ISO 8601 text.
 */

/**
 * A comment as the moderation desk sees it: everything the public sees plus the email,
 * its thread, its status and what readers reported. Never the reader hash or the token.
 */
export interface DeskComment {
  id: number;
  parentId: number | null;
  thread: { key: string; title: string | null; url: string | null };
  author: string;
  /** The signed-in author's opaque id (`GET /admin/users/{authorId}`); null for guests. */
  authorId: string | null;
  badges: string[];
  email: string | null;
  body: string;
  html: string;
  status: CommentStatus;
  featured: boolean;
  reactions: number;
  reports: number;
  /** True once a moderator acted on it: it has left the reported queue. */
  reportsReviewed: boolean;
  /** Reports per reason, e.g. `{"spam": 2, "abuse": 1}`. */
  reportReasons: Partial<Record<ReportReason, number>>;
  /** The free-text notes readers added to their reports. */
  reportNotes: string[];
  /** Whether `POST /bans {"commentId"}` can ban its author (imported comments carry no identity). */
  bannable: boolean;
  createdAt: string;
  editedAt: string | null;
}

/** The size of every queue. */
export type QueueCounts = Record<QueueName, number>;

/** `GET /admin/comments`: a page of one queue, newest first. */
export interface QueuePage {
  comments: DeskComment[];
  next: string | null;
  counts: QueueCounts;
}

/** Body of `PATCH /admin/comments/{id}` (and, with `ids`, of `POST /admin/comments/bulk`). */
export interface Decision {
  status?: DecisionStatus;
  featured?: boolean;
}

/** Body of `POST /admin/comments/bulk`: one decision for up to 100 comments. */
export interface BulkDecision extends Decision {
  ids: number[];
}

/** `200` of `POST /admin/comments/bulk`. */
export interface BulkDecided {
  comments: DeskComment[];
  /** The ids that named no comment. */
  missing: number[];
}

/** A thread as the desk sees it: public counts plus its settings. */
export interface DeskThread {
  thread: string;
  title: string | null;
  url: string | null;
  views: number;
  comments: number;
  closed: boolean;
  /** The thread's own setting; null follows the site default. */
  moderation: ModerationMode | null;
  /** What applies to new comments now. */
  effectiveModeration: ModerationMode;
}

/** Body of `PATCH /admin/threads/{thread}`. */
export interface ThreadSettings {
  closed?: boolean;
  /** null: back to the site default. */
  moderation?: ModerationMode | null;
  /** The desk's correction of the title (≤ 300 characters); null or "" clears it. */
  title?: string | null;
  /** The desk's correction of the article's address: absolute http(s) only; null or "" clears it. */
  url?: string | null;
}

/** A word-list entry as the desk reads it. */
export interface WordEntry {
  id: number;
  kind: WordKind;
  word: string;
  createdAt: string;
}

/** Body of `POST /admin/words`: entries to add to one list. */
export interface WordsRequest {
  kind: WordKind;
  words: string[];
}

/** `200` of `POST /admin/words`. */
export interface WordsAdded {
  added: number;
  /** The list's size after the change. */
  total: number;
}

/** A ban as the desk sees it. The reader hash itself is never shown. */
export interface DeskBan {
  id: number;
  email: string | null;
  /**
   * Made from a comment: the ban covers its author's hashed identity, their browser (address
   * and user agent) and their address alone (IPv4 address, IPv6 /64), so another browser on
   * the same connection is banned too.
   */
  byReader: boolean;
  reason: string | null;
  /** null: for good. */
  until: string | null;
  createdAt: string;
  active: boolean;
}

/** Body of `POST /admin/bans`: by email or by a comment's author, for `days` or for good. */
export interface BanRequest {
  email?: string;
  commentId?: number;
  /** A signed-in commenter, on every device (`authorId` of their comments). */
  authorId?: string;
  /**
   * With `commentId`: ban the email typed on that comment too. Off unless asked: anyone can
   * type anyone's address, and its real owner would be banned with the troll.
   */
  banEmail?: boolean;
  reason?: string;
  /** Omitted: for good. */
  days?: number;
}

/** One moderation action in the audit trail. */
export interface AuditEntry {
  id: number;
  at: string;
  /**
   * Who acted: a moderator or admin signed in with the newsroom's login (their newsroom id and
   * name), the shared `FOOTNOTE_ADMIN_TOKEN`, or the server itself (`"system"`: a comment held
   * by reader reports, the command line).
   */
  actor: AuditActor;
  action: string;
  targetType: string;
  targetId: string;
  before: string | null;
  after: string | null;
  detail: string | null;
}

/** `GET /admin/audit`: newest first. */
export interface AuditPage {
  entries: AuditEntry[];
  next: string | null;
}

/** Who did something on the desk. */
export type AuditActor = { id: string; name: string } | 'admin-token' | 'system';

/** A signed-in commenter as the desk sees them: `GET /admin/users/{authorId}`. */
export interface DeskUser {
  authorId: string;
  /** The newsroom's own id for them (`user.id` of their token). */
  ssoId: string;
  username: string;
  email: string | null;
  role: UserRole;
  badges: string[];
  url: string | null;
  firstSeen: string;
  lastSeen: string;
  /** Every comment of theirs is held for approval while set. */
  premod: boolean;
  note: string | null;
  /** Their comments by status. */
  counts: Record<CommentStatus, number>;
  /** Rejected and spam among their moderated comments (published, rejected, spam), 0 to 1; null before any. */
  rejectionRate: number | null;
  /** A ban in force on them, if any. */
  ban: DeskBan | null;
}

/** `GET /admin/users/{authorId}`: the commenter and their comments, newest first. */
export interface DeskUserPage {
  user: DeskUser;
  comments: DeskComment[];
}

/** Body of `PATCH /admin/users/{authorId}`. */
export interface UserSettings {
  premod?: boolean;
  /** The desk's note about them (≤ 2,000 characters); null or "" clears it. */
  note?: string | null;
}

/**
 * One mail or webhook event of the outbox, as the desk sees it (`GET /admin/deliveries`):
 * never the address in full, nor a link's token.
 */
export interface Delivery {
  id: number;
  kind: DeliveryKind;
  status: DeliveryStatus;
  /** Webhook: the event type (`comment.created`, …); mail: null. */
  event: string | null;
  /** Webhook: the event id; mail: null. */
  eventId: string | null;
  /** Mail: the address, masked (`a…@example.com`); null once sent (only a hash is kept). */
  to: string | null;
  attempts: number;
  /** Why the last try failed, or why it was dropped. */
  lastError: string | null;
  createdAt: string;
  /** When it is (next) due: a digest's send time, or the next retry. */
  dueAt: string;
  sentAt: string | null;
}

/** `GET /admin/deliveries`: newest first, with the outbox's size by status. */
export interface DeliveryPage {
  deliveries: Delivery[];
  counts: Record<DeliveryStatus, number>;
  next: string | null;
}

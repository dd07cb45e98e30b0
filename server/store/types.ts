import type { CommentStatus, ModerationMode, ReportReason, WordKind } from '../db/schema';

/**
 * The storage interface. Services talk only to this; `sqlite/` implements it today and a
 * PostgreSQL engine can implement it later without touching routes or services. Every
 * method is asynchronous for that reason, even though better-sqlite3 answers synchronously.
 */
export interface Store {
  threads: ThreadStore;
  comments: CommentStore;
  moderation: ModerationStore;
  meta: MetaStore;
  /** Flushes and closes the engine. */
  close(): Promise<void>;
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
}

export interface ThreadStore {
  get(key: string): Promise<ThreadRow | null>;
  byId(id: number): Promise<ThreadRow | null>;
  getMany(keys: readonly string[]): Promise<ThreadRow[]>;
  /** Creates the thread on first use; fills a missing title or url, never overwrites one. */
  ensure(key: string, meta?: { title?: string | null; url?: string | null }): Promise<ThreadRow>;
  update(key: string, patch: { closed?: boolean; moderation?: ModerationMode | null }): Promise<ThreadRow>;
  /** Adds batched view increments in one transaction, creating threads as needed. */
  addViews(deltas: ReadonlyMap<string, number>): Promise<void>;
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
  reader: string | null;
  editTokenHash: string | null;
  createdAt: number;
  editedAt: number | null;
  importKey: string | null;
}

export type NewCommentRow = Omit<
  CommentRow,
  'id' | 'rootId' | 'featured' | 'reactions' | 'reports' | 'reportsReviewed' | 'editedAt' | 'importKey'
> & { featured?: boolean; reactions?: number; importKey?: string | null };

export type CommentPatch = Partial<
  Pick<CommentRow, 'status' | 'featured' | 'body' | 'html' | 'editedAt' | 'reportsReviewed' | 'author' | 'email'>
>;

export type PublicSort = 'oldest' | 'newest' | 'top';

/** Position after which the next page starts: the sort value and id of the last row served. */
export interface PageCursor {
  value: number;
  id: number;
}

export interface CommentStore {
  insert(row: NewCommentRow): Promise<CommentRow>;
  get(id: number): Promise<CommentRow | null>;
  /** Top-level comments that are published, or deleted placeholders, in `sort` order. */
  listRoots(threadId: number, sort: PublicSort, limit: number, after: PageCursor | null): Promise<CommentRow[]>;
  /** Replies (any depth) under these top-level comments, published or deleted, oldest first. */
  listReplies(rootIds: readonly number[]): Promise<CommentRow[]>;
  /** Changes a comment, keeping the thread's published count exact in the same transaction. */
  update(id: number, patch: CommentPatch): Promise<{ before: CommentRow; after: CommentRow } | null>;
  /**
   * Erases a comment. One with replies becomes a "deleted" placeholder (text, author and
   * email wiped) so its replies keep their place; one without is removed.
   */
  erase(id: number): Promise<{ before: CommentRow; placeholder: boolean } | null>;
  hasReplies(id: number): Promise<boolean>;
  /** Toggles a reader's reaction; unique (comment, reader) closes the double-vote race. */
  toggleReaction(id: number, reader: string): Promise<{ reacted: boolean; reactions: number }>;
  /** Records a report once per reader; `null` when this reader already reported it. */
  addReport(id: number, reader: string, reason: ReportReason, note: string | null): Promise<{ reports: number } | null>;
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

export type QueueName = 'pending' | 'published' | 'rejected' | 'spam' | 'reported';

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
  email: string | null;
  reader: string | null;
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
}

export interface ModerationStore {
  listWords(kind?: WordKind): Promise<{ id: number; kind: WordKind; word: string; createdAt: number }[]>;
  addWords(kind: WordKind, words: readonly string[]): Promise<number>;
  removeWord(id: number): Promise<boolean>;
  addBan(ban: Omit<BanRow, 'id'>): Promise<BanRow>;
  listBans(): Promise<BanRow[]>;
  removeBan(id: number): Promise<boolean>;
  /** A ban in force now for this email or reader, if any. */
  activeBan(email: string | null, reader: string | null, now: number): Promise<BanRow | null>;
  addAudit(entry: Omit<AuditRow, 'id'>): Promise<void>;
  listAudit(beforeId: number | null, limit: number): Promise<AuditRow[]>;
}

export interface MetaStore {
  getSecret(name: string): Promise<string | null>;
  setSecret(name: string, value: string): Promise<void>;
  loadViewSeen(now: number): Promise<{ hash: string; expiresAt: number }[]>;
  /** Replaces the saved de-duplication memory. */
  saveViewSeen(entries: readonly { hash: string; expiresAt: number }[]): Promise<void>;
  /** `PRAGMA integrity_check` result ("ok" when sound). */
  integrityCheck(): Promise<string>;
  /** Consistent online copy of the database into `file` (SQLite's backup API). */
  backup(file: string): Promise<void>;
}

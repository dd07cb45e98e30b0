// The store interface, comments: rows, pages, the desk's queue and the writes (see ../types.ts for the whole contract).
import type { CommentStatus, QueueName, ReportReason, Sort } from '../../../contract';
import type { EffectsOf } from './mail';

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

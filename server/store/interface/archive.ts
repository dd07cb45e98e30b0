// The store interface, archive: import, export, backup and data requests (see ../types.ts for the whole contract).
import type { CommentStatus, ModerationMode } from '../../../contract';
import type { CommentRow } from './comments';
import type { BanRow } from './moderation';
import type { UserRow } from './users';

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

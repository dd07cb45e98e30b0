import type { CommentStatus, ModerationMode } from '../../../contract';
import type { UserRow } from '../../store/types';

/**
 * The normalized shape every import parser produces, whatever the source format.
 * Parsers are pure: they read a byte or text stream and yield these items; writing them to
 * the database is the importer's job.
 */

export type { ImportFormat } from '../../../contract';

/**
 * Moderation state of an imported comment. `deleted` keeps a placeholder so replies keep their
 * place; `rejected` comes only from Footnote's own export (the other formats have no such state).
 */
export type ImportedStatus = CommentStatus;

/** A thread, always yielded before the first comment that belongs to it. */
export interface ImportedThread {
  kind: 'thread';
  key: string;
  title: string | null;
  url: string | null;
  closed: boolean;
  /** Only Footnote's own export carries a per-thread moderation mode; absent means "use the default". */
  moderation?: ModerationMode | null;
  /** Views counted so far; only Footnote's own export carries them. */
  views?: number;
}

/**
 * A comment. Parsers yield a comment only after its thread, and after its parent when the parent
 * exists in the same thread; a reply whose parent is missing comes out top-level (`parentSourceId: null`).
 */
export interface ImportedComment {
  kind: 'comment';
  /** Stable id within the source, prefixed by format ("disqus:4"); the key for idempotent re-import. */
  sourceId: string;
  threadKey: string;
  parentSourceId: string | null;
  /** Plain text, never empty (fallback "Anonymous"), at most 80 code points. */
  author: string;
  email: string | null;
  /** Plain text with Footnote's small Markdown subset, never live HTML; '' when deleted. */
  body: string;
  /** Milliseconds since the epoch, the original date. */
  createdAt: number;
  status: ImportedStatus;
  featured?: boolean;
  /** Reaction count, carried only by Footnote's own export. */
  reactions?: number;
  /** When the author last edited it (ms), carried only by Footnote's own export. */
  editedAt?: number | null;
  /** The signed-in author's id (`authorId`), carried only by Footnote's own export. */
  userId?: string | null;
  /** The badges shown with it, carried only by Footnote's own export. */
  badges?: string[];
  /** Its status is the desk's decision, and when the desk first decided (ms): Footnote's own export only. */
  statusByDesk?: boolean;
  decidedAt?: number | null;
}

/**
 * A signed-in user with their ignore list (Footnote's own export, version 2): always yielded
 * before the threads, so their comments find them.
 */
export interface ImportedUser {
  kind: 'user';
  user: UserRow;
  ignored: { id: string; at: number }[];
}

/** Something the parser read but could not import; the importer counts these as `skipped`. */
export interface ImportSkip {
  kind: 'skip';
  /** What was skipped, e.g. "post 6" or "line 120". */
  ref: string;
  reason: string;
}

export type ImportItem = ImportedThread | ImportedComment | ImportedUser | ImportSkip;

/** The input stream: a Node Readable (or any async iterable of chunks), or a web ReadableStream (a request body). */
export type ImportInput = AsyncIterable<Uint8Array | string> | ReadableStream<Uint8Array>;

/**
 * Thrown only when the input is not an export of the requested format at all (not XML, wrong
 * root element, not JSON). Damage inside a real export is reported as skip items instead.
 */
export class ImportParseError extends Error {
  override readonly name: string = 'ImportParseError';
}

/**
 * The input went past one of the import's bounds ({@link ImportLimits}): the import stops there,
 * keeping what was written before. Answered 413 (the file is too large), not 400.
 */
export class ImportTooLargeError extends ImportParseError {
  override readonly name = 'ImportTooLargeError';
}

/**
 * The input stopped before its end (an upload whose client went away): an ordinary stop, not a
 * fault. What was read before it is written, like after damage, and the answer says how much.
 */
export class ImportInterruptedError extends ImportParseError {
  override readonly name = 'ImportInterruptedError';
}

/**
 * What an import may cost, so that no file (a hostile one included) can exhaust the server's
 * memory or disk. Every parser reads these; the defaults suit real exports.
 */
export interface ImportLimits {
  /** Bytes read from the file after decompression; past it the import stops (413). */
  maxBytes: number;
  /**
   * Memory (estimated bytes) for comments held back: Disqus posts waiting for a thread that
   * has not come yet, replies waiting for their parent. Past it, the oldest waiting ones are
   * let go (skipped, or put at the top level).
   */
  waitingBytes: number;
}

export const DEFAULT_IMPORT_LIMITS: ImportLimits = {
  maxBytes: 512 * 1024 * 1024,
  waitingBytes: 32 * 1024 * 1024,
};

import type { ThreadStore } from './interface/threads';
import type { CommentStore } from './interface/comments';
import type { ModerationStore } from './interface/moderation';
import type { MetaStore } from './interface/meta';
import type { ArchiveStore } from './interface/archive';
import type { UserStore } from './interface/users';
import type { StatsStore } from './interface/stats';
import type { MailStore } from './interface/mail';

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

// Each part of the interface, in a file of its own.
export * from './interface/threads';
export * from './interface/comments';
export * from './interface/moderation';
export * from './interface/meta';
export * from './interface/archive';
export * from './interface/users';
export * from './interface/stats';
export * from './interface/mail';

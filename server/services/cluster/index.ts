import { randomBytes } from 'node:crypto';
import type { WordKind } from '../../../contract';
import type { ThreadEvent } from '../events/hub';
import { RateLimiter, type Window } from '../limits/rate-limiter';
import { localTexts, type TextMemory } from '../spam/heuristics';

/**
 * What the instances of Footnote that share one database must agree on, behind one small
 * interface (docs/scale.md):
 *
 * - `limit`: posting, reaction and report limits, so a reader round-robined over N instances
 *   gets one quota, not N;
 * - `texts`: the duplicate-text spam check's memory;
 * - `views`: the view de-duplication, claimed once a second per instance, so a reader's
 *   repeat view through another instance is not counted again;
 * - `send`/`receive`: signals that a comment, a thread, the views or a word list changed, so
 *   every instance drops what it cached of it and tells its own live readers.
 *
 * `localCluster` is one instance alone (SQLite): everything in this process's memory, as
 * fast as before there was a choice. `postgres/` shares it through the PostgreSQL database
 * the instances already use (LISTEN/NOTIFY and a few small tables), so nothing else has to run.
 */
export interface Cluster {
  /** Random per process: its own signals come back through the database and are skipped. */
  readonly instance: string;
  /** A rate limit every instance shares (`RateLimiter`'s sliding log, kept where all see it). */
  limit(name: string, windows: readonly Window[]): Limit;
  /** The duplicate-text check's memory. */
  readonly texts: TextMemory;
  /** The shared view de-duplication; null on one instance, whose own memory is the whole truth. */
  readonly views: ViewClaims | null;
  /** Tells the other instances that something changed. Never throws, never waits. */
  send(signal: Signal): void;
  /**
   * Hands the other instances' signals to `on.signal`, in the order they came; `on.reset`
   * when some may have been missed (the connection that hears them was lost and is back):
   * every cache must go then.
   */
  receive(on: { signal(signal: Signal): void; reset(): void }): void;
  /** Starts listening (and any sweeping of expired shared rows). */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A rate limit: records one event of `key` or throws 429 (`AppError` `rate_limited`). */
export interface Limit {
  hit(key: string, now: number): void | Promise<void>;
}

/**
 * The de-duplication every instance shares. A view is first checked against this instance's
 * own memory (`ViewCounter`), at no cost; those it counts are claimed here once a second, and
 * only the claims that win are written.
 */
export interface ViewClaims {
  /**
   * Claims each view `hash` (a `ReaderIdentity.sealed` key as a signed 64-bit decimal) until
   * `until` (ms): answers the hashes no instance held unexpired at `now`, which are now held.
   * Committed before it answers; on a throw nothing was claimed.
   */
  claim(hashes: readonly string[], until: readonly number[], now: number): Promise<Set<string>>;
}

/**
 * What one instance tells the others. Small (a PostgreSQL notification holds 8,000 bytes):
 * keys and ids, and a live event only when it fits.
 */
export type Signal =
  /**
   * A comment of `thread` changed: its cached row and listings go, and live readers get
   * `event` (as sent to this instance's readers, or only its comment id when too big to send)
   * and the new counts.
   */
  | { type: 'comment'; thread: string; event?: ThreadEvent | { type: 'comment' | 'update'; id: number } }
  /** Views of these threads were written: cached rows go, live readers get the counts. */
  | { type: 'views'; threads: string[] }
  /** A thread row was created or changed (a first view, the desk): cached row and listings go. */
  | { type: 'thread'; thread: string }
  /** A listing changed without a live event (a reaction). */
  | { type: 'list'; thread: string }
  /** A word list changed: it is read and compiled again. */
  | { type: 'words'; kind: WordKind }
  /** Anything may have changed (an import): every cache goes. */
  | { type: 'all' };

/** A random instance id (12 characters). */
export const instanceId = (): string => randomBytes(9).toString('base64url');

/** One instance alone: limits, text memory and de-duplication in this process; signals go nowhere. */
export function localCluster(): Cluster {
  return {
    instance: instanceId(),
    limit: (name, windows) => new RateLimiter(name, windows),
    texts: localTexts(),
    views: null,
    send: () => {},
    receive: () => {},
    start: async () => {},
    stop: async () => {},
  };
}

import type { PgDb } from '../../db/open-pg';
import { StoreError, type CommentRow, type EffectsOf } from '../types';
import { applyEffects } from './effects';
import { retryingConflicts, storeErrorOf } from './errors';
import { postMany, type NewPost } from './post-many';

interface Waiting {
  post: NewPost;
  /** Mail and webhooks to queue with it (`comments.insert`'s `effects`). */
  effects: EffectsOf | undefined;
  resolve: (row: CommentRow | null) => void;
  reject: (err: unknown) => void;
}

/**
 * Group commit for readers' posts on PostgreSQL. Every post on a story changes the same few
 * rows (the thread's count, its day, the site's day), so posts sent one statement each queue
 * for those rows' locks and for one flush to disk apiece. Here, one posting statement is under
 * way at a time on this instance: a post arriving while it runs waits for it and goes in the
 * next one, together with every other post that arrived meanwhile. Alone, a post goes at once;
 * under load, dozens share one statement and one flush. Each is committed before its promise
 * settles, so a 201 still means on disk.
 *
 * Posts with mail or webhooks to queue go in a transaction with them (one for the whole
 * batch); without, the statement commits on its own. Concurrent posting statements on one
 * story were seen to deadlock under PostgreSQL's row locks; one at a time per instance they
 * cannot, and between instances a deadlock is retried (`retryingConflicts`).
 *
 * A batch that fails for a reason of its own (not an outage) is tried again post by post, so
 * one post the database refuses does not take the others down with it.
 */
export class PostQueue {
  private waiting: Waiting[] = [];
  private running = false;

  constructor(
    private readonly db: PgDb,
    /** The most posts one statement takes. */
    private readonly most = 200,
  ) {}

  /** Stores `post`; null when its parent cannot take it (gone, hidden, another thread). */
  post(post: NewPost, effects?: EffectsOf): Promise<CommentRow | null> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ post, effects, resolve, reject });
      if (!this.running) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.most);
        try {
          const rows = await this.write(batch);
          batch.forEach((w, i) => w.resolve(rows[i]!));
        } catch (err) {
          if (batch.length === 1 || isOutage(err)) batch.forEach((w) => w.reject(err));
          else for (const w of batch) await this.write([w]).then(([row]) => w.resolve(row!), w.reject);
        }
      }
    } finally {
      this.running = false;
    }
  }

  private write(batch: readonly Waiting[]): Promise<(CommentRow | null)[]> {
    const posts = batch.map((w) => w.post);
    if (batch.every((w) => !w.effects)) return retryingConflicts(() => postMany(this.db.$client, posts));
    return retryingConflicts(() =>
      this.db.transaction(async (tx) => {
        const rows = await postMany(tx, posts);
        for (const [i, row] of rows.entries()) if (row) await applyEffects(tx, batch[i]!.effects, row, null);
        return rows;
      }),
    );
  }
}

const isOutage = (err: unknown) => {
  const e = storeErrorOf(err);
  return e instanceof StoreError && e.code === 'unavailable';
};

import type { PgDb } from '../../db/open-pg';
import { Batcher } from '../../lib/batcher';
import { StoreError, type CommentRow, type EffectsOf } from '../types';
import { applyEffects } from './effects';
import { retryingConflicts, storeErrorOf } from './errors';
import { postMany, type NewPost } from './post-many';

interface Waiting {
  post: NewPost;
  /** Mail and webhooks to queue with it (`comments.insert`'s `effects`). */
  effects: EffectsOf | undefined;
}

/**
 * Group commit for readers' posts on PostgreSQL. Every post on a story changes the same few
 * rows (the thread's count, its day, the site's day), so posts sent one statement each queue
 * for those rows' locks and for one flush to disk apiece. Here, one posting statement is under
 * way at a time on this instance (`Batcher`): a post arriving while it runs waits for it and
 * goes in the next one, together with every other post that arrived meanwhile. Alone, a post
 * goes at once; under load, dozens share one statement and one flush. Each is committed before
 * its promise settles, so a 201 still means on disk.
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
  private readonly batcher: Batcher<Waiting, CommentRow | null>;

  constructor(
    private readonly db: PgDb,
    /** The most posts one statement takes. */
    most = 200,
  ) {
    this.batcher = new Batcher((batch) => this.write(batch), { most, retryAlone: (err) => !isOutage(err) });
  }

  /** Stores `post`; null when its parent cannot take it (gone, hidden, another thread). */
  post(post: NewPost, effects?: EffectsOf): Promise<CommentRow | null> {
    return this.batcher.add({ post, effects });
  }

  private write(batch: readonly Waiting[]): Promise<(CommentRow | null)[]> {
    const posts = batch.map((w) => w.post);
    if (batch.every((w) => !w.effects)) return retryingConflicts(() => postMany(this.db, posts));
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

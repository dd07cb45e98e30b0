import type { CommentRow } from '../../store/types';
import type { ServiceContext } from '../context';
import type { ThreadEvent } from '../events/hub';
import { presentLive } from './present';

/**
 * Keeps every reader-facing copy true after a comment changed: the cached thread row (its
 * published count), the cached listings, and the live events of the thread, here and, through
 * `ctx.cluster`, on every other instance (services/cluster/signals.ts does the same there).
 */
export async function afterCommentWrite(ctx: ServiceContext, threadKey: string, changed?: CommentRow): Promise<void> {
  ctx.listCache.invalidate(threadKey);
  const event: ThreadEvent | undefined = changed && {
    type: changed.status === 'published' && !changed.editedAt ? 'comment' : 'update',
    data: presentLive(changed),
  };
  // Sent first: the other instances' readers wait on it, not on this instance's re-read.
  ctx.cluster.send(event ? { type: 'comment', thread: threadKey, event } : { type: 'comment', thread: threadKey });
  await ctx.threads.refresh(threadKey);
  if (!ctx.hub.hasListeners(threadKey)) return;
  if (event) ctx.hub.publish(threadKey, event);
  ctx.hub.publish(threadKey, { type: 'counts', data: await ctx.views.counts(threadKey) });
}

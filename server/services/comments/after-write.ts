import type { CommentRow } from '../../store/types';
import type { ServiceContext } from '../context';
import { presentComment } from './present';

/**
 * Keeps every reader-facing copy true after a comment changed: the cached thread row (its
 * published count), the cached listings, and the live events of the thread.
 */
export async function afterCommentWrite(ctx: ServiceContext, threadKey: string, changed?: CommentRow): Promise<void> {
  ctx.listCache.invalidate(threadKey);
  await ctx.threads.refresh(threadKey);
  if (!ctx.hub.hasListeners(threadKey)) return;
  if (changed) {
    const type = changed.status === 'published' && !changed.editedAt ? 'comment' : 'update';
    ctx.hub.publish(threadKey, { type, data: { ...presentComment(changed), status: changed.status } });
  }
  ctx.hub.publish(threadKey, { type: 'counts', data: await ctx.views.counts(threadKey) });
}

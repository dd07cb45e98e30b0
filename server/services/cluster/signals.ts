import { WORD_KINDS } from '../../../contract';
import { presentLive } from '../comments/present';
import type { ServiceContext } from '../context';
import type { ThreadEvent } from '../events/hub';
import type { Signal } from '.';

/**
 * What this instance does when another one changed something: drop what it cached of it and
 * tell its own live readers, as the instance that made the change did for its own
 * (`afterCommentWrite`, the view flush, the desk). Signals are handled one at a time, in the
 * order they came, so a thread's events reach readers in order.
 */
export function signalHandler(ctx: ServiceContext): { signal(signal: Signal): void; reset(): void } {
  let queue: Promise<void> = Promise.resolve();
  const run = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((err: unknown) => console.error('footnote: could not apply another instance\'s change:', err));
  };
  return {
    signal: (signal) => run(() => applySignal(ctx, signal)),
    reset: () => run(() => forgetEverything(ctx)),
  };
}

/** Applies one signal of another instance. */
export async function applySignal(ctx: ServiceContext, s: Signal): Promise<void> {
  switch (s.type) {
    case 'comment': {
      ctx.listCache.invalidate(s.thread);
      ctx.threads.forget([s.thread]);
      if (!ctx.hub.hasListeners(s.thread)) return;
      const event = s.event && ('data' in s.event ? s.event : await readEvent(ctx, s.event));
      if (event) ctx.hub.publish(s.thread, event);
      ctx.hub.publish(s.thread, { type: 'counts', data: await ctx.views.counts(s.thread) });
      return;
    }
    case 'views':
      ctx.threads.forget(s.threads);
      for (const key of s.threads) {
        if (ctx.hub.hasListeners(key)) ctx.hub.publish(key, { type: 'counts', data: await ctx.views.counts(key) });
      }
      return;
    case 'thread':
      ctx.threads.forget([s.thread]);
      ctx.listCache.invalidate(s.thread);
      return;
    case 'list':
      ctx.listCache.invalidate(s.thread);
      return;
    case 'words':
      await ctx.words.reload(s.kind);
      return;
    case 'all':
      await forgetEverything(ctx);
      return;
  }
}

/** Every cache goes and the word lists are read again (signals may have been missed). */
async function forgetEverything(ctx: ServiceContext): Promise<void> {
  ctx.threads.clear();
  ctx.listCache.clear();
  for (const kind of WORD_KINDS) await ctx.words.reload(kind);
}

/** The live event of a comment too big to send: read back as it is now (null when erased since). */
async function readEvent(ctx: ServiceContext, ref: { type: 'comment' | 'update'; id: number }): Promise<ThreadEvent | null> {
  const row = await ctx.store.comments.get(ref.id);
  return row ? { type: ref.type, data: presentLive(row) } : null;
}

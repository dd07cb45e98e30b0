import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { parseWith } from '../../http/body';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../../services/context';
import type { ThreadEvent } from '../../services/events/hub';
import { ThreadKey } from './schemas';

const HEARTBEAT_MS = 25_000;

/**
 * `GET /threads/{thread}/events`: server-sent events (`comment`, `update`, `counts`). The
 * number of open streams is bounded by the hub; past it the server answers 503 and the
 * widget retries later with backoff.
 */
export function eventRoutes(ctx: ServiceContext) {
  return new Hono().get('/threads/:thread/events', async (c) => {
    const key = parseWith(ThreadKey, c.req.param('thread'));
    const queue: ThreadEvent[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = ctx.hub.subscribe(key, (e) => {
      queue.push(e);
      wake?.();
    });
    if (!unsubscribe) {
      throw new AppError('too_many_connections', 'Live updates are busy right now; the page will try again shortly.', { 'Retry-After': '30' });
    }
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let open = true;
      stream.onAbort(() => {
        open = false;
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: 'counts', data: JSON.stringify(await ctx.views.counts(key)), retry: 5000 });
      while (open) {
        const event = queue.shift();
        if (event) {
          await stream.writeSSE({ event: event.type, data: JSON.stringify(event.data) });
          continue;
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, HEARTBEAT_MS);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
        // A comment line keeps proxies from closing an idle stream.
        if (open && queue.length === 0) await stream.write(': keep-alive\n\n');
      }
      unsubscribe();
    });
  });
}

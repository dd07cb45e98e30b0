import type { HttpBindings } from '@hono/node-server';
import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import type { Context } from 'hono';
import { parseWith } from '../../http/body';
import { alreadyAnswered, headOf } from '../../http/headers';
import { readerOf } from '../../http/reader';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../../services/context';
import type { ThreadEvent } from '../../services/events/hub';
import { ThreadKey } from './schemas';

const HEARTBEAT_MS = 25_000;
const STREAM = { 'content-type': 'text/event-stream; charset=UTF-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no' };
const BUSY = { 'Retry-After': '30' };

/** Each event is serialized once per publish, however many readers receive it. */
const frames = new WeakMap<ThreadEvent, string>();
function frameOf(e: ThreadEvent): string {
  let frame = frames.get(e);
  if (frame === undefined) frames.set(e, (frame = `event: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`));
  return frame;
}

/**
 * `GET /threads/{thread}/events`: server-sent events (`comment`, `update`, `counts`). The
 * open streams are bounded in all and per address range by the hub; past a cap the server
 * answers 503 and the widget retries later with backoff.
 *
 * The stream is written straight to Node's response, with the head every API answer carries
 * (`headOf`) and one heartbeat timer for all streams: a web stream and a timer per reader
 * cost several times what the socket does, and 10,000 idle readers must fit in a small
 * server. Footnote runs on @hono/node-server only, so there is no other way to serve it.
 */
export function eventsHandler(ctx: ServiceContext) {
  const open = new Set<ServerResponse>();
  let heartbeat: NodeJS.Timeout | null = null;
  const beat = () => {
    // A comment line keeps proxies from closing an idle stream.
    for (const res of open) res.write(': keep-alive\n\n');
  };

  return async (c: Context) => {
    const key = parseWith(ThreadKey, c.req.param('thread'));
    const res = (c.env as Partial<HttpBindings> | undefined)?.outgoing;
    if (!res) throw new Error('the event stream is served on @hono/node-server only');
    const range = ctx.identity.range(readerOf(c, ctx.config.trustProxy));
    const unsubscribe = ctx.hub.subscribe(key, (e) => res.write(frameOf(e)), range);
    if (!unsubscribe) {
      throw ctx.hub.full
        ? new AppError('too_many_connections', 'Live updates are busy right now; the page will try again shortly.', BUSY)
        : new AppError('too_many_connections', 'Too many live updates are open from your network; the page will try again shortly.', BUSY);
    }
    res.on('close', () => {
      open.delete(res);
      unsubscribe();
      if (open.size === 0 && heartbeat) {
        clearInterval(heartbeat);
        heartbeat = null;
      }
    });
    res.writeHead(200, { ...headOf(c), ...STREAM });
    res.write(`retry: 5000\nevent: counts\ndata: ${JSON.stringify(await ctx.views.counts(key))}\n\n`);
    if (!res.destroyed) open.add(res);
    if (open.size > 0 && !heartbeat) {
      heartbeat = setInterval(beat, HEARTBEAT_MS);
      heartbeat.unref();
    }
    return alreadyAnswered(c, RESPONSE_ALREADY_SENT);
  };
}

import type { ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { parseWith } from '../../http/body';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../../services/context';
import type { ThreadEvent } from '../../services/events/hub';
import { ThreadKey } from './schemas';

const HEARTBEAT_MS = 25_000;

/** Each event is serialized once per publish, however many readers receive it. */
const frames = new WeakMap<ThreadEvent, string>();
function frameOf(e: ThreadEvent): string {
  let frame = frames.get(e);
  if (frame === undefined) frames.set(e, (frame = `event: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`));
  return frame;
}

/**
 * `GET /threads/{thread}/events`: server-sent events (`comment`, `update`, `counts`). The
 * number of open streams is bounded by the hub; past it the server answers 503 and the
 * widget retries later with backoff.
 *
 * On Node the stream is written straight to the socket's response, with one heartbeat timer
 * for all streams: a web stream and a timer per reader cost about 39 KB each, and 10,000
 * idle readers must fit in a small server. Other runtimes (and app.request in tests) get
 * the same events through Hono's streamSSE.
 */
export function eventRoutes(ctx: ServiceContext) {
  const open = new Set<ServerResponse>();
  let heartbeat: NodeJS.Timeout | null = null;
  const beat = () => {
    // A comment line keeps proxies from closing an idle stream.
    for (const res of open) res.write(': keep-alive\n\n');
  };

  const grantFor = (origin: string | undefined) => {
    const origins = ctx.config.origins;
    return origins === '*' ? '*' : origin && origins.includes(origin) ? origin : null;
  };

  const subscribe = (key: string, send: (e: ThreadEvent) => void) => {
    const unsubscribe = ctx.hub.subscribe(key, send);
    if (!unsubscribe) {
      throw new AppError('too_many_connections', 'Live updates are busy right now; the page will try again shortly.', { 'Retry-After': '30' });
    }
    return unsubscribe;
  };

  async function onNode(c: Context, key: string, res: ServerResponse): Promise<Response> {
    const unsubscribe = subscribe(key, (e) => res.write(frameOf(e)));
    const grant = grantFor(c.req.header('origin'));
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=UTF-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
      'X-Content-Type-Options': 'nosniff',
      ...(grant ? { 'Access-Control-Allow-Origin': grant } : {}),
      ...(ctx.config.origins === '*' ? {} : { Vary: 'Origin' }),
    });
    res.write(`retry: 5000\nevent: counts\ndata: ${JSON.stringify(await ctx.views.counts(key))}\n\n`);
    open.add(res);
    if (!heartbeat) {
      heartbeat = setInterval(beat, HEARTBEAT_MS);
      heartbeat.unref();
    }
    res.on('close', () => {
      open.delete(res);
      unsubscribe();
      if (open.size === 0 && heartbeat) {
        clearInterval(heartbeat);
        heartbeat = null;
      }
    });
    return RESPONSE_ALREADY_SENT;
  }

  function viaHono(c: Context, key: string): Response {
    const queue: ThreadEvent[] = [];
    let wake: (() => void) | null = null;
    const unsubscribe = subscribe(key, (e) => {
      queue.push(e);
      wake?.();
    });
    c.header('Cache-Control', 'no-store');
    c.header('X-Accel-Buffering', 'no');
    return streamSSE(c, async (stream) => {
      let live = true;
      stream.onAbort(() => {
        live = false;
        unsubscribe();
        wake?.();
      });
      await stream.writeSSE({ event: 'counts', data: JSON.stringify(await ctx.views.counts(key)), retry: 5000 });
      while (live) {
        const event = queue.shift();
        if (event) {
          await stream.write(frameOf(event));
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
        if (live && queue.length === 0) await stream.write(': keep-alive\n\n');
      }
      unsubscribe();
    });
  }

  return new Hono().get('/threads/:thread/events', async (c) => {
    const key = parseWith(ThreadKey, c.req.param('thread'));
    const res = (c.env as { outgoing?: ServerResponse } | undefined)?.outgoing;
    return res ? onNode(c, key, res) : viaHono(c, key);
  });
}

import type { HttpBindings } from '@hono/node-server';
import type { Context } from 'hono';
import type { ReaderInfo } from '../services/readers/identity';

/**
 * Who is asking, as far as counting and limits need: the address (from the socket, or from
 * X-Forwarded-For when the operator says a proxy of theirs sits in front) and the user agent.
 * Used only to compute keyed hashes; never stored or logged.
 */
export function readerOf(c: Context, trustProxy: boolean): ReaderInfo {
  const userAgent = c.req.header('user-agent') ?? '';
  const forwarded = trustProxy ? c.req.header('x-forwarded-for')?.split(',')[0]?.trim() : undefined;
  // app.request() in tests has no socket.
  const address = forwarded || ((c.env as Partial<HttpBindings> | undefined)?.incoming?.socket?.remoteAddress ?? '').replace(/^::ffff:/, '');
  const origin = c.req.header('origin');
  return origin === undefined ? { address, userAgent } : { address, userAgent, origin };
}

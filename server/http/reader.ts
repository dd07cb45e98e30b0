import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { ReaderInfo } from '../services/readers/identity';

/**
 * Who is asking, as far as counting and limits need: the address (from the socket, or from
 * X-Forwarded-For when the operator says a proxy of theirs sits in front) and the user agent.
 * Used only to compute keyed hashes; never stored or logged. Shared by the Hono routes
 * (`readerOf`) and the node:http fast path.
 */
export function readerFrom(userAgent: string | undefined, forwardedFor: string | undefined, socketAddress: string | undefined, trustProxy: boolean): ReaderInfo {
  if (trustProxy) {
    const forwarded = forwardedFor?.split(',')[0]?.trim();
    if (forwarded) return { address: forwarded, userAgent: userAgent ?? '' };
  }
  return { address: (socketAddress ?? '').replace(/^::ffff:/, ''), userAgent: userAgent ?? '' };
}

export function readerOf(c: Context, trustProxy: boolean): ReaderInfo {
  let address: string | undefined;
  try {
    address = getConnInfo(c).remote.address;
  } catch {
    // app.request() in tests has no socket.
  }
  const reader = readerFrom(c.req.header('user-agent'), c.req.header('x-forwarded-for'), address, trustProxy);
  const origin = c.req.header('origin');
  return origin === undefined ? reader : { ...reader, origin };
}

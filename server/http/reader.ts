import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { ReaderInfo } from '../services/readers/identity';

/**
 * Who is asking, as far as counting and limits need: the address (from the socket, or from
 * X-Forwarded-For when the operator says a proxy of theirs sits in front) and the user agent.
 * Used only to compute keyed hashes; never stored or logged.
 */
export function readerOf(c: Context, trustProxy: boolean): ReaderInfo {
  const userAgent = c.req.header('user-agent') ?? '';
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return { address: forwarded, userAgent };
  }
  let address = '';
  try {
    address = getConnInfo(c).remote.address ?? '';
  } catch {
    // app.request() in tests has no socket.
  }
  return { address: address.replace(/^::ffff:/, ''), userAgent };
}

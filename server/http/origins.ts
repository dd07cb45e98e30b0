import type { MiddlewareHandler } from 'hono';
import type { Config } from '../config/env';
import { AppError } from '../lib/errors';

export type Origins = '*' | string[];

export const originAllowed = (origins: Origins, origin: string) => origins === '*' || origins.includes(origin);

/** Names a browser on this machine may use for a server listening on a loopback or every address. */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1', '0.0.0.0', '::']);

/**
 * The server's own origins, from configuration only, never from a request's `Host` (a DNS
 * rebinding page would choose that): FOOTNOTE_PUBLIC_URL's origin when it is set, else
 * `http://HOST:PORT`, plus the loopback names when HOST is a loopback or every address, so
 * the demo page and /admin work on a laptop as `http://localhost:8787`.
 */
export function ownOrigins(config: Pick<Config, 'publicUrl' | 'host' | 'port'>): ReadonlySet<string> {
  if (config.publicUrl) return new Set([config.publicUrl.origin]);
  const bracket = (h: string) => (h.includes(':') ? `[${h}]` : h);
  const hosts = LOCAL_HOSTS.has(config.host) ? ['127.0.0.1', 'localhost', '::1', config.host] : [config.host];
  return new Set(hosts.map((h) => `http://${bracket(h)}:${config.port}`));
}

/**
 * With FOOTNOTE_PUBLIC_URL set, a request whose `Host` is not that URL's host is refused (421)
 * before anything reads it: a page on another name that resolves to this server (DNS
 * rebinding) gets nothing. `/healthz` stays open to the health checks of a load balancer,
 * which ask by address.
 */
export function hostGuard(publicUrl: URL): MiddlewareHandler {
  const expected = publicUrl.host;
  const defaultPort = publicUrl.protocol === 'https:' ? ':443' : ':80';
  return async (c, next) => {
    const host = c.req.header('host')?.toLowerCase();
    const same = host === expected || (host !== undefined && host.endsWith(defaultPort) && host.slice(0, -defaultPort.length) === expected);
    if (!same && c.req.path !== '/healthz') {
      throw new AppError('misdirected_request', `This server answers as ${expected} only (FOOTNOTE_PUBLIC_URL); the request was for another host.`);
    }
    await next();
  };
}

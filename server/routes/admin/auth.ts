import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { readerOf } from '../../http/reader';
import { trimOldest } from '../../lib/bounded-map';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../../services/context';
import { actingAs } from '../../services/moderation/actor';
import { looksLikeJwt, signIn, type SignedIn } from '../../services/users/session';
import { isModerator } from '../../services/users/token';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Wrong tokens allowed from one address in `WRONG_WINDOW_MS`; past that, 429 until the oldest leaves. */
export const WRONG_TOKENS_ALLOWED = 10;
export const WRONG_WINDOW_MS = 15 * 60_000;

/**
 * Wrong admin tokens per address (`ReaderIdentity.host`: the IPv4 address, the IPv6 /64),
 * oldest first. Bounded: the least recently failing addresses are forgotten first.
 */
class WrongTokens {
  private readonly byHost = new Map<string, number[]>();

  /** Seconds until `host` may try again, or 0. */
  wait(host: string, now: number): number {
    const times = this.byHost.get(host)?.filter((t) => t > now - WRONG_WINDOW_MS) ?? [];
    if (times.length < WRONG_TOKENS_ALLOWED) return 0;
    return Math.max(1, Math.ceil((times[times.length - WRONG_TOKENS_ALLOWED]! + WRONG_WINDOW_MS - now) / 1000));
  }

  record(host: string, now: number): void {
    const times = (this.byHost.get(host) ?? []).filter((t) => t > now - WRONG_WINDOW_MS);
    times.push(now);
    this.byHost.delete(host);
    this.byHost.set(host, times);
    trimOldest(this.byHost, 10_000);
  }
}

/**
 * `Authorization: Bearer <FOOTNOTE_ADMIN_TOKEN>`, compared in constant time (both sides
 * hashed first so their lengths match), or a sign-in token of the newsroom's whose role is
 * moderator or admin (docs/sso.md). The rest of the request runs as that actor, so every audit
 * entry names who acted. Without a configured token or sign-in secret everyone gets 401.
 * The 401 is the same whatever was asked, so it tells nothing about what exists.
 *
 * An address that sent `WRONG_TOKENS_ALLOWED` wrong tokens in `WRONG_WINDOW_MS` gets 429 with
 * `Retry-After` for every token it sends, the right one included (else the answer would tell a
 * guess right from wrong); the desk at another address is not affected. A request without a
 * token is no guess: it is answered 401 and not counted, and neither is a good sign-in token
 * of a reader who is not a moderator.
 */
export function requireAdmin(ctx: ServiceContext): MiddlewareHandler {
  const token = ctx.config.adminToken;
  const expected = token ? digest(token) : null;
  const sso = ctx.config.sso.secret !== null;
  const wrong = new WrongTokens();
  return async (c, next) => {
    const given = c.req.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1]?.trim();
    if ((expected || sso) && given) {
      const host = ctx.identity.host(readerOf(c, ctx.config.trustProxy));
      const now = ctx.now();
      const wait = wrong.wait(host, now);
      if (wait > 0) {
        throw new AppError('rate_limited', `Too many wrong admin tokens from your address. Please wait ${wait} seconds and try again.`, {
          'Retry-After': String(wait),
        });
      }
      if (expected && timingSafeEqual(digest(given), expected)) return actingAs('admin-token', next);
      const who: SignedIn | null = sso && looksLikeJwt(given) ? await signIn(ctx, given).catch(() => null) : null;
      if (who && isModerator(who.user.role)) return actingAs({ id: who.user.ssoId, name: who.user.username }, next);
      if (!who) wrong.record(host, now);
    }
    throw new AppError(
      'unauthorized',
      // One sentence for a wrong token and for a good sign-in of someone who is not a moderator: it tells nothing.
      expected || sso ? 'The admin token is missing or wrong.' : 'The admin API is closed: set FOOTNOTE_ADMIN_TOKEN on the server.',
      { 'WWW-Authenticate': 'Bearer realm="footnote-admin"' },
    );
  };
}

import { randomBytes } from 'node:crypto';
import { AppError } from '../../lib/errors';
import type { UserRow } from '../../store/types';
import type { ServiceContext } from '../context';
import { shownBadges, verifySsoToken } from './token';

/** A reader signed in for this request: the stored user, as the latest token describes them. */
export interface SignedIn {
  user: UserRow;
  /** What their comments show (`Staff` first for staff roles). */
  badges: string[];
}

/** How often a returning user's `lastSeen` is written: not on every request they make. */
const SEEN_EVERY_MS = 60_000;

/** Ours, opaque: it says nothing of the newsroom's id and cannot be guessed from it. */
const newUserId = () => `u_${randomBytes(12).toString('base64url')}`;

/**
 * Signs a reader in with a token from the newsroom's login: verified (else `401
 * invalid_token`, and nothing is written), then the user is created or brought up to date.
 * A changed name or badge rewrites their past comments, so the listings of those threads are
 * dropped from the cache.
 */
export async function signIn(ctx: ServiceContext, token: string): Promise<SignedIn> {
  const claims = await verifySsoToken(ctx.config.sso.secret, token, ctx.now());
  const badges = shownBadges(claims);
  const { user, renamed } = await ctx.store.users.upsert(claims, badges, ctx.now(), newUserId, SEEN_EVERY_MS);
  if (renamed) for (const key of await ctx.store.users.threadKeys(user.id)) ctx.listCache.invalidate(key);
  return { user, badges };
}

/** The key a signed-in reader's reactions, reports and limits are kept under: one person on every device. */
export const userKey = (user: Pick<UserRow, 'id'>) => `u:${user.id}`;

/** A token from the newsroom's login rather than an edit token: a JWT has three dot-separated parts. */
export const looksLikeJwt = (token: string) => token.split('.').length === 3;

/** Refuses a guest when FOOTNOTE_GUESTS=off: everyone may read, only signed-in readers take part. */
export function requireSignInUnlessGuests(ctx: ServiceContext, who: SignedIn | null, doing: string): void {
  if (!who && !ctx.config.sso.guests) throw new AppError('sign_in_required', `Please sign in to ${doing}.`);
}

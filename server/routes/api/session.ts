import type { Context } from 'hono';
import type { ServiceContext } from '../../services/context';
import { signIn, type SignedIn } from '../../services/users/session';

/** The token of `Authorization: Bearer <token>`, if any. */
export const bearerOf = (c: Context) => c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? null;

/**
 * The signed-in reader of this request, or null for a guest (no Authorization header). A
 * token that is sent must be good: a bad one is `401 invalid_token`, never a quiet guest.
 */
export async function signedInOf(ctx: ServiceContext, c: Context): Promise<SignedIn | null> {
  const token = bearerOf(c);
  return token === null ? null : signIn(ctx, token);
}

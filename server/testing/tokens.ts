import { SignJWT } from 'jose';

/** The sign-in secret of the test apps (`FOOTNOTE_SSO_SECRET`). */
export const SSO_SECRET = 'test-sso-secret-0123456789abcdef0123456789';

export interface TokenUser {
  id: string | number;
  username: string;
  email?: string;
  badges?: string[];
  role?: string;
  url?: string;
}

/**
 * A sign-in token in Coral Talk's shape, as a newsroom's login would make it: HS256 with the
 * secret, `exp` an hour after `now` (seconds since the epoch) unless told otherwise.
 */
export async function ssoToken(
  user: TokenUser | Record<string, unknown>,
  opts: { now: number; secret?: string; expiresInSec?: number; notBefore?: number; omitExp?: boolean; extra?: Record<string, unknown> },
): Promise<string> {
  const iat = Math.floor(opts.now / 1000);
  let jwt = new SignJWT({ user, ...opts.extra }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt(iat).setJti(`j${iat}${Math.random()}`);
  if (!opts.omitExp) jwt = jwt.setExpirationTime(iat + (opts.expiresInSec ?? 3600));
  if (opts.notBefore !== undefined) jwt = jwt.setNotBefore(Math.floor(opts.notBefore / 1000));
  return jwt.sign(new TextEncoder().encode(opts.secret ?? SSO_SECRET));
}

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

/** A token with any header and payload, signed with nothing: `alg: none` and friends. */
export const unsignedToken = (header: Record<string, unknown>, payload: Record<string, unknown>, signature = '') =>
  `${b64(header)}.${b64(payload)}.${signature}`;

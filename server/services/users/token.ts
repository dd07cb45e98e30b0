import { errors as joseErrors, jwtVerify } from 'jose';
import { z } from 'zod';
import { USER_ROLES, type UserRole } from '../../../contract';
import { AppError } from '../../lib/errors';
import type { UserClaims } from '../../store/types';
import { normalEmail } from '../readers/email';

/**
 * The longest sign-in token taken. Coral's tokens are a few hundred bytes; the cap keeps a
 * header of megabytes from being decoded and parsed at all.
 */
export const MAX_TOKEN_LENGTH = 4096;

const invalid = (why: string) => new AppError('invalid_token', `Your sign-in is not valid (${why}). Please sign in again.`, { 'WWW-Authenticate': 'Bearer realm="footnote", error="invalid_token"' });

const text = (max: number) => z.string().trim().min(1).max(max);

/**
 * The claims of Coral Talk's SSO token (`user.{id,email,username,badges,role,url}`), so a
 * newsroom's existing token code works unchanged. Ids may be numbers in some logins; an
 * unknown role reads as a commenter (Coral has others, such as `MEMBER`, that grant nothing
 * here); an email or url that does not parse is dropped rather than refusing the reader.
 */
const UserClaim = z.object({
  id: z.union([text(200), z.number().int().transform(String)]),
  username: text(80),
  email: z.string().max(254).nullish(),
  badges: z.array(text(40)).max(10).nullish(),
  role: z.string().max(40).nullish(),
  url: z.string().max(2000).nullish(),
});

const roleOf = (raw: string | null | undefined): UserRole => {
  const r = raw?.trim().toLowerCase();
  return (USER_ROLES as readonly string[]).includes(r ?? '') ? (r as UserRole) : 'commenter';
};

const emailOf = (raw: string | null | undefined) => {
  const e = raw ? normalEmail(raw) : '';
  return /^[^\s@]+@[^\s@]+$/.test(e) ? e : null;
};

const urlOf = (raw: string | null | undefined) => {
  if (!raw || !URL.canParse(raw)) return null;
  const u = new URL(raw);
  return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
};

/**
 * Verifies a sign-in token with the newsroom's secret and returns what it says of the user.
 * jose does the cryptography and the time claims: HS256 only (so `alg: none` and RS256 signed
 * with the secret as a "public key" are refused), `exp` required, `nbf` and `iat` honoured,
 * all against the service clock. Anything wrong is one `401 invalid_token`.
 */
export async function verifySsoToken(secret: string | null, token: string, now: number): Promise<UserClaims> {
  if (!secret) throw invalid('sign-in is not set up on this server');
  if (token.length > MAX_TOKEN_LENGTH) throw invalid('the token is too long');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), {
      algorithms: ['HS256'],
      requiredClaims: ['exp'],
      currentDate: new Date(now),
    }));
  } catch (err) {
    if (err instanceof joseErrors.JWTExpired) throw invalid('it has expired');
    if (err instanceof joseErrors.JWTClaimValidationFailed) throw invalid(`its ${err.claim} claim is wrong or missing`);
    throw invalid('its signature or format is wrong');
  }
  const parsed = UserClaim.safeParse(payload.user);
  if (!parsed.success) throw invalid('it does not name a user with an id and a username');
  const u = parsed.data;
  return {
    ssoId: u.id,
    username: u.username,
    email: emailOf(u.email),
    role: roleOf(u.role),
    // Order kept, duplicates and our own "Staff" dropped (the role decides that one).
    badges: [...new Set(u.badges ?? [])].filter((b) => b.toLowerCase() !== 'staff'),
    url: urlOf(u.url),
  };
}

/** Staff, moderators and admins: the Staff badge, and no pre-moderation. */
export const isStaff = (role: UserRole) => role !== 'commenter';

/** May use the admin API and moderate. */
export const isModerator = (role: UserRole) => role === 'moderator' || role === 'admin';

/** The badges shown on a user's comments: "Staff" for staff roles, then the token's own. */
export const shownBadges = (claims: Pick<UserClaims, 'role' | 'badges'>) => (isStaff(claims.role) ? ['Staff', ...claims.badges] : [...claims.badges]);

import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A fresh edit token (given once to the author) and the hash that is stored instead. */
export function newEditToken(): { token: string; hash: string } {
  const token = randomBytes(24).toString('base64url');
  return { token, hash: hashToken(token) };
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('base64url');

/** Constant-time comparison of a presented token with a stored hash. */
export function tokenMatches(token: string, hash: string | null): boolean {
  if (!hash) return false;
  const a = Buffer.from(hashToken(token));
  const b = Buffer.from(hash);
  return a.length === b.length && timingSafeEqual(a, b);
}

import { createHash, randomBytes } from 'node:crypto';
import { LANGUAGES, type Language } from '../../../contract';
import { hashToken } from '../comments/tokens';
import { normalEmail } from '../readers/email';

/**
 * How the outbox and the opt-outs name an address without keeping it: sha256 of its stored
 * form. Replies to one person are gathered by it, and it is all that stays of an address that
 * unsubscribed.
 */
export const emailKey = (email: string) => createHash('sha256').update(normalEmail(email)).digest('hex');

/** A token for a mail link (256 random bits) and the hash that is stored instead. */
export function newLinkToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token) };
}

export { hashToken };

/** The mail language for what the widget sent (`de-AT` → `de`); English when it is none of the five. */
export function mailLanguage(lang: string | null | undefined): Language {
  const base = (lang ?? '').trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return (LANGUAGES as readonly string[]).includes(base) ? (base as Language) : 'en';
}

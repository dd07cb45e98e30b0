import type { Language } from '../../../contract';
import type { ServiceContext } from '../context';
import { emailKey, hashToken } from './keys';
import { MAIL_MESSAGES } from './messages';

/** What a link page says: its language and its sentence, and whether the link did anything. */
export interface LinkOutcome {
  ok: boolean;
  lang: Language;
  message: string;
}

/** Token text as it comes from a link; anything else is not one of ours. */
const wellFormed = (token: string | undefined): token is string => typeof token === 'string' && /^[A-Za-z0-9_-]{20,100}$/.test(token);

/**
 * Follows a confirmation link: the address is confirmed, so its subscriptions are mailed from
 * now on. A used, expired or unknown token changes nothing.
 */
export async function confirmSubscription(ctx: ServiceContext, token: string | undefined): Promise<LinkOutcome> {
  const done = wellFormed(token) ? await ctx.store.mail.confirm(hashToken(token), ctx.now()) : null;
  const lang = done?.lang ?? 'en';
  return { ok: Boolean(done), lang, message: done ? MAIL_MESSAGES[lang].confirmedPage : MAIL_MESSAGES[lang].confirmInvalid };
}

/**
 * One-click unsubscribe (RFC 8058): at once, every subscription of the address, its
 * confirmation and its queued mail go; only a hash of the address stays, so a confirmation
 * mail cannot be sent to it again soon by someone else typing it in (docs/mail.md).
 */
export async function unsubscribe(ctx: ServiceContext, token: string | undefined): Promise<LinkOutcome> {
  const done = wellFormed(token) ? await ctx.store.mail.unsubscribe(hashToken(token), ctx.now(), emailKey) : null;
  const lang = done?.lang ?? 'en';
  return { ok: Boolean(done), lang, message: done ? MAIL_MESSAGES[lang].unsubscribedPage : MAIL_MESSAGES[lang].unsubscribeInvalid };
}

/** The page a clicked unsubscribe link shows first: a button, since mail scanners follow links. */
export const unsubscribePrompt = (lang: Language = 'en') => ({ message: MAIL_MESSAGES[lang].unsubscribePrompt, button: MAIL_MESSAGES[lang].unsubscribe });

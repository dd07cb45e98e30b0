import type { Config } from '../../config/env';
import type { OutboxRow, Store, ThreadRow } from '../../store/types';
import { emailKey, newLinkToken } from './keys';
import { confirmMail, replyMail } from './render';
import type { MailTransport } from './transport';
import { postEvent } from './webhooks';

/** How long links stay good: a confirmation a week, an unsubscribe link a year (old mail still works). */
export const CONFIRM_TTL_MS = 7 * 86_400_000;
export const UNSUBSCRIBE_TTL_MS = 365 * 86_400_000;
/** After unsubscribing, no confirmation mail goes to the address for this long (the form cannot be used to pester them). */
export const OPTOUT_MS = 30 * 86_400_000;

export interface DeliverDeps {
  store: Store;
  config: Config;
  transport: MailTransport | null;
  sendTimeoutMs: number;
}

/** What became of a delivery: `sent`, or `dropped` with why (nothing left to send). Throws to retry. */
export type Delivered = { status: 'sent' } | { status: 'dropped'; why: string };

/** Sends one claimed outbox row. */
export async function deliver(deps: DeliverDeps, row: OutboxRow, now: number): Promise<Delivered> {
  switch (row.kind) {
    case 'webhook': {
      const { webhookUrl, webhookSecret } = deps.config.mail;
      if (!webhookUrl || !webhookSecret) return { status: 'dropped', why: 'webhooks are switched off (FOOTNOTE_WEBHOOK_URL)' };
      await postEvent(webhookUrl, webhookSecret, row.eventId, row.payload, now, deps.sendTimeoutMs);
      return { status: 'sent' };
    }
    case 'confirm':
      return confirm(deps, row, now);
    case 'reply':
      return reply(deps, row, now);
  }
}

function mailer(deps: DeliverDeps) {
  const { transport } = deps;
  const base = deps.config.publicUrl;
  if (!transport || !base) return null;
  const link = (path: string, token: string, lang?: string) => {
    const url = new URL(path, base.href.endsWith('/') ? base : new URL(`${base.href}/`));
    url.searchParams.set('token', token);
    // The page a click opens speaks the mail's language before the token is looked up.
    if (lang && lang !== 'en') url.searchParams.set('lang', lang);
    return url.href;
  };
  return { transport, link };
}

/** A fresh unsubscribe link for a mail to `email` (its token stored hashed). */
async function unsubscribeLink(deps: DeliverDeps, link: (p: string, t: string, lang?: string) => string, row: OutboxRow, email: string, now: number) {
  const { token, hash } = newLinkToken();
  await deps.store.mail.addToken({ hash, purpose: 'unsubscribe', email, lang: row.lang ?? 'en', expiresAt: now + UNSUBSCRIBE_TTL_MS });
  return link('api/v1/subscriptions/unsubscribe', token, row.lang ?? 'en');
}

const messageId = (row: OutboxRow, config: Config) => `<${row.kind}-${row.eventId}@${config.publicUrl?.hostname ?? 'footnote.invalid'}>`;
const titleOf = (thread: ThreadRow | null) => thread?.title ?? thread?.key ?? '';

async function confirm(deps: DeliverDeps, row: OutboxRow, now: number): Promise<Delivered> {
  const m = mailer(deps);
  if (!m) return { status: 'dropped', why: 'mail is switched off (FOOTNOTE_SMTP_URL)' };
  const sub = row.ref === null ? null : await deps.store.mail.subscriptionOf(row.ref);
  if (!sub || !row.recipient) return { status: 'dropped', why: 'the subscription is gone' };
  if (await deps.store.mail.isConfirmed(sub.email)) return { status: 'dropped', why: 'the address is confirmed already' };
  if (await deps.store.mail.optedOutSince(emailKey(sub.email), now - OPTOUT_MS)) return { status: 'dropped', why: 'the address unsubscribed recently' };
  const comment = await deps.store.comments.get(sub.commentId);
  const thread = comment ? await deps.store.threads.byId(comment.threadId) : null;
  const { token, hash } = newLinkToken();
  await deps.store.mail.addToken({ hash, purpose: 'confirm', email: sub.email, lang: sub.lang, expiresAt: now + CONFIRM_TTL_MS });
  const content = confirmMail({
    lang: sub.lang,
    title: titleOf(thread),
    confirmUrl: m.link('api/v1/subscriptions/confirm', token),
    unsubscribeUrl: await unsubscribeLink(deps, m.link, row, sub.email, now),
  });
  await m.transport.send({ ...content, to: sub.email, messageId: messageId(row, deps.config) });
  return { status: 'sent' };
}

async function reply(deps: DeliverDeps, row: OutboxRow, now: number): Promise<Delivered> {
  const m = mailer(deps);
  if (!m) return { status: 'dropped', why: 'mail is switched off (FOOTNOTE_SMTP_URL)' };
  const email = row.recipient;
  if (!email || !(await deps.store.mail.isConfirmed(email))) return { status: 'dropped', why: 'unsubscribed' };
  const ids = JSON.parse(row.payload) as number[];
  // Read now, not when queued: a reply unpublished or edited meanwhile is mailed as it stands.
  const replies = (await Promise.all(ids.map((id) => deps.store.comments.get(id)))).filter((c) => c?.status === 'published');
  const first = replies[0];
  if (!first || first.parentId === null) return { status: 'dropped', why: 'the replies were unpublished' };
  const [parent, thread] = await Promise.all([deps.store.comments.get(first.parentId), deps.store.threads.byId(first.threadId)]);
  const page = thread?.url ?? deps.config.publicUrl?.href ?? '';
  const content = replyMail({
    lang: row.lang ?? 'en',
    title: titleOf(thread),
    yourComment: parent?.body ?? '',
    replies: replies.map((r) => ({ author: r!.author, body: r!.body, url: `${page.split('#')[0]}#c${r!.id}` })),
    unsubscribeUrl: await unsubscribeLink(deps, m.link, row, email, now),
  });
  await m.transport.send({ ...content, to: email, messageId: messageId(row, deps.config) });
  return { status: 'sent' };
}

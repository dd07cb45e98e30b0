import type { Language, WebhookEvent } from '../../../contract';
import type { CommentEffects, EffectsOf } from '../../store/types';
import type { ServiceContext } from '../context';
import { emailKey } from './keys';
import { eventBody } from './webhooks';

export interface EffectsWish {
  /** The webhook event this write is (none: no event). */
  event?: WebhookEvent;
  /** The new comment's author asked for replies by mail. */
  subscribe?: { lang: Language; confirmed: boolean } | null;
}

/**
 * What a comment write queues in its own transaction (docs/mail.md): the webhook event, a
 * subscription, and, when it publishes a reply, the reply mail to the parent's subscriber.
 * Only what is configured: no SMTP, no mail; no webhook URL, no events.
 */
export function commentEffects(ctx: ServiceContext, threadKey: string, wish: EffectsWish): EffectsOf | undefined {
  const { smtpUrl, webhookUrl } = ctx.config.mail;
  if (!smtpUrl && !webhookUrl) return undefined;
  const timing = ctx.outbox.timing;
  return (after, before) => {
    const now = ctx.now();
    const effects: CommentEffects = { now, keyOf: emailKey };
    const changed = !before || before.status !== after.status || before.featured !== after.featured;
    if (webhookUrl && wish.event && (wish.event !== 'comment.moderated' || changed)) {
      effects.webhooks = [eventBody(wish.event, threadKey, after, now)];
    }
    if (smtpUrl) {
      if (wish.subscribe) effects.subscribe = wish.subscribe;
      // Held replies send nothing until published: this is the write that publishes it.
      const publishes = after.status === 'published' && (before ? before.status !== 'published' : wish.event === 'comment.created');
      if (publishes) {
        effects.replyMail = { firstDelayMs: timing.firstDelayMs, windowMs: timing.digestWindowMs };
      }
    }
    return effects;
  };
}

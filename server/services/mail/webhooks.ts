import { createHmac, randomUUID } from 'node:crypto';
import type { WebhookEvent } from '../../../contract';
import type { CommentRow } from '../../store/types';
import { presentOwn } from '../comments/present';

/**
 * `Footnote-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">` (Stripe's
 * scheme): the receiver recomputes it over the raw body and checks `t` is recent, so a
 * captured request cannot be replayed later (docs/webhooks.md).
 */
export function signature(secret: string, body: string, t: number): string {
  const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}

/**
 * An event's body, made once when the change is written and sent as is on every retry: its
 * `id` is the receiver's key for ignoring a delivery it has seen. The comment is in its
 * public shape (no email, address or token) with its status; text held for review is
 * included, since the desk's own tools are what receives it.
 */
export function eventBody(type: WebhookEvent, threadKey: string, row: CommentRow, now: number): { eventId: string; body: string } {
  const eventId = `evt_${randomUUID()}`;
  const comment = { ...presentOwn(row), status: row.status };
  return { eventId, body: JSON.stringify({ type, id: eventId, createdAt: new Date(now).toISOString(), data: { thread: threadKey, comment } }) };
}

/** POSTs one event; resolves on a 2xx answer, throws with what went wrong otherwise. */
export async function postEvent(url: URL, secret: string, eventId: string, body: string, now: number, timeoutMs: number): Promise<void> {
  const type = (JSON.parse(body) as { type: string }).type;
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Footnote-Webhooks/1',
      'footnote-event': type,
      'footnote-event-id': eventId,
      'footnote-signature': signature(secret, body, Math.floor(now / 1000)),
    },
    body,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  }).catch((err: unknown) => {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`could not reach ${url.origin}: ${cause?.code ?? cause?.message ?? (err as Error).message}`);
  });
  // The answer's body is not needed; reading it frees the connection.
  await res.arrayBuffer().catch(() => undefined);
  if (res.status < 200 || res.status > 299) throw new Error(`${url.origin} answered ${res.status}`);
}

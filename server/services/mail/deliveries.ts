import type { DeliveryKind, DeliveryPage, DeliveryStatus } from '../../../contract';
import type { OutboxRow } from '../../store/types';
import type { ServiceContext } from '../context';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** `ann@example.com` → `a…@example.com`: enough for the desk to tell mails apart. */
const mask = (email: string | null) => {
  if (!email) return null;
  const at = email.lastIndexOf('@');
  return at < 1 ? '…' : `${[...email][0]}…${email.slice(at)}`;
};

function present(row: OutboxRow) {
  let event: string | null = null;
  if (row.kind === 'webhook') {
    try {
      event = (JSON.parse(row.payload) as { type?: string }).type ?? null;
    } catch {
      event = null;
    }
  }
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    event,
    eventId: row.kind === 'webhook' ? row.eventId : null,
    to: mask(row.recipient),
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: iso(row.createdAt)!,
    dueAt: iso(row.dueAt)!,
    sentAt: iso(row.sentAt),
  };
}

/** Recent mail and webhook deliveries for the desk, newest first, and the outbox's size by status. */
export async function listDeliveries(
  ctx: ServiceContext,
  query: { status?: DeliveryStatus | undefined; kind?: DeliveryKind | undefined; cursor?: string | undefined; limit: number },
): Promise<DeliveryPage> {
  const beforeId = query.cursor ? Number(query.cursor) || null : null;
  const rows = await ctx.store.mail.deliveries({ status: query.status, kind: query.kind, beforeId, limit: query.limit });
  const last = rows.at(-1);
  return {
    deliveries: rows.map(present),
    counts: await ctx.store.mail.deliveryCounts(),
    next: rows.length === query.limit && last ? String(last.id) : null,
  };
}

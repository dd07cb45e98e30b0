import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, testApp, uniqueThread, type TestApp } from '../../testing/harness';
import { WebhookReceiver } from './testing';

// Webhook events against a real HTTP receiver: signed, retried with backoff under one event id.

const SECRET = 'whsec-test-0123456789abcdef0123456789';
const timing = { retryBaseMs: 1_000, retryMaxMs: 60_000, sendTimeoutMs: 5_000 };

/** The verification recipe of docs/webhooks.md, as a receiver would write it. */
function verify(secret: string, header: string, rawBody: string, nowSec: number, toleranceSec = 300): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts.t);
  if (!Number.isInteger(t) || Math.abs(nowSec - t) > toleranceSec || !parts.v1) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  const given = Buffer.from(parts.v1, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

let receiver: WebhookReceiver;
let t: TestApp;
let thread: string;

beforeAll(async () => {
  receiver = await new WebhookReceiver().start();
});
afterAll(async () => {
  await receiver.stop();
});
beforeEach(async () => {
  receiver.hits.length = 0;
  receiver.answers = [];
  t = await testApp({ FOOTNOTE_WEBHOOK_URL: receiver.url, FOOTNOTE_WEBHOOK_SECRET: SECRET, FOOTNOTE_POST_INTERVAL_SEC: '0' }, { outbox: timing });
  thread = uniqueThread('hooks');
});
afterEach(async () => {
  await t.ctx.outbox.stop();
  await t.ctx.store.close();
});

async function drain() {
  while ((await t.ctx.outbox.runOnce()) > 0);
}
const nowSec = () => Math.floor(t.clock.now / 1000);
async function post(body: Record<string, unknown> = { author: 'Ann', body: 'Hello', email: 'ann@reader.example' }) {
  const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body });
  expect(res.status).toBe(201);
  return ((await res.json()) as { comment: { id: number } }).comment.id;
}
const events = () => receiver.hits.map((h) => JSON.parse(h.body) as { type: string; id: string; createdAt: string; data: { thread: string; comment: Record<string, unknown> } });

describe('webhooks', () => {
  it('POSTs comment.created, signed so that the documented recipe verifies it', async () => {
    const id = await post();
    await drain();
    expect(receiver.hits).toHaveLength(1);
    const hit = receiver.hits[0]!;
    expect(hit.headers['content-type']).toBe('application/json');
    expect(verify(SECRET, String(hit.headers['footnote-signature']), hit.body, nowSec())).toBe(true);
    // Another secret, a changed body or an old timestamp do not verify.
    expect(verify(`${SECRET}x`, String(hit.headers['footnote-signature']), hit.body, nowSec())).toBe(false);
    expect(verify(SECRET, String(hit.headers['footnote-signature']), hit.body.replace('Hello', 'Hellp'), nowSec())).toBe(false);
    expect(verify(SECRET, String(hit.headers['footnote-signature']), hit.body, nowSec() + 3600)).toBe(false);

    const [event] = events();
    expect(event).toMatchObject({ type: 'comment.created', id: expect.stringMatching(/^evt_/), data: { thread, comment: { id, body: 'Hello', status: 'published' } } });
    expect(hit.body).not.toContain('ann@reader.example');
    expect(hit.headers['footnote-event-id']).toBe(event!.id);
  });

  it('POSTs comment.moderated and comment.reported, and nothing for a decision that changes nothing', async () => {
    const id = await post();
    const auth = { authorization: `Bearer ${ADMIN}` };
    expect((await t.call('PATCH', `/api/v1/admin/comments/${id}`, { body: { status: 'rejected' }, headers: auth })).status).toBe(200);
    expect((await t.call('PATCH', `/api/v1/admin/comments/${id}`, { body: { status: 'rejected' }, headers: auth })).status).toBe(200);
    expect((await t.call('PATCH', `/api/v1/admin/comments/${id}`, { body: { status: 'published' }, headers: auth })).status).toBe(200);
    expect((await t.call('POST', `/api/v1/comments/${id}/reports`, { body: { reason: 'spam' }, reader: '192.0.2.77' })).status).toBe(202);
    await drain();
    expect(events().map((e) => [e.type, e.data.comment.status])).toEqual([
      ['comment.created', 'published'],
      ['comment.moderated', 'rejected'],
      ['comment.moderated', 'published'],
      ['comment.reported', 'published'],
    ]);
  });

  it('retries a failed delivery with backoff, under the same event id, until it is taken', async () => {
    receiver.answers = [500, 503];
    await post();
    await drain();
    expect(receiver.hits).toHaveLength(1);
    t.clock.now += timing.retryBaseMs - 1;
    await drain();
    expect(receiver.hits).toHaveLength(1); // not before its time
    t.clock.now += 1;
    await drain();
    expect(receiver.hits).toHaveLength(2);
    t.clock.now += timing.retryBaseMs * 2;
    await drain();
    expect(receiver.hits.map((h) => h.status)).toEqual([500, 503, 200]);
    const ids = events().map((e) => e.id);
    expect(new Set(ids).size).toBe(1);
    // Each try is signed afresh over the same body.
    for (const hit of receiver.hits) expect(verify(SECRET, String(hit.headers['footnote-signature']), hit.body, nowSec())).toBe(true);

    const page = (await (await t.admin('GET', '/api/v1/admin/deliveries?kind=webhook')).json()) as { deliveries: Record<string, unknown>[]; counts: Record<string, number> };
    expect(page.deliveries[0]).toMatchObject({ kind: 'webhook', status: 'sent', event: 'comment.created', eventId: ids[0], attempts: 3, to: null });
    expect(page.counts).toMatchObject({ sent: 1, queued: 0 });
    t.clock.now += 3_600_000;
    await drain();
    expect(receiver.hits).toHaveLength(3);
  });

  it('shows the desk a delivery that failed, with why', async () => {
    receiver.answers = [410];
    await post();
    await drain();
    const page = (await (await t.admin('GET', '/api/v1/admin/deliveries?status=queued')).json()) as { deliveries: Record<string, unknown>[] };
    expect(page.deliveries[0]).toMatchObject({ kind: 'webhook', status: 'queued', attempts: 1, lastError: expect.stringContaining('answered 410') });
    expect((await t.admin('GET', '/api/v1/admin/deliveries?status=nope')).status).toBe(400);
    expect((await t.call('GET', '/api/v1/admin/deliveries')).status).toBe(401);
  });

  it('never delays the request: a post is answered while the receiver is unreachable', async () => {
    await receiver.stop();
    try {
      await post();
      await drain();
      const page = (await (await t.admin('GET', '/api/v1/admin/deliveries')).json()) as { deliveries: Record<string, unknown>[] };
      expect(page.deliveries[0]).toMatchObject({ status: 'queued', lastError: expect.stringMatching(/could not reach/) });
    } finally {
      receiver = await new WebhookReceiver().start();
    }
  });
});

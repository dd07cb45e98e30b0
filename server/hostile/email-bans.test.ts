import { describe, expect, it } from 'vitest';
import type { DeskBan } from '../../contract';
import { json, postAs, posted } from '../routes/admin/testing';
import { createServices } from '../services';
import { ReaderIdentity } from '../services/readers/identity';
import { testApp, uniqueThread, type TestApp } from '../testing/harness';

/** Posts as `reader` with a chosen user agent (a "new browser" on the same connection). */
async function postWith(t: TestApp, thread: string, opts: { reader: string; ua: string; email?: string }) {
  const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, {
    reader: opts.reader,
    headers: { 'user-agent': opts.ua },
    body: { author: 'Someone', body: `A comment at ${t.clock.now}`, ...(opts.email ? { email: opts.email } : {}) },
  });
  return { status: res.status, body: (await res.json()) as { comment?: { id: number }; error?: { code: string; message: string } } };
}

const ban = async (t: TestApp, body: Record<string, unknown>) => (await json<{ ban: DeskBan }>(await t.admin('POST', '/api/v1/admin/bans', body))).ban;

describe('email identity: one form for bans, data requests and erasure', () => {
  it('a ban on jürgen@ catches JÜRGEN@ and Ju\u0308rgen@ (Unicode case and composition), and the reverse', async () => {
    const t = await testApp();
    const thread = uniqueThread();
    expect((await ban(t, { email: 'jürgen@example.com' })).email).toBe('jürgen@example.com');
    for (const email of ['JÜRGEN@EXAMPLE.COM', 'Ju\u0308rgen@Example.com']) {
      const r = await postAs(t, thread, { email });
      expect(r.res.status, email).toBe(403);
      expect(r.error).toBe('banned');
    }
    await ban(t, { email: 'ZOË@example.com' });
    expect((await postAs(t, thread, { email: 'zoë@example.com' })).error).toBe('banned');
    expect((await postAs(t, thread, { email: 'zoe@example.com' })).res.status).toBe(201);
  });

  it('a data request or erase for zoë@ finds what was posted as ZOË@', async () => {
    const t = await testApp();
    const thread = uniqueThread();
    const { id } = await posted(t, thread, { email: 'ZOË@Example.com' });
    const exported = await json<{ comments: { id: number; email: string }[] }>(await t.admin('POST', '/api/v1/admin/readers/export', { email: 'zoë@example.com' }));
    expect(exported.comments.map((c) => [c.id, c.email])).toEqual([[id, 'zoë@example.com']]);
    const erased = await json<{ comments: number; removed: number }>(await t.admin('POST', '/api/v1/admin/readers/erase', { email: 'zoë@example.com' }));
    expect(erased).toMatchObject({ comments: 1, removed: 1 });
    expect((await t.admin('GET', `/api/v1/admin/comments?status=published&thread=${thread}`)).ok).toBe(true);
    const left = await json<{ comments: unknown[] }>(await t.admin('GET', `/api/v1/admin/comments?status=published&thread=${thread}`));
    expect(left.comments).toEqual([]);
  });

  it('brings rows stored before the fix to the one form at start, so they are found too', async () => {
    const t = await testApp();
    const thread = uniqueThread();
    const { id: threadId } = await t.ctx.threads.ensure(thread);
    // As an older version (or a raw import) left them: case and composition as typed.
    const old = await t.ctx.store.comments.insert({
      threadId, parentId: null, author: 'Zoë', email: 'ZOE\u0308@Example.com', body: 'old', html: '<p>old</p>', status: 'published', reader: null, editTokenHash: null, createdAt: t.clock.now,
    });
    await t.ctx.store.moderation.addBan({ email: 'JÜRGEN@Example.com', reader: null, host: null, reason: null, until: null, createdAt: t.clock.now });
    // A restart: the services are built again over the same database.
    const restarted = await createServices(t.ctx.store, t.ctx.config, { now: () => t.clock.now, identity: ReaderIdentity.fixed() });
    expect((await restarted.store.comments.get(old.id))?.email).toBe('zoë@example.com');
    expect(await restarted.store.moderation.activeBan({ email: 'jürgen@example.com', reader: null, host: null }, t.clock.now)).not.toBeNull();
    const records = await restarted.store.archive.recordsByEmail('zoë@example.com');
    expect(records.comments.map((c) => c.id)).toEqual([old.id]);
  });
});

describe('bans made from a comment', () => {
  it('cover the author whatever user agent they send next, and not the email they typed unless the desk says so', async () => {
    const t = await testApp();
    const thread = uniqueThread();
    const troll = await postWith(t, thread, { reader: '192.0.2.66', ua: 'UA-1', email: 'victim@example.com' });
    expect(troll.status).toBe(201);
    const made = await ban(t, { commentId: troll.body.comment!.id, reason: 'doxxing staff, see legal ticket 4711', days: 30 });
    expect(made).toMatchObject({ email: null, byReader: true });
    for (const ua of ['UA-1', 'UA-2', 'curl/8.5']) {
      t.clock.now += 60_000;
      const again = await postWith(t, thread, { reader: '192.0.2.66', ua });
      expect(again.status, ua).toBe(403);
      expect(again.body.error?.code).toBe('banned');
    }
    // The address typed belongs to someone else, who posts from elsewhere as before; so do
    // the troll's neighbours in the same /24.
    expect((await postWith(t, thread, { reader: '203.0.113.9', ua: 'UA-1', email: 'victim@example.com' })).status).toBe(201);
    expect((await postWith(t, thread, { reader: '192.0.2.67', ua: 'UA-1' })).status).toBe(201);

    const second = await postWith(t, thread, { reader: '198.51.100.7', ua: 'UA-9', email: 'own@example.com' });
    expect((await ban(t, { commentId: second.body.comment!.id, banEmail: true })).email).toBe('own@example.com');
    expect((await postWith(t, thread, { reader: '203.0.113.10', ua: 'UA-1', email: 'OWN@example.com' })).status).toBe(403);
  });

  it('tell the banned poster nothing of the reason or the end date', async () => {
    const t = await testApp();
    const thread = uniqueThread();
    await ban(t, { email: 'troll@example.com', reason: 'doxxing staff, see legal ticket 4711', days: 30 });
    const refused = await postWith(t, thread, { reader: '192.0.2.70', ua: 'UA', email: 'troll@example.com' });
    expect(refused.status).toBe(403);
    expect(refused.body.error?.message).toBe('You cannot post comments here.');
  });

  it('rate-limit before they are looked up: a client past its limit cannot probe which emails are banned', async () => {
    const t = await testApp();
    const thread = uniqueThread();
    await ban(t, { email: 'banned@example.com', reason: 'doxxing staff' });
    expect((await postWith(t, thread, { reader: '192.0.2.80', ua: 'UA' })).status).toBe(201);
    // The next post within the interval is refused for the rate, whatever email it names.
    const probe = await postWith(t, thread, { reader: '192.0.2.80', ua: 'UA', email: 'banned@example.com' });
    expect(probe.status).toBe(429);
    expect(probe.body.error?.code).toBe('rate_limited');
  });
});

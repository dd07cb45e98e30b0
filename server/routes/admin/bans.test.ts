import { describe, expect, it } from 'vitest';
import { errorCode, testApp, uniqueThread } from '../../testing/harness';
import type { DeskBan } from '../../../contract';
import { json, postAs, posted } from './testing';

const DAY = 86_400_000;

describe('bans', () => {
  it('bans by email (any case) for good: that commenter gets 403 banned, without the desk\'s reason; others still post', async () => {
    const t = await testApp();
    const thread = uniqueThread();
    const res = await t.admin('POST', '/api/v1/admin/bans', { email: 'Troll@Example.com', reason: 'Repeated abuse' });
    expect(res.status).toBe(201);
    const { ban } = await json<{ ban: DeskBan }>(res);
    expect(ban).toMatchObject({ email: 'troll@example.com', byReader: false, reason: 'Repeated abuse', until: null, active: true });
    const refused = await t.call('POST', `/api/v1/threads/${thread}/comments`, { reader: '192.0.2.10', body: { author: 'T', body: 'hi', email: 'troll@example.com' } });
    expect(refused.status).toBe(403);
    const data = await json<{ error: { code: string; message: string } }>(refused);
    expect(data.error.code).toBe('banned');
    expect(data.error.message).toBe('You cannot post comments here.');
    expect((await posted(t, thread, { email: 'friend@example.com' })).status).toBe('published');
  });

  it('bans the author of a comment by its hashed reader identity, for a number of days', async () => {
    const t = await testApp();
    const thread = uniqueThread();
    const { id } = await posted(t, thread, { reader: '192.0.2.20' });
    const { ban } = await json<{ ban: DeskBan }>(await t.admin('POST', '/api/v1/admin/bans', { commentId: id, days: 7 }));
    expect(ban).toMatchObject({ email: null, byReader: true, active: true });
    expect(Date.parse(ban.until!)).toBe(t.clock.now + 7 * DAY);
    expect(JSON.stringify(ban)).not.toMatch(/192\.0\.2\.20/);
    t.clock.now += 10_000;
    const refused = await postAs(t, thread, { reader: '192.0.2.20' });
    expect(refused.res.status).toBe(403);
    expect(refused.error).toBe('banned');
    t.clock.now += 7 * DAY;
    expect((await postAs(t, thread, { reader: '192.0.2.20' })).res.status).toBe(201);
    const list = await json<{ bans: DeskBan[] }>(await t.admin('GET', '/api/v1/admin/bans'));
    expect(list.bans[0]).toMatchObject({ id: ban.id, active: false });
  });

  it('lifts a ban with DELETE: 204, then 404', async () => {
    const t = await testApp();
    const { ban } = await json<{ ban: DeskBan }>(await t.admin('POST', '/api/v1/admin/bans', { email: 'x@example.com' }));
    expect((await t.admin('DELETE', `/api/v1/admin/bans/${ban.id}`)).status).toBe(204);
    expect((await t.admin('DELETE', `/api/v1/admin/bans/${ban.id}`)).status).toBe(404);
    expect((await json<{ bans: DeskBan[] }>(await t.admin('GET', '/api/v1/admin/bans'))).bans).toEqual([]);
    expect((await posted(t, uniqueThread(), { email: 'x@example.com' })).status).toBe('published');
  });

  it('validates: exactly one of email and commentId, a real email, whole days, an existing comment', async () => {
    const t = await testApp();
    const { id } = await posted(t, uniqueThread());
    for (const body of [{}, { email: 'a@example.com', commentId: id }, { email: 'not an email' }, { email: 'a@example.com', days: 1.5 }, { email: 'a@example.com', days: 0 }, { email: 'a@example.com', until: 3 }]) {
      const res = await t.admin('POST', '/api/v1/admin/bans', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await errorCode(res)).toBe('validation_failed');
    }
    const missing = await t.admin('POST', '/api/v1/admin/bans', { commentId: 999999 });
    expect(missing.status).toBe(404);
    expect(await errorCode(missing)).toBe('not_found');
  });
});

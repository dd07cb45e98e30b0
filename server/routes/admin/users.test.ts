import { beforeEach, describe, expect, it } from 'vitest';
import type { AuditPage, DeskUserPage } from '../../../contract';
import { ADMIN, errorCode, testApp, uniqueThread, type TestApp } from '../../testing/harness';
import { SSO_SECRET, ssoToken } from '../../testing/tokens';

let t: TestApp;
let thread: string;
let n = 0;
const bearer = (tok: string) => ({ authorization: `Bearer ${tok}` });
const token = (user: Record<string, unknown>) => ssoToken(user, { now: t.clock.now });
const post = async (body: Record<string, unknown>, tok?: string) => {
  t.clock.now += 5_000;
  const res = await t.call('POST', `/api/v1/threads/${encodeURIComponent(thread)}/comments`, { body, reader: `198.51.100.${++n % 250}`, headers: tok ? bearer(tok) : {} });
  expect(res.status).toBe(201);
  return ((await res.json()) as { comment: { id: number; status: string; authorId: string | null } }).comment;
};
const as = (tok: string) => (method: string, path: string, body?: unknown) => t.call(method, path, { body, headers: bearer(tok) });
const audit = async () => ((await (await t.admin('GET', '/api/v1/admin/audit')).json()) as AuditPage).entries;

const ann = { id: 'n-1', username: 'Ann', email: 'ann@example.com' };
const mod = { id: 'desk-7', username: 'Mo Derator', role: 'MODERATOR' };

beforeEach(async () => {
  t = await testApp({ FOOTNOTE_SSO_SECRET: SSO_SECRET });
  thread = uniqueThread('users');
});

describe('moderators as people on the admin API', () => {
  it('accepts a moderator\'s or admin\'s token, and names them in every audit entry', async () => {
    const c = await post({ author: 'G', body: 'hello' });
    const m = as(await token(mod));
    expect((await m('GET', '/api/v1/admin/comments?status=published')).status).toBe(200);
    expect((await m('PATCH', `/api/v1/admin/comments/${c.id}`, { featured: true })).status).toBe(200);
    const boss = as(await token({ id: 'boss', username: 'Ed Itor', role: 'admin' }));
    expect((await boss('PATCH', `/api/v1/admin/threads/${thread}`, { moderation: 'pre' })).status).toBe(200);
    expect((await t.admin('PATCH', `/api/v1/admin/comments/${c.id}`, { status: 'rejected' })).status).toBe(200);
    const entries = await audit();
    expect(entries.map((e) => [e.action, e.actor])).toEqual([
      ['reject', 'admin-token'],
      ['moderation', { id: 'boss', name: 'Ed Itor' }],
      ['feature', { id: 'desk-7', name: 'Mo Derator' }],
    ]);
  });

  it('names the server itself when reader reports hold a comment', async () => {
    t = await testApp({ FOOTNOTE_SSO_SECRET: SSO_SECRET, FOOTNOTE_REPORT_THRESHOLD: '1' });
    const c = await post({ author: 'G', body: 'hello' });
    await t.call('POST', `/api/v1/comments/${c.id}/reports`, { body: { reason: 'abuse' }, reader: '192.0.2.1' });
    expect((await audit()).map((e) => [e.action, e.actor])).toEqual([['auto-hold', 'system']]);
  });

  it('refuses commenters and staff (401, like a wrong token), and bad tokens', async () => {
    for (const role of ['commenter', 'staff']) {
      const res = await as(await token({ id: `x-${role}`, username: role, role }))('GET', '/api/v1/admin/comments');
      expect(res.status, role).toBe(401);
      expect(await errorCode(res)).toBe('unauthorized');
    }
    const forged = (await token(mod)).replace(/\.[^.]+$/, '.AAAA');
    expect((await as(forged)('GET', '/api/v1/admin/comments')).status).toBe(401);
  });

  it('opens the admin API to moderators even without FOOTNOTE_ADMIN_TOKEN', async () => {
    t = await testApp({ FOOTNOTE_SSO_SECRET: SSO_SECRET, FOOTNOTE_ADMIN_TOKEN: '' });
    expect((await t.call('GET', '/api/v1/admin/comments', { headers: bearer(ADMIN) })).status).toBe(401);
    expect((await as(await token(mod))('GET', '/api/v1/admin/comments')).status).toBe(200);
  });

  it('keeps moderator tokens out when sign-in is off', async () => {
    t = await testApp();
    expect((await as(await token(mod))('GET', '/api/v1/admin/comments')).status).toBe(401);
  });
});

describe('staff skip pre-moderation', () => {
  it('publishes staff, moderators and admins at once in a pre-moderated thread; commenters wait', async () => {
    await t.admin('PATCH', `/api/v1/admin/threads/${thread}`, { moderation: 'pre' });
    for (const role of ['staff', 'moderator', 'admin']) {
      expect((await post({ body: role }, await token({ id: role, username: role, role }))).status, role).toBe('published');
    }
    expect((await post({ body: 'reader' }, await token(ann))).status).toBe('pending');
    expect((await post({ author: 'G', body: 'guest' })).status).toBe('pending');
  });
});

describe('FOOTNOTE_PREMOD_FIRST', () => {
  beforeEach(async () => {
    t = await testApp({ FOOTNOTE_SSO_SECRET: SSO_SECRET, FOOTNOTE_PREMOD_FIRST: '2' });
  });

  it('holds a user\'s comments until two of theirs are published, then lets them through', async () => {
    const tok = await token(ann);
    const first = await post({ body: 'one' }, tok);
    expect(first.status).toBe('pending');
    const second = await post({ body: 'two' }, tok);
    expect(second.status).toBe('pending');
    await t.admin('PATCH', `/api/v1/admin/comments/${first.id}`, { status: 'published' });
    expect((await post({ body: 'three' }, tok)).status).toBe('pending');
    await t.admin('PATCH', `/api/v1/admin/comments/${second.id}`, { status: 'published' });
    expect((await post({ body: 'four' }, tok)).status).toBe('published');
    // Someone else is new all the same.
    expect((await post({ body: 'hi' }, await token({ id: 'n-2', username: 'Bob' }))).status).toBe('pending');
  });

  it('counts a guest by email, and holds a guest without one every time', async () => {
    const a = await post({ author: 'G', body: 'one', email: 'g@example.com' });
    const b = await post({ author: 'G', body: 'two', email: 'G@Example.com' });
    for (const c of [a, b]) await t.admin('PATCH', `/api/v1/admin/comments/${c.id}`, { status: 'published' });
    expect((await post({ author: 'G', body: 'three', email: 'g@example.com' })).status).toBe('published');
    expect((await post({ author: 'G', body: 'anon' })).status).toBe('pending');
  });

  it('never holds staff', async () => {
    expect((await post({ body: 'desk' }, await token({ id: 's', username: 'S', role: 'staff' }))).status).toBe('published');
  });
});

describe('GET and PATCH /admin/users/{authorId}', () => {
  it('shows the commenter: who, counts by status, rejection rate, comments newest first', async () => {
    const tok = await token({ ...ann, badges: ['Subscriber'], url: 'https://news.example/u/ann' });
    const a = await post({ body: 'kept' }, tok);
    const b = await post({ body: 'rejected' }, tok);
    const c = await post({ body: 'spam' }, tok);
    await t.admin('PATCH', `/api/v1/admin/comments/${b.id}`, { status: 'rejected' });
    await t.admin('PATCH', `/api/v1/admin/comments/${c.id}`, { status: 'spam' });
    const res = await t.admin('GET', `/api/v1/admin/users/${a.authorId}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as DeskUserPage;
    expect(page.user).toMatchObject({
      authorId: a.authorId,
      ssoId: 'n-1',
      username: 'Ann',
      email: 'ann@example.com',
      role: 'commenter',
      badges: ['Subscriber'],
      url: 'https://news.example/u/ann',
      premod: false,
      note: null,
      counts: { published: 1, rejected: 1, spam: 1, pending: 0, deleted: 0 },
      ban: null,
    });
    expect(page.user.rejectionRate).toBeCloseTo(2 / 3);
    expect(page.comments.map((x) => [x.body, x.status, x.authorId])).toEqual([
      ['spam', 'spam', a.authorId],
      ['rejected', 'rejected', a.authorId],
      ['kept', 'published', a.authorId],
    ]);
  });

  it('marks a commenter "always pre-moderate", keeps a note, and audits both (the note\'s text stays out)', async () => {
    const tok = await token(ann);
    const a = await post({ body: 'fine' }, tok);
    const m = as(await token(mod));
    const res = await m('PATCH', `/api/v1/admin/users/${a.authorId}`, { premod: true, note: 'Argues in bad faith on transport stories' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as DeskUserPage).user).toMatchObject({ premod: true, note: 'Argues in bad faith on transport stories' });
    expect((await post({ body: 'held now' }, tok)).status).toBe('pending');
    await m('PATCH', `/api/v1/admin/users/${a.authorId}`, { premod: false, note: '' });
    expect((await post({ body: 'free again' }, tok)).status).toBe('published');
    const entries = await audit();
    expect(entries.map((e) => [e.action, e.targetType, e.targetId, e.actor])).toEqual([
      ['note', 'user', a.authorId, { id: 'desk-7', name: 'Mo Derator' }],
      ['unpremod', 'user', a.authorId, { id: 'desk-7', name: 'Mo Derator' }],
      ['note', 'user', a.authorId, { id: 'desk-7', name: 'Mo Derator' }],
      ['premod', 'user', a.authorId, { id: 'desk-7', name: 'Mo Derator' }],
    ]);
    expect(JSON.stringify(entries)).not.toContain('bad faith');
  });

  it('answers 404 for an unknown commenter and 400 for nothing to change', async () => {
    expect((await t.admin('GET', '/api/v1/admin/users/u_nobody')).status).toBe(404);
    const a = await post({ body: 'x' }, await token(ann));
    const res = await t.admin('PATCH', `/api/v1/admin/users/${a.authorId}`, {});
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('validation_failed');
  });

  it('bans a signed-in commenter on every device, shown in their view', async () => {
    const tok = await token(ann);
    const a = await post({ body: 'before' }, tok);
    const ban = await t.admin('POST', '/api/v1/admin/bans', { authorId: a.authorId, reason: 'abuse' });
    expect(ban.status).toBe(201);
    t.clock.now += 5_000;
    const again = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body: { body: 'after' }, reader: '192.0.2.250', headers: bearer(await token(ann)) });
    expect(again.status).toBe(403);
    expect(await errorCode(again)).toBe('banned');
    const page = (await (await t.admin('GET', `/api/v1/admin/users/${a.authorId}`)).json()) as DeskUserPage;
    expect(page.user.ban).toMatchObject({ active: true, reason: 'abuse' });
  });

  it('bans the person, not the browser, from a signed-in comment', async () => {
    const a = await post({ body: 'troll' }, await token(ann));
    expect((await t.admin('POST', '/api/v1/admin/bans', { commentId: a.id })).status).toBe(201);
    t.clock.now += 5_000;
    const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body: { body: 'x' }, reader: '192.0.2.251', headers: bearer(await token(ann)) });
    expect(await errorCode(res)).toBe('banned');
  });
});

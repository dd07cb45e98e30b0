import { beforeEach, describe, expect, it } from 'vitest';
import { errorCode, testApp, uniqueThread, type TestApp } from '../../testing/harness';
import { SSO_SECRET, ssoToken } from '../../testing/tokens';

let t: TestApp;
let thread: string;
let n = 0;
const bearer = (tok: string) => ({ authorization: `Bearer ${tok}` });
const token = (user: Record<string, unknown>) => ssoToken(user, { now: t.clock.now });
const ann = { id: 'n-1', username: 'Ann Example', email: 'ann@example.com' };
const post = async (body: Record<string, unknown>, tok?: string) => {
  t.clock.now += 5_000;
  const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body, reader: `198.51.100.${++n}`, headers: tok ? bearer(tok) : {} });
  return ((await res.json()) as { comment: { id: number; authorId: string } }).comment;
};
const listed = async () => JSON.stringify(await (await t.call('GET', `/api/v1/threads/${thread}/comments`)).json());

beforeEach(async () => {
  t = await testApp({ FOOTNOTE_SSO_SECRET: SSO_SECRET });
  thread = uniqueThread('gdpr');
});

describe('data requests by authorId', () => {
  it('exports everything stored about a signed-in commenter', async () => {
    const tok = await token({ ...ann, badges: ['Subscriber'] });
    const a = await post({ body: 'first words' }, tok);
    const bob = await post({ body: 'from Bob' }, await token({ id: 'n-2', username: 'Bob' }));
    await t.call('POST', `/api/v1/me/ignored/${bob.authorId}`, { headers: bearer(tok) });
    await t.admin('PATCH', `/api/v1/admin/users/${a.authorId}`, { note: 'Helpful on local politics' });
    const res = await t.admin('POST', '/api/v1/admin/readers/export', { authorId: a.authorId });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      authorId: a.authorId,
      user: { ssoId: 'n-1', username: 'Ann Example', email: 'ann@example.com', badges: ['Subscriber'], note: 'Helpful on local politics' },
      comments: [{ id: a.id, body: 'first words', thread: { key: thread } }],
      ignored: [bob.authorId],
      bans: [],
    });
  });

  it('erases a signed-in commenter: comments, user, ignore lists, bans; reactions stay counted; the trail keeps a hash', async () => {
    const tok = await token(ann);
    const a = await post({ body: 'erase me' }, tok);
    const held = await post({ body: 'with a reply' }, tok);
    await post({ author: 'G', body: 'a reply', parentId: held.id });
    const other = await post({ author: 'G', body: 'liked by Ann' });
    await t.call('POST', `/api/v1/comments/${other.id}/reactions`, { headers: bearer(tok) });
    await t.admin('POST', '/api/v1/admin/bans', { authorId: a.authorId, days: 1 });
    const res = await t.admin('POST', '/api/v1/admin/readers/erase', { authorId: a.authorId });
    expect(res.status).toBe(200);
    const summary = (await res.json()) as { erased: string };
    expect(summary).toMatchObject({ comments: 2, removed: 1, placeholders: 1, bansRemoved: 1 });
    expect(summary.erased).toMatch(/^sha256:/);
    expect(await listed()).not.toMatch(/Ann Example|erase me|with a reply/);
    expect(await listed()).toContain('a reply');
    expect(await listed()).toMatch(/"reactions":1/);
    expect((await t.admin('GET', `/api/v1/admin/users/${a.authorId}`)).status).toBe(404);
    const trail = JSON.stringify(await (await t.admin('GET', '/api/v1/admin/audit?limit=200')).json());
    expect(trail).not.toContain(a.authorId);
    expect(trail).toContain(summary.erased);
    // Signing in again makes a new user: nothing of the old one comes back.
    const again = await post({ body: 'new start' }, await token(ann));
    expect(again.authorId).not.toBe(a.authorId);
  });

  it('scrubs an erased moderator from the actor of their audit entries', async () => {
    const mod = await token({ id: 'desk-7', username: 'Mo Derator', role: 'moderator' });
    const c = await post({ author: 'G', body: 'x' });
    await t.call('PATCH', `/api/v1/admin/comments/${c.id}`, { body: { featured: true }, headers: bearer(mod) });
    const me = (await (await t.call('GET', '/api/v1/me', { headers: bearer(mod) })).json()) as { authorId: string };
    await t.admin('POST', '/api/v1/admin/readers/erase', { authorId: me.authorId });
    const trail = JSON.stringify(await (await t.admin('GET', '/api/v1/admin/audit')).json());
    expect(trail).not.toMatch(/desk-7|Mo Derator/);
    expect(trail).toContain('"action":"feature"');
  });

  it('answers 404 for an unknown authorId and 400 for neither email nor authorId', async () => {
    expect(await errorCode(await t.admin('POST', '/api/v1/admin/readers/erase', { authorId: 'u_nobody' }))).toBe('not_found');
    expect(await errorCode(await t.admin('POST', '/api/v1/admin/readers/export', { authorId: 'u_nobody' }))).toBe('not_found');
    expect(await errorCode(await t.admin('POST', '/api/v1/admin/readers/export', { who: 'ann' }))).toBe('validation_failed');
  });
});

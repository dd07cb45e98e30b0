import { createHmac } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { errorCode, testApp, uniqueThread, type TestApp } from '../../testing/harness';
import { SSO_SECRET, ssoToken, unsignedToken } from '../../testing/tokens';

interface Comment {
  id: number;
  author: string;
  authorId: string | null;
  badges: string[];
  status?: string;
  reactions: number;
  replies: Comment[];
}

let t: TestApp;
let thread: string;
let n = 0;
const path = () => `/api/v1/threads/${encodeURIComponent(thread)}/comments`;
const token = (user: Record<string, unknown>, opts: Parameters<typeof ssoToken>[1] extends infer O ? Partial<O> : never = {}) =>
  ssoToken(user, { now: t.clock.now, ...opts });
const bearer = (tok: string) => ({ authorization: `Bearer ${tok}` });
/** Each call from another address: the per-reader limits stay out of the way. */
const post = (body: Record<string, unknown>, tok?: string, reader = `198.51.100.${++n % 250}`) =>
  t.call('POST', path(), { body, reader, headers: tok ? bearer(tok) : {} });
const listed = async () => ((await (await t.call('GET', `${path()}?limit=100`)).json()) as { comments: Comment[] }).comments;
/** When Ann was first seen, by signing her in now: a refused token before must not have made her. */
const annFirstSeen = async () => {
  const me = (await (await t.call('GET', '/api/v1/me', { headers: bearer(await token(ann)) })).json()) as { authorId: string };
  const desk = (await (await t.admin('GET', `/api/v1/admin/users/${me.authorId}`)).json()) as { user: { firstSeen: string } };
  return desk.user.firstSeen;
};

const ann = { id: 'newsroom-41', username: 'Ann Reader', email: 'Ann@Example.com' };

beforeEach(async () => {
  t = await testApp({ FOOTNOTE_SSO_SECRET: SSO_SECRET });
  thread = uniqueThread('sso');
});

describe('posting signed in', () => {
  it('takes the author from the token, gives an opaque authorId, and ignores a typed name', async () => {
    const res = await post({ author: 'Somebody Else', body: 'Signed in' }, await token(ann));
    expect(res.status).toBe(201);
    const { comment } = (await res.json()) as { comment: Comment };
    expect(comment).toMatchObject({ author: 'Ann Reader', badges: [], status: 'published' });
    expect(comment.authorId).toMatch(/^u_[\w-]{10,}$/);
    expect(comment.authorId).not.toContain('41');
    const [shown] = await listed();
    expect(shown).toMatchObject({ author: 'Ann Reader', authorId: comment.authorId, badges: [] });
    expect(JSON.stringify(await listed())).not.toMatch(/example\.com|newsroom-41/i);
  });

  it('lets a signed-in reader leave the name out', async () => {
    expect((await post({ body: 'No name typed' }, await token(ann))).status).toBe(201);
  });

  it('keeps one authorId per person across tokens and devices', async () => {
    const a = (await (await post({ body: 'one' }, await token(ann), '203.0.113.5')).json()) as { comment: Comment };
    t.clock.now += 10_000;
    const b = (await (await post({ body: 'two' }, await token(ann), '192.0.2.77')).json()) as { comment: Comment };
    expect(b.comment.authorId).toBe(a.comment.authorId);
  });

  it('shows Staff first for staff, moderators and admins, then the token\'s own badges', async () => {
    for (const [role, expected] of [
      ['STAFF', ['Staff', 'Reporter']],
      ['Moderator', ['Staff', 'Reporter']],
      ['admin', ['Staff', 'Reporter']],
      ['commenter', ['Reporter']],
      ['MEMBER', ['Reporter']],
    ] as const) {
      const res = await post({ body: `as ${role}` }, await token({ id: `r-${role}`, username: role, role, badges: ['Reporter', 'Staff'] }));
      expect(((await res.json()) as { comment: Comment }).comment.badges, role).toEqual(expected);
    }
  });

  it('shows guests with no authorId and no badges', async () => {
    const { comment } = (await (await post({ author: 'Guest', body: 'hello' })).json()) as { comment: Comment };
    expect(comment).toMatchObject({ authorId: null, badges: [] });
  });

  it('brings past comments up to a changed username and badges (and the cached listing with them)', async () => {
    await post({ body: 'before' }, await token(ann));
    expect((await listed())[0]!.author).toBe('Ann Reader');
    t.clock.now += 1000;
    await t.call('GET', '/api/v1/me', { headers: bearer(await token({ ...ann, username: 'Ann R.', role: 'staff' })) });
    expect(await listed()).toMatchObject([{ author: 'Ann R.', badges: ['Staff'] }]);
  });
});

describe('refused tokens: 401 invalid_token and nothing written', () => {
  const hmac = (alg: string, payload: Record<string, unknown>, secret = SSO_SECRET) => {
    const head = unsignedToken({ alg, typ: 'JWT' }, payload).slice(0, -1);
    const algo = { HS256: 'sha256', RS256: 'sha256', HS512: 'sha512' }[alg] ?? 'sha256';
    return `${head}.${createHmac(algo, secret).update(head).digest('base64url')}`;
  };
  const payload = () => ({ user: ann, iat: Math.floor(t.clock.now / 1000), exp: Math.floor(t.clock.now / 1000) + 3600 });

  const cases: [string, () => Promise<string>][] = [
    ['alg none', async () => unsignedToken({ alg: 'none', typ: 'JWT' }, payload())],
    ['alg none with a signature', async () => unsignedToken({ alg: 'none' }, payload(), 'AAAA')],
    ['RS256 signed with the secret as the key', async () => hmac('RS256', payload())],
    ['HS512 (another algorithm)', async () => hmac('HS512', payload())],
    ['another secret', async () => token(ann, { secret: 'another-secret-of-at-least-32-characters!!' })],
    [
      'a tampered payload',
      async () => {
        const [h, , s] = (await token(ann)).split('.');
        return `${h}.${Buffer.from(JSON.stringify({ ...payload(), user: { ...ann, role: 'admin' } })).toString('base64url')}.${s}`;
      },
    ],
    ['no exp', async () => token(ann, { omitExp: true })],
    ['expired', async () => token(ann, { expiresInSec: -60 })],
    ['not valid yet (nbf)', async () => token(ann, { notBefore: t.clock.now + 3_600_000 })],
    ['no user', async () => token(undefined as never)],
    ['no user.id', async () => token({ username: 'Ann' })],
    ['no username', async () => token({ id: 'x1' })],
    ['an empty username', async () => token({ id: 'x1', username: '   ' })],
    ['an oversized token', async () => token({ ...ann, padding: 'x'.repeat(5000) })],
    ['no token at all, just junk', async () => 'not-a-token'],
  ];

  it.each(cases)('%s', async (_name, make) => {
    const tok = await make();
    const res = await post({ author: 'x', body: 'should not land' }, tok);
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe('invalid_token');
    expect(await listed()).toHaveLength(0);
    expect(await t.ctx.store.threads.get(thread)).toBeNull();
    expect((await t.ctx.store.archive.totals()).comments).toBe(0);
    t.clock.now += 5000;
    expect(await annFirstSeen()).toBe(new Date(t.clock.now).toISOString());
  });

  it('refuses a token that expired since it was made, by the server\'s clock', async () => {
    const tok = await token(ann, { expiresInSec: 60 });
    expect((await post({ body: 'in time' }, tok)).status).toBe(201);
    t.clock.now += 61_000;
    const late = await post({ body: 'too late' }, tok);
    expect(late.status).toBe(401);
    expect(await errorCode(late)).toBe('invalid_token');
  });

  it('refuses every token when sign-in is not set up', async () => {
    const bare = await testApp();
    const res = await bare.call('POST', `/api/v1/threads/x/comments`, { body: { author: 'a', body: 'b' }, headers: bearer(await token(ann)) });
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe('invalid_token');
  });
});

describe('own comments, signed in', () => {
  it('edits and deletes with the sign-in token on any device, within the window, and never another\'s', async () => {
    const tok = await token(ann);
    const { comment } = (await (await post({ body: 'typo teh' }, tok)).json()) as { comment: Comment };
    const other = await token({ id: 'someone-else', username: 'Bob' });
    const byBob = await t.call('PATCH', `/api/v1/comments/${comment.id}`, { body: { body: 'hijack' }, headers: bearer(other) });
    expect(byBob.status).toBe(401);
    const edited = await t.call('PATCH', `/api/v1/comments/${comment.id}`, { body: { body: 'typo the' }, headers: bearer(tok), reader: '192.0.2.200' });
    expect(edited.status).toBe(200);
    expect((await listed())[0]).toMatchObject({ body: 'typo the' } as object);
    t.clock.now += 16 * 60_000;
    const late = await t.call('DELETE', `/api/v1/comments/${comment.id}`, { headers: bearer(await token(ann)) });
    expect(late.status).toBe(403);
    expect(await errorCode(late)).toBe('edit_window_closed');
  });

  it('deletes with the sign-in token', async () => {
    const tok = await token(ann);
    const { comment } = (await (await post({ body: 'regret' }, tok)).json()) as { comment: Comment };
    expect((await t.call('DELETE', `/api/v1/comments/${comment.id}`, { headers: bearer(tok) })).status).toBe(204);
    expect(await listed()).toHaveLength(0);
  });

  it('refuses an edit with a bad sign-in token as invalid_token', async () => {
    const { comment } = (await (await post({ body: 'x' }, await token(ann))).json()) as { comment: Comment };
    const res = await t.call('PATCH', `/api/v1/comments/${comment.id}`, { body: { body: 'y' }, headers: bearer(unsignedToken({ alg: 'none' }, { user: ann })) });
    expect(await errorCode(res)).toBe('invalid_token');
  });
});

describe('reactions and reports keyed to the user', () => {
  it('counts one reaction per user across devices, and takes it back from any of them', async () => {
    const { comment } = (await (await post({ author: 'G', body: 'worth it' })).json()) as { comment: Comment };
    const react = (reader: string, method = 'POST') => t.call(method, `/api/v1/comments/${comment.id}/reactions`, { reader, headers: bearer(tokenNow) });
    const tokenNow = await token(ann);
    expect(await (await react('203.0.113.1')).json()).toEqual({ reacted: true, reactions: 1 });
    expect(await (await react('192.0.2.9')).json()).toEqual({ reacted: true, reactions: 1 });
    expect(await (await react('192.0.2.10', 'DELETE')).json()).toEqual({ reacted: false, reactions: 0 });
  });

  it('takes one report per user across devices', async () => {
    const { comment } = (await (await post({ author: 'G', body: 'hmm' })).json()) as { comment: Comment };
    const tok = await token(ann);
    const report = (reader: string) => t.call('POST', `/api/v1/comments/${comment.id}/reports`, { reader, body: { reason: 'spam' }, headers: bearer(tok) });
    expect((await report('203.0.113.1')).status).toBe(202);
    const again = await report('192.0.2.9');
    expect(again.status).toBe(409);
    expect(await errorCode(again)).toBe('already_reported');
  });
});

describe('FOOTNOTE_GUESTS=off', () => {
  beforeEach(async () => {
    t = await testApp({ FOOTNOTE_SSO_SECRET: SSO_SECRET, FOOTNOTE_GUESTS: 'off' });
  });

  it('lets everyone read, and only signed-in readers post, react and report', async () => {
    const guest = await post({ author: 'Guest', body: 'may I?' });
    expect(guest.status).toBe(401);
    expect(await errorCode(guest)).toBe('sign_in_required');
    expect(await listed()).toHaveLength(0);

    const { comment } = (await (await post({ body: 'signed in' }, await token(ann))).json()) as { comment: Comment };
    expect((await t.call('GET', `${path()}`)).status).toBe(200);
    // The widget learns it from the thread's state and offers "Sign in to comment" instead of the form.
    expect(await (await t.call('GET', `/api/v1/threads/${thread}`)).json()).toMatchObject({ guests: false });
    expect(await (await t.call('POST', `/api/v1/threads/${thread}/views`)).json()).toMatchObject({ guests: false });
    for (const [method, url, body] of [
      ['POST', `/api/v1/comments/${comment.id}/reactions`, undefined],
      ['DELETE', `/api/v1/comments/${comment.id}/reactions`, undefined],
      ['POST', `/api/v1/comments/${comment.id}/reports`, { reason: 'spam' }],
    ] as const) {
      const res = await t.call(method, url, { body });
      expect(res.status, `${method} ${url}`).toBe(401);
      expect(await errorCode(res)).toBe('sign_in_required');
    }
    expect((await t.call('POST', `/api/v1/comments/${comment.id}/reactions`, { headers: bearer(await token({ id: 'b', username: 'Bob' })) })).status).toBe(200);
  });
});

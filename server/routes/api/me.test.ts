import { beforeEach, describe, expect, it } from 'vitest';
import type { Me } from '../../../contract';
import { errorCode, testApp, uniqueThread, type TestApp } from '../../testing/harness';
import { SSO_SECRET, ssoToken } from '../../testing/tokens';

let t: TestApp;
const bearer = (tok: string) => ({ authorization: `Bearer ${tok}` });
const token = (user: Record<string, unknown>) => ssoToken(user, { now: t.clock.now });
const ann = { id: 'n-1', username: 'Ann', role: 'staff', badges: ['Columnist'] };
const bob = { id: 'n-2', username: 'Bob' };

/** Bob's authorId, by having him post once. */
async function bobsId(): Promise<string> {
  const res = await t.call('POST', `/api/v1/threads/${uniqueThread()}/comments`, { body: { body: 'hi' }, reader: '192.0.2.2', headers: bearer(await token(bob)) });
  return ((await res.json()) as { comment: { authorId: string } }).comment.authorId;
}

beforeEach(async () => {
  t = await testApp({ FOOTNOTE_SSO_SECRET: SSO_SECRET });
});

describe('GET /me', () => {
  it('tells the widget who is signed in, never caching it in shared caches', async () => {
    const res = await t.call('GET', '/api/v1/me', { headers: bearer(await token(ann)) });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(await res.json()).toMatchObject({ username: 'Ann', role: 'staff', badges: ['Staff', 'Columnist'], ignored: [] });
  });

  it('answers a guest 401 sign_in_required', async () => {
    const res = await t.call('GET', '/api/v1/me');
    expect(res.status).toBe(401);
    expect(await errorCode(res)).toBe('sign_in_required');
  });
});

describe('ignore', () => {
  it('keeps a signed-in reader\'s ignore list on the server, for every device, until taken back', async () => {
    const id = await bobsId();
    const add = await t.call('POST', `/api/v1/me/ignored/${id}`, { reader: '203.0.113.1', headers: bearer(await token(ann)) });
    expect(add.status).toBe(200);
    expect(((await add.json()) as Me).ignored).toEqual([id]);
    // Again: still one.
    await t.call('POST', `/api/v1/me/ignored/${id}`, { headers: bearer(await token(ann)) });
    const other = (await (await t.call('GET', '/api/v1/me', { reader: '192.0.2.99', headers: bearer(await token(ann)) })).json()) as Me;
    expect(other.ignored).toEqual([id]);
    // Bob himself ignores nobody.
    expect(((await (await t.call('GET', '/api/v1/me', { headers: bearer(await token(bob)) })).json()) as Me).ignored).toEqual([]);
    const del = await t.call('DELETE', `/api/v1/me/ignored/${id}`, { headers: bearer(await token(ann)) });
    expect(((await del.json()) as Me).ignored).toEqual([]);
  });

  it('refuses unknown commenters, oneself, and guests', async () => {
    const annTok = await token(ann);
    expect((await t.call('POST', '/api/v1/me/ignored/u_nobody', { headers: bearer(annTok) })).status).toBe(404);
    const me = (await (await t.call('GET', '/api/v1/me', { headers: bearer(annTok) })).json()) as Me;
    const self = await t.call('POST', `/api/v1/me/ignored/${me.authorId}`, { headers: bearer(annTok) });
    expect(await errorCode(self)).toBe('validation_failed');
    const guest = await t.call('POST', `/api/v1/me/ignored/${await bobsId()}`);
    expect(await errorCode(guest)).toBe('sign_in_required');
  });
});

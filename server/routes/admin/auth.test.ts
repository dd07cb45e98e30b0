import { describe, expect, it } from 'vitest';
import { ADMIN, errorCode, testApp, uniqueThread } from '../../testing/harness';
import { posted } from './testing';

/** Every admin endpoint, with a plausible body. `{id}` is replaced by a real comment id. */
const ENDPOINTS: [string, string, unknown?][] = [
  ['GET', '/api/v1/admin/comments?status=pending'],
  ['GET', '/api/v1/admin/counts'],
  ['PATCH', '/api/v1/admin/comments/{id}', { status: 'rejected' }],
  ['DELETE', '/api/v1/admin/comments/{id}'],
  ['POST', '/api/v1/admin/comments/bulk', { ids: ['{id}'], status: 'spam' }],
  ['GET', '/api/v1/admin/threads/x'],
  ['PATCH', '/api/v1/admin/threads/x', { closed: true }],
  ['GET', '/api/v1/admin/words'],
  ['POST', '/api/v1/admin/words', { kind: 'banned', words: ['badword'] }],
  ['DELETE', '/api/v1/admin/words/1'],
  ['GET', '/api/v1/admin/bans'],
  ['POST', '/api/v1/admin/bans', { email: 'a@example.com' }],
  ['DELETE', '/api/v1/admin/bans/1'],
  ['GET', '/api/v1/admin/audit'],
  ['GET', '/api/v1/admin/no-such-endpoint'],
];

async function expect401(res: Response) {
  expect(res.status).toBe(401);
  expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
  return errorCode(res);
}

describe('admin authentication', () => {
  for (const [label, headers] of [
    ['no Authorization header', {}],
    ['a wrong token', { authorization: 'Bearer not-the-token' }],
    ['another scheme', { authorization: 'Basic dGVzdC1hZG1pbi10b2tlbg==' }],
    ['an empty bearer', { authorization: 'Bearer ' }],
  ] as const) {
    it(`answers 401 to every endpoint with ${label}, and changes nothing`, async () => {
      const t = await testApp();
      const thread = uniqueThread();
      const { id } = await posted(t, thread);
      for (const [i, [method, path, body]] of ENDPOINTS.entries()) {
        const withId = path.replace('{id}', String(id));
        const b = body === undefined ? undefined : JSON.parse(JSON.stringify(body).replace('"{id}"', String(id)));
        // Each from its own address: wrong tokens from one address are throttled (below).
        const res = await t.call(method, withId, { body: b, headers, reader: `192.0.2.${i + 1}` });
        expect(await expect401(res), `${method} ${path}`).toBe('unauthorized');
      }
      const list = await t.admin('GET', `/api/v1/admin/comments?status=published&thread=${thread}`);
      expect(((await list.json()) as { comments: unknown[] }).comments).toHaveLength(1);
      expect(((await (await t.admin('GET', '/api/v1/admin/audit')).json()) as { entries: unknown[] }).entries).toHaveLength(0);
    });
  }

  it('says the same thing about a comment that exists and one that does not', async () => {
    const t = await testApp();
    const { id } = await posted(t, uniqueThread());
    const a = await t.call('DELETE', `/api/v1/admin/comments/${id}`, { headers: { authorization: 'Bearer wrong-token' } });
    const b = await t.call('DELETE', '/api/v1/admin/comments/999999', { headers: { authorization: 'Bearer wrong-token' } });
    expect(a.status).toBe(401);
    expect(await a.text()).toBe(await b.text());
  });

  it('is closed to everyone, even the would-be token, when FOOTNOTE_ADMIN_TOKEN is not set', async () => {
    const t = await testApp({ FOOTNOTE_ADMIN_TOKEN: '' });
    for (const [method, path, body] of ENDPOINTS) {
      const res = await t.admin(method, path.replace('{id}', '1'), body);
      expect(res.status, `${method} ${path}`).toBe(401);
      const data = (await res.json()) as { error: { code: string; message: string } };
      expect(data.error.code).toBe('unauthorized');
      expect(data.error.message).toMatch(/FOOTNOTE_ADMIN_TOKEN/);
    }
  });

  it('lets the right token in', async () => {
    const t = await testApp();
    expect((await t.admin('GET', '/api/v1/admin/counts')).status).toBe(200);
    const lower = await t.call('GET', '/api/v1/admin/counts', { headers: { authorization: `bearer ${ADMIN}` } });
    expect(lower.status).toBe(200);
  });

  it('answers 404 in the error shape for unknown ids only after the token passed', async () => {
    const t = await testApp();
    for (const [method, path, body] of [
      ['PATCH', '/api/v1/admin/comments/999999', { status: 'published' }],
      ['DELETE', '/api/v1/admin/comments/999999'],
      ['DELETE', '/api/v1/admin/words/999999'],
      ['DELETE', '/api/v1/admin/bans/999999'],
      ['GET', '/api/v1/admin/threads/never-used'],
    ] as const) {
      const res = await t.admin(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(await errorCode(res)).toBe('not_found');
    }
  });
});

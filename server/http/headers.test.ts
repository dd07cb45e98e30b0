import { describe, expect, it } from 'vitest';
import { MAX_BODY_BYTES } from './body-limit';
import { ADMIN, testApp, uniqueThread } from '../testing/harness';

const ALLOWED = 'https://news.example';

describe('the headers of every API answer', () => {
  it('are the same on reads, writes, 304s, preflights, errors and admin answers', async () => {
    const t = await testApp({ FOOTNOTE_ORIGINS: ALLOWED, FOOTNOTE_VIEWS_PER_MINUTE: '1' });
    const thread = uniqueThread('heads');
    const from = { origin: ALLOWED };
    const post = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body: { author: 'Ann', body: 'Hello' }, headers: from });
    const { comment } = (await post.clone().json()) as { comment: { id: number } };
    const list = await t.call('GET', `/api/v1/threads/${thread}/comments`, { headers: from });
    const answers: [string, Response][] = [
      ['post 201', post],
      ['list 200', list],
      ['list 304', await t.call('GET', `/api/v1/threads/${thread}/comments`, { headers: { ...from, 'if-none-match': list.headers.get('etag')! } })],
      ['thread 200', await t.call('GET', `/api/v1/threads/${thread}`, { headers: from })],
      ['counts 200', await t.call('GET', `/api/v1/counts?thread=${thread}&thread=never-seen`, { headers: from })],
      ['view 200', await t.call('POST', `/api/v1/threads/${thread}/views`, { headers: from, reader: '192.0.2.5' })],
      ['view 429', await t.call('POST', `/api/v1/threads/${thread}/views`, { headers: from, reader: '192.0.2.5' })],
      ['reaction 200', await t.call('POST', `/api/v1/comments/${comment.id}/reactions`, { headers: from })],
      ['report 202', await t.call('POST', `/api/v1/comments/${comment.id}/reports`, { body: { reason: 'spam' }, headers: from })],
      ['preflight 204', await t.call('OPTIONS', `/api/v1/threads/${thread}/comments`, { headers: { ...from, 'access-control-request-method': 'POST' } })],
      ['validation 400', await t.call('GET', `/api/v1/threads/${thread}/comments?sort=best`, { headers: from })],
      ['malformed 400', await t.call('POST', `/api/v1/threads/${thread}/comments`, { body: '{', headers: { ...from, 'content-type': 'application/json' } })],
      ['too large 413', await t.call('POST', `/api/v1/threads/${thread}/comments`, { body: 'x'.repeat(MAX_BODY_BYTES + 1), headers: { ...from, 'content-type': 'application/json' } })],
      ['unknown 404', await t.call('GET', '/api/v1/nowhere', { headers: from })],
      ['admin 401', await t.call('GET', '/api/v1/admin/comments', { headers: from })],
      ['admin 200', await t.call('GET', '/api/v1/admin/comments', { headers: { ...from, authorization: `Bearer ${ADMIN}` } })],
    ];
    for (const [name, res] of answers) {
      const h = res.headers;
      expect({ name, nosniff: h.get('x-content-type-options') }).toEqual({ name, nosniff: 'nosniff' });
      expect({ name, referrer: h.get('referrer-policy') }).toEqual({ name, referrer: 'strict-origin-when-cross-origin' });
      expect({ name, grant: h.get('access-control-allow-origin') }).toEqual({ name, grant: ALLOWED });
      expect({ name, exposed: h.get('access-control-expose-headers') }).toEqual({ name, exposed: 'Retry-After, ETag' });
      expect({ name, vary: h.get('vary') }).toEqual({ name, vary: 'Origin' });
    }
    expect(answers.map(([name, res]) => `${name}: ${res.status}`)).toEqual(answers.map(([name]) => `${name}: ${name.split(' ').at(-1)}`));
  });

  it('give another origin no grant, and still the base headers', async () => {
    const t = await testApp({ FOOTNOTE_ORIGINS: ALLOWED });
    for (const res of [await t.call('GET', '/api/v1/threads/x', { headers: { origin: 'https://evil.example' } }), await t.call('GET', '/api/v1/threads/x')]) {
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-expose-headers')).toBeNull();
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('vary')).toBe('Origin');
    }
  });

  it('with FOOTNOTE_ORIGINS=* grant every origin without Vary', async () => {
    const t = await testApp();
    const res = await t.call('GET', '/api/v1/threads/x', { headers: { origin: 'https://any.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('vary')).toBeNull();
  });

  it('pages and /healthz get the base headers and no CORS grant', async () => {
    const t = await testApp();
    const res = await t.app.request('/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});

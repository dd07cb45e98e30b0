import { describe, expect, it } from 'vitest';
import { errorCode, testApp, uniqueThread } from '../testing/harness';

const ALLOWED = 'https://news.example';
const EVIL = 'https://evil.example';

describe('CORS allowlist (FOOTNOTE_ORIGINS) for writes', () => {
  it('refuses every write from another origin with 403, and writes nothing', async () => {
    const t = await testApp({ FOOTNOTE_ORIGINS: `${ALLOWED}, https://other.example` });
    const thread = uniqueThread('cors');
    // A comment to aim the other writes at, posted from the allowed site.
    const ok = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body: { author: 'Ann', body: 'Allowed site.' }, headers: { origin: ALLOWED } });
    expect(ok.status).toBe(201);
    const { comment, editToken } = (await ok.json()) as { comment: { id: number }; editToken: string };

    const evil = { origin: EVIL };
    const attempts: [string, string, unknown, Record<string, string>][] = [
      ['POST', `/api/v1/threads/${thread}/comments`, { author: 'Eve', body: 'From evil.' }, evil],
      ['POST', `/api/v1/threads/${uniqueThread('cors-new')}/comments`, { author: 'Eve', body: 'New thread.' }, evil],
      ['POST', `/api/v1/threads/${thread}/views`, undefined, evil],
      ['POST', `/api/v1/comments/${comment.id}/reactions`, undefined, evil],
      ['POST', `/api/v1/comments/${comment.id}/reports`, { reason: 'spam' }, evil],
      ['PATCH', `/api/v1/comments/${comment.id}`, { body: 'Rewritten by evil.' }, { ...evil, authorization: `Bearer ${editToken}` }],
      ['DELETE', `/api/v1/comments/${comment.id}`, undefined, { ...evil, authorization: `Bearer ${editToken}` }],
      // Origin "null" (sandboxed iframes, file:) is not an allowed origin either.
      ['POST', `/api/v1/threads/${thread}/comments`, { author: 'Eve', body: 'From null.' }, { origin: 'null' }],
      // A look-alike that merely starts with the allowed origin.
      ['POST', `/api/v1/threads/${thread}/comments`, { author: 'Eve', body: 'Look-alike.' }, { origin: `${ALLOWED}.evil.example` }],
    ];
    for (const [method, path, body, headers] of attempts) {
      const res = await t.call(method, path, { body, headers, reader: '192.0.2.66' });
      expect({ method, path, status: res.status }).toEqual({ method, path, status: 403 });
      expect(await errorCode(res)).toBe('forbidden');
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }

    const list = (await (await t.call('GET', `/api/v1/threads/${thread}/comments`)).json()) as { comments: { body: string; reactions: number }[] };
    expect(list.comments).toMatchObject([{ body: 'Allowed site.', reactions: 0 }]);
    expect(await t.ctx.views.counts(thread)).toMatchObject({ views: 0 });
    expect(await t.ctx.store.comments.queue({ status: 'reported', limit: 10 })).toHaveLength(0);
    expect(await t.ctx.store.threads.get(attempts[1]![1].split('/')[4]!)).toBeNull();
  });

  it('answers the allowed origin with CORS headers, on preflight and on the write', async () => {
    const t = await testApp({ FOOTNOTE_ORIGINS: ALLOWED });
    const thread = uniqueThread('cors-ok');
    const pre = await t.app.request(`/api/v1/threads/${thread}/comments`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(pre.status).toBeLessThan(300);
    expect(pre.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(pre.headers.get('access-control-allow-methods')).toContain('POST');
    expect(pre.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('content-type');

    const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body: { author: 'Ann', body: 'Hello' }, headers: { origin: ALLOWED } });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(res.headers.get('access-control-expose-headers')).toContain('Retry-After');
  });

  it('gives no CORS grant to another origin on reads (the browser then hides the answer)', async () => {
    const t = await testApp({ FOOTNOTE_ORIGINS: ALLOWED });
    const pre = await t.app.request('/api/v1/threads/x/comments', {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST' },
    });
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const read = await t.call('GET', '/api/v1/threads/x', { headers: { origin: EVIL } });
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets requests without Origin through (server-to-server, curl): CORS is a browser matter', async () => {
    const t = await testApp({ FOOTNOTE_ORIGINS: ALLOWED });
    const res = await t.call('POST', `/api/v1/threads/${uniqueThread('no-origin')}/comments`, { body: { author: 'Ann', body: 'From curl.' } });
    expect(res.status).toBe(201);
  });

  it("always lets the server's own pages (the demo, /admin) write: its origin from HOST and PORT", async () => {
    const t = await testApp({ FOOTNOTE_ORIGINS: ALLOWED, HOST: '127.0.0.1', PORT: '8787' });
    for (const [i, origin] of ['http://127.0.0.1:8787', 'http://localhost:8787'].entries()) {
      const res = await t.call('POST', `/api/v1/threads/${uniqueThread('own')}/comments`, {
        body: { author: 'Ann', body: `From the demo page at ${origin}.` },
        headers: { origin },
        reader: `192.0.2.${80 + i}`,
      });
      expect(res.status, origin).toBe(201);
    }
  });

  it("takes the server's own origin from FOOTNOTE_PUBLIC_URL when set", async () => {
    const t = await testApp({ FOOTNOTE_ORIGINS: ALLOWED, FOOTNOTE_PUBLIC_URL: 'https://comments.news.example' });
    const own = await t.app.request(`https://comments.news.example/api/v1/threads/${uniqueThread('own')}/comments`, {
      method: 'POST',
      headers: { host: 'comments.news.example', origin: 'https://comments.news.example', 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.70' },
      body: JSON.stringify({ author: 'Ann', body: 'From /admin.' }),
    });
    expect(own.status).toBe(201);
  });

  it('never takes the own origin from the Host header (DNS rebinding)', async () => {
    const t = await testApp({ FOOTNOTE_ORIGINS: ALLOWED });
    const thread = uniqueThread('rebind');
    // A page on rebind.evil.example whose name now resolves to this server: Host and Origin agree.
    const res = await t.app.request(`http://rebind.evil.example:8787/api/v1/threads/${thread}/comments`, {
      method: 'POST',
      headers: { host: 'rebind.evil.example:8787', origin: 'http://rebind.evil.example:8787', 'content-type': 'application/json', 'x-forwarded-for': '192.0.2.71' },
      body: JSON.stringify({ author: 'Eve', body: 'Rebound.' }),
    });
    expect(res.status).toBe(403);
    expect(await errorCode(res)).toBe('forbidden');
    expect(await t.ctx.store.threads.get(thread)).toBeNull();
  });

  it('with the default "*" any site may embed and post', async () => {
    const t = await testApp();
    const res = await t.call('POST', `/api/v1/threads/${uniqueThread('star')}/comments`, { body: { author: 'Ann', body: 'Any site.' }, headers: { origin: EVIL } });
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

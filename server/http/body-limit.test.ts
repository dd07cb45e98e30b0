import { describe, expect, it } from 'vitest';
import { ADMIN, errorCode, testApp, uniqueThread } from '../testing/harness';
import { MAX_BODY_BYTES } from './body-limit';

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

/** A JSON comment whose serialised size is exactly `bytes` (ASCII, so bytes = characters). */
function commentOfSize(bytes: number): string {
  const empty = JSON.stringify({ author: 'Ann', body: '' });
  return JSON.stringify({ author: 'Ann', body: 'x'.repeat(bytes - empty.length) });
}

/**
 * A request body that streams `chunk`-sized pieces until `cap` bytes (a stand-in for "endless"),
 * counting what the server pulled: the proof that an oversized body is not read whole.
 */
function endlessBody(chunk = 4096, cap = 64 * 1024 * 1024) {
  const state = { pulled: 0 };
  const piece = new TextEncoder().encode('{"author":"Ann","body":"'.padEnd(chunk, 'x'));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (state.pulled >= cap) return controller.close();
      state.pulled += piece.length;
      controller.enqueue(piece);
    },
  });
  return { stream, state };
}

const post = (t: Awaited<ReturnType<typeof testApp>>, thread: string, init: RequestInit) =>
  t.app.request(`/api/v1/threads/${thread}/comments`, {
    method: 'POST',
    ...init,
    headers: { 'content-type': 'application/json', 'user-agent': UA, 'x-forwarded-for': '198.51.100.7', ...init.headers },
  });

describe('request body limit (32 KiB) at the edge', () => {
  it('answers 413 in the error shape when Content-Length says more than 32 KiB, and writes nothing', async () => {
    const t = await testApp();
    const thread = uniqueThread('big');
    const res = await post(t, thread, { body: commentOfSize(MAX_BODY_BYTES + 1) });
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe('payload_too_large');
    expect(await t.ctx.store.threads.get(thread)).toBeNull();
  });

  it('lets a body of exactly 32 KiB through to validation (the limit is the body, not the field)', async () => {
    const t = await testApp();
    const res = await post(t, uniqueThread('edge'), { body: commentOfSize(MAX_BODY_BYTES) });
    // Past the byte limit it would be 413; at it, the service decides (5,000 characters max).
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('body_too_long');
  });

  it('answers 413 for a chunked body without Content-Length, after reading little more than the limit', async () => {
    const t = await testApp();
    const thread = uniqueThread('chunked');
    const { stream, state } = endlessBody();
    const res = await post(t, thread, { body: stream, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe('payload_too_large');
    // The stream could give 64 MiB; the server stopped pulling right after 32 KiB.
    expect(state.pulled).toBeLessThan(MAX_BODY_BYTES + 64 * 1024);
    expect(await t.ctx.store.threads.get(thread)).toBeNull();
  });

  it('answers 413 when Content-Length lies (claims a small body, sends a big one)', async () => {
    const t = await testApp();
    const thread = uniqueThread('liar');
    const { stream, state } = endlessBody();
    const res = await post(t, thread, { body: stream, duplex: 'half', headers: { 'content-length': '20' } } as RequestInit);
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe('payload_too_large');
    expect(state.pulled).toBeLessThan(MAX_BODY_BYTES + 64 * 1024);
    expect(await t.ctx.store.threads.get(thread)).toBeNull();
  });

  it('accepts a small chunked body', async () => {
    const t = await testApp();
    const text = new TextEncoder().encode(JSON.stringify({ author: 'Ann', body: 'Streamed in two pieces.' }));
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(text.slice(0, 10));
        c.enqueue(text.slice(10));
        c.close();
      },
    });
    const res = await post(t, uniqueThread('small'), { body: stream, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(201);
  });

  it('applies to every write of the API, not only comments', async () => {
    const t = await testApp();
    const big = JSON.stringify({ title: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await t.call('POST', `/api/v1/threads/${uniqueThread('views')}/views`, { body: big, headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe('payload_too_large');
  });
});

describe('the body limit in the route tables', () => {
  it('is on every write of the public and admin APIs but the import, which bounds its own reading', async () => {
    const t = await testApp();
    const writes = t.app.routes.filter((r) => ['POST', 'PATCH', 'DELETE', 'PUT'].includes(r.method) && r.path.startsWith('/api/v1/'));
    const paths = [...new Set(writes.map((r) => `${r.method} ${r.path}`))];
    expect(paths.length).toBeGreaterThan(15);
    for (const route of paths) {
      const [method, path] = route.split(' ') as [string, string];
      const res = await t.app.request(path.replace(':thread', 'limit-check').replace(':id', '1'), {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}`, 'x-forwarded-for': '198.51.100.77' },
        body: JSON.stringify({ padding: 'x'.repeat(MAX_BODY_BYTES) }),
      });
      if (path === '/api/v1/admin/import') expect(res.status, route).not.toBe(413);
      else expect(res.status, route).toBe(413);
    }
  });
});

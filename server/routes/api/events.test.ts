import { afterEach, describe, expect, it } from 'vitest';
import { errorCode, uniqueThread } from '../../testing/harness';
import { listening, type Listening } from '../../testing/listening';

const ALLOWED = 'https://news.example';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

interface Stream {
  res: Response;
  /** Resolves with the data of the first event of `type` that arrives (from now or before). */
  next(type: string): Promise<unknown>;
  close(): void;
}

/** Opens the event stream of `thread` on a real socket and reads its events as they come. */
async function openStream(server: Listening, thread: string, headers: Record<string, string> = {}): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(`${server.url}/api/v1/threads/${encodeURIComponent(thread)}/events`, {
    headers: { 'user-agent': UA, ...headers },
    signal: abort.signal,
  });
  const seen: { type: string; data: unknown }[] = [];
  const waiting: { type: string; resolve: (data: unknown) => void }[] = [];
  if (res.ok && res.body) {
    void (async () => {
      const decoder = new TextDecoder();
      let text = '';
      try {
        for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
          text += decoder.decode(chunk, { stream: true });
          let end: number;
          while ((end = text.indexOf('\n\n')) !== -1) {
            const frame = text.slice(0, end);
            text = text.slice(end + 2);
            const type = frame.match(/^event: (.+)$/m)?.[1];
            const data = frame.match(/^data: (.+)$/m)?.[1];
            if (!type || data === undefined) continue;
            const event = { type, data: JSON.parse(data) as unknown };
            seen.push(event);
            for (const w of waiting.filter((x) => x.type === type)) w.resolve(event.data);
          }
        }
      } catch {
        // Aborted by close().
      }
    })();
  }
  return {
    res,
    next: (type) =>
      new Promise((resolve) => {
        const already = seen.find((e) => e.type === type);
        if (already) resolve(already.data);
        else waiting.push({ type, resolve });
      }),
    close: () => abort.abort(),
  };
}

let server: Listening | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

describe('GET /threads/{thread}/events on a real socket', () => {
  it('answers with the headers of every API answer, and the stream headers', async () => {
    server = await listening({ FOOTNOTE_ORIGINS: ALLOWED });
    const stream = await openStream(server, uniqueThread('sse'), { origin: ALLOWED });
    const h = stream.res.headers;
    expect(stream.res.status).toBe(200);
    expect(h.get('content-type')).toMatch(/^text\/event-stream/);
    expect(h.get('cache-control')).toBe('no-store');
    expect(h.get('x-content-type-options')).toBe('nosniff');
    expect(h.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(h.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(h.get('access-control-expose-headers')).toContain('Retry-After');
    expect(h.get('vary')).toBe('Origin');
    stream.close();
  });

  it('sends the counts at once, then a comment event when a comment is posted', async () => {
    server = await listening();
    const thread = uniqueThread('sse-live');
    const stream = await openStream(server, thread);
    expect(await stream.next('counts')).toEqual({ views: 0, comments: 0 });
    const posted = await fetch(`${server.url}/api/v1/threads/${thread}/comments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': UA, 'x-forwarded-for': '192.0.2.10' },
      body: JSON.stringify({ author: 'Ann', body: 'Live on the wire.' }),
    });
    expect(posted.status).toBe(201);
    expect(await stream.next('comment')).toMatchObject({ author: 'Ann', body: 'Live on the wire.', status: 'published' });
    stream.close();
  });

  it('answers 503 with Retry-After past the server-wide cap, and takes readers again once a stream closes', async () => {
    server = await listening({ FOOTNOTE_MAX_STREAMS: '2' });
    const thread = uniqueThread('sse-cap');
    // Different address ranges: only the server-wide cap applies.
    const a = await openStream(server, thread, { 'x-forwarded-for': '192.0.2.1' });
    const b = await openStream(server, thread, { 'x-forwarded-for': '198.51.100.1' });
    await Promise.all([a.next('counts'), b.next('counts')]);
    const c = await openStream(server, thread, { 'x-forwarded-for': '203.0.113.1' });
    expect(c.res.status).toBe(503);
    expect(c.res.headers.get('retry-after')).toBe('30');
    expect(c.res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await errorCode(c.res)).toBe('too_many_connections');
    a.close();
    await expect.poll(() => server!.ctx.hub.size).toBe(1);
    const d = await openStream(server, thread, { 'x-forwarded-for': '203.0.113.1' });
    expect(d.res.status).toBe(200);
    b.close();
    d.close();
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import { BOTS, PREFETCH } from '../../services/views/testing';
import { VIEW_WINDOW_MS } from '../../services/views/view-counter';
import { testApp, uniqueThread, type TestApp } from '../../testing/harness';

let t: TestApp;
let thread: string;
const path = () => `/api/v1/threads/${encodeURIComponent(thread)}`;
const view = (reader = '203.0.113.10', headers: Record<string, string> = {}) => t.call('POST', `${path()}/views`, { reader, headers });
const read = async () => (await (await t.call('GET', path())).json()) as { views: number; comments: number };

beforeEach(async () => {
  t = await testApp();
  thread = uniqueThread('views');
});

describe('POST /threads/{thread}/views', () => {
  it('counts a reader once within 30 minutes, again after, and every other reader', async () => {
    expect(await (await view()).json()).toEqual({ views: 1, comments: 0, closed: false, closedAt: null, guests: true });
    expect(await (await view()).json()).toEqual({ views: 1, comments: 0, closed: false, closedAt: null, guests: true }); // reload
    t.clock.now += VIEW_WINDOW_MS - 1000;
    expect(await (await view()).json()).toEqual({ views: 1, comments: 0, closed: false, closedAt: null, guests: true });
    expect(await (await view('203.0.113.11')).json()).toEqual({ views: 2, comments: 0, closed: false, closedAt: null, guests: true });
    t.clock.now += 1000; // 30 minutes after the first view
    expect(await (await view()).json()).toEqual({ views: 3, comments: 0, closed: false, closedAt: null, guests: true });
    expect(await read()).toMatchObject({ views: 3 });
  });

  it('tells readers apart by user agent as well as address', async () => {
    await view();
    const res = await view('203.0.113.10', { 'user-agent': 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15' });
    expect(await res.json()).toMatchObject({ views: 2 });
  });

  it.each(Object.entries(BOTS))('answers %s with the counts but does not count it', async (_, ua) => {
    await view('203.0.113.20');
    const res = await view('203.0.113.21', { 'user-agent': ua });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ views: 1, comments: 0, closed: false, closedAt: null, guests: true });
    expect(await read()).toMatchObject({ views: 1 });
  });

  it.each(Object.entries(PREFETCH))('answers a %s request with the counts but does not count it', async (_, headers) => {
    const res = await view('203.0.113.30', headers);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ views: 0, comments: 0, closed: false, closedAt: null, guests: true });
    // The real load that follows a prefetch is the view.
    expect(await (await view('203.0.113.30')).json()).toEqual({ views: 1, comments: 0, closed: false, closedAt: null, guests: true });
  });

  it('serves views not yet written to disk, and the same number after the flush', async () => {
    for (const r of ['1', '2', '3']) await view(`192.0.2.${r}`);
    expect((await t.ctx.store.threads.get(thread))?.views).toBe(0);
    expect(await read()).toMatchObject({ views: 3 });
    await t.ctx.views.flush();
    expect((await t.ctx.store.threads.get(thread))?.views).toBe(3);
    expect(await read()).toMatchObject({ views: 3 });
  });

  it('is never cached', async () => {
    expect((await view()).headers.get('cache-control')).toBe('no-store');
  });
});

describe('GET /threads/{thread}', () => {
  it('reads an unknown thread as zeros without creating it', async () => {
    const res = await t.call('GET', path());
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ thread, title: null, url: null, views: 0, comments: 0, closed: false, closedAt: null, guests: true });
    expect(await t.ctx.store.threads.get(thread)).toBeNull();
  });

  it('carries an ETag and a short Cache-Control, answers 304 to If-None-Match, and changes with the counts', async () => {
    const first = await t.call('GET', path());
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^W\/".+"$/);
    const cc = first.headers.get('cache-control') ?? '';
    expect(cc).toMatch(/(^|[ ,])max-age=\d{1,2}(,|$)/);
    expect(cc).toMatch(/stale-while-revalidate=\d+/);

    const again = await t.call('GET', path(), { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    // A proxy may strip the weak marker: still the same representation.
    expect((await t.call('GET', path(), { headers: { 'if-none-match': etag!.slice(2) } })).status).toBe(304);

    await view();
    const afterView = await t.call('GET', path(), { headers: { 'if-none-match': etag! } });
    expect(afterView.status).toBe(200);
    const etag2 = afterView.headers.get('etag');
    expect(etag2).not.toBe(etag);

    const posted = await t.call('POST', `${path()}/comments`, { body: { author: 'Ada', body: 'A comment changes the tag.' } });
    expect(posted.status).toBe(201);
    const afterComment = await t.call('GET', path(), { headers: { 'if-none-match': etag2! } });
    expect(afterComment.status).toBe(200);
    expect(await afterComment.json()).toMatchObject({ views: 1, comments: 1 });
  });
});

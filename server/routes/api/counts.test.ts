import { beforeEach, describe, expect, it, vi } from 'vitest';
import { errorCode, testApp, uniqueThread, type TestApp } from '../../testing/harness';
import { MAX_COUNT_THREADS } from './schemas';

let t: TestApp;
const countsPath = (keys: readonly string[]) => `/api/v1/counts?${keys.map((k) => `thread=${encodeURIComponent(k)}`).join('&')}`;
const view = (key: string, reader: string) => t.call('POST', `/api/v1/threads/${encodeURIComponent(key)}/views`, { reader });

beforeEach(async () => {
  t = await testApp();
});

describe('GET /counts', () => {
  it('answers the counts of every thread asked for, unwritten views included', async () => {
    const [a, b] = [uniqueThread('a'), uniqueThread('b')];
    await view(a, '192.0.2.1');
    await view(a, '192.0.2.2');
    await view(b, '192.0.2.1');
    await t.call('POST', `/api/v1/threads/${b}/comments`, { body: { author: 'Ada', body: 'Hello' }, reader: '192.0.2.3' });
    const res = await t.call('GET', countsPath([a, b]));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ [a]: { views: 2, comments: 0 }, [b]: { views: 1, comments: 1 } });
  });

  it('reads unknown threads as zeros and does not create them', async () => {
    const unknown = [uniqueThread('u'), '/2014/some/path/', '__proto__', 'constructor'];
    const res = await t.call('GET', countsPath(unknown));
    expect(await res.text()).toBe(JSON.stringify(Object.fromEntries(unknown.map((k) => [k, { views: 0, comments: 0 }]))));
    for (const k of unknown) expect(await t.ctx.store.threads.get(k)).toBeNull();
  });

  it('asks the database about a thread nobody opened once, not on every home page load; its first view shows at once', async () => {
    const [seen, unseen1, unseen2] = [uniqueThread('seen'), uniqueThread('new'), uniqueThread('new')];
    await view(seen, '192.0.2.40');
    const reads = vi.spyOn(t.ctx.store.threads, 'getMany');
    const single = vi.spyOn(t.ctx.store.threads, 'get');
    for (let i = 0; i < 5; i++) expect((await t.call('GET', countsPath([seen, unseen1, unseen2]))).status).toBe(200);
    expect(reads.mock.calls.length + single.mock.calls.length).toBe(1);
    await view(unseen1, '192.0.2.41');
    expect(await (await t.call('GET', countsPath([seen, unseen1, unseen2]))).json()).toMatchObject({ [unseen1]: { views: 1 }, [unseen2]: { views: 0 } });
  });

  it(`takes up to ${MAX_COUNT_THREADS} threads at once and refuses more with a clear 400`, async () => {
    const keys = Array.from({ length: 101 }, (_, i) => `many-${i}`);
    const ok = await t.call('GET', countsPath(keys.slice(0, 100)));
    expect(ok.status).toBe(200);
    expect(Object.keys(await ok.json())).toHaveLength(100);
    const tooMany = await t.call('GET', countsPath(keys));
    expect(tooMany.status).toBe(400);
    expect(await errorCode(tooMany)).toBe('validation_failed');
    const none = await t.call('GET', '/api/v1/counts');
    expect(none.status).toBe(400);
    expect(await errorCode(none)).toBe('validation_failed');
  });

  it('counts a thread named twice once', async () => {
    const keys = Array.from({ length: 100 }, (_, i) => `dup-${i}`);
    const res = await t.call('GET', countsPath([...keys, 'dup-0']));
    expect(res.status).toBe(200);
  });

  it('carries an ETag and a short Cache-Control, answers 304, and changes after a view or a comment', async () => {
    const key = uniqueThread('etag');
    const path = countsPath([key]);
    const first = await t.call('GET', path);
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect(first.headers.get('cache-control')).toMatch(/^public, max-age=\d{1,2}, stale-while-revalidate=\d+$/);
    expect((await t.call('GET', path, { headers: { 'if-none-match': etag } })).status).toBe(304);

    await view(key, '192.0.2.9');
    const afterView = await t.call('GET', path, { headers: { 'if-none-match': etag } });
    expect(afterView.status).toBe(200);
    const etag2 = afterView.headers.get('etag')!;
    expect(etag2).not.toBe(etag);
    // Writing the views to disk changes nothing a reader can see, so the tag stays.
    await t.ctx.views.flush();
    expect((await t.call('GET', path, { headers: { 'if-none-match': etag2 } })).status).toBe(304);

    await t.call('POST', `/api/v1/threads/${key}/comments`, { body: { author: 'Ada', body: 'Hello' }, reader: '192.0.2.10' });
    const afterComment = await t.call('GET', path, { headers: { 'if-none-match': etag2 } });
    expect(afterComment.status).toBe(200);
    expect(await afterComment.json()).toEqual({ [key]: { views: 1, comments: 1 } });
  });
});

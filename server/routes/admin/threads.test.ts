import { describe, expect, it } from 'vitest';
import { errorCode, testApp, uniqueThread } from '../../testing/harness';
import type { DeskThread } from '../../../contract';
import { json, postAs, posted, publicCounts } from './testing';

describe('moderation modes', () => {
  it('publishes at once under post-moderation (the default)', async () => {
    const t = await testApp();
    const thread = uniqueThread();
    expect((await posted(t, thread)).status).toBe('published');
    expect(await publicCounts(t, thread)).toEqual({ thread: 1, counts: 1, list: 1 });
  });

  it('holds every comment under FOOTNOTE_MODERATION=pre: 201 pending, seen by nobody', async () => {
    const t = await testApp({ FOOTNOTE_MODERATION: 'pre' });
    const thread = uniqueThread();
    const { res, status } = await postAs(t, thread);
    expect(res.status).toBe(201);
    expect(status).toBe('pending');
    expect(await publicCounts(t, thread)).toEqual({ thread: 0, counts: 0, list: 0 });
    const list = await json<{ comments: unknown[] }>(await t.call('GET', `/api/v1/threads/${thread}/comments`));
    expect(list.comments).toHaveLength(0);
  });

  it('lets one thread override the site default, both ways, and go back to it with null', async () => {
    const pre = await testApp({ FOOTNOTE_MODERATION: 'pre' });
    const open = uniqueThread('open');
    const res = await pre.admin('PATCH', `/api/v1/admin/threads/${open}`, { moderation: 'post' });
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({ thread: open, moderation: 'post', effectiveModeration: 'post', closed: false, comments: 0 });
    expect((await posted(pre, open)).status).toBe('published');
    await pre.admin('PATCH', `/api/v1/admin/threads/${open}`, { moderation: null });
    expect((await posted(pre, open)).status).toBe('pending');

    const post = await testApp();
    const strict = uniqueThread('strict');
    await post.admin('PATCH', `/api/v1/admin/threads/${strict}`, { moderation: 'pre' });
    expect((await posted(post, strict)).status).toBe('pending');
    expect((await posted(post, uniqueThread('other'))).status).toBe('published');
  });
});

describe('PATCH /admin/threads/{thread}: closing', () => {
  it('closes a thread: new posts answer 403 thread_closed, the thread says closed; reopening allows posts again', async () => {
    const t = await testApp();
    const thread = uniqueThread();
    await posted(t, thread);
    const res = await t.admin('PATCH', `/api/v1/admin/threads/${thread}`, { closed: true });
    expect(await json<DeskThread>(res)).toMatchObject({ closed: true, comments: 1 });
    const refused = await postAs(t, thread);
    expect(refused.res.status).toBe(403);
    expect(refused.error).toBe('thread_closed');
    expect(await json(await t.call('GET', `/api/v1/threads/${thread}`))).toMatchObject({ closed: true, comments: 1 });
    await t.admin('PATCH', `/api/v1/admin/threads/${thread}`, { closed: false });
    expect((await postAs(t, thread)).res.status).toBe(201);
  });

  it('can prepare a thread nobody has used yet, and reads it back', async () => {
    const t = await testApp();
    const thread = uniqueThread('future');
    expect((await t.admin('GET', `/api/v1/admin/threads/${thread}`)).status).toBe(404);
    await t.admin('PATCH', `/api/v1/admin/threads/${thread}`, { closed: true, moderation: 'pre' });
    const got = await json<DeskThread>(await t.admin('GET', `/api/v1/admin/threads/${thread}`));
    expect(got).toMatchObject({ thread, closed: true, moderation: 'pre', effectiveModeration: 'pre', views: 0, comments: 0 });
  });

  it('takes keys with slashes (imported threads are keyed by path)', async () => {
    const t = await testApp();
    const key = '/2014/test/';
    const res = await t.admin('PATCH', `/api/v1/admin/threads/${encodeURIComponent(key)}`, { closed: true });
    expect(await json(res)).toMatchObject({ thread: key, closed: true });
  });

  it('validates the body strictly', async () => {
    const t = await testApp();
    for (const body of [{}, { closed: 'yes' }, { moderation: 'sometimes' }, { closed: true, author: 'x' }, { title: 3 }, { url: 'javascript:alert(1)' }]) {
      const res = await t.admin('PATCH', '/api/v1/admin/threads/x', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await errorCode(res)).toBe('validation_failed');
    }
  });
});

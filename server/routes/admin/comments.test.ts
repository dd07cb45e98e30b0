import { describe, expect, it } from 'vitest';
import { ADMIN, errorCode, testApp, uniqueThread } from '../../testing/harness';
import type { DeskComment } from '../../../contract';
import { json, posted, publicCounts } from './testing';

type Page = { comments: DeskComment[]; next: string | null; counts: Record<string, number> };
const queue = async (t: Awaited<ReturnType<typeof testApp>>, query: string) => {
  const res = await t.admin('GET', `/api/v1/admin/comments?${query}`);
  expect(res.status).toBe(200);
  return json<Page>(res);
};

describe('GET /admin/comments: the queues', () => {
  it('lists a queue newest first with thread, email, reports and the counts of every queue', async () => {
    const t = await testApp({ FOOTNOTE_MODERATION: 'pre' });
    const thread = uniqueThread('queue');
    await t.call('POST', `/api/v1/threads/${thread}/views`, { body: { title: 'An article', url: 'https://news.example/a' } });
    const a = await posted(t, thread, { body: 'first', email: 'first@example.com' });
    t.clock.now += 1000;
    const b = await posted(t, thread, { body: 'second <b>bold</b>' });
    const page = await queue(t, `status=pending&thread=${thread}`);
    expect(page.comments.map((c) => c.id)).toEqual([b.id, a.id]);
    const first = page.comments[1]!;
    expect(first).toMatchObject({
      thread: { key: thread, title: 'An article', url: 'https://news.example/a' },
      email: 'first@example.com',
      body: 'first',
      status: 'pending',
      featured: false,
      reports: 0,
      bannable: true,
    });
    expect(first.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(page.comments[0]!.body).toBe('second <b>bold</b>');
    expect(page.comments[0]!.html).not.toContain('<b>');
    expect(page.counts).toEqual({ pending: 2, published: 0, rejected: 0, spam: 0, reported: 0 });
    expect(JSON.stringify(page)).not.toMatch(/editToken|reader"|198\.51/);
  });

  it('pages by cursor without gaps or repeats, including comments posted in the same millisecond', async () => {
    const t = await testApp();
    const thread = uniqueThread('pages');
    const ids: number[] = [];
    for (let i = 0; i < 7; i++) {
      if (i % 3 === 0) t.clock.now += 1;
      ids.push((await posted(t, thread)).id);
    }
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page: Page = await queue(t, `status=published&thread=${thread}&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.comments.map((c) => c.id));
      cursor = page.next;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by text search (body, author, email) and by thread', async () => {
    const t = await testApp();
    const one = uniqueThread('one');
    const two = uniqueThread('two');
    const match = await posted(t, one, { body: 'The tram timetable is 100% wrong_ly printed' });
    await posted(t, one, { body: 'Nothing to see' });
    const byMail = await posted(t, two, { body: 'Other', email: 'tramfan@example.com' });
    const tram = await queue(t, 'status=published&q=TRAM');
    expect(tram.comments.map((c) => c.id).sort()).toEqual([match.id, byMail.id].sort());
    expect((await queue(t, `status=published&q=tram&thread=${one}`)).comments.map((c) => c.id)).toEqual([match.id]);
    // LIKE wildcards in the search are taken literally.
    expect((await queue(t, 'status=published&q=100%25')).comments.map((c) => c.id)).toEqual([match.id]);
    expect((await queue(t, 'status=published&q=e_t')).comments).toHaveLength(0);
  });

  it('refuses a bad status, limit or cursor with a readable 400', async () => {
    const t = await testApp();
    for (const q of ['status=deleted', 'limit=0', 'limit=500', 'cursor=garbage', 'colour=red']) {
      const res = await t.admin('GET', `/api/v1/admin/comments?${q}`);
      expect(res.status, q).toBe(400);
      expect(['validation_failed', 'bad_request']).toContain(await errorCode(res));
    }
  });
});

describe('PATCH /admin/comments/{id}: decisions', () => {
  it('publishes a pending comment: it appears in public and in the counts', async () => {
    const t = await testApp({ FOOTNOTE_MODERATION: 'pre' });
    const thread = uniqueThread();
    const { id, status } = await posted(t, thread);
    expect(status).toBe('pending');
    expect(await publicCounts(t, thread)).toEqual({ thread: 0, counts: 0, list: 0 });
    const res = await t.admin('PATCH', `/api/v1/admin/comments/${id}`, { status: 'published' });
    expect(res.status).toBe(200);
    expect((await json<{ comment: DeskComment }>(res)).comment).toMatchObject({ id, status: 'published' });
    expect(await publicCounts(t, thread)).toEqual({ thread: 1, counts: 1, list: 1 });
    const list = await json<{ comments: { id: number }[] }>(await t.call('GET', `/api/v1/threads/${thread}/comments`));
    expect(list.comments.map((c) => c.id)).toEqual([id]);
  });

  it('rejects and marks spam: the comment leaves the public thread', async () => {
    const t = await testApp();
    const thread = uniqueThread();
    const a = await posted(t, thread);
    const b = await posted(t, thread);
    await t.admin('PATCH', `/api/v1/admin/comments/${a.id}`, { status: 'rejected' });
    await t.admin('PATCH', `/api/v1/admin/comments/${b.id}`, { status: 'spam' });
    expect(await publicCounts(t, thread)).toEqual({ thread: 0, counts: 0, list: 0 });
    expect((await queue(t, `status=rejected&thread=${thread}`)).comments.map((c) => c.id)).toEqual([a.id]);
    expect((await queue(t, `status=spam&thread=${thread}`)).comments.map((c) => c.id)).toEqual([b.id]);
  });

  it('features and unfeatures without touching the status or the counts', async () => {
    const t = await testApp();
    const thread = uniqueThread();
    const { id } = await posted(t, thread);
    const on = await json<{ comment: DeskComment }>(await t.admin('PATCH', `/api/v1/admin/comments/${id}`, { featured: true }));
    expect(on.comment).toMatchObject({ featured: true, status: 'published' });
    const list = await json<{ comments: { featured: boolean }[] }>(await t.call('GET', `/api/v1/threads/${thread}/comments`));
    expect(list.comments[0]!.featured).toBe(true);
    const off = await json<{ comment: DeskComment }>(await t.admin('PATCH', `/api/v1/admin/comments/${id}`, { featured: false }));
    expect(off.comment.featured).toBe(false);
    expect(await publicCounts(t, thread)).toEqual({ thread: 1, counts: 1, list: 1 });
  });

  it('validates the body strictly', async () => {
    const t = await testApp();
    const { id } = await posted(t, uniqueThread());
    for (const body of [{}, { status: 'deleted' }, { status: 'pending' }, { featured: 'yes' }, { status: 'published', extra: 1 }]) {
      const res = await t.admin('PATCH', `/api/v1/admin/comments/${id}`, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await errorCode(res)).toBe('validation_failed');
    }
    const text = await t.call('PATCH', `/api/v1/admin/comments/${id}`, { body: 'status=published', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'text/plain' } });
    expect(text.status).toBe(415);
    expect((await t.admin('PATCH', '/api/v1/admin/comments/abc', { status: 'published' })).status).toBe(400);
  });
});

describe('DELETE /admin/comments/{id}', () => {
  it('erases a comment for good: 204, gone from queues and counts, then 404', async () => {
    const t = await testApp();
    const thread = uniqueThread();
    const { id } = await posted(t, thread, { body: 'erase me please' });
    const res = await t.admin('DELETE', `/api/v1/admin/comments/${id}`);
    expect(res.status).toBe(204);
    expect(await publicCounts(t, thread)).toEqual({ thread: 0, counts: 0, list: 0 });
    expect((await queue(t, 'status=published&q=erase')).comments).toHaveLength(0);
    await expect(t.ctx.store.comments.get(id)).resolves.toBeNull();
    expect((await t.admin('DELETE', `/api/v1/admin/comments/${id}`)).status).toBe(404);
  });

  it('leaves a "deleted" placeholder when the comment has replies, so the replies keep their place', async () => {
    const t = await testApp();
    const thread = uniqueThread();
    const parent = await posted(t, thread, { body: 'parent text', email: 'p@example.com' });
    const reply = await posted(t, thread, { body: 'a reply', parentId: parent.id });
    expect((await t.admin('DELETE', `/api/v1/admin/comments/${parent.id}`)).status).toBe(204);
    const list = await json<{ comments: { id: number; deleted: boolean; body: string; author: string; replies: { id: number }[] }[] }>(
      await t.call('GET', `/api/v1/threads/${thread}/comments`),
    );
    expect(list.comments).toHaveLength(1);
    expect(list.comments[0]).toMatchObject({ id: parent.id, deleted: true, body: '', author: '' });
    expect(list.comments[0]!.replies.map((r) => r.id)).toEqual([reply.id]);
    expect(await publicCounts(t, thread)).toEqual({ thread: 1, counts: 1, list: 1 });
    const row = await t.ctx.store.comments.get(parent.id);
    expect(row).toMatchObject({ status: 'deleted', body: '', email: null });
    // Nothing left to moderate in a placeholder.
    expect((await t.admin('PATCH', `/api/v1/admin/comments/${parent.id}`, { status: 'published' })).status).toBe(404);
  });
});

describe('POST /admin/comments/bulk', () => {
  it('applies one decision to many comments and lists the ids that are gone', async () => {
    const t = await testApp({ FOOTNOTE_MODERATION: 'pre' });
    const thread = uniqueThread();
    const ids = [(await posted(t, thread)).id, (await posted(t, thread)).id, (await posted(t, thread)).id];
    const res = await t.admin('POST', '/api/v1/admin/comments/bulk', { ids: [...ids, 999999], status: 'published' });
    expect(res.status).toBe(200);
    const data = await json<{ comments: DeskComment[]; missing: number[] }>(res);
    expect(data.comments.map((c) => c.status)).toEqual(['published', 'published', 'published']);
    expect(data.missing).toEqual([999999]);
    expect(await publicCounts(t, thread)).toEqual({ thread: 3, counts: 3, list: 3 });
    const spam = await json<{ comments: DeskComment[] }>(await t.admin('POST', '/api/v1/admin/comments/bulk', { ids: ids.slice(0, 2), status: 'spam', featured: false }));
    expect(spam.comments).toHaveLength(2);
    expect(await publicCounts(t, thread)).toEqual({ thread: 1, counts: 1, list: 1 });
  });

  it('refuses an empty list, more than 100 ids or no decision', async () => {
    const t = await testApp();
    for (const body of [{ ids: [], status: 'spam' }, { ids: Array.from({ length: 101 }, (_, i) => i + 1), status: 'spam' }, { ids: [1] }]) {
      const res = await t.admin('POST', '/api/v1/admin/comments/bulk', body);
      expect(res.status).toBe(400);
      expect(await errorCode(res)).toBe('validation_failed');
    }
  });
});

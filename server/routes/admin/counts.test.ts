import { describe, expect, it } from 'vitest';
import { testApp, uniqueThread } from '../../testing/harness';
import { posted, publicCounts, publishedInQueue } from './testing';

/**
 * Whatever the desk does, every public count equals the published comments, at every step:
 * the thread, the badge counts, the listing total, and the desk's own published queue.
 */
describe('counts stay honest through every moderation action', () => {
  it('publish, feature, reject, spam, report-hold, delete, restore: counts always equal the published comments', async () => {
    const t = await testApp({ FOOTNOTE_MODERATION: 'pre' });
    const thread = uniqueThread('honest');
    const check = async (expected: number, step: string) => {
      const counts = await publicCounts(t, thread);
      expect(counts, step).toEqual({ thread: expected, counts: expected, list: expected });
      expect(await publishedInQueue(t, thread), step).toBe(expected);
    };
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) ids.push((await posted(t, thread)).id);
    await check(0, 'all pending');
    const [a, b, c, d, e] = ids as [number, number, number, number, number];
    await t.admin('POST', '/api/v1/admin/comments/bulk', { ids, status: 'published' });
    await check(5, 'bulk publish');
    await t.admin('PATCH', `/api/v1/admin/comments/${a}`, { status: 'published' });
    await check(5, 'publish again (no change)');
    await t.admin('PATCH', `/api/v1/admin/comments/${a}`, { featured: true });
    await check(5, 'feature');
    await t.admin('PATCH', `/api/v1/admin/comments/${b}`, { status: 'rejected' });
    await check(4, 'reject');
    await t.admin('PATCH', `/api/v1/admin/comments/${b}`, { status: 'rejected' });
    await check(4, 'reject again');
    await t.admin('PATCH', `/api/v1/admin/comments/${c}`, { status: 'spam' });
    await check(3, 'spam');
    for (const r of ['192.0.2.1', '198.51.100.2', '203.0.113.3']) {
      await t.call('POST', `/api/v1/comments/${d}/reports`, { reader: r, body: { reason: 'abuse' } });
    }
    await check(2, 'report threshold hides');
    await t.admin('DELETE', `/api/v1/admin/comments/${e}`);
    await check(1, 'delete a published comment');
    await t.admin('DELETE', `/api/v1/admin/comments/${b}`);
    await check(1, 'delete a rejected comment');
    await t.admin('PATCH', `/api/v1/admin/comments/${c}`, { status: 'published' });
    await check(2, 'spam restored');
    await t.admin('PATCH', `/api/v1/admin/comments/${d}`, { status: 'published' });
    await check(3, 'held comment restored');
  });

  it('a reply whose parent is erased still counts once; the placeholder never counts', async () => {
    const t = await testApp();
    const thread = uniqueThread('tree');
    const parent = await posted(t, thread);
    await posted(t, thread, { parentId: parent.id });
    expect((await publicCounts(t, thread)).thread).toBe(2);
    await t.admin('DELETE', `/api/v1/admin/comments/${parent.id}`);
    expect(await publicCounts(t, thread)).toEqual({ thread: 1, counts: 1, list: 1 });
  });
});

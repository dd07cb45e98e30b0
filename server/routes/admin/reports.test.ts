import { describe, expect, it } from 'vitest';
import { testApp, uniqueThread } from '../../testing/harness';
import type { DeskComment } from '../../../contract';
import { json, posted, publicCounts } from './testing';

const report = (t: Awaited<ReturnType<typeof testApp>>, id: number, reader: string, reason = 'abuse', note?: string) =>
  t.call('POST', `/api/v1/comments/${id}/reports`, { reader, body: { reason, ...(note ? { note } : {}) } });

const reported = async (t: Awaited<ReturnType<typeof testApp>>, thread: string) =>
  (await json<{ comments: DeskComment[] }>(await t.admin('GET', `/api/v1/admin/comments?status=reported&thread=${thread}`))).comments;

describe('reader reports on the desk', () => {
  it('a reported comment shows in the reported queue with its reasons and notes, still public below the threshold', async () => {
    const t = await testApp();
    const thread = uniqueThread();
    const { id } = await posted(t, thread);
    expect((await report(t, id, '192.0.2.1', 'spam')).status).toBe(202);
    expect((await report(t, id, '192.0.2.2', 'other', 'Copies my article word for word')).status).toBe(202);
    const [c] = await reported(t, thread);
    expect(c).toMatchObject({ id, status: 'published', reports: 2, reportReasons: { spam: 1, other: 1 }, reportNotes: ['Copies my article word for word'] });
    expect(await publicCounts(t, thread)).toEqual({ thread: 1, counts: 1, list: 1 });
  });

  it('at the threshold (default 3) the comment is hidden until a moderator decides; counts drop at once', async () => {
    const t = await testApp();
    const thread = uniqueThread();
    const { id } = await posted(t, thread);
    await posted(t, thread);
    // Three networks: reports from one network weigh as one.
    for (const r of ['192.0.2.1', '198.51.100.2', '203.0.113.3']) await report(t, id, r);
    expect(await publicCounts(t, thread)).toEqual({ thread: 1, counts: 1, list: 1 });
    const [c] = await reported(t, thread);
    expect(c).toMatchObject({ id, status: 'pending', reports: 3 });
    const counts = await json<{ counts: Record<string, number> }>(await t.admin('GET', `/api/v1/admin/counts?thread=${thread}`));
    expect(counts.counts).toMatchObject({ reported: 1, pending: 1, published: 1 });
    // Publishing it again is the moderator's decision: it returns and leaves the reported queue.
    await t.admin('PATCH', `/api/v1/admin/comments/${id}`, { status: 'published' });
    expect(await publicCounts(t, thread)).toEqual({ thread: 2, counts: 2, list: 2 });
    expect(await reported(t, thread)).toEqual([]);
    // A cleared comment needs the full threshold of new reports to be hidden again.
    await report(t, id, '192.0.2.4');
    expect(await publicCounts(t, thread)).toEqual({ thread: 2, counts: 2, list: 2 });
    expect((await reported(t, thread))[0]).toMatchObject({ id, reports: 1 });
  });

  it('FOOTNOTE_REPORT_THRESHOLD sets the number of reports that hides a comment', async () => {
    const t = await testApp({ FOOTNOTE_REPORT_THRESHOLD: '1' });
    const thread = uniqueThread();
    const { id } = await posted(t, thread);
    await report(t, id, '192.0.2.9');
    expect(await publicCounts(t, thread)).toEqual({ thread: 0, counts: 0, list: 0 });
  });

  it('featuring a reported comment counts as reviewing it', async () => {
    const t = await testApp();
    const thread = uniqueThread();
    const { id } = await posted(t, thread);
    await report(t, id, '192.0.2.4');
    await t.admin('PATCH', `/api/v1/admin/comments/${id}`, { featured: true });
    expect(await reported(t, thread)).toEqual([]);
    const audit = await json<{ entries: { action: string; detail: string | null }[] }>(await t.admin('GET', '/api/v1/admin/audit'));
    expect(audit.entries[0]).toMatchObject({ action: 'feature' });
  });
});

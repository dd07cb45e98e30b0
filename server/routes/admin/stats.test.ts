import { describe, expect, it } from 'vitest';
import type { StatsDay, StatsReport } from '../../../contract';
import { errorCode, testApp, type TestApp } from '../../testing/harness';
import { json, posted } from './testing';

const at = (day: number, hour: number, minute = 0) => Date.UTC(2026, 10, day, hour, minute);

let readerNo = 0;
/** `n` page loads by distinct readers (from distinct networks, so no range cap applies), then the flush. */
async function views(t: TestApp, thread: string, n: number) {
  for (let i = 0; i < n; i++) {
    readerNo++;
    const res = await t.call('POST', `/api/v1/threads/${thread}/views`, { reader: `203.0.${readerNo}.7` });
    expect(res.status).toBe(200);
  }
  await t.ctx.views.flush();
}

const decide = async (t: TestApp, id: number, status: string) =>
  expect((await t.admin('PATCH', `/api/v1/admin/comments/${id}`, { status })).status).toBe(200);

const row = (day: string, views: number, comments: number, commenters: number, replies: number, rejected: number): StatsDay => ({
  day, views, comments, commenters, replies, rejected,
});

/**
 * Two days of a small newsroom, through the API only: page views, comments and replies, a
 * pre-moderated thread, the desk's decisions and an erasure. Returns the app at the end of day 2.
 */
async function scriptedDays() {
  const t = await testApp();
  // Day 1 (27 November): three readers on "alpha", two comments.
  t.clock.now = at(27, 10);
  await views(t, 'alpha', 3);
  await posted(t, 'alpha', { author: 'Ann', email: 'ann@example.com' });
  await posted(t, 'alpha', { author: 'Zed' });

  // Day 2 (28 November).
  t.clock.now = at(28, 9);
  await t.admin('PATCH', '/api/v1/admin/threads/beta', { moderation: 'pre' });
  await views(t, 'alpha', 5);
  await views(t, 'beta', 2);
  t.clock.now = at(28, 12);
  const c1 = await posted(t, 'alpha', { author: 'Ann', email: 'ann@example.com' });
  const c2 = await posted(t, 'alpha', { author: 'Bob', email: 'bob@example.com' });
  await posted(t, 'alpha', { author: 'Ann', email: 'ANN@example.com', parentId: c2.id });
  const c4 = await posted(t, 'alpha', { author: 'Carl' });
  const c5 = await posted(t, 'alpha', { author: 'Dave' });
  const c6 = await posted(t, 'beta', { author: 'Ann', email: 'ann@example.com' });
  const c7 = await posted(t, 'beta', { author: 'Eve' });
  await posted(t, 'beta', { author: 'Frank' });
  expect([c6.status, c7.status]).toEqual(['pending', 'pending']);
  // Caught by the checks at posting (the honeypot filled): spam, but not the desk's decision.
  const bot = await posted(t, 'alpha', { author: 'Bot', website: 'https://spam.example' });
  expect((await t.ctx.store.comments.get(bot.id))!.status).toBe('spam');

  t.clock.now = at(28, 12, 10);
  await decide(t, c6.id, 'published'); // 10 minutes
  t.clock.now = at(28, 12, 20);
  await decide(t, c7.id, 'rejected'); // 20 minutes
  t.clock.now = at(28, 12, 30);
  await decide(t, c4.id, 'rejected'); // 30 minutes
  t.clock.now = at(28, 13, 30);
  await decide(t, c5.id, 'spam'); // 90 minutes
  // A reader reports Ann's comment on beta after the desk published it: its decision still counts.
  expect((await t.call('POST', `/api/v1/comments/${c6.id}/reports`, { reader: '192.0.2.77', body: { reason: 'spam' } })).status).toBe(202);
  // Ann's first comment of the day goes; her reply keeps her among the day's commenters.
  expect((await t.admin('DELETE', `/api/v1/admin/comments/${c1.id}`)).status).toBe(204);
  return t;
}

describe('GET /admin/stats after a scripted day', () => {
  it('agrees with the counts: days, stories, ratios and minutes to a decision', async () => {
    const t = await scriptedDays();
    const res = await t.admin('GET', '/api/v1/admin/stats?from=2026-11-26&to=2026-11-28');
    expect(res.status).toBe(200);
    const report = await json<StatsReport>(res);
    expect(report).toMatchObject({ from: '2026-11-26', to: '2026-11-28', thread: null, viewsSince: null });
    expect(report.days).toEqual([
      row('2026-11-26', 0, 0, 0, 0, 0),
      row('2026-11-27', 3, 2, 2, 0, 0),
      // alpha: Bob's comment and Ann's reply (Carl rejected, Dave spam, Ann's first erased);
      // beta: Ann's (published by the desk), Eve's rejected, Frank's still held. Ann counts once.
      // Rejected: Carl, Dave and Eve, by the desk; not the bot the checks caught.
      row('2026-11-28', 7, 3, 2, 1, 3),
    ]);

    expect(report.threads.map((s) => s.thread)).toEqual(['alpha', 'beta']);
    expect(report.threads[0]).toEqual({
      thread: 'alpha', title: null, url: null, views: 8, comments: 4, commenters: 3, replies: 1, rejected: 2,
      commentsPer1000Views: 500, replyShare: 0.25, medianMinutesToDecision: 60, rejectionRate: 0.333,
    });
    expect(report.threads[1]).toMatchObject({ views: 2, comments: 1, commenters: 1, rejected: 1, medianMinutesToDecision: 15, rejectionRate: 0.5 });

    // The sums over the days are the public counts.
    for (const key of ['alpha', 'beta']) {
      const counts = await json<{ views: number; comments: number }>(await t.call('GET', `/api/v1/threads/${key}`));
      const one = await json<StatsReport>(await t.admin('GET', `/api/v1/admin/stats?from=2026-11-01&to=2026-11-28&thread=${key}`));
      expect(one.thread).toBe(key);
      expect(one.days).toHaveLength(28);
      expect(one.days.reduce((n, d) => n + d.views, 0)).toBe(counts.views);
      expect(one.days.reduce((n, d) => n + d.comments, 0)).toBe(counts.comments);
      expect(one.threads.map((s) => s.thread)).toEqual([key]);
    }

    // Comments per hour of the last day against the three days before: two on the 27th at 10:00.
    expect(report.hours.day).toBe('2026-11-28');
    expect(report.hours.counts[12]).toBe(3);
    expect(report.hours.counts.reduce((a, b) => a + b, 0)).toBe(3);
    expect(report.hours.before[10]).toBe(0.67);
    expect(report.hours.before.reduce((a, b) => a + b, 0)).toBe(0.67);
  });

  it('answers the same rows as CSV', async () => {
    const t = await scriptedDays();
    const q = 'from=2026-11-26&to=2026-11-28';
    const report = await json<StatsReport>(await t.admin('GET', `/api/v1/admin/stats?${q}`));
    const res = await t.admin('GET', `/api/v1/admin/stats.csv?${q}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toContain('footnote-stats-2026-11-26-2026-11-28.csv');
    const lines = (await res.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('day,views,comments,commenters,replies,rejected');
    expect(lines.slice(1)).toEqual(report.days.map((d) => [d.day, d.views, d.comments, d.commenters, d.replies, d.rejected].join(',')));
    expect(lines[3]).toBe('2026-11-28,7,3,2,1,3');
  });

  it('counts as rejected what the desk rejected or marked spam, not what the checks caught', async () => {
    const t = await testApp();
    t.clock.now = at(28, 12);
    const bot = { website: 'https://spam.example' };
    const caught = await posted(t, 'gamma', bot);
    const freed = await posted(t, 'gamma', bot);
    const undone = await posted(t, 'gamma');
    const erased = await posted(t, 'gamma');
    const kept = await posted(t, 'gamma', bot);
    // The poster is told "pending"; the checks filed them as spam.
    for (const c of [caught, freed, kept]) expect((await t.ctx.store.comments.get(c.id))!.status).toBe('spam');
    const today = async () => (await json<StatsReport>(await t.admin('GET', '/api/v1/admin/stats?from=2026-11-28&to=2026-11-28'))).days[0]!;
    expect((await today()).rejected).toBe(0);

    t.clock.now = at(28, 12, 5);
    await decide(t, freed.id, 'published'); // the desk frees a comment the checks caught ...
    t.clock.now = at(28, 12, 15);
    await decide(t, freed.id, 'rejected'); // ... then rejects it after all: counted
    t.clock.now = at(28, 12, 20);
    await decide(t, undone.id, 'rejected');
    expect((await today()).rejected).toBe(2);
    t.clock.now = at(28, 12, 40);
    await decide(t, undone.id, 'published'); // the desk takes its rejection back
    await decide(t, erased.id, 'spam');
    expect((await today()).rejected).toBe(2);
    expect((await t.admin('DELETE', `/api/v1/admin/comments/${erased.id}`)).status).toBe(204); // gone with its figures
    await decide(t, kept.id, 'spam'); // spam confirmed as spam: the status is still the checks'

    const report = await json<StatsReport>(await t.admin('GET', '/api/v1/admin/stats?from=2026-11-28&to=2026-11-28'));
    expect(report.days[0]).toEqual(row('2026-11-28', 0, 1, 1, 0, 1));
    // The story's rate and minutes count the same decisions: rejected 1 of 2 decided-or-published
    // (the freed-then-rejected one, and the comment taken back), decided after 5 and 20 minutes.
    expect(report.threads[0]).toMatchObject({ thread: 'gamma', comments: 1, rejected: 1, rejectionRate: 0.5, medianMinutesToDecision: 12.5 });
  });

  it('defaults to the 30 days ending today', async () => {
    const t = await testApp();
    const report = await json<StatsReport>(await t.admin('GET', '/api/v1/admin/stats'));
    expect(report.days).toHaveLength(30);
    expect(report.to).toBe('2026-11-28');
    expect(report.from).toBe('2026-10-30');
    expect(report.threads).toEqual([]);
  });

  it('refuses what it cannot answer, in words', async () => {
    const t = await testApp();
    const code = async (q: string) => errorCode(await t.admin('GET', `/api/v1/admin/stats?${q}`));
    expect(await code('from=2026-13-01')).toBe('validation_failed');
    expect(await code('from=2026-02-30')).toBe('validation_failed');
    expect(await code('from=yesterday')).toBe('validation_failed');
    expect(await code('from=2026-11-28&to=2026-11-01')).toBe('validation_failed');
    expect(await code('from=2024-01-01&to=2026-11-01')).toBe('validation_failed');
    expect(await code('thread=nowhere')).toBe('not_found');
    expect(await code('color=blue')).toBe('validation_failed');
    expect((await t.call('GET', '/api/v1/admin/stats')).status).toBe(401);
    expect((await t.call('GET', '/api/v1/admin/stats.csv')).status).toBe(401);
  });
});

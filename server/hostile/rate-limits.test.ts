import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../services/limits/rate-limiter';
import { errorCode, testApp, uniqueThread, type TestApp } from '../testing/harness';

let n = 0;
/** Bodies long and distinct enough that the duplicate-text check never steps in. */
const body = () => `Comment number ${++n} with enough words to count as real text.`;

const post = (t: TestApp, thread: string, reader: string) =>
  t.call('POST', `/api/v1/threads/${thread}/comments`, { body: { author: 'Ann', body: body() }, reader });

async function expect429(res: Response): Promise<number> {
  expect(res.status).toBe(429);
  expect(await errorCode(res)).toBe('rate_limited');
  const retry = Number(res.headers.get('retry-after'));
  expect(Number.isInteger(retry) && retry >= 1).toBe(true);
  return retry;
}

const published = async (t: TestApp, thread: string) => (await t.ctx.views.counts(thread)).comments;

describe('rate limits per reader (defaults: one post per 3 s, 30 an hour)', () => {
  it('a second post within 3 seconds gets 429 with Retry-After, writes nothing, and passes once the wait is over', async () => {
    const t = await testApp();
    const thread = uniqueThread('interval');
    expect((await post(t, thread, '192.0.2.1')).status).toBe(201);
    t.clock.now += 1000;
    expect(await expect429(await post(t, thread, '192.0.2.1'))).toBe(2);
    expect(await published(t, thread)).toBe(1);
    // Another reader is not held up by the first.
    expect((await post(t, thread, '192.0.2.2')).status).toBe(201);
    t.clock.now += 2000;
    expect((await post(t, thread, '192.0.2.1')).status).toBe(201);
    expect(await published(t, thread)).toBe(3);
  });

  it('the 31st post within an hour gets 429 until the hour is up', async () => {
    const t = await testApp();
    const thread = uniqueThread('hourly');
    const start = t.clock.now;
    for (let i = 0; i < 30; i++) {
      expect((await post(t, thread, '192.0.2.10')).status).toBe(201);
      t.clock.now += 3000;
    }
    const retry = await expect429(await post(t, thread, '192.0.2.10'));
    // The first of the 30 leaves the window one hour after it was posted.
    expect(retry).toBe(Math.ceil((start + 3_600_000 - t.clock.now) / 1000));
    expect(await published(t, thread)).toBe(30);
    t.clock.now = start + 3_600_001;
    expect((await post(t, thread, '192.0.2.10')).status).toBe(201);
  });

  it('the same address with another user agent is another reader; the address range is limited as a whole', async () => {
    // Per reader 2 an hour, so the /24 range may post 20 an hour.
    const t = await testApp({ FOOTNOTE_POST_INTERVAL_SEC: '0', FOOTNOTE_POSTS_PER_HOUR: '2' });
    const thread = uniqueThread('range');
    for (let i = 1; i <= 20; i++) expect((await post(t, thread, `198.51.100.${i}`)).status).toBe(201);
    // A fresh address in the same /24: its own quota is untouched, its network's is spent.
    const res = await post(t, thread, '198.51.100.200');
    await expect429(res.clone());
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('network');
    // The next range over is unaffected.
    expect((await post(t, thread, '198.51.101.1')).status).toBe(201);
    // IPv6 ranges are /48.
    for (let i = 1; i <= 20; i++) expect((await post(t, thread, `2001:db8:1:${i}::1`)).status).toBe(201);
    await expect429(await post(t, thread, '2001:db8:1:ffff::1'));
    expect((await post(t, thread, '2001:db8:2::1')).status).toBe(201);
  });

  it('refused posts (bad input) do not use up the quota', async () => {
    const t = await testApp();
    const thread = uniqueThread('refused');
    for (let i = 0; i < 5; i++) {
      const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body: { author: 'Ann', body: '   ' }, reader: '192.0.2.30' });
      expect(res.status).toBe(400);
    }
    expect((await post(t, thread, '192.0.2.30')).status).toBe(201);
  });
});

describe('rate limits on reactions, reports and views', () => {
  it('reactions: 30 a minute per reader, then 429', async () => {
    const t = await testApp();
    const thread = uniqueThread('react');
    const { comment } = (await (await post(t, thread, '192.0.2.40')).json()) as { comment: { id: number } };
    for (let i = 0; i < 30; i++) expect((await t.call('POST', `/api/v1/comments/${comment.id}/reactions`, { reader: '192.0.2.41' })).status).toBe(200);
    await expect429(await t.call('POST', `/api/v1/comments/${comment.id}/reactions`, { reader: '192.0.2.41' }));
    expect((await t.call('POST', `/api/v1/comments/${comment.id}/reactions`, { reader: '192.0.2.42' })).status).toBe(200);
    t.clock.now += 60_001;
    expect((await t.call('POST', `/api/v1/comments/${comment.id}/reactions`, { reader: '192.0.2.41' })).status).toBe(200);
  });

  it('reports: 20 an hour per reader, then 429', async () => {
    const t = await testApp({ FOOTNOTE_POST_INTERVAL_SEC: '0', FOOTNOTE_POSTS_PER_HOUR: '1000' });
    const thread = uniqueThread('report');
    const ids: number[] = [];
    for (let i = 0; i < 21; i++) ids.push(((await (await post(t, thread, '192.0.2.50')).json()) as { comment: { id: number } }).comment.id);
    for (const id of ids.slice(0, 20)) {
      expect((await t.call('POST', `/api/v1/comments/${id}/reports`, { body: { reason: 'spam' }, reader: '192.0.2.51' })).status).toBe(202);
    }
    await expect429(await t.call('POST', `/api/v1/comments/${ids[20]}/reports`, { body: { reason: 'spam' }, reader: '192.0.2.51' }));
    expect((await t.call('POST', `/api/v1/comments/${ids[20]}/reports`, { body: { reason: 'spam' }, reader: '192.0.2.52' })).status).toBe(202);
  });

  it('views: generous (120 a minute per reader), then 429; bots are answered without touching the limit', async () => {
    const t = await testApp();
    for (let i = 0; i < 120; i++) {
      expect((await t.call('POST', `/api/v1/threads/${uniqueThread('v')}/views`, { reader: '192.0.2.60' })).status).toBe(200);
    }
    const refused = uniqueThread('v');
    await expect429(await t.call('POST', `/api/v1/threads/${refused}/views`, { reader: '192.0.2.60', body: { title: 'Never stored' } }));
    // A refused view writes nothing, not even the thread it names.
    expect(await t.ctx.store.threads.get(refused)).toBeNull();
    expect((await t.call('POST', `/api/v1/threads/${uniqueThread('v')}/views`, { reader: '192.0.2.61' })).status).toBe(200);
    const bot = { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' };
    for (let i = 0; i < 200; i++) {
      expect((await t.call('POST', `/api/v1/threads/${uniqueThread('v')}/views`, { reader: '192.0.2.62', headers: bot })).status).toBe(200);
    }
  });

  it('limits are configurable through the environment', async () => {
    const t = await testApp({ FOOTNOTE_REACTIONS_PER_MINUTE: '2', FOOTNOTE_VIEWS_PER_MINUTE: '3' });
    const thread = uniqueThread('conf');
    const { comment } = (await (await post(t, thread, '192.0.2.70')).json()) as { comment: { id: number } };
    for (let i = 0; i < 2; i++) expect((await t.call('POST', `/api/v1/comments/${comment.id}/reactions`, { reader: '192.0.2.71' })).status).toBe(200);
    await expect429(await t.call('POST', `/api/v1/comments/${comment.id}/reactions`, { reader: '192.0.2.71' }));
    for (let i = 0; i < 3; i++) expect((await t.call('POST', `/api/v1/threads/${thread}/views`, { reader: '192.0.2.72' })).status).toBe(200);
    await expect429(await t.call('POST', `/api/v1/threads/${thread}/views`, { reader: '192.0.2.72' }));
  });
});

describe('the limiter is in memory and bounded', () => {
  it('forgets the least recently seen reader past its key limit, so a flood of addresses cannot grow it', () => {
    const limiter = new RateLimiter('things', [{ max: 1, windowMs: 60_000 }], 1000);
    for (let i = 0; i < 50_000; i++) limiter.hit(`reader-${i}`, 0);
    // At most the limit; the oldest go a sixteenth at a time (see trimOldest).
    expect(limiter.size).toBeLessThanOrEqual(1000);
    expect(limiter.size).toBeGreaterThanOrEqual(1000 - 1000 / 16);
    // The most recent reader is still remembered and still limited.
    expect(() => limiter.hit('reader-49999', 1)).toThrow(/Too many things/);
  });
});

import { describe, expect, it } from 'vitest';
import { errorCode, testApp, uniqueThread, type TestApp } from '../testing/harness';

// One client changing its user agent is a new reader each time; these attacks (issue 20) use
// that to do the work of a crowd. A network (/24, /48) weighs as a few readers, never a crowd.

const browser = (i: number) => `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.${i}.0 Safari/537.36`;
const as = (reader: string, i: number, extra: Record<string, unknown> = {}) => ({ reader, headers: { 'user-agent': browser(i) }, ...extra });

async function comment(t: TestApp, thread: string): Promise<number> {
  t.clock.now += 3_000; // one poster's interval between posts
  const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body: { author: 'Ann', body: `A view worth reading, ${thread}.` }, reader: '203.0.113.250' });
  expect(res.status).toBe(201);
  return ((await res.json()) as { comment: { id: number } }).comment.id;
}

const publicCount = async (t: TestApp, thread: string) => (await t.ctx.views.counts(thread)).comments;
const view = (t: TestApp, thread: string, reader: string, i: number, extra: Record<string, unknown> = {}) =>
  t.call('POST', `/api/v1/threads/${thread}/views`, as(reader, i, extra));

describe('reports weigh by network', () => {
  it('three reports with three user agents from one address do not hide a comment; three networks do', async () => {
    const t = await testApp();
    const thread = uniqueThread('hide');
    const id = await comment(t, thread);
    for (let i = 0; i < 3; i++) {
      expect((await t.call('POST', `/api/v1/comments/${id}/reports`, as('198.51.100.7', i, { body: { reason: 'abuse' } }))).status).toBe(202);
    }
    // Even a whole /24 of readers is one network.
    for (let i = 1; i <= 5; i++) await t.call('POST', `/api/v1/comments/${id}/reports`, as(`198.51.100.${100 + i}`, i, { body: { reason: 'abuse' } }));
    expect(await publicCount(t, thread)).toBe(1);
    expect((await t.ctx.store.comments.get(id))?.status).toBe('published');
    // Readers of two more networks make three: held for a moderator.
    await t.call('POST', `/api/v1/comments/${id}/reports`, as('192.0.2.1', 0, { body: { reason: 'abuse' } }));
    expect(await publicCount(t, thread)).toBe(1);
    await t.call('POST', `/api/v1/comments/${id}/reports`, as('2001:db8:5::1', 0, { body: { reason: 'abuse' } }));
    expect(await publicCount(t, thread)).toBe(0);
    const audit = (await (await t.admin('GET', '/api/v1/admin/audit')).json()) as { entries: { action: string; detail: string }[] };
    expect(audit.entries.find((e) => e.action === 'auto-hold')?.detail).toBe('10 reader reports from 3 networks');
  });

  it('reports are rate-limited per network as well as per reader', async () => {
    const t = await testApp({ FOOTNOTE_RANGE_REPORTS_PER_HOUR: '3', FOOTNOTE_REPORT_THRESHOLD: '100' });
    const thread = uniqueThread('report-range');
    const ids = [await comment(t, thread), await comment(t, `${thread}-b`)];
    for (let i = 0; i < 3; i++) expect((await t.call('POST', `/api/v1/comments/${ids[0]}/reports`, as('198.51.100.7', i, { body: { reason: 'spam' } }))).status).toBe(202);
    const res = await t.call('POST', `/api/v1/comments/${ids[1]}/reports`, as('198.51.100.8', 99, { body: { reason: 'spam' } }));
    expect(res.status).toBe(429);
    expect(await errorCode(res)).toBe('rate_limited');
    expect((await t.call('POST', `/api/v1/comments/${ids[1]}/reports`, as('198.51.101.8', 99, { body: { reason: 'spam' } }))).status).toBe(202);
  });
});

describe('views weigh by network', () => {
  it('rotating user agents from one address stop counting at the cap, still answered 200 with the counts; another network still counts', async () => {
    const t = await testApp({ FOOTNOTE_RANGE_READERS_PER_ARTICLE: '5' });
    const thread = uniqueThread('views');
    const answers: { views: number }[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await view(t, thread, '198.51.100.7', i);
      expect(res.status).toBe(200);
      answers.push((await res.json()) as { views: number });
    }
    expect(answers.map((a) => a.views)).toEqual([1, 2, 3, 4, 5, ...new Array(35).fill(5)]);
    // Other addresses of the same /24, and the /48 of an IPv6 address in any spelling, are one network.
    expect(await (await view(t, thread, '198.51.100.200', 0)).json()).toMatchObject({ views: 5 });
    const other = uniqueThread('views6');
    for (const [i, a] of ['2001:db8:0:1::1', '2001:db8::1:2', '2001:db8:0:ffff::3', '2001:db8:0:0:1::4', '2001:0db8::5', '2001:db8::6%eth0', '::ffff:2001:db8'].entries()) {
      await view(t, other, a, i);
    }
    // The last is IPv4-mapped (32.1.13.184): a network of its own.
    expect((await t.ctx.views.counts(other)).views).toBe(6);
    // The next network over counts.
    expect(await (await view(t, thread, '198.51.101.7', 0)).json()).toMatchObject({ views: 6 });
    // After 30 minutes the network's readers count again.
    t.clock.now += 30 * 60_000;
    expect(await (await view(t, thread, '198.51.100.7', 1000)).json()).toMatchObject({ views: 7 });
  });

  it('an office of readers below the cap counts normally (defaults)', async () => {
    const t = await testApp();
    const thread = uniqueThread('office');
    // 120 colleagues behind one address, and 120 more on the rest of the office's /24.
    for (let i = 0; i < 120; i++) expect((await view(t, thread, '198.51.100.7', i)).status).toBe(200);
    for (let i = 0; i < 120; i++) expect((await view(t, thread, `198.51.100.${i + 10}`, i)).status).toBe(200);
    expect((await t.ctx.views.counts(thread)).views).toBe(240);
    // Each reloads: nobody counts twice.
    for (let i = 0; i < 120; i++) await view(t, thread, '198.51.100.7', i);
    expect((await t.ctx.views.counts(thread)).views).toBe(240);
  });

  it('page loads are rate-limited per network as well as per reader', async () => {
    const t = await testApp({ FOOTNOTE_RANGE_VIEWS_PER_MINUTE: '10' });
    const thread = uniqueThread('view-rate');
    for (let i = 0; i < 10; i++) expect((await view(t, thread, '198.51.100.7', i)).status).toBe(200);
    const refused = uniqueThread('view-rate');
    const res = await view(t, refused, '198.51.100.9', 99);
    expect(res.status).toBe(429);
    expect(await errorCode(res)).toBe('rate_limited');
    expect(await t.ctx.store.threads.get(refused)).toBeNull();
    expect((await view(t, thread, '198.51.101.9', 0)).status).toBe(200);
    t.clock.now += 60_001;
    expect((await view(t, thread, '198.51.100.9', 99)).status).toBe(200);
  });
});

describe('reactions weigh by network', () => {
  it('rotating user agents from one address stop counting at the cap, still answered 200 with the counts; another network still counts', async () => {
    const t = await testApp({ FOOTNOTE_RANGE_REACTIONS_PER_COMMENT: '3' });
    const thread = uniqueThread('react');
    const id = await comment(t, thread);
    const url = `/api/v1/comments/${id}/reactions`;
    const got: unknown[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await t.call('POST', url, as('198.51.100.7', i));
      expect(res.status).toBe(200);
      got.push(await res.json());
    }
    expect(got).toEqual([1, 2, 3, 3, 3, 3, 3, 3, 3, 3].map((reactions) => ({ reacted: true, reactions })));
    expect(await (await t.call('POST', url, as('198.51.101.7', 0))).json()).toEqual({ reacted: true, reactions: 4 });
    // A counted reaction taken back makes room for one of the network's waiting ones: still 4.
    expect(await (await t.call('DELETE', url, as('198.51.100.7', 0))).json()).toEqual({ reacted: false, reactions: 4 });
    // An uncounted one taken back changes nothing.
    expect(await (await t.call('DELETE', url, as('198.51.100.7', 9))).json()).toEqual({ reacted: false, reactions: 4 });
    // The "top" sort sees what is counted.
    const list = (await (await t.call('GET', `/api/v1/threads/${thread}/comments?sort=top`)).json()) as { comments: { reactions: number }[] };
    expect(list.comments[0]?.reactions).toBe(4);
  });

  it('an office below the cap counts normally (defaults), and reactions are rate-limited per network', async () => {
    const t = await testApp({ FOOTNOTE_RANGE_REACTIONS_PER_MINUTE: '12' });
    const thread = uniqueThread('react-office');
    const id = await comment(t, thread);
    const url = `/api/v1/comments/${id}/reactions`;
    for (let i = 0; i < 10; i++) expect(await (await t.call('POST', url, as('198.51.100.7', i))).json()).toEqual({ reacted: true, reactions: i + 1 });
    expect((await t.call('POST', url, as('198.51.100.7', 10))).status).toBe(200);
    expect((await t.call('POST', url, as('198.51.100.7', 11))).status).toBe(200);
    const res = await t.call('POST', url, as('198.51.100.8', 12));
    expect(res.status).toBe(429);
    expect(await errorCode(res)).toBe('rate_limited');
  });
});

describe('posts weigh by network: IPv6 compared as numbers', () => {
  it('2001:db8:0:N::1 and 2001:db8::ffff:1 are one /48 and share its budget', async () => {
    const t = await testApp({ FOOTNOTE_POST_INTERVAL_SEC: '0', FOOTNOTE_POSTS_PER_HOUR: '2' });
    const thread = uniqueThread('v6');
    let n = 0;
    const post = (reader: string) => t.call('POST', `/api/v1/threads/${thread}/comments`, { body: { author: 'Ann', body: `Comment ${++n} with words enough to count.` }, reader });
    for (let i = 1; i <= 20; i++) expect((await post(`2001:db8:0:${i.toString(16)}::1`)).status).toBe(201);
    for (const spelling of ['2001:db8::ffff:1', '2001:0db8:0000:abcd::1', '[2001:db8::1:2]']) expect((await post(spelling)).status, spelling).toBe(429);
    expect((await post('2001:db8:1::1')).status).toBe(201);
  });
});

describe('nothing is written for a view that does not count', () => {
  it('bots and prefetches create no thread, whatever title and URL they send', async () => {
    const t = await testApp();
    const bot = { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' };
    const keys: string[] = [];
    for (let i = 0; i < 20; i++) {
      const thread = uniqueThread('junk');
      keys.push(thread);
      const meta = { body: { title: `Junk ${i}`, url: `https://evil.example/${i}` } };
      expect(await (await t.call('POST', `/api/v1/threads/${thread}/views`, { reader: '198.51.100.7', headers: bot, ...meta })).json()).toEqual({ views: 0, comments: 0, closed: false, closedAt: null, guests: true });
      expect((await t.call('POST', `/api/v1/threads/${thread}/views`, { reader: '198.51.100.8', headers: { 'sec-purpose': 'prefetch' }, ...meta })).status).toBe(200);
    }
    for (const key of keys) expect(await t.ctx.store.threads.get(key)).toBeNull();
    expect(await t.ctx.store.archive.totals()).toMatchObject({ threads: 0 });
  });

  it('a view past the network cap does not fill in a title or URL', async () => {
    const t = await testApp({ FOOTNOTE_RANGE_READERS_PER_ARTICLE: '1' });
    const thread = uniqueThread('capped');
    await view(t, thread, '198.51.100.7', 0);
    await view(t, thread, '198.51.100.7', 1, { body: { title: 'Planted', url: 'https://news.example/planted' } });
    expect(await t.ctx.store.threads.get(thread)).toMatchObject({ title: null, url: null });
  });
});

describe("a thread's title and URL", () => {
  it('with FOOTNOTE_ORIGINS set, come only from a listed page, and only as http(s)', async () => {
    const t = await testApp({ FOOTNOTE_ORIGINS: 'https://news.example' });
    const phish = uniqueThread('phish');
    await view(t, phish, '198.51.100.7', 0, { body: { title: 'Click here', url: 'https://evil.example/phish' }, headers: { 'user-agent': browser(0), origin: 'https://news.example' } });
    // Counted, but the URL is not on a listed origin.
    expect(await t.ctx.store.threads.get(phish)).toMatchObject({ title: 'Click here', url: null });
    const forged = uniqueThread('forged');
    await view(t, forged, '198.51.101.7', 0, { body: { title: 'Click here', url: 'https://evil.example/phish' } });
    expect(await t.ctx.store.threads.get(forged)).toMatchObject({ title: null, url: null });
    const script = uniqueThread('script');
    await view(t, script, '198.51.102.7', 0, { body: { title: 'Budget', url: 'javascript:alert(1)' }, headers: { 'user-agent': browser(0), origin: 'https://news.example' } });
    expect(await t.ctx.store.threads.get(script)).toMatchObject({ title: 'Budget', url: null });
    // The newsroom's own page: kept, and a later page load cannot replace it.
    const own = uniqueThread('own');
    await view(t, own, '198.51.103.7', 0, { body: { title: 'Budget', url: 'https://news.example/budget' }, headers: { 'user-agent': browser(0), origin: 'https://news.example' } });
    await view(t, own, '198.51.104.7', 0, { body: { title: 'Other', url: 'https://news.example/other' }, headers: { 'user-agent': browser(0), origin: 'https://news.example' } });
    expect(await t.ctx.store.threads.get(own)).toMatchObject({ title: 'Budget', url: 'https://news.example/budget' });
    // A post names its thread the same way.
    const posted = uniqueThread('posted');
    const res = await t.call('POST', `/api/v1/threads/${posted}/comments`, {
      body: { author: 'Ann', body: 'A comment that names a phishing page.', title: 'Win', url: 'https://evil.example/phish' },
      reader: '198.51.105.7',
    });
    expect(res.status).toBe(201);
    expect(await t.ctx.store.threads.get(posted)).toMatchObject({ title: null, url: null });
  });

  it('with any origin allowed (*), still never a javascript: URL', async () => {
    const t = await testApp();
    const thread = uniqueThread('js');
    await view(t, thread, '198.51.100.7', 0, { body: { title: 'T', url: 'javascript:alert(document.cookie)' } });
    expect(await t.ctx.store.threads.get(thread)).toMatchObject({ title: 'T', url: null });
  });
});

import { describe, expect, it } from 'vitest';
import type { ContentCheck } from '../services/comments/checks';
import { errorCode, testApp, uniqueThread, type TestApp } from '../testing/harness';

interface Posted {
  comment: { id: number; status: string };
}

const post = async (t: TestApp, thread: string, reader: string, fields: Record<string, unknown>) => {
  const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body: { author: 'Sam', ...fields }, reader });
  expect(res.status).toBe(201);
  return ((await res.json()) as Posted).comment;
};

/**
 * Where a comment ended up: its stored status, whether the public list shows it, the public
 * count, and whether it is in the desk's spam queue (through the admin API when it is there,
 * and always straight from the store).
 */
async function fate(t: TestApp, thread: string, id: number) {
  const stored = await t.ctx.store.comments.get(id);
  const list = (await (await t.call('GET', `/api/v1/threads/${thread}/comments`)).json()) as { comments: { id: number }[] };
  const queue = await t.ctx.store.comments.queue({ status: 'spam', threadKey: thread, limit: 100 });
  const adminRes = await t.admin('GET', `/api/v1/admin/comments?status=spam&thread=${encodeURIComponent(thread)}`);
  let inAdminQueue: boolean | 'no admin API yet' = 'no admin API yet';
  if (adminRes.status !== 404) {
    expect(adminRes.status).toBe(200);
    const text = JSON.stringify(await adminRes.json());
    inAdminQueue = new RegExp(`"id":${id}\\b`).test(text);
    // The desk's queue and the store agree.
    expect(inAdminQueue).toBe(queue.some((r) => r.id === id));
  }
  return {
    status: stored?.status,
    public: list.comments.some((c) => c.id === id),
    count: (await t.ctx.views.counts(thread)).comments,
    inSpamQueue: queue.some((r) => r.id === id),
    inAdminQueue,
  };
}

const heldAsSpam = { status: 'spam', public: false, count: 0, inSpamQueue: true };

describe('spam without captchas: held as spam for the desk, never silently dropped', () => {
  it('a filled honeypot answers 201 "pending" (the bot learns nothing) and is stored as spam', async () => {
    const t = await testApp();
    const thread = uniqueThread('honeypot');
    const c = await post(t, thread, '192.0.2.1', { body: 'Buy cheap watches at our shop today', website: 'http://cheap.example' });
    expect(c.status).toBe('pending');
    const f = await fate(t, thread, c.id);
    expect(f).toMatchObject(heldAsSpam);
    expect(f.inAdminQueue).not.toBe(false);
  });

  it('an empty or blank honeypot is what people send: published', async () => {
    const t = await testApp();
    const thread = uniqueThread('honeypot-empty');
    const a = await post(t, thread, '192.0.2.2', { body: 'A person who left the hidden field alone.', website: '' });
    const b = await post(t, thread, '192.0.2.3', { body: 'Another person, with a blank hidden field.', website: '  ' });
    expect([a.status, b.status]).toEqual(['published', 'published']);
  });

  it('a post sent sooner after the form was shown than FOOTNOTE_MIN_FORM_MS is held as spam', async () => {
    const t = await testApp({ FOOTNOTE_MIN_FORM_MS: '1500' });
    const thread = uniqueThread('too-fast');
    const fast = await post(t, thread, '192.0.2.4', { body: 'Posted the instant the form existed.', elapsedMs: 40 });
    expect(fast.status).toBe('pending');
    expect(await fate(t, thread, fast.id)).toMatchObject(heldAsSpam);
    const human = await post(t, thread, '192.0.2.5', { body: 'Typed by a person over a few seconds.', elapsedMs: 1500 });
    expect(human.status).toBe('published');
  });

  it('the same body posted again within an hour, by anyone, is held as spam; after the hour it is not', async () => {
    const t = await testApp();
    const thread = uniqueThread('dupe');
    const text = 'Visit my site for the best deals on everything you need!';
    const first = await post(t, thread, '192.0.2.6', { body: text });
    expect(first.status).toBe('published');
    t.clock.now += 10 * 60_000;
    // Another reader, another thread, different case and spacing: still the same text.
    const other = uniqueThread('dupe-other');
    const again = await post(t, other, '192.0.2.7', { body: `  ${text.toUpperCase().replace(/ /g, '   ')}\n` });
    expect(again.status).toBe('pending');
    expect(await fate(t, other, again.id)).toMatchObject(heldAsSpam);
    t.clock.now += 60 * 60_000 + 1;
    const later = await post(t, thread, '192.0.2.8', { body: text });
    expect(later.status).toBe('published');
  });

  it('short everyday replies ("Thanks!", "+1") are exempt from the duplicate check', async () => {
    const t = await testApp();
    const thread = uniqueThread('short');
    for (const reader of ['192.0.2.9', '192.0.2.10', '192.0.2.11']) {
      expect((await post(t, thread, reader, { body: 'Thanks!' })).status).toBe('published');
    }
  });

  it('spam held for the desk does not count, does not show, and can still be found by a moderator', async () => {
    const t = await testApp();
    const thread = uniqueThread('desk');
    const ok = await post(t, thread, '192.0.2.12', { body: 'A perfectly ordinary comment here.' });
    const bot = await post(t, thread, '192.0.2.13', { body: 'Bot text with a link https://spam.example', website: 'x' });
    const counts = (await (await t.call('GET', `/api/v1/threads/${thread}`)).json()) as { comments: number };
    expect(counts.comments).toBe(1);
    expect((await fate(t, thread, ok.id)).public).toBe(true);
    expect(await fate(t, thread, bot.id)).toMatchObject({ status: 'spam', public: false, inSpamQueue: true });
  });

  it('an external checker plugs in as a ContentCheck: its verdict holds, flags or refuses', async () => {
    const t = await testApp();
    const thread = uniqueThread('hook');
    const seen: string[] = [];
    // An Akismet-like service, asynchronous like a network call would be.
    const external: ContentCheck = {
      name: 'external',
      async check({ body, reader }) {
        seen.push(`${reader.address}: ${body}`);
        await new Promise((r) => setTimeout(r, 1));
        if (body.includes('casino')) return { action: 'spam', reason: 'external says spam' };
        if (body.includes('maybe')) return { action: 'hold', reason: 'external unsure' };
        if (body.includes('forbidden')) return { action: 'reject', code: 'banned_word', message: 'Not here, please.' };
        return { action: 'allow' };
      },
    };
    t.ctx.checks.push(external);
    const spam = await post(t, thread, '192.0.2.20', { body: 'Best online casino bonuses right here' });
    expect(await fate(t, thread, spam.id)).toMatchObject(heldAsSpam);
    const held = await post(t, thread, '192.0.2.21', { body: 'This one is maybe fine, maybe not.' });
    expect(held.status).toBe('pending');
    expect((await t.ctx.store.comments.get(held.id))?.status).toBe('pending');
    const refused = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body: { author: 'Sam', body: 'A forbidden thing to say here.' }, reader: '192.0.2.22' });
    expect(refused.status).toBe(400);
    expect(await errorCode(refused)).toBe('banned_word');
    expect((await post(t, thread, '192.0.2.23', { body: 'An ordinary remark about the article.' })).status).toBe('published');
    expect(seen).toHaveLength(4);
    expect(seen[0]).toBe('192.0.2.20: Best online casino bonuses right here');
  });
});

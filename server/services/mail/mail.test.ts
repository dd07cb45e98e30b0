import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, testApp, uniqueThread, type TestApp } from '../../testing/harness';
import { SSO_SECRET, ssoToken } from '../../testing/tokens';
import { SmtpSink, linksIn, type Received } from './testing';

// Reply mail end to end, against a real SMTP server (smtp-server on a free port): the API
// writes, the outbox worker (driven by hand, on the test's clock) sends over SMTP with
// nodemailer, and the sink receives. No mock transport anywhere.

const PUBLIC = 'https://comments.news.example';
const timing = { firstDelayMs: 30_000, digestWindowMs: 600_000, retryBaseMs: 1_000, retryMaxMs: 60_000, leaseMs: 120_000, sendTimeoutMs: 5_000 };

let sink: SmtpSink;
let t: TestApp;
let thread: string;

beforeAll(async () => {
  sink = await new SmtpSink().start();
});
afterAll(async () => {
  await sink.stop();
});
beforeEach(async () => {
  sink.mails.length = 0;
  t = await testApp(
    { FOOTNOTE_SMTP_URL: sink.url, FOOTNOTE_MAIL_FROM: 'Comments <comments@news.example>', FOOTNOTE_PUBLIC_URL: PUBLIC, FOOTNOTE_POST_INTERVAL_SEC: '0', FOOTNOTE_SSO_SECRET: SSO_SECRET },
    { outbox: timing },
  );
  thread = uniqueThread('mail');
  const view = await t.call('POST', `/api/v1/threads/${thread}/views`, { body: { title: 'The night bus', url: 'https://news.example/night-bus' }, headers: host });
  expect(view.status).toBe(200);
});
afterEach(async () => {
  await t.ctx.outbox.stop();
  await t.ctx.store.close();
});

const host = { host: new URL(PUBLIC).host };
/** The admin API, asked under the public host name (FOOTNOTE_PUBLIC_URL refuses any other). */
const admin = (method: string, path: string, body?: unknown) =>
  t.call(method, path, { body, headers: { ...host, authorization: `Bearer ${ADMIN}` } });
let readers = 0;
async function post(body: Record<string, unknown>, reader = `198.51.100.${++readers % 250}`) {
  const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body, reader, headers: host });
  expect(res.status).toBe(201);
  return (await res.json()) as { comment: { id: number; status: string }; subscription?: string };
}
const reply = (parentId: number, author = 'Bo', extra: Record<string, unknown> = {}) =>
  post({ author, body: `A reply from ${author}`, parentId, email: `${author.toLowerCase()}@replier.example`, ...extra });
/** Runs the worker until nothing due is left. */
async function drain() {
  while ((await t.ctx.outbox.runOnce()) > 0);
}
const later = (ms: number) => {
  t.clock.now += ms;
};
/** A link from a mail, as the app is asked for it (path and query; the Host is the public one). */
const follow = (url: URL, method = 'GET', body?: string) =>
  t.app.request(url.pathname + url.search, {
    method,
    headers: { ...host, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    ...(body ? { body } : {}),
  });

async function subscribedGuest(email = 'ann@reader.example', lang = 'en') {
  const own = await post({ author: 'Ann', body: 'First!', email, notify: true, lang });
  expect(own.subscription).toBe('confirm');
  await drain();
  const mail = sink.to(email).at(-1)!;
  const [confirm] = linksIn(mail, '/api/v1/subscriptions/confirm');
  expect((await follow(confirm!)).status).toBe(200);
  sink.mails.length = 0;
  return own.comment.id;
}

function expectUnsubscribeHeaders(mail: Received) {
  expect(mail.header('list-unsubscribe')).toMatch(/^<https:\/\/comments\.news\.example\/api\/v1\/subscriptions\/unsubscribe\?token=[\w-]{43}(&lang=\w\w)?>$/);
  expect(mail.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
}

describe('double opt-in for guests', () => {
  it('sends a confirmation mail, and nothing else until its link is followed', async () => {
    const own = await post({ author: 'Ann', body: 'First!', email: 'Ann@Reader.example', notify: true, lang: 'en' });
    expect(own.subscription).toBe('confirm');
    await drain();
    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0]!;
    expect(mail.to).toEqual(['ann@reader.example']);
    expect(mail.parsed.subject).toMatch(/Confirm/);
    expect(mail.parsed.text).toContain('The night bus');
    expect(mail.parsed.html).toContain('<a href="https://comments.news.example/api/v1/subscriptions/confirm?token=');
    expectUnsubscribeHeaders(mail);

    // A reply before confirming: no mail.
    await reply(own.comment.id);
    later(timing.firstDelayMs);
    await drain();
    expect(sink.mails).toHaveLength(1);

    const [link] = linksIn(mail, '/api/v1/subscriptions/confirm');
    const page = await follow(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('you will be emailed replies');
    // Single use: the same link again does nothing.
    expect((await follow(link!)).status).toBe(404);
    // A made-up token: nothing either.
    expect((await follow(new URL(`${PUBLIC}/api/v1/subscriptions/confirm?token=${'A'.repeat(43)}`))).status).toBe(404);

    await reply(own.comment.id, 'Cy');
    later(timing.firstDelayMs);
    await drain();
    expect(sink.mails).toHaveLength(2);
    expect(sink.mails[1]!.parsed.text).toContain('A reply from Cy');
  });

  it('refuses notify without an email, and ignores it without SMTP', async () => {
    const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body: { author: 'Ann', body: 'x', notify: true }, headers: host });
    expect(res.status).toBe(400);
    const plain = await testApp({});
    const ok = await plain.call('POST', `/api/v1/threads/${thread}/comments`, { body: { author: 'Ann', body: 'x', email: 'a@b.example', notify: true } });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { subscription?: string }).subscription).toBeUndefined();
    await plain.ctx.store.close();
  });

  it('subscribes a signed-in user with an email in the token at once', async () => {
    const token = await ssoToken({ id: 'u-7', username: 'Ann', email: 'ann@reader.example' }, { now: t.clock.now });
    const res = await t.call('POST', `/api/v1/threads/${thread}/comments`, { body: { body: 'Signed in', notify: true, lang: 'fr' }, headers: { ...host, authorization: `Bearer ${token}` } });
    expect(res.status).toBe(201);
    const own = (await res.json()) as { comment: { id: number }; subscription?: string };
    expect(own.subscription).toBe('subscribed');
    await drain();
    expect(sink.mails).toHaveLength(0); // no confirmation
    await reply(own.comment.id, 'Bo');
    later(timing.firstDelayMs);
    await drain();
    expect(sink.to('ann@reader.example').map((m) => m.parsed.subject)).toEqual(['Bo a répondu à votre commentaire sur « The night bus »']);
  });

  it('does not ask a confirmed address again', async () => {
    await subscribedGuest();
    const second = await post({ author: 'Ann', body: 'Again', email: 'ann@reader.example', notify: true });
    expect(second.subscription).toBe('subscribed');
    await drain();
    expect(sink.mails).toHaveLength(0);
    await reply(second.comment.id);
    later(timing.firstDelayMs);
    await drain();
    expect(sink.to('ann@reader.example')).toHaveLength(1);
  });
});

describe('reply mail', () => {
  it('mails a published reply within the first delay, in the thread language, with a link and without the replier’s email', async () => {
    const parent = await subscribedGuest('ann@reader.example', 'de');
    const r = await reply(parent, 'Bo');
    await drain();
    expect(sink.mails).toHaveLength(0); // not before the first delay
    later(timing.firstDelayMs);
    await drain();
    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0]!;
    expect(mail.parsed.subject).toBe('Bo hat auf Ihren Kommentar zu „The night bus“ geantwortet');
    expect(mail.parsed.text).toContain('A reply from Bo');
    expect(mail.parsed.text).toContain(`https://news.example/night-bus#c${r.comment.id}`);
    expect(mail.parsed.html).toContain(`https://news.example/night-bus#c${r.comment.id}`);
    expect(mail.parsed.text).toContain('First!');
    // The page a click on the unsubscribe link opens speaks German too, and changes nothing.
    const page = await follow(new URL(mail.header('list-unsubscribe')!.slice(1, -1)));
    expect(await page.text()).toContain('Keine E-Mails mehr über Antworten auf Ihre Kommentare?');
    expect(await t.ctx.store.mail.isConfirmed('ann@reader.example')).toBe(true);
    expect(mail.raw).not.toContain('bo@replier.example');
    expect(mail.parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expectUnsubscribeHeaders(mail);
  });

  it.each([
    ['en', 'Bo replied to your comment on “The night bus”'],
    ['es', 'Bo respondió a tu comentario en «The night bus»'],
    ['fr', 'Bo a répondu à votre commentaire sur « The night bus »'],
    ['ru', 'Bo ответил(а) на ваш комментарий к «The night bus»'],
    ['pt-BR', 'Bo replied to your comment on “The night bus”'],
  ])('speaks %s', async (lang, subject) => {
    const parent = await subscribedGuest('ann@reader.example', lang);
    await reply(parent, 'Bo');
    later(timing.firstDelayMs);
    await drain();
    expect(sink.mails[0]!.parsed.subject).toBe(subject);
  });

  it('gathers further replies within 10 minutes into one digest', async () => {
    const parent = await subscribedGuest();
    await reply(parent, 'Bo');
    later(timing.firstDelayMs);
    await drain();
    expect(sink.mails).toHaveLength(1);

    later(60_000);
    await reply(parent, 'Cy');
    later(60_000);
    await reply(parent, 'Di');
    await drain();
    expect(sink.mails).toHaveLength(1); // held for the window

    later(timing.digestWindowMs);
    await drain();
    expect(sink.mails).toHaveLength(2);
    const digest = sink.mails[1]!;
    expect(digest.parsed.subject).toBe('New replies to your comment on “The night bus”');
    expect(digest.parsed.text).toContain('A reply from Cy');
    expect(digest.parsed.text).toContain('A reply from Di');

    // After a quiet spell, the next reply goes out on its own again.
    later(timing.digestWindowMs * 2);
    await reply(parent, 'Ed');
    later(timing.firstDelayMs);
    await drain();
    expect(sink.mails).toHaveLength(3);
    expect(sink.mails[2]!.parsed.subject).toMatch(/^Ed replied/);
  });

  it('sends nothing for a held reply until it is published', async () => {
    const parent = await subscribedGuest();
    expect((await admin('PATCH', `/api/v1/admin/threads/${thread}`, { moderation: 'pre' })).status).toBe(200);
    const held = await reply(parent, 'Bo');
    expect(held.comment.status).toBe('pending');
    later(timing.firstDelayMs * 10);
    await drain();
    expect(sink.mails).toHaveLength(0);
    const res = await admin('PATCH', `/api/v1/admin/comments/${held.comment.id}`, { status: 'published' });
    expect(res.status).toBe(200);
    later(timing.firstDelayMs);
    await drain();
    expect(sink.mails).toHaveLength(1);
    expect(sink.mails[0]!.parsed.text).toContain('A reply from Bo');
  });

  it('drops a reply unpublished before its mail went', async () => {
    const parent = await subscribedGuest();
    const r = await reply(parent, 'Bo');
    const res = await admin('PATCH', `/api/v1/admin/comments/${r.comment.id}`, { status: 'rejected' });
    expect(res.status).toBe(200);
    later(timing.firstDelayMs);
    await drain();
    expect(sink.mails).toHaveLength(0);
  });

  it('never mails anyone about their own reply', async () => {
    const parent = await subscribedGuest();
    await post({ author: 'Ann', body: 'Replying to myself', parentId: parent, email: 'ANN@reader.example' });
    later(timing.firstDelayMs);
    await drain();
    expect(sink.mails).toHaveLength(0);
  });
});

describe('one-click unsubscribe', () => {
  it('honours the RFC 8058 POST at once: queued mail is dropped and nothing more is sent', async () => {
    const parent = await subscribedGuest();
    await reply(parent, 'Bo');
    later(timing.firstDelayMs);
    await drain();
    const url = new URL(sink.mails[0]!.header('list-unsubscribe')!.slice(1, -1));

    await reply(parent, 'Cy'); // queued for the digest
    // A click (GET) only shows the button: mail scanners follow links.
    const pageRes = await follow(url);
    expect(pageRes.status).toBe(200);
    expect(await pageRes.text()).toContain('<form method="post"');

    const res = await follow(url, 'POST', 'List-Unsubscribe=One-Click');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('You are unsubscribed');
    // Again (a mail client retrying): still fine.
    expect((await follow(url, 'POST', 'List-Unsubscribe=One-Click')).status).toBe(200);

    later(timing.digestWindowMs);
    await reply(parent, 'Di');
    later(timing.digestWindowMs);
    await drain();
    expect(sink.mails).toHaveLength(1);
    const dropped = (await (await admin('GET', '/api/v1/admin/deliveries?kind=reply&status=dropped')).json()) as { deliveries: { to: string | null }[] };
    expect(dropped.deliveries).toHaveLength(1);
    expect(dropped.deliveries[0]!.to).toBeNull();
  });

  it('keeps only a hash of an address that unsubscribed, and sends it no confirmation for a while', async () => {
    const parent = await subscribedGuest();
    await reply(parent, 'Bo');
    later(timing.firstDelayMs);
    await drain();
    const url = new URL(sink.mails[0]!.header('list-unsubscribe')!.slice(1, -1));
    expect((await follow(url, 'POST', 'List-Unsubscribe=One-Click')).status).toBe(200);
    sink.mails.length = 0;

    expect(await t.ctx.store.mail.isConfirmed('ann@reader.example')).toBe(false);
    expect(await t.ctx.store.mail.subscriptionOf(parent)).toBeNull();

    // Someone types the address in again: no confirmation mail goes to it.
    await post({ author: 'Mallory', body: 'x', email: 'ann@reader.example', notify: true });
    await drain();
    expect(sink.mails).toHaveLength(0);
  });
});

describe('erasure (a data request)', () => {
  it('removes the address’s subscriptions and queued mail', async () => {
    const parent = await subscribedGuest();
    await reply(parent, 'Bo');
    await post({ author: 'Ann', body: 'Another', email: 'ann@reader.example', notify: true });
    const res = await admin('POST', '/api/v1/admin/readers/erase', { email: 'ann@reader.example' });
    expect(res.status).toBe(200);
    // The queued reply mail, and the key of the confirmation mail sent before.
    expect(await res.json()).toMatchObject({ subscriptions: 2, deliveries: 2 });
    later(timing.firstDelayMs);
    await drain();
    expect(sink.mails).toHaveLength(0);
    expect(await t.ctx.store.mail.isConfirmed('ann@reader.example')).toBe(false);
    const left = (await (await admin('GET', '/api/v1/admin/deliveries')).json()) as { deliveries: { kind: string }[] };
    expect(left.deliveries.filter((d) => d.kind !== 'webhook')).toEqual([]);
  });
});

describe('an SMTP outage', () => {
  it('loses nothing and sends nothing twice: retried with backoff once the server is back', async () => {
    const ann = await subscribedGuest('ann@reader.example');
    const eve = await subscribedGuest('eve@reader.example');
    await sink.stop();
    try {
      await reply(ann, 'Bo');
      await reply(eve, 'Bo');
      await post({ author: 'Gus', body: 'New here', email: 'gus@reader.example', notify: true });
      later(timing.firstDelayMs);
      await drain();
      let page = (await (await admin('GET', '/api/v1/admin/deliveries?status=queued')).json()) as { deliveries: { attempts: number; lastError: string }[] };
      expect(page.deliveries).toHaveLength(3);
      for (const d of page.deliveries) {
        expect(d.attempts).toBe(1);
        expect(d.lastError).toMatch(/ECONNREFUSED|ESOCKET|connect/);
      }
      // Still down at the next try: attempts climb, the wait doubles.
      later(timing.retryBaseMs);
      await drain();
      page = (await (await admin('GET', '/api/v1/admin/deliveries?status=queued')).json()) as typeof page;
      expect(page.deliveries.map((d) => d.attempts)).toEqual([2, 2, 2]);
    } finally {
      await sink.start();
    }
    later(timing.retryBaseMs); // not yet: the second wait is twice the first
    await drain();
    expect(sink.mails).toHaveLength(0);
    later(timing.retryBaseMs);
    await drain();
    expect(sink.to('ann@reader.example')).toHaveLength(1);
    expect(sink.to('eve@reader.example')).toHaveLength(1);
    expect(sink.to('gus@reader.example')).toHaveLength(1);
    later(timing.retryMaxMs * 10);
    await drain();
    expect(sink.mails).toHaveLength(3);
  });
});

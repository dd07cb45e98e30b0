import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config/env';
import { listening } from '../../testing/listening';
import { createSqliteStore } from '../../store/sqlite';
import { freshStore, pgTestUrl, type Engine } from '../../testing/engine';
import { createServices } from '..';
import { ReaderIdentity } from '../readers/identity';
import { DEFAULT_TIMING, Outbox, backoff } from './outbox';
import { SmtpSink, WebhookReceiver, linksIn } from './testing';

// The outbox's promises: with many workers each row is sent by one; a worker that dies
// mid-send loses its rows to another once its lease runs out; a restart loses nothing.

const SECRET = 'whsec-test-0123456789abcdef0123456789';
let receiver: WebhookReceiver;
let sink: SmtpSink;
beforeAll(async () => {
  receiver = await new WebhookReceiver().start();
  sink = await new SmtpSink().start();
});
afterAll(async () => {
  await receiver.stop();
  await sink.stop();
});

async function services(dbPath: string, clock: { now: number }, engine: Engine = 'sqlite') {
  const config = loadConfig({
    FOOTNOTE_DB: dbPath,
    FOOTNOTE_WEBHOOK_URL: receiver.url,
    FOOTNOTE_WEBHOOK_SECRET: SECRET,
    FOOTNOTE_POST_INTERVAL_SEC: '0',
    FOOTNOTE_POSTS_PER_HOUR: '1000',
    FOOTNOTE_MIN_FORM_MS: '0',
  });
  const store = engine === 'pg' ? await freshStore('pg') : createSqliteStore(config.dbPath);
  const ctx = await createServices(store, config, { now: () => clock.now, identity: ReaderIdentity.fixed(), outbox: { retryBaseMs: 1_000, leaseMs: 60_000 } });
  return { config, store, ctx };
}

const ENGINES: Engine[] = pgTestUrl() ? ['sqlite', 'pg'] : ['sqlite'];
const reader = { address: '203.0.113.9', userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0' };

describe('the outbox', () => {
  it('backs off exponentially, up to a cap', () => {
    const t = { ...DEFAULT_TIMING, retryBaseMs: 1_000, retryMaxMs: 10_000 };
    expect([0, 1, 2, 3, 4, 5].map((n) => backoff(t, n))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  // On PostgreSQL the two workers claim over separate connections of the pool, at once
  // (`for update skip locked`); on SQLite one writer at a time.
  describe.each(ENGINES)('on %s', (engine) => {
    it('with two workers on one database, sends each row once', async () => {
      receiver.hits.length = 0;
      const clock = { now: Date.UTC(2026, 11, 3, 8) };
      const { store, ctx, config } = await services(':memory:', clock, engine);
      const { postComment } = await import('../comments/post');
      for (let i = 0; i < 45; i++) await postComment(ctx, 'two-workers', { author: `A${i}`, body: `Comment ${i}` }, reader);
      const a = ctx.outbox;
      const b = new Outbox(store, config, { ...a.timing, batch: 7 }, () => clock.now);
      const drain = async (w: Outbox) => {
        while ((await w.runOnce()) > 0);
      };
      await Promise.all([drain(a), drain(b), drain(a)]);
      const ids = receiver.hits.map((h) => (JSON.parse(h.body) as { id: string }).id);
      expect(ids).toHaveLength(45);
      expect(new Set(ids).size).toBe(45);
      await store.close();
    });

    it('takes over the rows of a worker that died mid-send once its lease runs out', async () => {
      receiver.hits.length = 0;
      const clock = { now: Date.UTC(2026, 11, 3, 8) };
      const { store, ctx } = await services(':memory:', clock, engine);
      const { postComment } = await import('../comments/post');
      await postComment(ctx, 'dead-worker', { author: 'Ann', body: 'Hello' }, reader);
      // A worker claims the row, then dies without settling it.
      const claimed = await store.mail.claim(clock.now, 'dead-worker', 60_000, 10);
      expect(claimed).toHaveLength(1);
      expect(await ctx.outbox.runOnce()).toBe(0);
      clock.now += 60_001;
      expect(await ctx.outbox.runOnce()).toBe(1);
      expect(receiver.hits).toHaveLength(1);
      // The dead worker coming back late cannot undo it.
      expect(await store.mail.settle(claimed[0]!.id, 'dead-worker', { status: 'queued', dueAt: clock.now, error: 'late' })).toBe(false);
      expect((await store.mail.deliveries({ limit: 5 }))[0]).toMatchObject({ status: 'sent' });
      await store.close();
    });
  });

  it('loses nothing across a restart', async () => {
    receiver.hits.length = 0;
    const dir = mkdtempSync(join(tmpdir(), 'footnote-outbox-'));
    try {
      const clock = { now: Date.UTC(2026, 11, 3, 8) };
      const first = await services(join(dir, 'db.sqlite'), clock);
      const { postComment } = await import('../comments/post');
      await postComment(first.ctx, 'restart', { author: 'Ann', body: 'Before the restart' }, reader);
      await first.store.close(); // stopped before the worker ran
      expect(receiver.hits).toHaveLength(0);
      const second = await services(join(dir, 'db.sqlite'), clock);
      while ((await second.ctx.outbox.runOnce()) > 0);
      expect(receiver.hits.map((h) => (JSON.parse(h.body) as { data: { comment: { body: string } } }).data.comment.body)).toEqual(['Before the restart']);
      await second.store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs on its own in a served app: subscribe, confirm, reply, unsubscribe, over real sockets', async () => {
    sink.mails.length = 0;
    const fast = { pollMs: 50, firstDelayMs: 0, digestWindowMs: 200 };
    // The public URL is the served address itself: links in the mail are followed as they are.
    const probe = await listening();
    const port = new URL(probe.url).port;
    await probe.close();
    const app = await listening(
      { PORT: port, FOOTNOTE_PUBLIC_URL: `http://127.0.0.1:${port}`, FOOTNOTE_SMTP_URL: sink.url, FOOTNOTE_MAIL_FROM: 'comments@news.example', FOOTNOTE_POST_INTERVAL_SEC: '0' },
      { outbox: fast },
    );
    try {
      app.ctx.outbox.start();
      const send = async (body: Record<string, unknown>, ip: string) => {
        const res = await fetch(`${app.url}/api/v1/threads/live/comments`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': ip, 'user-agent': reader.userAgent }, body: JSON.stringify(body) });
        expect(res.status).toBe(201);
        return ((await res.json()) as { comment: { id: number } }).comment.id;
      };
      const until = async (check: () => boolean) => {
        while (!check()) await new Promise((r) => setTimeout(r, 20));
      };
      const parent = await send({ author: 'Ann', body: 'Mine', email: 'ann@reader.example', notify: true }, '198.51.100.1');
      await until(() => sink.mails.length === 1);
      const [confirm] = linksIn(sink.mails[0]!, '/api/v1/subscriptions/confirm');
      expect((await fetch(confirm!)).status).toBe(200);
      await send({ author: 'Bo', body: 'Yours', parentId: parent }, '198.51.100.2');
      await until(() => sink.mails.length === 2);
      expect(sink.mails[1]!.parsed.text).toContain('Yours');
      const unsubscribe = sink.mails[1]!.header('list-unsubscribe')!.slice(1, -1);
      const res = await fetch(unsubscribe, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      expect(res.status).toBe(200);
      await send({ author: 'Cy', body: 'Another', parentId: parent }, '198.51.100.3');
      // The worker has had its rounds (an unrelated event after the reply is sent and seen)…
      await send({ author: 'Di', body: 'Elsewhere', email: 'di@reader.example', notify: true }, '198.51.100.4');
      await until(() => sink.mails.length === 3);
      // …and the only new mail is Di's confirmation: nothing went to Ann.
      expect(sink.mails[2]!.to).toEqual(['di@reader.example']);
      expect(sink.to('ann@reader.example')).toHaveLength(2);
    } finally {
      await app.close();
    }
  });
});

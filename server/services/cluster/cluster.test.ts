import { describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { loadConfig } from '../../config/env';
import { createSqliteStore } from '../../store/sqlite';
import type { ThreadEvent } from '../events/hub';
import { createServices } from '..';
import { ReaderIdentity } from '../readers/identity';
import { memoryClusters } from './testing';

const ADMIN = 'cluster-test-admin-token-0123456789abcdef';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

/**
 * Two instances over one database, sharing through `memoryClusters` what PostgreSQL shares
 * between real ones: the services' side of many instances, without a PostgreSQL server (the
 * same behaviours are run on PostgreSQL by server/cluster.test.ts).
 */
async function twoInstances(env: Record<string, string> = {}) {
  const config = loadConfig({ FOOTNOTE_DB: ':memory:', FOOTNOTE_ADMIN_TOKEN: ADMIN, FOOTNOTE_TRUST_PROXY: '1', FOOTNOTE_MIN_FORM_MS: '0', ...env });
  const store = createSqliteStore(':memory:');
  const clock = { now: Date.UTC(2026, 10, 28, 12, 0, 0) };
  const shared = memoryClusters(2);
  const instances = await Promise.all(
    shared.clusters.map(async (cluster) => {
      const ctx = await createServices(store, config, { now: () => clock.now, identity: ReaderIdentity.fixed(), cluster });
      const app = createApp({ ctx });
      const call = async (method: string, path: string, opts: { reader?: string; body?: unknown; admin?: boolean } = {}) => {
        const headers: Record<string, string> = { 'x-forwarded-for': opts.reader ?? '203.0.113.1', 'user-agent': UA };
        if (opts.body !== undefined) headers['content-type'] = 'application/json';
        if (opts.admin) headers.authorization = `Bearer ${ADMIN}`;
        return app.request(path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
      };
      return { ctx, call };
    }),
  );
  return { a: instances[0]!, b: instances[1]!, clock, settled: shared.settled };
}

const post = (body: string, author = 'Ada') => ({ author, body, elapsedMs: 20_000 });
const json = async <T>(res: Response | Promise<Response>): Promise<T> => (await res).json() as Promise<T>;

describe('two instances on one database', () => {
  it('a comment posted through A reaches the live readers of B, then the counts', async () => {
    const { a, b, settled } = await twoInstances();
    const events: ThreadEvent[] = [];
    b.ctx.hub.subscribe('live', (e) => events.push(e));
    const res = await a.call('POST', '/api/v1/threads/live/comments', { body: post('Seen through the other instance.') });
    expect(res.status).toBe(201);
    await settled();
    expect(events.map((e) => e.type)).toEqual(['comment', 'counts']);
    expect(events[0]!.data).toMatchObject({ body: 'Seen through the other instance.', status: 'published' });
    expect(events[1]!.data).toEqual({ views: 0, comments: 1 });
  });

  it('B forgets its cached row and listing when A writes, so counts and lists agree', async () => {
    const { a, b, settled } = await twoInstances();
    // B caches the thread's absence, then its listing, before A writes.
    expect(await json(b.call('GET', '/api/v1/counts?thread=agree'))).toEqual({ agree: { views: 0, comments: 0 } });
    await a.call('POST', '/api/v1/threads/agree/comments', { body: post('The first comment of the thread.') });
    await settled();
    expect(await json(b.call('GET', '/api/v1/counts?thread=agree'))).toEqual({ agree: { views: 0, comments: 1 } });
    expect((await json<{ total: number }>(b.call('GET', '/api/v1/threads/agree/comments'))).total).toBe(1);
    await a.call('POST', '/api/v1/threads/agree/comments', { body: post('A second comment, from someone else.', 'Bob'), reader: '198.51.100.7' });
    await settled();
    expect((await json<{ total: number }>(b.call('GET', '/api/v1/threads/agree/comments'))).total).toBe(2);
  });

  it('counts a reader viewing through A, then through B, once', async () => {
    const { a, b, settled } = await twoInstances();
    const view = (i: typeof a, reader: string) => i.call('POST', '/api/v1/threads/seen/views', { reader, body: {} });
    expect((await view(a, '192.0.2.1')).status).toBe(200);
    expect((await view(b, '192.0.2.1')).status).toBe(200);
    expect((await view(b, '192.0.2.2')).status).toBe(200);
    await a.ctx.views.flush();
    await b.ctx.views.flush();
    await settled();
    for (const i of [a, b]) expect(await json(i.call('GET', '/api/v1/counts?thread=seen'))).toEqual({ seen: { views: 2, comments: 0 } });
  });

  it('gives a reader round-robined over A and B one posting quota', async () => {
    const { a, b } = await twoInstances({ FOOTNOTE_POST_INTERVAL_SEC: '3' });
    expect((await a.call('POST', '/api/v1/threads/quota/comments', { body: post('First comment through instance A.') })).status).toBe(201);
    const second = await b.call('POST', '/api/v1/threads/quota/comments', { body: post('At once, through instance B.') });
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe('3');
  });

  it('holds the same text posted through the other instance as spam', async () => {
    const { a, b } = await twoInstances();
    const text = 'Buy cheap watches at the link in my profile, today only!';
    expect(await json(a.call('POST', '/api/v1/threads/spam/comments', { body: post(text), reader: '192.0.2.10' }))).toMatchObject({ comment: { status: 'published' } });
    expect(await json(b.call('POST', '/api/v1/threads/spam/comments', { body: post(text), reader: '192.0.2.99' }))).toMatchObject({ comment: { status: 'pending' } });
  });

  it('recompiles a word list on B when the desk changes it through A', async () => {
    const { a, b, settled } = await twoInstances();
    expect((await a.call('POST', '/api/v1/admin/words', { admin: true, body: { kind: 'banned', words: ['grommet'] } })).status).toBeLessThan(300);
    await settled();
    const res = await b.call('POST', '/api/v1/threads/words/comments', { body: post('I will say grommet here anyway.') });
    expect(res.status).toBe(400);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('banned_word');
  });

  it('closes a thread on B when the desk closes it through A', async () => {
    const { a, b, settled } = await twoInstances();
    await b.call('POST', '/api/v1/threads/closing/comments', { body: post('Before the thread was closed.') });
    expect((await a.call('PATCH', '/api/v1/admin/threads/closing', { admin: true, body: { closed: true } })).status).toBe(200);
    await settled();
    const res = await b.call('POST', '/api/v1/threads/closing/comments', { body: post('After it was closed, elsewhere.'), reader: '198.51.100.3' });
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('thread_closed');
  });
});

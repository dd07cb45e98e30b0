import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from './server-process';

/**
 * Two real server processes on one PostgreSQL database, as behind a load balancer
 * (docs/scale.md): a comment posted through A reaches B's live readers, counts agree, a
 * reader's repeat view through the other instance is not counted, a reader's posting limit
 * holds across both, and `kill -9` of one loses no acknowledged comment while the other goes
 * on; and what they share holds no address. Each test gets a database of its own, created here
 * and dropped after.
 */
const ADMIN_URL = process.env.FOOTNOTE_TEST_PG || 'postgres://postgres@127.0.0.1:5432/postgres';
async function answers(): Promise<boolean> {
  const c = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}
const reachable = await answers();
if (!reachable) console.log(`PostgreSQL is not reachable at ${ADMIN_URL}: the tests of many instances are skipped.`);

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const ENV = { FOOTNOTE_TRUST_PROXY: '1', FOOTNOTE_MIN_FORM_MS: '0' };

const started: ServerProcess[] = [];
const databases: string[] = [];

async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** Runs `work` on a connection to the database at `url`. */
async function database<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await work(c);
  } finally {
    await c.end();
  }
}

/** A fresh database, and `n` instances started on it at once (they migrate it together). */
async function instances(n: number, env: Record<string, string> = {}): Promise<{ url: string; servers: ServerProcess[] }> {
  const name = `footnote_many_${randomBytes(5).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  databases.push(name);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const servers = await Promise.all(Array.from({ length: n }, () => startServer(':unused:', { ...ENV, FOOTNOTE_DATABASE_URL: url.href, ...env })));
  started.push(...servers);
  return { url: url.href, servers };
}

afterEach(() => {
  for (const s of started.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
});
afterAll(async () => {
  if (!reachable) return;
  for (const name of databases) await admin((c) => c.query(`drop database if exists ${name} with (force)`));
}, 60_000);

const call = (base: string, method: string, path: string, reader: string, body?: unknown) =>
  fetch(`${base}${path}`, {
    method,
    headers: { 'x-forwarded-for': reader, 'user-agent': UA, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const post = (base: string, thread: string, reader: string, text: string) =>
  call(base, 'POST', `/api/v1/threads/${thread}/comments`, reader, { author: 'Ada', body: text, elapsedMs: 20_000 });
const counts = async (base: string, thread: string) => ((await (await fetch(`${base}/api/v1/counts?thread=${thread}`)).json()) as Record<string, { views: number; comments: number }>)[thread]!;

/** Polls `probe` until `ok` holds (notifications and view flushes are asynchronous); gives up after 10 s with the last value. */
async function eventually<T>(probe: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  let last = await probe();
  for (let i = 0; i < 200 && !ok(last); i++) {
    await new Promise((r) => setTimeout(r, 50));
    last = await probe();
  }
  return last;
}

/** The events of a live stream, as they come. */
async function stream(base: string, thread: string): Promise<{ events: { type: string; data: unknown }[]; close: () => void }> {
  const ctl = new AbortController();
  const res = await fetch(`${base}/api/v1/threads/${thread}/events`, { signal: ctl.signal, headers: { 'user-agent': UA, 'x-forwarded-for': '192.0.2.200' } });
  expect(res.status).toBe(200);
  const events: { type: string; data: unknown }[] = [];
  const reader = res.body!.getReader();
  let text = '';
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
      if (done) return;
      text += Buffer.from(value!).toString();
      let end: number;
      while ((end = text.indexOf('\n\n')) >= 0) {
        const frame = text.slice(0, end);
        text = text.slice(end + 2);
        const type = /^event: (.*)$/m.exec(frame)?.[1];
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (type && data) events.push({ type, data: JSON.parse(data) });
      }
    }
  })();
  return { events, close: () => ctl.abort() };
}

/** Every published comment of a thread, all pages. */
async function listAll(base: string, thread: string): Promise<Set<number>> {
  const ids = new Set<number>();
  let cursor: string | null = null;
  do {
    const page = (await (await fetch(`${base}/api/v1/threads/${thread}/comments?limit=100${cursor ? `&cursor=${cursor}` : ''}`)).json()) as { comments: { id: number; replies: unknown[] }[]; next: string | null };
    for (const c of page.comments) ids.add(c.id);
    cursor = page.next;
  } while (cursor);
  return ids;
}

// Each test starts two or three real servers that migrate a fresh database: seconds each on a busy machine.
describe.skipIf(!reachable)('two instances on one PostgreSQL database', { timeout: 120_000 }, () => {
  it('a comment posted through A arrives on B\'s live stream, and counts agree on A and B', async () => {
    const { url, servers } = await instances(2);
    const [a, b] = servers.map((s) => s.url) as [string, string];
    const live = await stream(b, 'story');
    expect((await post(a, 'story', '198.51.100.1', 'Posted through instance A, read on B.')).status).toBe(201);
    const arrived = await eventually(async () => live.events.find((e) => e.type === 'comment'), (e) => e !== undefined);
    live.close();
    expect(arrived?.data).toMatchObject({ body: 'Posted through instance A, read on B.', status: 'published' });
    // A few readers through each; once the views are written, both answer the same counts.
    for (let i = 0; i < 6; i++) expect((await call(i % 2 ? a : b, 'POST', '/api/v1/threads/story/views', `203.0.113.${i}`, {})).status).toBe(200);
    const same = await eventually(async () => [await counts(a, 'story'), await counts(b, 'story')], ([x, y]) => JSON.stringify(x) === JSON.stringify(y) && x!.views === 6);
    expect(same[0]).toEqual({ views: 6, comments: 1 });
    expect(same[1]).toEqual({ views: 6, comments: 1 });
    // What the instances share (limits, view claims, text hashes) holds no address or user agent either.
    const cells = await database(url, async (c) => {
      const tables = (await c.query<{ t: string }>("select table_name as t from information_schema.tables where table_schema = 'public'")).rows.map((r) => r.t);
      expect(tables).toEqual(expect.arrayContaining(['cluster_view_seen', 'cluster_limits', 'cluster_texts']));
      const out: string[] = [];
      for (const t of tables) for (const row of (await c.query<{ r: string }>(`select x::text as r from "${t}" x`)).rows) out.push(row.r);
      return out;
    });
    expect(cells.some((c) => c.includes('Posted through instance A'))).toBe(true);
    for (const needle of ['198.51.100.1', '203.0.113.', 'Mozilla/5.0']) expect(cells.filter((c) => c.includes(needle))).toEqual([]);
  });

  it('counts a reader who views through A, then through B, once', async () => {
    const { url, servers } = await instances(2);
    const [a, b] = servers.map((s) => s.url) as [string, string];
    expect((await call(a, 'POST', '/api/v1/threads/seen/views', '192.0.2.7', {})).status).toBe(200);
    expect((await call(b, 'POST', '/api/v1/threads/seen/views', '192.0.2.7', {})).status).toBe(200);
    expect((await call(b, 'POST', '/api/v1/threads/seen/views', '192.0.2.8', {})).status).toBe(200);
    // A clean stop writes what each instance counted; a third instance reads only the database.
    for (const s of servers) {
      s.child.kill('SIGTERM');
      await s.exited;
    }
    const third = await startServer(':unused:', { ...ENV, FOOTNOTE_DATABASE_URL: url });
    started.push(third);
    expect(await counts(third.url, 'seen')).toEqual({ views: 2, comments: 0 });
  });

  it('refuses a reader who posts through A and at once through B (one quota)', async () => {
    const { servers } = await instances(2, { FOOTNOTE_POST_INTERVAL_SEC: '5' });
    const [a, b] = servers.map((s) => s.url) as [string, string];
    expect((await post(a, 'quota', '198.51.100.9', 'My first comment, through A.')).status).toBe(201);
    const again = await post(b, 'quota', '198.51.100.9', 'And at once a second one, through B.');
    expect(again.status).toBe(429);
    expect(Number(again.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('kill -9 of A while readers post through it loses no acknowledged comment, and B goes on', async () => {
    const { servers } = await instances(2, { FOOTNOTE_POST_INTERVAL_SEC: '0', FOOTNOTE_POSTS_PER_HOUR: '100000' });
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const acked: number[] = [];
    let killed = false;
    let sent = 0;
    const KILL_AFTER = 50 + Math.floor(Math.random() * 150);
    const worker = async () => {
      while (!killed && sent < 2_000) {
        const n = sent++;
        const res = await post(a.url, 'crash', `10.1.${(n >> 8) & 255}.${n & 255}`, `Comment ${n} posted through A before it was killed ${randomBytes(4).toString('hex')}.`).catch(() => null);
        if (res?.status === 201) {
          acked.push(((await res.json()) as { comment: { id: number } }).comment.id);
          if (acked.length >= KILL_AFTER && !killed) {
            killed = true;
            a.child.kill('SIGKILL');
          }
        }
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    expect(await a.exited).toBe('SIGKILL');
    const onB = await listAll(b.url, 'crash');
    expect(acked.filter((id) => !onB.has(id))).toEqual([]);
    // B goes on: it takes a new comment and counts it.
    expect((await post(b.url, 'crash', '198.51.100.77', 'Still here after A went down.')).status).toBe(201);
    expect((await counts(b.url, 'crash')).comments).toBe(onB.size + 1);
  });
});

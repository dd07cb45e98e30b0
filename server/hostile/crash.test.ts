import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type ServerProcess } from './server-process';

/** Posting as fast as the tests need: limits and timing checks have their own tests. */
const RELAXED = {
  FOOTNOTE_TRUST_PROXY: '1',
  FOOTNOTE_POST_INTERVAL_SEC: '0',
  FOOTNOTE_POSTS_PER_HOUR: '100000',
  FOOTNOTE_VIEWS_PER_MINUTE: '100000',
  FOOTNOTE_MIN_FORM_MS: '0',
};
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
const THREADS = ['crash-a', 'crash-b', 'crash-c'];

const started: ServerProcess[] = [];
const dirs: string[] = [];

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'footnote-crash-'));
  dirs.push(dir);
  return join(dir, 'footnote.db');
}

async function start(db: string) {
  const s = await startServer(db, RELAXED);
  started.push(s);
  return s;
}

afterEach(() => {
  for (const s of started.splice(0)) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const reader = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

interface Acked {
  id: number;
  thread: string;
  body: string;
}

/** Every published comment of a thread, through the public API, all pages. */
async function listAll(url: string, thread: string): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  let cursor: string | null = null;
  do {
    const res = await fetch(`${url}/api/v1/threads/${thread}/comments?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status).toBe(200);
    const page = (await res.json()) as { comments: { id: number; body: string }[]; next: string | null };
    for (const c of page.comments) out.set(c.id, c.body);
    cursor = page.next;
  } while (cursor);
  return out;
}

describe('the real server, crashed and restarted', () => {
  it('kill -9 in the middle of hundreds of concurrent posts loses no comment that was answered 201', async () => {
    const db = tempDb();
    const first = await start(db);
    const acked: Acked[] = [];
    let failed = 0;
    let sent = 0;
    let killed = false;
    // A moment nobody chose: somewhere between the 100th and the 400th acknowledged post.
    const KILL_AFTER = 100 + Math.floor(Math.random() * 300);
    const CONCURRENCY = 100;
    console.log(`crash test: kill -9 after ${KILL_AFTER} acknowledged posts`);

    // A hundred readers posting back to back: when the chosen answer arrives the server is
    // killed with up to a hundred requests still in flight.
    const worker = async () => {
      while (!killed && sent < 5000) {
        const n = sent++;
        const thread = THREADS[n % THREADS.length]!;
        const body = `Crash test comment ${n}: ${'unique words '.repeat(1 + (n % 7))}${Math.random().toString(36).slice(2)}`;
        try {
          const res = await fetch(`${first.url}/api/v1/threads/${thread}/comments`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'user-agent': UA, 'x-forwarded-for': reader(n) },
            body: JSON.stringify({ author: `Reader ${n}`, body }),
          });
          if (res.status !== 201) throw new Error(`post ${n} answered ${res.status}: ${await res.text()}`);
          const { comment } = (await res.json()) as { comment: { id: number; status: string } };
          expect(comment.status).toBe('published');
          acked.push({ id: comment.id, thread, body });
          if (acked.length >= KILL_AFTER && !killed) {
            killed = true;
            first.child.kill('SIGKILL');
          }
        } catch (err) {
          if (!killed) throw err;
          failed++;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    expect(await first.exited).toBe('SIGKILL');
    expect(acked.length).toBeGreaterThanOrEqual(KILL_AFTER);
    // The kill landed mid-way: requests were still in flight and never got an answer.
    expect(failed).toBeGreaterThan(0);
    // It died with its write-ahead log not yet folded into the main file.
    expect(existsSync(`${db}-wal`) && statSync(`${db}-wal`).size > 0).toBe(true);

    // Restart on the same file: it opens cleanly and serves every acknowledged comment.
    const second = await start(db);
    for (const thread of THREADS) {
      const listed = await listAll(second.url, thread);
      const mine = acked.filter((a) => a.thread === thread);
      for (const a of mine) expect(listed.get(a.id), `comment ${a.id}`).toBe(a.body);
      const counts = (await (await fetch(`${second.url}/api/v1/threads/${thread}`)).json()) as { comments: number };
      // Counts kept in the same transaction as the rows: exact, even for comments whose answer was lost.
      expect(counts.comments).toBe(listed.size);
    }
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    // And straight from the file: every acknowledged row, and a sound database.
    const sqlite = new Database(db, { readonly: true });
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
      const row = sqlite.prepare('select body from comments where id = ?').pluck();
      for (const a of acked) expect(row.get(a.id)).toBe(a.body);
    } finally {
      sqlite.close();
    }
  }, 60_000);

  it('views recorded before SIGTERM survive the restart exactly', async () => {
    const db = tempDb();
    const first = await start(db);
    const thread = 'views-survive';
    const VIEWS = 200;
    const answers = await Promise.all(
      Array.from({ length: VIEWS }, (_, i) =>
        fetch(`${first.url}/api/v1/threads/${thread}/views`, { method: 'POST', headers: { 'user-agent': UA, 'x-forwarded-for': reader(i) } }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(VIEWS).fill(200));
    // The same reader again within 30 minutes: not a new view, before or after the restart.
    await fetch(`${first.url}/api/v1/threads/${thread}/views`, { method: 'POST', headers: { 'user-agent': UA, 'x-forwarded-for': reader(0) } });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.output()).toContain('stopped cleanly');

    const second = await start(db);
    const read = async () => ((await (await fetch(`${second.url}/api/v1/threads/${thread}`)).json()) as { views: number }).views;
    expect(await read()).toBe(VIEWS);
    const again = await fetch(`${second.url}/api/v1/threads/${thread}/views`, { method: 'POST', headers: { 'user-agent': UA, 'x-forwarded-for': reader(1) } });
    expect(((await again.json()) as { views: number }).views).toBe(VIEWS);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    const sqlite = new Database(db, { readonly: true });
    try {
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      sqlite.close();
    }
  }, 30_000);
});

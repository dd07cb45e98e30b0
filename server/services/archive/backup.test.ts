import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../store/sqlite';
import type { Store } from '../../store/types';
import { backupDatabase } from './backup';

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'footnote-backup-'));
  dirs.push(dir);
  return dir;
}

function open(file: string): Store {
  const store = createSqliteStore(file);
  stores.push(store);
  return store;
}

let n = 0;
async function addComment(store: Store, threadKey: string): Promise<void> {
  const thread = await store.threads.ensure(threadKey);
  n++;
  await store.comments.insert({
    threadId: thread.id, parentId: null, author: `A${n}`, email: `a${n}@example.com`, body: `comment ${n} ${'words '.repeat(40)}`,
    html: `<p>comment ${n}</p>`, status: n % 5 === 0 ? 'pending' : 'published', reader: null, editTokenHash: null, createdAt: Date.now(),
  });
}

/** Keeps writing comments (one per turn of the event loop) until `stop` is called. */
function writeLoop(store: Store) {
  let running = true;
  let written = 0;
  const done = (async () => {
    while (running) {
      await addComment(store, `busy-${written % 7}`);
      written++;
      await new Promise((r) => setImmediate(r));
    }
  })();
  return { stop: async () => ((running = false), await done, written) };
}

/** Opens a copy on its own and checks it as a restore would use it. */
function inspect(file: string) {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true });
    const comments = (db.prepare('select count(*) as n from comments').get() as { n: number }).n;
    // Every thread's published count matches its rows: the copy is one consistent moment.
    const drift = db.prepare(`select count(*) as n from threads t where published_count !=
      (select count(*) from comments c where c.thread_id = t.id and c.status = 'published')`).get() as { n: number };
    return { integrity, comments, drift: drift.n, journal: db.pragma('journal_mode', { simple: true }) };
  } finally {
    db.close();
  }
}

describe('backupDatabase', () => {
  it('copies a database that is being written to, consistent and checked', async () => {
    const dir = tempDir();
    const store = open(join(dir, 'live.db'));
    for (let i = 0; i < 1000; i++) await addComment(store, `t-${i % 40}`);
    const atStart = (await store.archive.totals()).comments;

    const writes = writeLoop(store);
    await new Promise((r) => setTimeout(r, 20));
    const report = await backupDatabase(store, join(dir, 'copy.db'));
    const written = await writes.stop();
    expect(written).toBeGreaterThan(0);

    expect(report).toMatchObject({ file: join(dir, 'copy.db'), threads: expect.any(Number) });
    expect(report.comments).toBeGreaterThanOrEqual(atStart);
    expect(report.bytes).toBeGreaterThan(100_000);
    const copy = inspect(join(dir, 'copy.db'));
    expect(copy).toMatchObject({ integrity: 'ok', drift: 0, journal: 'delete' });
    expect(copy.comments).toBeGreaterThanOrEqual(atStart);
    expect(existsSync(join(dir, 'copy.db-wal'))).toBe(false);
  });

  it('copies while another connection (the running server) writes', async () => {
    const dir = tempDir();
    const server = open(join(dir, 'live.db'));
    for (let i = 0; i < 1500; i++) await addComment(server, `t-${i % 40}`);
    const cli = open(join(dir, 'live.db'));
    const atStart = (await cli.archive.totals()).comments;

    const writes = writeLoop(server);
    const report = await backupDatabase(cli, join(dir, 'copy.db'));
    await writes.stop();
    const copy = inspect(join(dir, 'copy.db'));
    expect(copy).toMatchObject({ integrity: 'ok', drift: 0 });
    expect(copy.comments).toBe(report.comments);
    expect(copy.comments).toBeGreaterThanOrEqual(atStart);

    // The copy opens as a Footnote database: the store migrates nothing and reads it.
    const restored = open(join(dir, 'copy.db'));
    expect((await restored.archive.totals()).comments).toBe(copy.comments);
    expect(await restored.meta.integrityCheck()).toBe('ok');
  });

  it('never overwrites a file unless told to, and leaves no partial file behind', async () => {
    const dir = tempDir();
    const store = open(join(dir, 'live.db'));
    await addComment(store, 'one');
    await backupDatabase(store, join(dir, 'copy.db'));
    await expect(backupDatabase(store, join(dir, 'copy.db'))).rejects.toThrow(/already exists/);
    await addComment(store, 'one');
    expect((await backupDatabase(store, join(dir, 'copy.db'), { force: true })).comments).toBe(2);
    await expect(backupDatabase(store, join(dir, 'missing', 'copy.db'))).rejects.toThrow(/does not exist/);
    expect((await import('node:fs')).readdirSync(dir).sort()).toEqual(['copy.db', 'live.db', 'live.db-shm', 'live.db-wal']);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgStore } from '../store/pg';
import { createSqliteStore } from '../store/sqlite';
import type { Store } from '../store/types';
import { pgTestUrl } from '../testing/engine';
import { runCli } from './run';

/**
 * Moving between engines (docs/data.md): `footnote export` from one, `footnote import` into the
 * other, export again: the same file but for `exportedAt`. Run both ways, each from data made
 * on its own engine (posted comments, replies, every status, placeholders, reactions, edits,
 * views, closed threads, imports of other systems), through the CLI as an operator would.
 */
const fixture = (name: string) => fileURLToPath(new URL(`../services/import/fixtures/${name}`, import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'footnote-engines-'));
const databases: string[] = [];
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  const url = pgTestUrl();
  if (!url || databases.length === 0) return;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  for (const name of databases) await admin.query(`drop database if exists "${name}" with (force)`);
  await admin.end();
  // Dropping a database waits for a checkpoint: seconds each on a busy server.
}, 120_000);

/** A fresh, empty PostgreSQL database for one side of a move (in the run's server). */
async function freshDatabase(): Promise<string> {
  const url = new URL(pgTestUrl()!);
  const name = `footnote_move_${process.pid}_${databases.length}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: url.toString() });
  await admin.connect();
  await admin.query(`create database "${name}"`);
  await admin.end();
  databases.push(name);
  url.pathname = `/${name}`;
  return url.toString();
}

async function footnote(env: Record<string, string>, ...args: string[]) {
  let out = '';
  let err = '';
  const sink = (add: (s: string) => void) =>
    new Writable({
      write(chunk: Buffer, _enc, done) {
        add(chunk.toString());
        done();
      },
    });
  const code = await runCli(args, { out: sink((s) => (out += s)), err: sink((s) => (err += s)) }, env);
  // (import adds a note on stderr for a running server: only the exit code says it failed)
  expect(code, `footnote ${args.join(' ')}: ${err}`).toBe(0);
  return out;
}

const sqliteEnv = (name: string) => ({ FOOTNOTE_DB: join(dir, name) });
const pgEnv = (url: string) => ({ FOOTNOTE_DATABASE_URL: url });

/** Data written the way the server writes it, on whichever engine `store` is. */
async function seed(store: Store): Promise<void> {
  const news = await store.threads.ensure('news-1', { title: 'Ünïcödé headline — “quoted”', url: 'https://news.example/2026/a' });
  const quiet = await store.threads.update('quiet', { closed: true, moderation: 'pre', title: null });
  const row = (threadId: number, over: Partial<Parameters<Store['comments']['insert']>[0]> = {}) => ({
    threadId, parentId: null, author: 'Ann', email: 'ann@example.com', body: 'Hello **all** 😀', html: '<p>Hello</p>', status: 'published' as const,
    reader: 'r1', editTokenHash: 'h', createdAt: Date.UTC(2026, 10, 1, 9, 0, 0), ...over,
  });
  const root = await store.comments.insert(row(news.id, { featured: true }));
  const reply = await store.comments.insert(row(news.id, { parentId: root.id, author: 'Bob', email: null, body: 'Reply\nwith lines', createdAt: Date.UTC(2026, 10, 1, 9, 5) }));
  await store.comments.insert(row(news.id, { parentId: reply.id, author: '  spaced  ', body: '<script>x</script>', createdAt: Date.UTC(2026, 10, 1, 9, 6) }));
  await store.comments.insert(row(news.id, { status: 'pending', author: 'Held', createdAt: Date.UTC(2026, 10, 1, 10) }));
  await store.comments.insert(row(news.id, { status: 'spam', author: 'Spammer', createdAt: Date.UTC(2026, 10, 1, 11) }));
  const rejected = await store.comments.insert(row(quiet.id, { status: 'rejected', createdAt: Date.UTC(2026, 10, 2) }));
  const edited = await store.comments.insert(row(quiet.id, { createdAt: Date.UTC(2026, 10, 3) }));
  await store.comments.update(edited.id, { body: 'Edited body', html: '<p>Edited body</p>', editedAt: Date.UTC(2026, 10, 3, 0, 5) });
  const holder = await store.comments.insert(row(quiet.id, { createdAt: Date.UTC(2026, 10, 4) }));
  await store.comments.insert(row(quiet.id, { parentId: holder.id, createdAt: Date.UTC(2026, 10, 4, 1) }));
  await store.comments.erase(holder.id);
  await store.comments.erase(rejected.id);
  for (const reader of ['a', 'b', 'c']) await store.comments.addReaction(root.id, reader, `net-${reader}`, 10);
  await store.threads.addViews(new Map([['news-1', 41], ['quiet', 2], ['views-only', 7]]));
}

/** The export at `file`, without the one field that must differ. */
function exported(file: string): unknown {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { exportedAt?: string };
  expect(data.exportedAt).toMatch(/^\d{4}-/);
  delete data.exportedAt;
  return data;
}

describe.runIf(pgTestUrl() !== null)('moving between SQLite and PostgreSQL with export and import', () => {
  it('SQLite → PostgreSQL → SQLite: every export is the same but for exportedAt', async () => {
    const a = sqliteEnv('origin.db');
    for (const f of ['isso-disqus.xml', 'isso-wordpress.xml', 'isso-generic.json']) await footnote(a, 'import', fixture(f));
    const store = createSqliteStore(a.FOOTNOTE_DB);
    await seed(store);
    await store.close();
    await footnote(a, 'export', join(dir, 'from-sqlite.json'));

    const p = pgEnv(await freshDatabase());
    await footnote(p, 'import', join(dir, 'from-sqlite.json'));
    await footnote(p, 'export', join(dir, 'via-pg.json'));
    const origin = exported(join(dir, 'from-sqlite.json'));
    expect(exported(join(dir, 'via-pg.json'))).toEqual(origin);

    const back = sqliteEnv('back.db');
    await footnote(back, 'import', join(dir, 'via-pg.json'));
    await footnote(back, 'export', join(dir, 'back.json'));
    expect(exported(join(dir, 'back.json'))).toEqual(origin);
    // The data is all there, not just equal: every fixture's comments and the seeded ones.
    expect(JSON.stringify(origin)).toContain('Edited body');
    expect((origin as { threads: unknown[] }).threads.length).toBeGreaterThan(5);
  });

  it('PostgreSQL → SQLite → PostgreSQL: the same', async () => {
    const url = await freshDatabase();
    const p = pgEnv(url);
    await footnote(p, 'import', fixture('isso-disqus.xml'));
    const store = await createPgStore(url);
    await seed(store);
    await store.close();
    await footnote(p, 'export', join(dir, 'from-pg.json'));

    const s = sqliteEnv('moved.db');
    await footnote(s, 'import', join(dir, 'from-pg.json'));
    await footnote(s, 'export', join(dir, 'via-sqlite.json'));
    const origin = exported(join(dir, 'from-pg.json'));
    expect(exported(join(dir, 'via-sqlite.json'))).toEqual(origin);

    const again = pgEnv(await freshDatabase());
    await footnote(again, 'import', join(dir, 'via-sqlite.json'));
    await footnote(again, 'export', join(dir, 'again.json'));
    expect(exported(join(dir, 'again.json'))).toEqual(origin);
  });

  it('backs up a PostgreSQL database with pg_dump, checked by reading it back', async () => {
    const url = await freshDatabase();
    const store = await createPgStore(url);
    await seed(store);
    await store.close();
    const out = await footnote(pgEnv(url), 'backup', join(dir, 'pg.dump'));
    expect(out).toMatch(/Backed up PostgreSQL .* to .*pg\.dump: .*, 3 threads, 8 comments; integrity check ok/);
  });
});

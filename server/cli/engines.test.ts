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
 * views, closed threads, imports of other systems, signed-in users with their badges, desk
 * settings and ignore lists), through the CLI as an operator would. PostgreSQL databases sort
 * text in a language's order (ICU en-US) as a newsroom's would, unlike SQLite's byte order.
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
  await admin.query(`create database "${name}" template template0 locale_provider icu icu_locale 'en-US' locale 'C.UTF-8'`);
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
  // The desk's own decision (a rejection the engagement report counts, minutes to decide).
  const decided = await store.comments.insert(row(news.id, { author: 'Decided', createdAt: Date.UTC(2026, 10, 1, 12) }));
  await store.comments.update(decided.id, { status: 'rejected', statusByDesk: true, decidedAt: Date.UTC(2026, 10, 1, 12, 30) });
  const edited = await store.comments.insert(row(quiet.id, { createdAt: Date.UTC(2026, 10, 3) }));
  await store.comments.update(edited.id, { body: 'Edited body', html: '<p>Edited body</p>', editedAt: Date.UTC(2026, 10, 3, 0, 5) });
  const holder = await store.comments.insert(row(quiet.id, { createdAt: Date.UTC(2026, 10, 4) }));
  await store.comments.insert(row(quiet.id, { parentId: holder.id, createdAt: Date.UTC(2026, 10, 4, 1) }));
  await store.comments.erase(holder.id);
  await store.comments.erase(rejected.id);
  for (const reader of ['a', 'b', 'c']) await store.comments.addReaction(root.id, reader, `net-${reader}`, 10);
  await store.threads.addViews(new Map([['news-1', 41], ['quiet', 2], ['views-only', 7]]));
  await seedUsers(store, news.id, root.id);
}

/**
 * Signed-in readers: ids whose byte order (SQLite's) differs from a language's (u_Zed < u_amy),
 * staff with the Staff badge, a newsroom badge, the desk's note and pre-moderation, ignore
 * lists, and a signed-in author's comment the desk deleted (its placeholder keeps the author).
 */
async function seedUsers(store: Store, threadId: number, rootId: number): Promise<void> {
  const t = Date.UTC(2026, 10, 5);
  const user = async (id: string, ssoId: string, username: string, role: 'commenter' | 'staff', badges: string[], email: string | null) =>
    (await store.users.upsert({ ssoId, username, email, role, badges, url: role === 'staff' ? null : 'https://example.com/~me' }, role === 'staff' ? ['Staff', ...badges] : badges, t, () => id, 60_000)).user;
  const amy = await user('u_amy', 'sso-17', 'Amy Ärger', 'commenter', ['Subscriber'], 'amy@example.com');
  const zed = await user('u_Zed', '18', 'Zed', 'staff', [], null);
  const bob = await user('u_Bob', 'sso-bob', 'Bob', 'commenter', [], 'bob@example.com');
  await store.users.update(bob.id, { premod: true, note: 'Rude twice; held for now.' });
  await store.users.upsert({ ssoId: '18', username: 'Zed', email: null, role: 'staff', badges: [], url: null }, ['Staff'], t + 3_600_000, () => 'unused', 60_000);
  const signed = (u: { id: string; username: string; email: string | null }, badges: string[], over: Partial<Parameters<Store['comments']['insert']>[0]> = {}) =>
    store.comments.insert({ threadId, parentId: null, author: u.username, email: u.email, body: `By ${u.username}`, html: '<p>x</p>', status: 'published',
      reader: `u:${u.id}`, editTokenHash: null, createdAt: t + 60_000, userId: u.id, badges, ...over });
  await signed(amy, ['Subscriber']);
  await signed(zed, ['Staff'], { parentId: rootId, createdAt: t + 120_000 });
  await signed(bob, [], { status: 'pending', createdAt: t + 180_000 });
  const removed = await signed(amy, ['Subscriber'], { createdAt: t + 240_000 });
  await signed(bob, [], { parentId: removed.id, createdAt: t + 300_000 });
  await store.comments.erase(removed.id);
  await store.users.ignore(amy.id, zed.id, t + 1000);
  await store.users.ignore(amy.id, bob.id, t + 1500);
  // Two at one moment: the export orders them by id, in bytes.
  await store.users.ignore(bob.id, amy.id, t + 2000);
  await store.users.ignore(bob.id, zed.id, t + 2000);
}

/** What {@link seedUsers} made is in the export: the users in byte order of their ids, and authorship. */
function expectUsers(data: unknown): void {
  const { users, threads } = data as { users: { id: string; ignored: { id: string }[]; premod: boolean }[]; threads: { comments: { authorId: string | null; badges: string[]; status: string }[] }[] };
  expect(users.map((u) => u.id)).toEqual(['u_Bob', 'u_Zed', 'u_amy']);
  expect(users.map((u) => u.ignored.map((i) => i.id))).toEqual([['u_Zed', 'u_amy'], [], ['u_Zed', 'u_Bob']]);
  expect(users[0]!.premod).toBe(true);
  const comments = threads.flatMap((t) => t.comments).filter((c) => c.authorId !== null);
  expect(comments.map((c) => [c.authorId, c.badges, c.status])).toEqual([
    ['u_amy', ['Subscriber'], 'published'],
    ['u_Zed', ['Staff'], 'published'],
    ['u_Bob', [], 'pending'],
    ['u_amy', ['Subscriber'], 'deleted'],
    ['u_Bob', [], 'published'],
  ]);
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
    expectUsers(origin);
    // The desk's decisions came along: the day's rejections are the same after two moves.
    const moved = createSqliteStore(back.FOOTNOTE_DB);
    const news = (await moved.threads.get('news-1'))!;
    expect(await moved.stats.days('2026-11-01', '2026-11-01', news.id)).toMatchObject([{ rejected: 1 }]);
    await moved.close();
  });

  it('a signed-in reader who moved is the same user: their next sign-in finds them, their ignore list is theirs', async () => {
    const store = createSqliteStore(join(dir, 'back.db'));
    const { user } = await store.users.upsert({ ssoId: 'sso-17', username: 'Amy Ärger', email: 'amy@example.com', role: 'commenter', badges: ['Subscriber'], url: null }, ['Subscriber'], Date.now(), () => 'u_new', 60_000);
    expect(user.id).toBe('u_amy');
    expect(await store.users.ignored('u_amy')).toEqual(['u_Zed', 'u_Bob']);
    expect((await store.users.get('u_Bob'))?.note).toBe('Rude twice; held for now.');
    expect(await store.users.countsByStatus('u_Bob')).toMatchObject({ pending: 1, published: 1 });
    await store.close();
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
    expectUsers(origin);
  });

  it('backs up a PostgreSQL database with pg_dump, checked by reading it back', async () => {
    const url = await freshDatabase();
    const store = await createPgStore(url);
    await seed(store);
    await store.close();
    const out = await footnote(pgEnv(url), 'backup', join(dir, 'pg.dump'));
    expect(out).toMatch(/Backed up PostgreSQL .* to .*pg\.dump: .*, 3 threads, 14 comments; integrity check ok/);
  });
});

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../lib/paths';
import { utcDay } from './daily';
import { createSqliteStore } from './index';

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 20);

// The figures' moves on both engines: ../daily.test.ts. Here what only SQLite has: the upgrade
// of a database from before them.
describe('the upgrade to daily figures', () => {
  it('fills the comment figures from the comments, and invents no views', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'footnote-daily-'));
    try {
      // The migrations as they were before the daily figures.
      const before = join(dir, 'migrations');
      cpSync(join(projectRoot(), 'migrations'), before, { recursive: true });
      const journalPath = join(before, 'meta/_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
      const at = journal.entries.findIndex((e) => e.tag.endsWith('_daily_figures'));
      expect(at).toBeGreaterThan(0);
      journal.entries = journal.entries.slice(0, at);
      writeFileSync(journalPath, JSON.stringify(journal));

      const file = join(dir, 'old.db');
      const old = new Database(file);
      migrate(drizzle(old), { migrationsFolder: before });
      old.prepare("insert into threads (id, key, views, published_count, created_at) values (1, 'a', 40, 3, 0), (2, 'b', 0, 1, 0)").run();
      const add = old.prepare(
        'insert into comments (thread_id, parent_id, author, email, reader, body, html, status, created_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      );
      add.run(1, null, 'Ann', 'ann@example.com', null, 'x', 'x', 'published', T0 + 5);
      add.run(1, 1, 'Ann', 'ann@example.com', null, 'x', 'x', 'published', T0 + 6);
      add.run(1, null, 'Bob', null, 'r-bob', 'x', 'x', 'spam', T0 + 7);
      add.run(1, null, 'Old', null, null, 'x', 'x', 'published', T0 + DAY);
      add.run(2, null, 'Ann', 'ann@example.com', null, 'x', 'x', 'published', T0 + 8);
      add.run(2, null, 'Cy', null, 'r-cy', 'x', 'x', 'pending', T0 + 9);
      // Rejected by the desk (its audit says so, its reports reviewed, as every desk decision
      // leaves them), and one the desk published that an edit then sent to spam.
      const desk = old.prepare("insert into comments (thread_id, author, body, html, status, created_at, reports_reviewed) values (1, 'Dan', 'x', 'x', ?, ?, 1)");
      const audit = old.prepare("insert into audit (at, action, target_type, target_id, before, after) values (?, ?, 'comment', ?, ?, ?)");
      const rejected = desk.run('rejected', T0 + 10).lastInsertRowid;
      audit.run(T0 + 20, 'publish', String(rejected), 'pending', 'published');
      audit.run(T0 + 30, 'reject', String(rejected), 'published', 'rejected');
      const edited = desk.run('spam', T0 + 11).lastInsertRowid;
      audit.run(T0 + 40, 'spam', String(edited), 'published', 'spam');
      audit.run(T0 + 50, 'publish', String(edited), 'spam', 'published');
      old.close();

      const store = createSqliteStore(file);
      const a = (await store.threads.get('a'))!;
      const days = (await store.stats.days(utcDay(T0), utcDay(T0 + DAY), a.id)).map(({ views: _v, ...d }) => d);
      expect(days).toEqual([
        // Rejected: Dan's, by the desk; not Bob's spam (caught at posting) nor the edited one.
        { day: utcDay(T0), comments: 2, commenters: 1, replies: 1, rejected: 1 },
        { day: utcDay(T0 + DAY), comments: 1, commenters: 1, replies: 0, rejected: 0 },
      ]);
      expect((await store.stats.days(utcDay(T0), utcDay(T0))).map(({ comments, commenters, rejected }) => ({ comments, commenters, rejected }))).toEqual([
        { comments: 3, commenters: 1, rejected: 1 },
      ]);
      // Its first decision, dated from the audit: what the minutes to a decision measure.
      expect(await store.comments.get(Number(rejected))).toMatchObject({ statusByDesk: true, decidedAt: T0 + 20 });
      expect((await store.comments.get(1))!.decidedAt).toBeNull();
      expect((await store.comments.get(3))).toMatchObject({ status: 'spam', statusByDesk: false });
      // The 40 views of "a" have no day: the report says from when daily views exist.
      expect((await store.stats.days('2000-01-01', '2999-12-31')).every((d) => d.views === 0)).toBe(true);
      expect(await store.stats.viewsSince()).toBe(utcDay(Date.now()));
      await store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

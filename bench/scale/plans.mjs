// The hot queries of the server, as drizzle sends them (copied from its `toSQL()`, with the
// column list shortened to `*`, which does not change the plan), with SQLite's plan for each
// and its time on the generated site. Kept in step with server/store/sqlite/*.ts by hand:
// when a store query changes, change it here too.
import Database from 'better-sqlite3';

// A root is listed when published, or as a placeholder while a published reply hangs under it.
const LISTED =
  `"parent_id" is null and ("status" = 'published' or exists (select 1 from comments r ` +
  `where r.root_id = "comments"."id" and r.parent_id is not null and r.status = 'published'))`;

/** `params(site)` gives the bound values for the biggest thread of the site. */
export const HOT_QUERIES = [
  {
    name: 'list roots, oldest first (first page)',
    sql: `select * from "comments" where ("thread_id" = ? and ${LISTED}) order by "created_at" asc, "id" asc limit ?`,
    params: (s) => [s.threadId, 21],
  },
  {
    name: 'list roots, newest first (first page)',
    sql: `select * from "comments" where ("thread_id" = ? and ${LISTED}) order by "created_at" desc, "id" desc limit ?`,
    params: (s) => [s.threadId, 21],
  },
  {
    name: 'list roots, top (first page)',
    sql: `select * from "comments" where ("thread_id" = ? and ${LISTED}) order by "reactions" desc, "id" asc limit ?`,
    params: (s) => [s.threadId, 21],
  },
  {
    name: 'list roots, oldest first (a later page, by cursor)',
    sql:
      `select * from "comments" where ("thread_id" = ? and ${LISTED} and ` +
      `("created_at" > ? or ("created_at" = ? and "id" > ?))) order by "created_at" asc, "id" asc limit ?`,
    params: (s) => [s.threadId, s.midCreatedAt, s.midCreatedAt, s.midId, 21],
  },
  {
    name: 'list replies of a page by root_id',
    sql: `select * from "comments" where ("root_id" in (${'?, '.repeat(19)}?) and "parent_id" is not null) order by "created_at" asc, "id" asc`,
    params: (s) => s.rootIds,
  },
  {
    name: 'counts by key (3 threads)',
    sql: 'select * from "threads" where "threads"."key" in (?, ?, ?)',
    params: (s) => s.keys.slice(0, 3),
  },
  {
    name: 'thread by key',
    sql: 'select * from "threads" where "threads"."key" = ?',
    params: (s) => [s.keys[0]],
  },
  {
    name: 'moderation queue by status (pending, newest first)',
    sql:
      'select "comments".*, "threads"."key", "threads"."title", "threads"."url" from "comments" inner join "threads" on "threads"."id" = "comments"."thread_id" ' +
      'where "comments"."status" = ? order by "comments"."created_at" desc, "comments"."id" desc limit ?',
    params: () => ['pending', 51],
  },
  {
    name: 'moderation queue counts (per status)',
    sql: 'select "status", count(*) from "comments" group by "comments"."status"',
    params: () => [],
  },
  {
    name: 'moderation queue counts (reported)',
    sql: `select count(*) from "comments" where ("comments"."reports" > ? and "comments"."reports_reviewed" = ? and "comments"."status" != 'deleted')`,
    params: () => [0, 0],
  },
];

/**
 * Opens `file` read-only and returns each hot query with its plan lines and its mean time
 * (ms) over `repeat` executions against the thread `threadKey`.
 */
export function explainHotQueries(file, threadKey, { repeat = 20 } = {}) {
  const db = new Database(file, { readonly: true });
  try {
    const thread = db.prepare('select id from threads where key = ?').get(threadKey);
    const roots = db
      .prepare(`select id, created_at from comments where thread_id = ? and parent_id is null and status = 'published' order by created_at, id`)
      .all(thread.id);
    const mid = roots[Math.floor(roots.length / 2)];
    const site = {
      threadId: thread.id,
      rootIds: roots.slice(0, 20).map((r) => r.id),
      midCreatedAt: mid.created_at,
      midId: mid.id,
      keys: db.prepare('select key from threads order by id limit 3').all().map((r) => r.key),
    };
    return HOT_QUERIES.map((q) => {
      const stmt = db.prepare(q.sql);
      const params = q.params(site);
      const plan = db.prepare(`explain query plan ${q.sql}`).all(...params).map((r) => planLine(r));
      stmt.all(...params);
      const t0 = process.hrtime.bigint();
      for (let i = 0; i < repeat; i++) stmt.all(...params);
      const ms = Number(process.hrtime.bigint() - t0) / 1e6 / repeat;
      return { name: q.name, sql: q.sql, plan, ms };
    });
  } finally {
    db.close();
  }
}

// Indents a plan row like the sqlite3 shell does (by depth in the plan tree).
const depth = new Map();
function planLine(r) {
  const d = r.parent === 0 ? 0 : (depth.get(r.parent) ?? 0) + 1;
  depth.set(r.id, d);
  return `${'  '.repeat(d)}${r.detail}`;
}

// The engagement report at newsroom scale: 10,000 threads, 1,000,000 comments and their views
// over the 30 days ending today, generated straight into SQLite with the project's migrations,
// then asked of the real app (routes, service, store; no socket). Run with
//
//   npx tsx bench/stats.ts                       # the full site (about 2 minutes to generate)
//   npx tsx bench/stats.ts --comments 100000     # a smaller site, for a quick look
//   npx tsx bench/stats.ts --db /tmp/stats.db    # generate into that file and keep it; a later
//                                                # run with the same --db reuses it
//
// Prints the generation time, the time the upgrade's backfill of the daily figures takes on
// those comments, the report's times (median, p90 and worst of --runs, the first run apart), the
// cost of the writes that keep the figures (a post, a view batch), and the plans of the report's
// queries. Budget (issue 19): the 30-day report under 200 ms.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config/env';
import { COMMENTER_SQL } from '../server/db/schema';
import { createServices } from '../server/services';
import { createSqliteStore } from '../server/store/sqlite';
import { STATS_SQL } from '../server/store/sqlite/stats';
import { hasFlag, numberFlag, stringFlag } from './lib/args.mjs';
import { ROOT, tempDir } from './lib/servers.mjs';

const THREADS = numberFlag('threads', 'STATS_THREADS', 10_000);
const COMMENTS = numberFlag('comments', 'STATS_COMMENTS', 1_000_000);
const DAYS = 30;
const RUNS = numberFlag('runs', 'STATS_RUNS', 20);
const DAY_MS = 86_400_000;
const ADMIN = 'bench-admin-token-0123456789abcdef0123';
const dbFlag = stringFlag('db');
const tmp = dbFlag ? null : tempDir('footnote-stats-');
const file = dbFlag ?? tmp!.db;

/** mulberry32: a tiny seeded PRNG, so a run can be repeated exactly. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const today = Date.now() - (Date.now() % DAY_MS);
const first = today - (DAYS - 1) * DAY_MS;

/**
 * The site: each story appears on a day of the 30 and draws comments and views for about three
 * days after, decaying; popularity is heavy-tailed (a few stories take thousands of comments).
 * Commenters come from a pool of 150,000 regulars (30% with an email, a few signed in), so a
 * commenter often posts several times a day. One comment in ten was held for the desk: those
 * have a decision in the audit trail minutes to hours later.
 */
function generate() {
  const t0 = performance.now();
  const rand = prng(19);
  const sqlite = new Database(file);
  migrate(drizzle(sqlite), { migrationsFolder: join(ROOT, 'migrations') });
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('foreign_keys = OFF');

  const weights = Array.from({ length: THREADS }, (_, i) => 1 / (i + 1) ** 0.9);
  const sum = weights.reduce((a, b) => a + b, 0);
  const sizes = weights.map((w) => Math.floor((w / sum) * COMMENTS));
  for (let i = 0, short = COMMENTS - sizes.reduce((a, b) => a + b, 0); short > 0; i = (i + 1) % THREADS, short--) sizes[i]!++;
  const publishedOn = Array.from({ length: THREADS }, () => first + Math.floor(rand() * DAYS) * DAY_MS);

  const insertThread = sqlite.prepare('insert into threads (id, key, title, url, views, published_count, created_at) values (?, ?, ?, ?, 0, 0, ?)');
  sqlite.transaction(() => {
    for (let t = 0; t < THREADS; t++) insertThread.run(t + 1, `story-${t}`, `Story ${t}`, `https://news.example.com/story-${t}`, publishedOn[t]);
  })();

  // Comments in time order across threads (a thread's rows scattered, as on a live site).
  const rows: { t: number; at: number }[] = [];
  for (let t = 0; t < THREADS; t++) {
    for (let n = 0; n < sizes[t]!; n++) {
      // Most comments in the first hours, a tail over three days; one that would come after
      // now (a story of today) falls anywhere between its start and now instead.
      let at = publishedOn[t]! + Math.floor(-Math.log(rand() || 1e-9) * 0.6 * DAY_MS);
      if (at >= Date.now()) at = publishedOn[t]! + Math.floor(rand() * (Date.now() - publishedOn[t]!));
      rows.push({ t, at });
    }
  }
  rows.sort((a, b) => a.at - b.at);

  const insert = sqlite.prepare(
    `insert into comments (id, thread_id, parent_id, root_id, author, email, user_id, body, html, status, reader, created_at, reports_reviewed, status_by_desk, decided_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const addAudit = sqlite.prepare(
    "insert into audit (at, action, target_type, target_id, before, after) values (?, ?, 'comment', ?, 'pending', ?)",
  );
  const byThread = Array.from({ length: THREADS }, () => [] as number[]);
  const rootOf = new Int32Array(rows.length + 1);
  const published = new Int32Array(THREADS);
  const write = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = i + 1;
      const { t, at } = rows[i]!;
      const mine = byThread[t]!;
      const parent = mine.length > 0 && rand() < 0.4 ? mine[Math.floor(rand() * mine.length)]! : null;
      rootOf[id] = parent === null ? id : rootOf[parent]!;
      const r = rand();
      const status = r < 0.93 ? 'published' : r < 0.95 ? 'pending' : r < 0.98 ? 'rejected' : 'spam';
      if (status === 'published') {
        published[t]!++;
        mine.push(id);
      }
      const who = Math.floor(rand() ** 2 * 150_000);
      const body = `Comment ${id} on story ${t}.`;
      // A desk decision marks the comment's reports reviewed, as moderateComment does, and makes
      // its status the desk's; the other rejected and spam ones were caught by the checks.
      const decided = status !== 'pending' && rand() < 0.1;
      const decidedAt = decided ? at + Math.floor(rand() ** 2 * 6 * 3_600_000) : null;
      insert.run(
        id, t + 1, parent, rootOf[id], `Reader ${who}`, who % 10 < 3 ? `reader${who}@example.com` : null, who % 50 === 0 ? `user-${who}` : null,
        body, `<p>${body}</p>`, status, `reader-hash-${who}`, at, decided ? 1 : 0, decided && status !== 'published' ? 1 : 0, decidedAt,
      );
      if (decidedAt !== null) {
        const verb = status === 'published' ? 'publish' : status === 'rejected' ? 'reject' : 'spam';
        addAudit.run(decidedAt, verb, String(id), status);
      }
    }
  });
  for (let from = 0; from < rows.length; from += 10_000) write(from, Math.min(rows.length, from + 10_000));
  const setCount = sqlite.prepare('update threads set published_count = ? where id = ?');
  sqlite.transaction(() => {
    for (let t = 0; t < THREADS; t++) setCount.run(published[t], t + 1);
  })();
  const generated = (performance.now() - t0) / 1000;

  // The daily comment figures, by the very statements the upgrade runs (the migration's
  // backfill), so their time on a million comments is measured too.
  // Then the upgrade that counts only the desk's rejections counts them again (its UPDATEs of
  // the figures; the comments here already say whose status it is).
  const statements = (tag: string) => readFileSync(join(ROOT, 'migrations', readdirMigration(tag)), 'utf8').split('--> statement-breakpoint');
  const backfill = [
    ...statements('_daily_figures').filter((s) => /INSERT INTO `(thread|site)_days`/.test(s)),
    ...statements('_desk_rejections').filter((s) => /UPDATE `(thread|site)_days`/.test(s)),
  ];
  const t1 = performance.now();
  for (const statement of backfill) sqlite.exec(statement);
  const backfillSeconds = (performance.now() - t1) / 1000;

  // Views: about 40 a comment, on the story's days, as the view flush would have filed them.
  const addDay = sqlite.prepare('insert into thread_days (thread_id, day, views) values (?, ?, ?) on conflict do update set views = views + excluded.views');
  const addSite = sqlite.prepare('insert into site_days (day, views) values (?, ?) on conflict do update set views = views + excluded.views');
  const setViews = sqlite.prepare('update threads set views = ? where id = ?');
  const site = new Map<string, number>();
  sqlite.transaction(() => {
    for (let t = 0; t < THREADS; t++) {
      let total = 0;
      for (let d = 0; d < 4; d++) {
        const at = publishedOn[t]! + d * DAY_MS;
        if (at > today) break;
        const views = Math.floor((sizes[t]! * 40 + 50 + rand() * 200) / 2 ** (d * 1.5));
        const day = new Date(at).toISOString().slice(0, 10);
        addDay.run(t + 1, day, views);
        site.set(day, (site.get(day) ?? 0) + views);
        total += views;
      }
      setViews.run(total, t + 1);
    }
    for (const [day, views] of site) addSite.run(day, views);
  })();
  sqlite.pragma('journal_mode = WAL');
  const size = (sqlite.prepare('select count(*) as n from thread_days').get() as { n: number }).n;
  sqlite.close();
  return { generated, backfillSeconds, threadDays: size };
}

function readdirMigration(suffix: string): string {
  const journal = JSON.parse(readFileSync(join(ROOT, 'migrations/meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const tag = journal.entries.find((e) => e.tag.endsWith(suffix))?.tag;
  if (!tag) throw new Error(`no ${suffix} migration`);
  return `${tag}.sql`;
}

const ms = (x: number) => `${x.toFixed(1)} ms`;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

try {
  if (!existsSync(file)) {
    console.log(`generating ${THREADS.toLocaleString('en')} threads, ${COMMENTS.toLocaleString('en')} comments over ${DAYS} days into ${file} ...`);
    const g = generate();
    console.log(`generated in ${g.generated.toFixed(1)} s; the upgrade's backfill of the daily comment figures: ${g.backfillSeconds.toFixed(1)} s; ${g.threadDays.toLocaleString('en')} thread-days`);
  } else {
    console.log(`reusing ${file}`);
  }

  const config = loadConfig({ FOOTNOTE_DB: file, FOOTNOTE_ADMIN_TOKEN: ADMIN });
  const store = createSqliteStore(file);
  const ctx = await createServices(store, config);
  const app = createApp({ ctx });
  // Wall time, and the CPU time this process spent on it: on a machine shared with other work
  // the wall time includes waiting for a core, the CPU time does not.
  const get = async (path: string) => {
    const t = performance.now();
    const c = process.cpuUsage();
    const res = await app.request(path, { headers: { authorization: `Bearer ${ADMIN}` } });
    const body = await res.text();
    const took = performance.now() - t;
    const used = process.cpuUsage(c);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body}`);
    return { took, cpu: (used.user + used.system) / 1000, body };
  };

  const to = new Date(today).toISOString().slice(0, 10);
  const from7 = new Date(today - 6 * DAY_MS).toISOString().slice(0, 10);
  const scenarios: [string, string][] = [
    ['30 days, whole site (the default view)', '/api/v1/admin/stats'],
    ['30 days, whole site, CSV', '/api/v1/admin/stats.csv'],
    ['7 days, whole site', `/api/v1/admin/stats?from=${from7}&to=${to}`],
    ['30 days, the biggest story', '/api/v1/admin/stats?thread=story-0'],
    ['30 days, a small story', `/api/v1/admin/stats?thread=story-${THREADS - 1}`],
  ];
  console.log(`\n| report | first run | median | p90 | worst (${RUNS} runs) | CPU, median |\n| --- | --- | --- | --- | --- | --- |`);
  for (const [name, path] of scenarios) {
    const firstRun = (await get(path)).took;
    const times: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const r = await get(path);
      times.push(r.took);
      cpu.push(r.cpu);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    console.log(`| ${name} | ${ms(firstRun)} | ${ms(pct(times, 50))} | ${ms(pct(times, 90))} | ${ms(times[times.length - 1]!)} | ${ms(pct(cpu, 50))} |`);
  }
  console.log(`(load average while measuring: ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(', ')} on ${(await import('node:os')).cpus().length} CPUs)`);
  const report = JSON.parse((await get('/api/v1/admin/stats')).body) as { days: { comments: number; commenters: number }[]; threads: unknown[] };
  const dayComments = report.days.map((d) => d.comments);
  console.log(`\n(the report: ${report.days.length} days, ${report.threads.length} stories; comments a day ${Math.min(...dayComments).toLocaleString('en')} to ${Math.max(...dayComments).toLocaleString('en')}, commenters a day up to ${Math.max(...report.days.map((d) => d.commenters)).toLocaleString('en')})`);

  // The writes that keep the figures, on this site: a post (its distinct-commenter checks
  // included) and a view batch of 1,000 threads.
  const rand = prng(3);
  const posts: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const who = Math.floor(rand() * 150_000);
    const t = performance.now();
    await store.comments.insert({
      threadId: 1 + Math.floor(rand() ** 3 * THREADS), parentId: null, author: `Reader ${who}`, email: `reader${who}@example.com`,
      body: 'bench', html: '<p>bench</p>', status: 'published', reader: `reader-hash-${who}`, editTokenHash: null, createdAt: Date.now(),
    });
    posts.push(performance.now() - t);
  }
  posts.sort((a, b) => a - b);
  const batch = new Map(Array.from({ length: 1000 }, (_, i) => [`story-${i * 7}`, 1 + (i % 5)]));
  const flushes: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await store.threads.addViews(batch);
    flushes.push(performance.now() - t);
  }
  flushes.sort((a, b) => a - b);
  console.log(`\nwrites: a post ${ms(pct(posts, 50))} median, ${ms(pct(posts, 99))} p99 (2,000 posts); a view batch of 1,000 threads ${ms(pct(flushes, 50))} median (20 batches)`);

  // The plans of the report's queries on this site.
  const raw = new Database(file, { readonly: true });
  const plan = (q: string, ...args: unknown[]) => (raw.prepare(`explain query plan ${q}`).all(...args) as { detail: string }[]).map((r) => r.detail).join('; ');
  console.log('\nplans (the report\'s own query texts, server/store/sqlite/stats.ts):');
  const args: Record<string, unknown[]> = {
    siteDays: [to, to], threadDays: [1, to, to], sums: [to, to], oneSum: [{ threadId: 1, from: to, to }],
    commenters: [1, 0, 1], decisions: [1, 0, 1], hourSite: [0, 1], hourThread: [1, 0, 1],
  };
  for (const [name, text] of Object.entries(STATS_SQL)) console.log(`- ${name}: ${plan(text, ...(args[name] ?? []))}`);
  console.log(`- a commenter's day (on every post, store/sqlite/daily.ts): ${plan(`select count(*) from comments where ${COMMENTER_SQL} = ? and status = 'published' and created_at >= ? and created_at < ?`, 'x', 0, 1)}`);
  raw.close();
  await store.close();
} finally {
  if (tmp && !hasFlag('keep')) tmp.remove();
}

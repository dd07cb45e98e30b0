// `npm run bench -- --pg` (or `node bench/cluster.mjs` after a build): Footnote on PostgreSQL,
// one instance and two instances on one database, side by side with one instance on SQLite,
// in the same run, driven the same way (docs/performance.md, "Many instances on PostgreSQL"):
//
//   - views, a distinct reader each (fixed amount): rate, and after the flush every
//     acknowledged view counted once (two instances: the load split over both);
//   - posts, a distinct reader each: rate, and after SIGKILL of every instance each 201 in the
//     database;
//   - the first page of a 50-comment thread, and the counts of 3 threads;
//   - live fan-out across instances: 1,000 streams open on instance B, comments posted
//     through instance A one at a time, the time from each POST to each stream's event.
//
//   node bench/cluster.mjs [--duration 5] [--runs 1] [--streams 1000] [--fanout-posts 20]
//
// PostgreSQL is FOOTNOTE_TEST_PG (default postgres://postgres@127.0.0.1:5432/postgres); the run
// creates a database of its own and drops it. Writes bench/results/cluster.json.
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import Database from 'better-sqlite3';
import pg from 'pg';
import { call, seedThread, settle, threadCounts } from './lib/api.mjs';
import { numberFlag } from './lib/args.mjs';
import { CONNECTIONS, load, loadSlice, merge } from './lib/load.mjs';
import { cpuPlan, cpuStall, pin } from './lib/machine.mjs';
import { commentBody, newReader } from './lib/readers.mjs';
import { fmt, markdownTable, median, percentile, textTable } from './lib/report.mjs';
import { ROOT, startFootnote, tempDir } from './lib/servers.mjs';
import { LIST_THREAD, postRequest, SEEN_THREAD, UNSEEN_THREADS, viewRequest } from './run/scenarios.mjs';

const duration = numberFlag('duration', 'BENCH_DURATION', 5);
const runs = Math.max(1, Math.round(numberFlag('runs', 'BENCH_RUNS', 1)));
const streams = Math.round(numberFlag('streams', 'BENCH_STREAMS', 1000));
const fanoutPosts = Math.round(numberFlag('fanout-posts', 'BENCH_FANOUT_POSTS', 20));
const ADMIN = process.env.FOOTNOTE_TEST_PG || 'postgres://postgres@127.0.0.1:5432/postgres';
const BUDGET = { viewShare: 0.8, pgPostsPerSecond: 1000, fanoutP99Ms: 1000 };
const plan = cpuPlan();

const tmp = tempDir('footnote-cluster-bench-');
const servers = [];
const dbName = `footnote_bench_${process.pid}_${Date.now().toString(36)}`;
let dbCreated = false;

const admin = async (sql) => {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
};

async function cleanup() {
  await Promise.all(servers.map((s) => s.kill()));
  tmp.remove();
  if (dbCreated) await admin(`drop database if exists ${dbName} with (force)`).catch(() => {});
}
process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));


async function main() {
  if (plan) pin(process.pid, plan.load);
  await admin(`create database ${dbName}`);
  dbCreated = true;
  const pgUrl = new URL(ADMIN);
  pgUrl.pathname = `/${dbName}`;
  const start = async (name, env) => {
    const s = await startFootnote(tmp.db, env, { cpu: plan?.server });
    s.name = name;
    servers.push(s);
    return s;
  };
  const sqlite = await start('sqlite', {});
  const a = await start('pg-a', { FOOTNOTE_DATABASE_URL: pgUrl.href });
  const b = await start('pg-b', { FOOTNOTE_DATABASE_URL: pgUrl.href });
  console.log(`bench: SQLite ${sqlite.url}; PostgreSQL ${a.url} (A) and ${b.url} (B) on database ${dbName}; ${CONNECTIONS} connections, ${duration} s, ${runs} run(s)`);

  // The same threads on both engines: a 50-comment page to list, a thread with views and comments.
  for (const s of [sqlite, a]) {
    await seedThread(s.url, LIST_THREAD, { total: 50, roots: 35 });
    await seedThread(s.url, SEEN_THREAD, { total: 3, roots: 3, seq: 100 });
    await call(s.url, 'POST', `/api/v1/threads/${SEEN_THREAD}/views`);
  }
  const setups = { sqlite: [sqlite], pg1: [a], pg2: [a, b] };

  // Warm-up, which also sizes the fixed amounts to about `duration` seconds on SQLite.
  const probe = await load({ url: sqlite.url, ...viewRequest('bench-warm', 20_000) });
  const viewAmount = Math.max(2_000, Math.round(probe.rps * duration));
  for (const s of [a, b]) await load({ url: s.url, ...viewRequest(`bench-warm-${s.name}`, 10_000) });
  const postAmount = Math.max(1_000, Math.round(1_500 * duration));
  const acknowledged = { sqlite: 0, pg: 0 };

  const perRun = [];
  for (let run = 1; run <= runs; run++) {
    const results = {};
    for (const [setup, targets] of Object.entries(setups)) {
      const views = await spread(targets, (part) => viewRequest(`views-${setup}-${run}`, part), viewAmount);
      const counted = await countedViews(targets, `views-${setup}-${run}`, views.ok);
      const posts = await spread(targets, (part) => postRequest(part), postAmount);
      acknowledged[setup === 'sqlite' ? 'sqlite' : 'pg'] += posts.byStatus['201'] ?? 0;
      const list = await spread(targets, () => ({ path: `/api/v1/threads/${LIST_THREAD}/comments?sort=oldest`, headers: newReader(), duration }));
      const counts = await spread(targets, () => ({ path: `/api/v1/counts?${[SEEN_THREAD, ...UNSEEN_THREADS].map((t) => `thread=${t}`).join('&')}`, headers: newReader(), duration }));
      results[setup] = { views, counted, posts, list, counts };
      console.log(
        `  run ${run} ${setup.padEnd(6)} views ${fmt.int(views.rps)}/s (${fmt.int(counted)} counted of ${fmt.int(views.ok)} acknowledged)  posts ${fmt.int(posts.rps)}/s p99 ${fmt.ms(posts.p99)}  ` +
          `list ${fmt.int(list.rps)}/s  counts ${fmt.int(counts.rps)}/s  CPU stall ${fmt.pct(views.cpuStall)}`,
      );
    }
    perRun.push(results);
  }

  const fanout = await fanOut(a, b);
  console.log(`bench: fan-out A → ${fmt.int(fanout.open)} streams on B: ${fmt.int(fanout.received)} of ${fmt.int(fanout.expected)} events, p50 ${fmt.ms(fanout.p50)}, p99 ${fmt.ms(fanout.p99)}, max ${fmt.ms(fanout.max)}`);

  // Every 201 must be in the database: end every instance without letting it write more.
  for (const s of servers) await s.kill();
  const onDisk = { sqlite: sqliteComments(tmp.db), pg: await pgComments(pgUrl.href) };
  console.log(`bench: instances killed (SIGKILL): SQLite ${fmt.int(onDisk.sqlite)} of ${fmt.int(acknowledged.sqlite)} posts, PostgreSQL ${fmt.int(onDisk.pg)} of ${fmt.int(acknowledged.pg)} (seeding aside)`);

  const m = (setup, scenario, key) => median(perRun.map((r) => r[setup][scenario][key]));
  const names = { sqlite: 'SQLite, 1 instance', pg1: 'PostgreSQL, 1 instance', pg2: 'PostgreSQL, 2 instances' };
  const head = ['setup', 'views/s', 'views p99', 'posts/s', 'posts p99', 'list/s', 'list p99', 'counts/s', 'counts p99', 'views vs SQLite'];
  const rows = Object.keys(setups).map((s) => [
    names[s],
    fmt.int(m(s, 'views', 'rps')),
    fmt.ms(m(s, 'views', 'p99')),
    fmt.int(m(s, 'posts', 'rps')),
    fmt.ms(m(s, 'posts', 'p99')),
    fmt.int(m(s, 'list', 'rps')),
    fmt.ms(m(s, 'list', 'p99')),
    fmt.int(m(s, 'counts', 'rps')),
    fmt.ms(m(s, 'counts', 'p99')),
    fmt.pct(m(s, 'views', 'rps') / m('sqlite', 'views', 'rps')),
  ]);
  const exact = perRun.every((r) => Object.values(r).every((x) => x.counted === x.views.ok));
  // Judged on one instance: the two instances here share that one core (the placement above),
  // so their figure shows what splitting a core costs, not what a second machine adds; it is
  // printed beside it (docs/performance.md, "Many instances on PostgreSQL").
  const pgPosts = m('pg1', 'posts', 'rps');
  const share = m('pg2', 'views', 'rps') / m('sqlite', 'views', 'rps');
  const notOk = perRun.reduce((n, r) => n + Object.values(r).reduce((k, x) => k + ['views', 'posts', 'list', 'counts'].reduce((j, s) => j + x[s].total - x[s].ok + x[s].errors, 0), 0), 0);
  const verdicts = [
    { budget: 'two PostgreSQL instances, views (distinct readers)', target: `≥ ${fmt.pct(BUDGET.viewShare)} of one SQLite instance`, measured: `${fmt.pct(share)} (${fmt.int(m('pg2', 'views', 'rps'))}/s of ${fmt.int(m('sqlite', 'views', 'rps'))}/s)`, pass: share >= BUDGET.viewShare },
    { budget: 'every acknowledged view counted exactly once', target: 'counted = acknowledged', measured: perRun.map((r) => Object.entries(r).map(([k, x]) => `${k} ${fmt.int(x.counted)}/${fmt.int(x.views.ok)}`).join(', ')).join('; '), pass: exact },
    { budget: 'posting on PostgreSQL', target: `≥ ${fmt.int(BUDGET.pgPostsPerSecond)}/s`, measured: `${fmt.int(pgPosts)}/s on one instance (two sharing its core: ${fmt.int(m('pg2', 'posts', 'rps'))}/s)`, pass: pgPosts >= BUDGET.pgPostsPerSecond },
    { budget: 'every 201 committed (all instances killed with SIGKILL)', target: 'in the database = acknowledged', measured: `PostgreSQL ${fmt.int(onDisk.pg)} / ${fmt.int(acknowledged.pg)}, SQLite ${fmt.int(onDisk.sqlite)} / ${fmt.int(acknowledged.sqlite)}`, pass: onDisk.pg === acknowledged.pg && onDisk.sqlite === acknowledged.sqlite },
    { budget: `cross-instance live fan-out, ${fmt.int(streams)} streams`, target: `p99 < ${fmt.int(BUDGET.fanoutP99Ms)} ms, every event received`, measured: `p50 ${fmt.ms(fanout.p50)}, p99 ${fmt.ms(fanout.p99)} (${fmt.int(fanout.received)} of ${fmt.int(fanout.expected)})`, pass: fanout.p99 !== null && fanout.p99 < BUDGET.fanoutP99Ms && fanout.received === fanout.expected },
    { budget: 'answers other than 2xx, and socket errors', target: '0', measured: fmt.int(notOk), pass: notOk === 0 },
  ];
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}`;
  const placement = plan ? `instances on CPU ${plan.server}, load on CPU ${plan.load}, PostgreSQL unpinned` : 'unpinned';
  const date = new Date().toISOString().slice(0, 10);
  console.log(`\nFootnote on PostgreSQL and SQLite — medians of ${runs} run(s), ${duration} s each, ${CONNECTIONS} connections (${date}, ${machine}; ${placement})\n`);
  console.log(textTable(head, rows));
  console.log('');
  const budgetRows = verdicts.map((v) => [v.budget, v.target, v.measured, v.pass ? 'PASS' : 'MISS']);
  console.log(textTable(['budget', 'target', 'measured', 'verdict'], budgetRows));
  const missed = verdicts.filter((v) => !v.pass).length;
  console.log(`\n${verdicts.length - missed} PASS, ${missed} MISS\n\nMarkdown:\n`);
  console.log(markdownTable(head, rows));
  console.log('');
  console.log(markdownTable(['budget', 'target', 'measured', 'verdict'], budgetRows));
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  const out = join(ROOT, 'bench/results/cluster.json');
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), machine, placement, duration, runs, viewAmount, postAmount, fanout, onDisk, acknowledged, budgets: verdicts, runsDetail: perRun }, null, 2)}\n`);
  console.log(`\nbench: wrote ${out}`);
}

/**
 * One scenario over the instances of a setup, at once: the connections (and a fixed `amount`,
 * when given) split evenly, the results merged. `make(part, i)` gives instance i's request.
 */
async function spread(targets, make, amount) {
  const per = amount ? Math.ceil(amount / targets.length) : undefined;
  const connections = Math.max(1, Math.floor(CONNECTIONS / targets.length));
  for (const t of targets) await settle(t.url);
  const stall = cpuStall();
  const slices = await Promise.all(targets.map((t, i) => loadSlice({ url: t.url, connections, ...make(per, i), ...(per ? { amount: per } : {}) })));
  // Running side by side, the slices' time is the longest of them, not their sum.
  const seconds = Math.max(...slices.map((s) => s.seconds));
  const merged = merge(
    slices.map((s) => ({ ...s, seconds: seconds / slices.length })),
    { url: targets[0].url, connections: connections * targets.length },
  );
  merged.cpuStall = stall.stop();
  return merged;
}

/**
 * The views counted, once every instance has flushed (once a second): read until two reads a
 * flush apart agree, from every instance (each adds only what it has not written yet).
 */
async function countedViews(targets, thread, acknowledged) {
  let last = -1;
  for (let i = 0; i < 20; i++) {
    await new Promise((r) => setTimeout(r, 1_200));
    const seen = await Promise.all(targets.map(async (t) => (await threadCounts(t.url, thread)).views));
    if (seen.every((v) => v === seen[0]) && seen[0] === last) return seen[0];
    last = seen.every((v) => v === seen[0]) ? seen[0] : -1;
    if (last === acknowledged && i > 1) return last;
  }
  return last;
}

/** Opens `streams` live connections on B, posts through A one at a time, and times each delivery. */
async function fanOut(a, b) {
  const thread = 'bench-fanout';
  const sockets = [];
  const arrivals = new Map();
  let open = 0;
  const openOne = (n) =>
    new Promise((resolve) => {
      // A reader of its own each, at most 200 per /24 (under the cap of streams per range).
      const address = `10.77.${Math.floor(n / 200)}.${(n % 200) + 1}`;
      const req = request(`${b.url}/api/v1/threads/${thread}/events`, { agent: false, headers: { accept: 'text/event-stream', 'x-forwarded-for': address } }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return resolve();
        }
        sockets.push(res.socket);
        open++;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => {
          text += chunk;
          let end;
          while ((end = text.indexOf('\n\n')) >= 0) {
            const frame = text.slice(0, end);
            text = text.slice(end + 2);
            if (!frame.startsWith('event: comment')) continue;
            const id = JSON.parse(frame.slice(frame.indexOf('data: ') + 6)).id;
            const at = performance.now();
            const list = arrivals.get(id) ?? [];
            list.push(at);
            arrivals.set(id, list);
          }
        });
        resolve();
      });
      req.on('error', () => resolve());
      req.end();
    });
  for (let i = 0; i < streams; i += 100) await Promise.all(Array.from({ length: Math.min(100, streams - i) }, (_, k) => openOne(i + k)));
  await new Promise((r) => setTimeout(r, 500));
  const latencies = [];
  const sent = [];
  for (let i = 0; i < fanoutPosts; i++) {
    const t0 = performance.now();
    const { status, json } = await call(a.url, 'POST', `/api/v1/threads/${thread}/comments`, { body: { author: 'Desk', body: commentBody(9_000_000 + i), elapsedMs: 20_000 } });
    if (status === 201) sent.push({ id: json.comment.id, t0 });
    await new Promise((r) => setTimeout(r, 250));
  }
  await new Promise((r) => setTimeout(r, 2_000));
  for (const { id, t0 } of sent) for (const at of arrivals.get(id) ?? []) latencies.push(at - t0);
  for (const s of sockets) s.destroy();
  return {
    open,
    posts: sent.length,
    expected: sent.length * open,
    received: latencies.length,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.length ? Math.max(...latencies) : null,
  };
}

function sqliteComments(file) {
  const db = new Database(file);
  try {
    return db.prepare("select count(*) as n from comments c join threads t on t.id = c.thread_id where t.key = 'bench-posts'").get().n;
  } finally {
    db.close();
  }
}

async function pgComments(url) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const res = await c.query("select count(*)::int as n from comments c join threads t on t.id = c.thread_id where t.key = 'bench-posts'");
    return res.rows[0].n;
  } finally {
    await c.end();
  }
}

// Last, once every declaration above is initialized.
try {
  await main();
} catch (err) {
  console.error(`bench: ${err.stack ?? err}`);
  for (const s of servers) console.error(`--- ${s.name} output ---\n${s.log()}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}

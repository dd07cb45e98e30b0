// `npm run bench`: Footnote side by side with a bare Hono app, its yardstick.
//
//   npm run bench                           # build, then 3 runs × 10 s per scenario
//   node bench/run.mjs --quick              # 1 run × 4 s, shorter warm-up (no build)
//   node bench/run.mjs --duration 2 --runs 1 --posts 2000 --memory-views 0   # a glance
//   npm run bench -- --pg                   # PostgreSQL mode: bench/cluster.mjs
//
// Starts, as child processes on 127.0.0.1, the built server (dist/server/main.js) on a
// temporary database, a bare Hono app on @hono/node-server (the yardstick: Footnote is a Hono
// app, so that is the limit it can approach) and a bare node:http server (information), then
// drives them from this process with autocannon: 32 connections, same duration, `--runs`
// runs, medians. Then two checks that need the server gone or fresh: the posts acknowledged
// are all in the file after a SIGKILL, and a fresh server's RSS after 200,000 distinct
// readers' views. Prints the table with each scenario's ratio to its yardstick measured in
// the same run, PASS/MISS per budget, a Markdown copy for the README, and writes
// bench/results/latest.json. Exit code 0 even on a MISS: a timing on a shared machine is a
// measurement, not a gate (the size budget is gated by `npm test`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import Database from 'better-sqlite3';
import { embedSizes } from '../scripts/check-size.mjs';
import { call, seedThread, settle, threadCounts } from './lib/api.mjs';
import { flagList, hasFlag, numberFlag, stringFlag } from './lib/args.mjs';
import { CONNECTIONS, load, loadSlice, merge } from './lib/load.mjs';
import { cpuPlan, cpuStall, cpuTimeMs, pin } from './lib/machine.mjs';
import { newReader } from './lib/readers.mjs';
import { fmt, markdownTable, median, textTable } from './lib/report.mjs';
import { ROOT, rssMb, startBare, startBareHono, startFootnote, tempDir } from './lib/servers.mjs';
import { BUDGET, judge } from './run/budgets.mjs';
import { LIST_THREAD, POST_THREAD, SCENARIOS, SEEN_THREAD, viewRequest } from './run/scenarios.mjs';

// `npm run bench -- --pg`: the PostgreSQL mode instead (one and two instances on PostgreSQL
// beside one on SQLite, and the live fan-out across instances: bench/cluster.mjs).
if (hasFlag('pg')) {
  await import('./cluster.mjs');
  process.exit(process.exitCode ?? 0);
}

const quick = hasFlag('quick');
const duration = numberFlag('duration', 'BENCH_DURATION', quick ? 4 : 10);
const runs = Math.max(1, Math.round(numberFlag('runs', 'BENCH_RUNS', quick ? 1 : 3)));
const postsFlag = numberFlag('posts', 'BENCH_POSTS', 0);
const warmup = numberFlag('warmup', 'BENCH_WARMUP', quick ? 1 : 2);
// The memory phase: a fresh server, this many distinct readers' views, then its RSS (0 skips it).
const memoryViews = Math.round(numberFlag('memory-views', 'BENCH_MEMORY_VIEWS', BUDGET.memoryViews));
// --only list,view measures a subset (the bare Hono GET always runs, and the yardstick of a
// picked scenario; `memory` names the memory phase); --profile writes a CPU profile of the
// server to bench/results/ (open it in Chrome DevTools).
const only = flagList('only');
const profile = hasFlag('profile');
// --server path/to/main.js measures another build (an experiment) instead of dist/server/main.js.
const entry = stringFlag('server') ?? undefined;
// --no-pin leaves CPU placement to the kernel (see cpuPlan for why the default pins).
const plan = hasFlag('no-pin') ? null : cpuPlan();
const PROBE_DISTINCT = 20_000;
const PROBE_POSTS = 1_000;
const SLICE_SECONDS = 1;
const MEMORY_THREADS = 20;
const picked = SCENARIOS.filter((s) => s.kind !== 'ceiling' && (!only || only.includes(s.id)));
// Bare Hono GET always runs; another ceiling when a picked scenario is judged by it, or asked for.
const ceilings = new Set(['hono', ...picked.map((s) => s.yardstick).filter(Boolean), ...(only ?? ['node'])]);
const scenarios = SCENARIOS.filter((s) => (s.kind === 'ceiling' ? ceilings.has(s.id) : picked.includes(s)));
const runMemory = memoryViews > 0 && (!only || only.includes('memory'));

const tmp = tempDir();
const servers = [];
const stopAll = async () => {
  await Promise.all(servers.map((s) => s.stop()));
  tmp.remove();
};
process.on('SIGINT', () => void stopAll().then(() => process.exit(130)));

try {
  await main();
} catch (err) {
  console.error(`bench: ${err.stack ?? err}`);
  for (const s of servers) console.error(`--- ${s.name} output ---\n${s.log()}`);
  process.exitCode = 1;
} finally {
  await stopAll();
}

async function main() {
  const embed = embedSizes();
  if (plan) pin(process.pid, plan.load);
  const targets = {};
  targets.hono = await startBareHono({ cpu: plan?.server });
  servers.push(targets.hono);
  if (scenarios.some((s) => s.target === 'node')) {
    targets.node = await startBare({ cpu: plan?.server });
    servers.push(targets.node);
  }
  const profileDir = join(ROOT, 'bench/results/profiles');
  const footnoteOptions = { entry, cpu: plan?.server, ...(profile ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}) };
  const footnote = await startFootnote(tmp.db, {}, footnoteOptions);
  targets.footnote = footnote;
  servers.push(footnote);
  console.log(
    `bench: footnote ${footnote.url} (pid ${footnote.pid}), bare Hono ${targets.hono.url}${targets.node ? `, bare node:http ${targets.node.url}` : ''}; ` +
      `${CONNECTIONS} connections, ${duration} s, ${runs} run(s)`,
  );
  console.log(plan ? `bench: servers pinned to CPU ${plan.server}, load generator to CPU ${plan.load}` : 'bench: not pinned to CPUs (--no-pin, one CPU, or no taskset)');

  await seedThread(footnote.url, LIST_THREAD, { total: 50, roots: 35 });
  await seedThread(footnote.url, SEEN_THREAD, { total: 3, roots: 3, seq: 100 });
  await call(footnote.url, 'POST', `/api/v1/threads/${SEEN_THREAD}/views`);
  const rssIdle = rssMb(footnote.pid);
  // Warm-up: let the JITs settle before anything is measured. For the writes it doubles as
  // the probe that sizes their fixed amount of requests to about `duration` seconds.
  const amounts = {};
  let postsAcknowledged = 0;
  for (const s of scenarios) {
    const target = targets[s.target];
    if (!s.sized && warmup === 0) continue;
    await settle(target.url);
    // A scenario of distinct requests builds them in advance, so its probe is a fixed amount.
    const probeRequest = s.request({ run: 0, amount: PROBE_DISTINCT });
    // Posts too: every probe post is answered before the runs, so the on-disk check is exact.
    const probeAmount = probeRequest.distinct ? PROBE_DISTINCT : s.id === 'post' ? PROBE_POSTS : undefined;
    const probe = await load({ url: target.url, duration: Math.max(warmup, 1), ...probeRequest, amount: probeAmount });
    if (s.id === 'post') postsAcknowledged += probe.byStatus['201'] ?? 0;
    if (s.sized) amounts[s.id] = s.id === 'post' && postsFlag ? postsFlag : Math.max(500, Math.round(probe.rps * duration));
  }

  const perRun = [];
  const viewChecks = [];
  const byId = Object.fromEntries(scenarios.map((s) => [s.id, s]));
  // One slice of scenario `s`: the load, and what the server's CPU and the machine did meanwhile.
  const measure = async (s, run, share) => {
    const target = targets[s.target];
    await settle(target.url);
    const stall = cpuStall();
    const cpu0 = cpuTimeMs(target.pid);
    const request = s.request({ run, amount: s.sized ? Math.max(1, Math.ceil(amounts[s.id] * share)) : undefined });
    const slice = await loadSlice({ url: target.url, duration: Math.max(1, Math.round(duration * share)), ...request });
    slice.stallShare = stall.stop();
    slice.cpuMs = cpu0 === null ? null : cpuTimeMs(target.pid) - cpu0;
    return slice;
  };
  for (let run = 1; run <= runs; run++) {
    const slices = Object.fromEntries(scenarios.map((s) => [s.id, []]));
    const pairedWith = {};
    // A scenario judged by a yardstick is measured in alternation with it, a slice of about a
    // second each, so a burst of other work on the machine lands on both sides of the ratio.
    for (const s of scenarios.filter((x) => x.kind !== 'ceiling' || x.id === 'node')) {
      const y = s.paired ? byId[s.yardstick] : null;
      const k = y ? Math.max(1, Math.round(duration / SLICE_SECONDS)) : 1;
      if (y) pairedWith[s.id] = [];
      for (let i = 0; i < k; i++) {
        if (y) {
          const ys = await measure(y, run, 1 / k);
          slices[y.id].push(ys);
          pairedWith[s.id].push(ys);
        }
        slices[s.id].push(await measure(s, run, 1 / k));
      }
    }
    // A yardstick no picked scenario was paired with (e.g. --only post) runs on its own.
    for (const s of scenarios.filter((x) => slices[x.id].length === 0)) slices[s.id].push(await measure(s, run, 1));

    const results = {};
    for (const s of scenarios) {
      const parts = slices[s.id];
      const r = merge(parts, { url: targets[s.target].url });
      const seconds = parts.reduce((a, p) => a + p.seconds, 0);
      // Server CPU per request (µs): the cost that other work on the machine does not change.
      r.cpuUs = parts.every((p) => p.cpuMs !== null) && r.total ? (parts.reduce((a, p) => a + p.cpuMs, 0) * 1000) / r.total : null;
      r.cpuStall = parts.every((p) => p.stallShare !== null) ? parts.reduce((a, p) => a + p.stallShare * p.seconds, 0) / seconds : null;
      r.rssMb = s.target === 'footnote' ? rssMb(footnote.pid) : null;
      if (s.id === 'post') postsAcknowledged += r.byStatus['201'] ?? 0;
      if (s.verify) {
        r.check = await s.verify({ url: footnote.url, run, result: r });
        viewChecks.push(r.check);
      }
      results[s.id] = r;
    }
    for (const s of scenarios) {
      const r = results[s.id];
      const y = pairedWith[s.id] ? merge(pairedWith[s.id], { url: targets.hono.url }) : results[s.yardstick ?? s.id];
      if (pairedWith[s.id]) y.cpuUs = pairedWith[s.id].every((p) => p.cpuMs !== null) ? (pairedWith[s.id].reduce((a, p) => a + p.cpuMs, 0) * 1000) / y.total : null;
      r.ratio = r.rps / y.rps;
      // The same comparison by the server's CPU per request: what the ratio would be were both
      // servers CPU-bound, and much steadier than rates when other work shares the machine.
      r.ratioCpu = r.cpuUs && y.cpuUs ? y.cpuUs / r.cpuUs : null;
      r.ratioGet = r.rps / results.hono.rps;
      const extra = r.check ? `, views ${r.check.counted} counted, ${r.check.acknowledged} acknowledged of ${r.check.sent} sent` : '';
      const odd = r.total - r.ok + r.errors;
      console.log(
        `  run ${run}/${runs} ${s.id.padEnd(9)} ${fmt.int(r.rps).padStart(7)} req/s  ${fmt.pct(r.ratio).padStart(4)} of ${s.yardstick ?? s.id} (${fmt.pct(r.ratioCpu)} by CPU)  p50 ${fmt.ms(r.p50)}  p99 ${fmt.ms(r.p99)}  ` +
          `CPU ${fmt.int(r.cpuUs)} µs/req  RSS ${fmt.mb(r.rssMb)}  CPU stall ${fmt.pct(r.cpuStall)}${odd ? `  NOT 2xx: ${JSON.stringify(r.byStatus)} errors ${r.errors}` : ''}${extra}`,
      );
    }
    perRun.push(results);
  }
  const rssAfter = rssMb(footnote.pid);

  // Every 201 must already be in the file: end the server without letting it finish anything.
  let posts = null;
  if (scenarios.some((s) => s.id === 'post')) {
    await footnote.kill();
    posts = { acknowledged: postsAcknowledged, onDisk: commentsOnDisk(tmp.db, POST_THREAD) };
    console.log(`bench: server killed (SIGKILL): ${fmt.int(posts.onDisk)} posts on disk, ${fmt.int(posts.acknowledged)} acknowledged with 201`);
  } else {
    await footnote.stop();
  }

  const memory = runMemory ? await memoryPhase() : null;

  const rows = {};
  for (const s of scenarios) {
    const of = (k) => median(perRun.map((r) => r[s.id][k]));
    rows[s.id] = {
      name: s.name,
      rps: of('rps'),
      p50: of('p50'),
      p99: of('p99'),
      ratio: of('ratio'),
      ratioGet: of('ratioGet'),
      ratioCpu: of('ratioCpu'),
      rssMb: s.target === 'footnote' ? of('rssMb') : null,
      bytes: of('bytesPerAnswer'),
      cpuStall: of('cpuStall'),
      cpuUs: of('cpuUs'),
      notOk: perRun.reduce((a, r) => a + r[s.id].total - r[s.id].ok + r[s.id].errors, 0),
    };
  }
  const failed = Object.values(rows).reduce((a, r) => a + r.notOk, 0) + (memory?.notOk ?? 0);
  const verdicts = judge({ rows, views: viewChecks, memory, posts, embed, failed });

  const yardstickName = (s) => (s.yardstick === 'hono-post' ? 'bare Hono POST' : s.yardstick === 'hono' || s.id === 'hono' ? 'bare Hono GET' : '-');
  const head = ['scenario', 'req/s', 'p50', 'p99', 'vs yardstick', 'yardstick', 'vs yardstick by CPU', 'server CPU/req', 'server RSS', 'bytes/answer', 'not 2xx', 'CPU stall'];
  const tableRows = scenarios.map((s) => {
    const r = rows[s.id];
    return [r.name, fmt.int(r.rps), fmt.ms(r.p50), fmt.ms(r.p99), fmt.pct(r.ratio), yardstickName(s), fmt.pct(r.ratioCpu), r.cpuUs === null ? '-' : `${fmt.int(r.cpuUs)} µs`, fmt.mb(r.rssMb), fmt.int(r.bytes), fmt.int(r.notOk), fmt.pct(r.cpuStall)];
  });
  const budgetHead = ['budget', 'target', 'measured', 'verdict'];
  const budgetRows = verdicts.map((v) => [v.budget, v.target, v.measured, v.pass ? 'PASS' : 'MISS']);
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}`;
  const placement = plan ? `servers on CPU ${plan.server}, load on CPU ${plan.load}` : 'unpinned';
  const date = new Date().toISOString().slice(0, 10);

  console.log(`\nFootnote vs a bare Hono app — medians of ${runs} run(s), ${duration} s each, ${CONNECTIONS} connections (${date}, ${machine}; ${placement})\n`);
  console.log(textTable(head, tableRows));
  const memoryLine = memory ? `; ${fmt.mb(memory.rssMib)} on a fresh server after ${fmt.int(memory.sent)} distinct readers' views` : '';
  console.log(
    `\nserver RSS: ${fmt.mb(rssIdle)} idle after seeding, ${fmt.mb(rssAfter)} after all scenarios${memoryLine}; ` +
      `embed.js ${fmt.kb(embed.raw)} raw, ${fmt.kb(embed.gzip)} gzip, ${fmt.kb(embed.brotli)} brotli\n`,
  );
  console.log(textTable(budgetHead, budgetRows));
  const stalls = Object.values(rows).map((r) => r.cpuStall ?? 0);
  if (Math.max(...stalls) > 0.25) {
    console.log(
      `\nnote: CPU stall up to ${fmt.pct(Math.max(...stalls))} during the runs: other work competed for the CPUs (the servers and the load generator ` +
        'alone keep it low). Rates are lower and p99 higher than on a quiet machine; ratios to the yardstick are less affected but noisier.',
    );
  }
  const missed = verdicts.filter((v) => !v.pass).length;
  console.log(`\n${verdicts.length - missed} PASS, ${missed} MISS\n\nMarkdown (README):\n`);
  console.log(`\`npm run bench\` — ${date}, ${machine}; ${placement}; medians of ${runs} × ${duration} s, ${CONNECTIONS} connections\n`);
  console.log(markdownTable(head, tableRows));
  console.log('');
  console.log(markdownTable(budgetHead, budgetRows));

  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  // Only a whole run of the real build is "the latest"; a subset or an experiment goes aside.
  const out = join(ROOT, only || entry ? 'bench/results/partial.json' : 'bench/results/latest.json');
  writeFileSync(
    out,
    `${JSON.stringify({ date: new Date().toISOString(), machine, placement, duration, runs, connections: CONNECTIONS, amounts, embed, rssIdleMib: rssIdle, rssAfterMib: rssAfter, memory, posts, medians: rows, budgets: verdicts, views: viewChecks, runsDetail: perRun }, null, 2)}\n`,
  );
  console.log(`\nbench: wrote ${out}${profile ? ` (CPU profile of the server in ${profileDir} once it stops)` : ''}`);
}

/** Comments of `thread` in the database file, read after the server is gone. */
function commentsOnDisk(dbPath, thread) {
  const db = new Database(dbPath);
  try {
    return db.prepare('select count(*) as n from comments c join threads t on t.id = c.thread_id where t.key = ?').get(thread).n;
  } finally {
    db.close();
  }
}

/**
 * A fresh server on its own database, `memoryViews` views from as many distinct readers over
 * MEMORY_THREADS articles, then its RSS: what the de-duplication memory and the view limiter
 * cost once a busy site has filled them, with nothing else in the process.
 */
async function memoryPhase() {
  const db = join(tmp.dir, 'memory.db');
  const server = await startFootnote(db, {}, { entry, cpu: plan?.server });
  servers.push(server);
  const threads = Array.from({ length: MEMORY_THREADS }, (_, i) => `bench-memory-${i + 1}`);
  const base = viewRequest(threads[0], memoryViews);
  console.log(`bench: memory: ${fmt.int(memoryViews)} distinct readers' views over ${threads.length} articles on a fresh server (pid ${server.pid})`);
  const r = await load({
    url: server.url,
    ...base,
    distinct: (n) => ({ path: `/api/v1/threads/${threads[n % threads.length]}/views`, headers: newReader() }),
  });
  await new Promise((resolve) => setTimeout(resolve, 1500));
  let counted = 0;
  for (const t of threads) counted += (await threadCounts(server.url, t)).views;
  const rssMib = rssMb(server.pid);
  await server.stop();
  const memory = { sent: r.sent, acknowledged: r.ok, counted, notOk: r.sent - r.ok, rps: r.rps, rssMib };
  console.log(`bench: memory: ${fmt.int(r.rps)} views/s, ${fmt.int(counted)} counted, ${fmt.int(r.ok)} acknowledged of ${fmt.int(r.sent)} sent, RSS ${fmt.mb(rssMib)}`);
  return memory;
}

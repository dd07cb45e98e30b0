// `npm run bench`: Footnote side by side with the machine's ceiling.
//
//   npm run bench                          # build, then 3 runs × 10 s per scenario
//   node bench/run.mjs --duration 2 --runs 1 --posts 2000   # a quick look (no build)
//
// Starts the built server (dist/server/main.js) on a temporary database and a bare node:http
// server as child processes on 127.0.0.1, then drives both from this process with autocannon:
// 32 connections, same duration, `--runs` runs, medians. Prints the table with each scenario's
// ratio to the bare server measured in the same run, PASS/MISS per budget, a Markdown copy for
// the README, and writes bench/results/latest.json. Exit code 0 even on a MISS: a timing on a
// shared machine is a measurement, not a gate (the size budget is gated by `npm test`).
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { embedSizes } from '../scripts/check-size.mjs';
import { call, seedThread, settle } from './lib/api.mjs';
import { flagList, hasFlag, numberFlag, stringFlag } from './lib/args.mjs';
import { CONNECTIONS, load } from './lib/load.mjs';
import { cpuPlan, cpuStall, cpuTimeMs, pin } from './lib/machine.mjs';
import { fmt, markdownTable, median, textTable } from './lib/report.mjs';
import { ROOT, rssMb, startBare, startFootnote, tempDir } from './lib/servers.mjs';
import { judge } from './run/budgets.mjs';
import { COUNT_THREADS, LIST_THREAD, SCENARIOS } from './run/scenarios.mjs';

const duration = numberFlag('duration', 'BENCH_DURATION', 10);
const runs = Math.max(1, Math.round(numberFlag('runs', 'BENCH_RUNS', 3)));
const postsFlag = numberFlag('posts', 'BENCH_POSTS', 0);
const warmup = numberFlag('warmup', 'BENCH_WARMUP', 2);
// --only list,view measures a subset (bare is always measured: it is the yardstick);
// --profile writes a CPU profile of the server to bench/results/ (open it in Chrome DevTools).
const only = flagList('only');
const profile = hasFlag('profile');
// --server path/to/main.js measures another build (an experiment) instead of dist/server/main.js.
const entry = stringFlag('server') ?? undefined;
// --no-pin leaves CPU placement to the kernel (see cpuPlan for why the default pins).
const plan = hasFlag('no-pin') ? null : cpuPlan();
const PROBE_DISTINCT = 20_000;
const picked = SCENARIOS.filter((s) => s.kind !== 'ceiling' && (!only || only.includes(s.id)));
// The bare GET is always measured; another ceiling only when a picked scenario is judged by it.
const ceilings = new Set(['bare', ...picked.map((s) => s.yardstick).filter(Boolean)]);
const scenarios = SCENARIOS.filter((s) => (s.kind === 'ceiling' ? ceilings.has(s.id) : picked.includes(s)));

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
  const bare = await startBare({ cpu: plan?.server });
  servers.push(bare);
  const profileDir = join(ROOT, 'bench/results/profiles');
  const footnote = await startFootnote(tmp.db, {}, { entry, cpu: plan?.server, ...(profile ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] } : {}) });
  servers.push(footnote);
  console.log(`bench: footnote ${footnote.url} (pid ${footnote.pid}), bare ${bare.url}; ${CONNECTIONS} connections, ${duration} s, ${runs} run(s)`);
  console.log(plan ? `bench: servers pinned to CPU ${plan.server}, load generator to CPU ${plan.load}` : 'bench: not pinned to CPUs (--no-pin, one CPU, or no taskset)');

  await seedThread(footnote.url, LIST_THREAD, { total: 50, roots: 35 });
  for (const [i, t] of COUNT_THREADS.entries()) {
    await seedThread(footnote.url, t, { total: i + 1, roots: i + 1, seq: 100 + i * 10 });
    await call(footnote.url, 'POST', `/api/v1/threads/${t}/views`);
  }
  const rssIdle = rssMb(footnote.pid);
  // Warm-up: let both JITs settle before anything is measured. For the writes it doubles as
  // the probe that sizes their fixed amount of requests to about `duration` seconds.
  const amounts = {};
  for (const s of scenarios) {
    const target = s.target === 'bare' ? bare : footnote;
    if (!s.sized && warmup === 0) continue;
    await settle(target.url);
    // A scenario of distinct requests builds them in advance, so its probe is a fixed amount.
    const probeRequest = s.request({ run: 0, amount: PROBE_DISTINCT });
    const probe = await load({ url: target.url, duration: Math.max(warmup, 1), ...probeRequest, amount: probeRequest.distinct ? PROBE_DISTINCT : undefined });
    if (s.sized) amounts[s.id] = s.id === 'post' && postsFlag ? postsFlag : Math.max(500, Math.round(probe.rps * duration));
  }

  const perRun = [];
  const viewChecks = [];
  for (let run = 1; run <= runs; run++) {
    const results = {};
    for (const s of scenarios) {
      const target = s.target === 'bare' ? bare : footnote;
      await settle(target.url);
      const stall = cpuStall();
      const cpu0 = cpuTimeMs(target.pid);
      const r = await load({ url: target.url, duration, ...s.request({ run, amount: amounts[s.id] }) });
      r.cpuStall = stall.stop();
      // Server CPU per request (µs): the cost that other work on the machine does not change.
      r.cpuUs = cpu0 !== null && r.total ? ((cpuTimeMs(target.pid) - cpu0) * 1000) / r.total : null;
      r.rssMb = rssMb(footnote.pid);
      if (s.verify) {
        r.check = await s.verify({ url: footnote.url, run, result: r });
        viewChecks.push(r.check);
      }
      results[s.id] = r;
      const extra = r.check ? `, views ${r.check.counted} counted / ${r.check.sent} sent` : '';
      const odd = r.total - r.ok + r.errors;
      console.log(
        `  run ${run}/${runs} ${s.id.padEnd(7)} ${fmt.int(r.rps).padStart(7)} req/s  p50 ${fmt.ms(r.p50)}  p99 ${fmt.ms(r.p99)}  ` +
          `CPU ${fmt.int(r.cpuUs)} µs/req  RSS ${fmt.mb(r.rssMb)}  CPU stall ${fmt.pct(r.cpuStall)}${odd ? `  NOT 2xx: ${JSON.stringify(r.byStatus)} errors ${r.errors}` : ''}${extra}`,
      );
    }
    for (const s of scenarios) {
      results[s.id].ratio = results[s.id].rps / results[s.yardstick ?? 'bare'].rps;
      results[s.id].ratioGet = results[s.id].rps / results.bare.rps;
    }
    perRun.push(results);
  }
  const rssAfter = rssMb(footnote.pid);

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
      rssMb: s.target === 'bare' ? null : of('rssMb'),
      bytes: of('bytesPerAnswer'),
      cpuStall: of('cpuStall'),
      cpuUs: of('cpuUs'),
      notOk: perRun.reduce((a, r) => a + r[s.id].total - r[s.id].ok + r[s.id].errors, 0),
    };
  }
  const failed = Object.values(rows).reduce((a, r) => a + r.notOk, 0);
  const verdicts = judge({ rows, views: viewChecks, rssMb: rssAfter, embed, failed });

  const head = ['scenario', 'req/s', 'p50', 'p99', 'vs bare, same requests', 'vs bare GET', 'server CPU/req', 'server RSS', 'bytes/answer', 'not 2xx', 'CPU stall'];
  const tableRows = scenarios.map((s) => {
    const r = rows[s.id];
    return [r.name, fmt.int(r.rps), fmt.ms(r.p50), fmt.ms(r.p99), fmt.pct(r.ratio), fmt.pct(r.ratioGet), r.cpuUs === null ? '-' : `${fmt.int(r.cpuUs)} µs`, fmt.mb(r.rssMb), fmt.int(r.bytes), fmt.int(r.notOk), fmt.pct(r.cpuStall)];
  });
  const budgetHead = ['budget', 'target', 'measured', 'verdict'];
  const budgetRows = verdicts.map((v) => [v.budget, v.target, v.measured, v.pass ? 'PASS' : 'MISS']);
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, Node ${process.version}`;
  const placement = plan ? `server on CPU ${plan.server}, load on CPU ${plan.load}` : 'unpinned';
  const date = new Date().toISOString().slice(0, 10);

  console.log(`\nFootnote vs bare node:http — medians of ${runs} run(s), ${duration} s each, ${CONNECTIONS} connections (${date}, ${machine}; ${placement})\n`);
  console.log(textTable(head, tableRows));
  console.log(`\nserver RSS: ${fmt.mb(rssIdle)} idle after seeding, ${fmt.mb(rssAfter)} after all scenarios; embed.js ${fmt.kb(embed.raw)} raw, ${fmt.kb(embed.gzip)} gzip, ${fmt.kb(embed.brotli)} brotli\n`);
  console.log(textTable(budgetHead, budgetRows));
  const stalls = Object.values(rows).map((r) => r.cpuStall ?? 0);
  if (Math.max(...stalls) > 0.25) {
    console.log(
      `\nnote: CPU stall up to ${fmt.pct(Math.max(...stalls))} during the runs: other work competed for the CPUs (the server and the load generator ` +
        'alone keep it low). Rates are lower and p99 higher than on a quiet machine; ratios to bare are less affected but noisier.',
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
    `${JSON.stringify({ date: new Date().toISOString(), machine, placement, duration, runs, connections: CONNECTIONS, amounts, embed, rssIdleMb: rssIdle, rssAfterMb: rssAfter, medians: rows, budgets: verdicts, views: viewChecks, runsDetail: perRun }, null, 2)}\n`,
  );
  console.log(`\nbench: wrote ${out}${profile ? ` (CPU profile of the server in ${profileDir} once it stops)` : ''}`);
}

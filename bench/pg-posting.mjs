// Posting through one instance on PostgreSQL for a while, the rate and the instance's CPU per
// post printed per chunk: does posting hold as a story's day fills up and the comments table
// is analyzed? It did not once: in the cluster bench, past about 20,000 comments, after
// autovacuum had been at the table, the planner served the first-of-the-day check from an
// index that made each post filter the whole day's comments (docs/performance.md, "Many
// instances on PostgreSQL"). The check can now use only the commenter index. So as not to
// wait on autovacuum's timing, the run analyzes the table itself after `--analyze-after`
// chunks (0: never); that alone did not bring the old plan back, so this shows the rate
// holding, not the old fault.
//
//   npm run build && node bench/pg-posting.mjs [--chunks 12] [--chunk 4000] [--analyze-after 5]
//
// The instance is pinned like `bench/cluster.mjs` places it (the last CPU; the load on the
// others). PostgreSQL is FOOTNOTE_TEST_PG (default postgres://postgres@127.0.0.1:5432/postgres);
// the run creates a database of its own and drops it.
import process from 'node:process';
import pg from 'pg';
import { numberFlag } from './lib/args.mjs';
import { load } from './lib/load.mjs';
import { cpuPlan, cpuTimeMs, pin } from './lib/machine.mjs';
import { fmt } from './lib/report.mjs';
import { startFootnote, tempDir } from './lib/servers.mjs';
import { postRequest } from './run/scenarios.mjs';

const chunks = Math.max(1, Math.round(numberFlag('chunks', 'BENCH_CHUNKS', 12)));
const analyzeAfter = Math.max(0, Math.round(numberFlag('analyze-after', 'BENCH_ANALYZE_AFTER', 5)));
const chunk = Math.max(100, Math.round(numberFlag('chunk', 'BENCH_CHUNK', 4000)));
const ADMIN = process.env.FOOTNOTE_TEST_PG || 'postgres://postgres@127.0.0.1:5432/postgres';
const plan = cpuPlan();
const dbName = `footnote_bench_posting_${process.pid}`;

const admin = new pg.Client(ADMIN);
await admin.connect();
await admin.query(`create database ${dbName}`);
const tmp = tempDir();
const url = new URL(ADMIN);
url.pathname = `/${dbName}`;
let server;
try {
  if (plan) pin(process.pid, plan.load);
  server = await startFootnote(tmp.db, { FOOTNOTE_DATABASE_URL: url.href }, { cpu: plan?.server });
  const started = Date.now();
  console.log(`bench: ${fmt.int(chunks)} chunks of ${fmt.int(chunk)} posts through ${server.url} on PostgreSQL database ${dbName}`);
  // How often PostgreSQL has analyzed the comments table so far (autovacuum does, unasked).
  const stats = new pg.Client(url.href);
  await stats.connect();
  const analyzed = async () =>
    (await stats.query("select coalesce(sum(analyze_count + autoanalyze_count), 0)::int as n from pg_stat_user_tables where relname = 'comments'")).rows[0].n;
  let total = 0;
  for (let i = 0; i < chunks; i++) {
    const cpu = cpuTimeMs(server.pid);
    const r = await load({ url: server.url, ...postRequest(chunk) });
    total += r.ok;
    const perPost = cpu === null || r.ok === 0 ? null : (cpuTimeMs(server.pid) - cpu) / r.ok;
    console.log(
      `  ${String(Math.round((Date.now() - started) / 1000)).padStart(4)} s  ${fmt.int(total).padStart(8)} posts  ${fmt.int(r.rps).padStart(6)}/s  p99 ${fmt.ms(r.p99)}` +
        `  instance CPU ${perPost === null ? '?' : perPost.toFixed(2)} ms per 201  comments analyzed ${await analyzed()}×${r.total === r.ok ? '' : `  (${fmt.int(r.total - r.ok)} not 201)`}`,
    );
    if (i + 1 === analyzeAfter) {
      await stats.query('analyze comments');
      console.log('  ANALYZE comments');
    }
  }
  await stats.end();
} finally {
  await server?.stop();
  tmp.remove();
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
}

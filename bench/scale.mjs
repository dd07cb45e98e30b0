// Scale on one machine: a large site generated straight into SQLite, then the real server on it.
//
//   node bench/scale.mjs                      # 10,000 threads, 1,000,000 comments (build first)
//   node bench/scale.mjs --comments 200000    # a smaller site, for a quick look
//   node bench/scale.mjs --db /tmp/site.db    # generate into that file and keep it; a later run
//                                             # with the same --db reuses it (--keep keeps the
//                                             # temporary one instead)
//
// Prints the generation time, then rates and latencies (32 connections, autocannon) of listing,
// counting and posting on the big threads next to a bare Hono app (the yardstick), the cost of the
// first page of the biggest thread right after a post (its cached answer just dropped), the
// bytes on the wire of the first page of a 5,000-comment thread, and EXPLAIN QUERY PLAN of the
// hot queries with their time on this site. Results also go to bench/results/scale.json
// (scale-partial.json for another size or with --server).
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { call, settle } from './lib/api.mjs';
import { hasFlag, numberFlag, stringFlag } from './lib/args.mjs';
import { load } from './lib/load.mjs';
import { fmt, percentile, textTable } from './lib/report.mjs';
import { commentBody, newReader } from './lib/readers.mjs';
import { ROOT, rssMb, startBareHono, startFootnote, tempDir } from './lib/servers.mjs';
import { BIG_THREADS, generateSite, threadKey } from './scale/generate.mjs';
import { explainHotQueries } from './scale/plans.mjs';

const threads = numberFlag('threads', 'SCALE_THREADS', 10_000);
const comments = numberFlag('comments', 'SCALE_COMMENTS', 1_000_000);
const duration = numberFlag('duration', 'BENCH_DURATION', 10);
const posts = numberFlag('posts', 'BENCH_POSTS', 5_000);
const keep = hasFlag('keep');
// --server path/to/main.js measures another build (an experiment) instead of dist/server/main.js.
const entry = stringFlag('server') ?? undefined;
const dbFlag = stringFlag('db');
const tmp = dbFlag ? null : tempDir('footnote-scale-');
const dbFile = dbFlag ?? tmp.db;
const servers = [];

try {
  await main();
} catch (err) {
  console.error(`scale: ${err.stack ?? err}`);
  for (const s of servers) console.error(`--- ${s.name} output ---\n${s.log()}`);
  process.exitCode = 1;
} finally {
  await Promise.all(servers.map((s) => s.stop()));
  if (keep || dbFlag) console.log(`scale: kept ${dbFile}`);
  else tmp.remove();
}

async function main() {
  let generated = null;
  if (existsSync(dbFile)) {
    console.log(`scale: reusing ${dbFile} (${(statSync(dbFile).size / 2 ** 20).toFixed(0)} MB)`);
  } else {
    console.log(`scale: generating ${fmt.int(threads)} threads and ${fmt.int(comments)} comments into ${dbFile} …`);
    let last = 0;
    generated = generateSite(dbFile, {
      threads,
      comments,
      onProgress: (done, total) => {
        if (done - last >= total / 10 || done === total) {
          last = done;
          process.stdout.write(`  ${fmt.int(done)} / ${fmt.int(total)}\n`);
        }
      },
    });
    console.log(`scale: generated in ${generated.seconds.toFixed(1)} s, ${(statSync(dbFile).size / 2 ** 20).toFixed(0)} MB`);
  }
  const plans = explainHotQueries(dbFile, 'big-50k');

  const bare = await startBareHono();
  servers.push(bare);
  const footnote = await startFootnote(dbFile, {}, { entry });
  servers.push(footnote);
  const rssStart = rssMb(footnote.pid);
  const big = BIG_THREADS.map(([k]) => k);
  const siteThreads = Math.min(threads, generated?.threads ?? threads);
  let turn = 0;
  const nextThread = () => threadKey(turn++ % siteThreads);
  const someThreads = (n) => Array.from({ length: n }, () => threadKey(Math.floor(Math.random() * siteThreads)));
  const reader = newReader();

  const scenarios = [
    ['bare Hono GET (yardstick)', bare, { path: '/' }],
    ['list first page, 50k-comment thread (cached)', footnote, { path: '/api/v1/threads/big-50k/comments?sort=oldest', headers: reader }],
    ['list first page, 50k-comment thread, newest', footnote, { path: '/api/v1/threads/big-50k/comments?sort=newest', headers: reader }],
    [
      'list first page, every thread in turn (uncached)',
      footnote,
      { headers: reader, setupRequest: (req) => ({ ...req, path: `/api/v1/threads/${nextThread()}/comments?sort=oldest` }) },
    ],
    [
      'counts of 3 random threads',
      footnote,
      { headers: reader, setupRequest: (req) => ({ ...req, path: `/api/v1/counts?${someThreads(3).map((t) => `thread=${t}`).join('&')}` }) },
    ],
    [
      'counts of 50 random threads (a home page)',
      footnote,
      { headers: reader, setupRequest: (req) => ({ ...req, path: `/api/v1/counts?${someThreads(50).map((t) => `thread=${t}`).join('&')}` }) },
    ],
    ["thread's counts, 50k-comment thread", footnote, { path: '/api/v1/threads/big-50k', headers: reader }],
    [
      'post a comment into the big threads',
      footnote,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        amount: posts,
        setupRequest: (req) => {
          const seq = 5_000_000 + turn++;
          return {
            ...req,
            path: `/api/v1/threads/${big[seq % big.length]}/comments`,
            headers: { ...req.headers, ...newReader() },
            body: JSON.stringify({ author: `Reader ${seq}`, body: commentBody(seq), website: '', elapsedMs: 20_000 }),
          };
        },
      },
    ],
  ];

  // Warm both servers (JIT, page cache) for a second before measuring.
  await load({ url: bare.url, duration: 1, path: '/' });
  await load({ url: footnote.url, duration: 1, path: '/api/v1/threads/big-50k/comments?sort=oldest' });
  const rows = [];
  let bareRps = null;
  for (const [name, server, opts] of scenarios) {
    await settle(server.url);
    const r = await load({ url: server.url, duration, ...opts });
    if (server === bare) bareRps = r.rps;
    const notOk = r.total - r.ok + r.errors;
    rows.push({ name, ...r, ratio: r.rps / bareRps, rssMb: server === bare ? null : rssMb(footnote.pid), notOk });
    console.log(`  ${name}: ${fmt.int(r.rps)}/s p50 ${fmt.ms(r.p50)} p99 ${fmt.ms(r.p99)}${notOk ? ` NOT 2xx ${JSON.stringify(r.byStatus)}` : ''}`);
  }

  const cold = await coldFirstPage(footnote.url, 'big-50k', 40);
  const wire = await firstPageBytes(footnote.url, 'big-5k');
  const rssEnd = rssMb(footnote.pid);

  console.log(`\nFootnote on a large site: ${generated ? `${fmt.int(generated.threads)} threads, ${fmt.int(generated.comments)} comments` : dbFile}, ${duration} s per scenario, 32 connections\n`);
  if (generated) console.log(`generation: ${generated.seconds.toFixed(1)} s (one transaction per 10,000 rows)\n`);
  console.log(
    textTable(
      ['scenario', 'req/s', 'p50', 'p99', 'vs bare Hono GET', 'server RSS', 'bytes/answer', 'not 2xx'],
      rows.map((r) => [r.name, fmt.int(r.rps), fmt.ms(r.p50), fmt.ms(r.p99), fmt.pct(r.ratio), fmt.mb(r.rssMb), fmt.int(r.bytesPerAnswer), fmt.int(r.notOk)]),
    ),
  );
  console.log(
    `\nfirst page of big-50k right after a post (cache dropped, ${cold.samples} samples, one at a time): ` +
      `p50 ${fmt.ms(cold.p50)}, p99 ${fmt.ms(cold.p99)}, max ${fmt.ms(cold.max)}`,
  );
  console.log(
    `first page of big-5k (${wire.published} published comments): ${wire.roots} top-level comments and ${wire.replies} replies, ` +
      `${fmt.int(wire.bytes)} bytes on the wire (${fmt.int(wire.body)} body; ${fmt.int(wire.gzip)} gzip, ${fmt.int(wire.brotli)} brotli if a proxy compresses)`,
  );
  console.log(`server RSS: ${fmt.mb(rssStart)} at start, ${fmt.mb(rssEnd)} after all scenarios`);
  console.log('\nquery plans (EXPLAIN QUERY PLAN) on this site, thread big-50k; mean time per query:\n');
  for (const q of plans) console.log(`${q.name} — ${q.ms.toFixed(2)} ms\n  ${q.sql}\n${q.plan.map((l) => `    ${l}`).join('\n')}\n`);

  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  // Only the full-size site on the real build is "the" scale result; the rest goes aside.
  const full = threads === 10_000 && comments === 1_000_000 && !entry;
  const out = join(ROOT, full ? 'bench/results/scale.json' : 'bench/results/scale-partial.json');
  writeFileSync(out, `${JSON.stringify({ date: new Date().toISOString(), generated, duration, rows, cold, wire, rssStart, rssEnd, plans }, null, 2)}\n`);
  console.log(`scale: wrote ${out}`);
}

/**
 * The worst case of a busy thread: each new comment drops the cached first page, and the
 * next reader pays for the queries. Alternates one post and one timed GET, `n` times.
 */
async function coldFirstPage(base, thread, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    await call(base, 'POST', `/api/v1/threads/${thread}/comments`, { body: { author: 'Timer', body: commentBody(9_000_000 + i) } });
    const t0 = performance.now();
    await call(base, 'GET', `/api/v1/threads/${thread}/comments?sort=oldest`);
    times.push(performance.now() - t0);
  }
  return { samples: n, p50: percentile(times, 50), p99: percentile(times, 99), max: Math.max(...times) };
}

/** Size of the first page as sent (status line, headers and body), and compressed for reference. */
async function firstPageBytes(base, thread) {
  const res = await fetch(`${base}/api/v1/threads/${thread}/comments?sort=oldest`, { headers: newReader() });
  const body = Buffer.from(await res.arrayBuffer());
  const page = JSON.parse(body.toString());
  let head = `HTTP/1.1 ${res.status} OK\r\n`;
  for (const [k, v] of res.headers) head += `${k}: ${v}\r\n`;
  const count = (list) => list.reduce((a, c) => a + 1 + count(c.replies), 0);
  return {
    published: page.total,
    roots: page.comments.length,
    replies: count(page.comments) - page.comments.length,
    body: body.length,
    bytes: Buffer.byteLength(`${head}\r\n`) + body.length,
    gzip: gzipSync(body).length,
    brotli: brotliCompressSync(body).length,
  };
}

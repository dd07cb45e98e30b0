// Soak: a bounded, mixed load from a second process — zero 5xx, memory flat after warm-up.
//
//   node bench/soak.mjs                        # 60 s at 1,000 requests/s (build first)
//   node bench/soak.mjs --duration 45 --rate 1500
//
// Seeds 20 threads, then sends `rate × duration` requests at `rate` per second over 32
// connections: 50% comment lists, 15% counts of 3 threads, 10% a thread's counts, 20% views
// and 5% posts (views and posts from distinct readers, spread over the 20 threads, so posts
// keep dropping cached lists). Samples the server's RSS every 5 s and prints the series;
// "flat" means the last sample is within 15% of the one at 15 s. Then checks that every view
// answered 2xx was counted. Exit code 1 on a 5xx, a lost view or memory that keeps growing.
import process from 'node:process';
import { seedThread, threadCounts } from './lib/api.mjs';
import { numberFlag, stringFlag } from './lib/args.mjs';
import { load } from './lib/load.mjs';
import { commentBody, newReader } from './lib/readers.mjs';
import { fmt, textTable } from './lib/report.mjs';
import { rssMb, startFootnote, tempDir } from './lib/servers.mjs';

const duration = numberFlag('duration', 'SOAK_DURATION', 60);
const rate = numberFlag('rate', 'SOAK_RATE', 1000);
const THREADS = Array.from({ length: 20 }, (_, i) => `soak-${i}`);
const MIX = [
  ['list', 0.5],
  ['counts', 0.15],
  ['thread', 0.1],
  ['view', 0.2],
  ['post', 0.05],
];
const FLAT_WITHIN = 0.15;
// --server path/to/main.js measures another build (an experiment) instead of dist/server/main.js.
const entry = stringFlag('server') ?? undefined;

const tmp = tempDir('footnote-soak-');
let server = null;
try {
  await main();
} catch (err) {
  console.error(`soak: ${err.stack ?? err}`);
  if (server) console.error(`--- server output ---\n${server.log()}`);
  process.exitCode = 1;
} finally {
  await server?.stop();
  tmp.remove();
}

async function main() {
  server = await startFootnote(tmp.db, {}, { entry });
  for (const [i, t] of THREADS.entries()) await seedThread(server.url, t, { total: 10, roots: 7, seq: i * 100 });
  const viewsBefore = await Promise.all(THREADS.map(async (t) => (await threadCounts(server.url, t)).views));
  console.log(`soak: server ${server.url} (pid ${server.pid}); ${duration} s at ${fmt.int(rate)} requests/s, 32 connections`);

  const answers = Object.fromEntries(MIX.map(([k]) => [k, {}]));
  let seq = 2_000_000;
  const pick = () => {
    let r = Math.random();
    for (const [kind, share] of MIX) if ((r -= share) < 0) return kind;
    return MIX[0][0];
  };
  const thread = () => THREADS[Math.floor(Math.random() * THREADS.length)];
  const request = {
    setupRequest(req, context) {
      const kind = (context.kind = pick());
      const t = thread();
      const base = { ...req, method: 'GET', body: undefined, headers: { ...req.headers, ...newReader() } };
      switch (kind) {
        case 'list':
          return { ...base, path: `/api/v1/threads/${t}/comments?sort=oldest` };
        case 'counts':
          return { ...base, path: `/api/v1/counts?thread=${t}&thread=${thread()}&thread=${thread()}` };
        case 'thread':
          return { ...base, path: `/api/v1/threads/${t}` };
        case 'view':
          return { ...base, method: 'POST', path: `/api/v1/threads/${t}/views`, headers: { ...base.headers, 'content-type': 'application/json' }, body: '{}' };
        default: {
          const n = seq++;
          const body = JSON.stringify({ author: `Reader ${n}`, body: commentBody(n), website: '', elapsedMs: 20_000 });
          return { ...base, method: 'POST', path: `/api/v1/threads/${t}/comments`, headers: { ...base.headers, 'content-type': 'application/json' }, body };
        }
      }
    },
    onResponse(status, _body, context) {
      const by = answers[context.kind];
      by[status] = (by[status] ?? 0) + 1;
    },
  };

  const samples = [{ at: 0, rss: rssMb(server.pid) }];
  const t0 = Date.now();
  const timer = setInterval(() => samples.push({ at: Math.round((Date.now() - t0) / 1000), rss: rssMb(server.pid) }), 5000);
  let result;
  try {
    result = await load({ url: server.url, amount: Math.round(rate * duration), overallRate: rate, ...request });
  } finally {
    clearInterval(timer);
  }
  samples.push({ at: Math.round((Date.now() - t0) / 1000), rss: rssMb(server.pid) });

  // Views are written once a second; every served count includes the unwritten ones anyway.
  await new Promise((r) => setTimeout(r, 1500));
  const viewsAfter = await Promise.all(THREADS.map(async (t) => (await threadCounts(server.url, t)).views));
  const counted = viewsAfter.reduce((a, v, i) => a + v - viewsBefore[i], 0);
  const viewsOk = Object.entries(answers.view).filter(([s]) => s.startsWith('2')).reduce((a, [, n]) => a + n, 0);

  const fiveXx = Object.values(answers).reduce((a, by) => a + Object.entries(by).filter(([s]) => s >= '500').reduce((x, [, n]) => x + n, 0), 0);
  const warm = samples.find((s) => s.at >= 15) ?? samples[0];
  const last = samples.at(-1);
  const growth = warm.rss ? (last.rss - warm.rss) / warm.rss : null;

  console.log(`\nSoak: ${fmt.int(result.total)} requests in ${((Date.now() - t0) / 1000).toFixed(0)} s (${fmt.int(result.rps)}/s), p50 ${fmt.ms(result.p50)}, p99 ${fmt.ms(result.p99)}, socket errors ${result.errors}\n`);
  console.log(textTable(['request', 'answers by status'], MIX.map(([k]) => [k, JSON.stringify(answers[k])])));
  console.log(`\nserver RSS every 5 s: ${samples.map((s) => `${s.at}s ${s.rss?.toFixed(0)}`).join(', ')} (MB)`);
  const verdicts = [
    ['zero 5xx and zero socket errors', `${fiveXx} 5xx, ${result.errors} errors`, fiveXx === 0 && result.errors === 0],
    [`memory flat after warm-up (last within ${fmt.pct(FLAT_WITHIN)} of 15 s)`, `${fmt.mb(warm.rss)} at ${warm.at} s → ${fmt.mb(last.rss)} at ${last.at} s (${growth === null ? '-' : `${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%`})`, growth !== null && Math.abs(growth) <= FLAT_WITHIN],
    ['every view answered 2xx counted', `${fmt.int(counted)} counted / ${fmt.int(viewsOk)} answered`, counted === viewsOk],
  ];
  console.log(`\n${textTable(['check', 'measured', 'verdict'], verdicts.map(([a, b, ok]) => [a, b, ok ? 'PASS' : 'MISS']))}`);
  if (verdicts.some(([, , ok]) => !ok)) process.exitCode = 1;
}

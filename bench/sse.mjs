// Live connections: how many idle SSE readers one server holds, at what memory, and how long a
// new comment takes to reach all of them — Footnote next to a bare node:http SSE hub.
//
//   node bench/sse.mjs                         # 10,000 connections (build first)
//   node bench/sse.mjs --connections 2000 --workers 2 --no-bare
//
// For each server: opens N connections to GET /api/v1/threads/{thread}/events from `--workers`
// child processes (never from the server's process), reads the server's RSS with them open,
// posts one comment and measures when each connection received the `comment` event
// (p50/p99/max, from just before the POST). Then, for Footnote, asks for one connection more:
// past its bound (10,000 by default) the answer is 503. Every process holds a descriptor per
// connection, so servers and clients run with `ulimit -n` raised to the hard limit.
import process from 'node:process';
import { call } from './lib/api.mjs';
import { hasFlag, numberFlag, stringFlag } from './lib/args.mjs';
import { fmt, percentile, textTable } from './lib/report.mjs';
import { rssMb, startBare, startFootnote, tempDir } from './lib/servers.mjs';
import { Clients } from './sse/clients.mjs';

const total = Math.round(numberFlag('connections', 'SSE_CONNECTIONS', 10_000));
const workers = Math.max(1, Math.round(numberFlag('workers', 'SSE_WORKERS', 2)));
const withBare = !hasFlag('no-bare');
// --server path/to/main.js measures another build (an experiment) instead of dist/server/main.js.
const entry = stringFlag('server') ?? undefined;
const thread = 'bench-live';
const path = `/api/v1/threads/${thread}/events`;
const tmp = tempDir('footnote-sse-');
let current = null;

try {
  const results = [];
  if (withBare) results.push(await measure('bare node:http SSE (ceiling)', () => startBare({ script: 'bench/lib/bare-sse-server.mjs', raiseFdLimit: true })));
  results.push(await measure('Footnote', () => startFootnote(tmp.db, {}, { entry, raiseFdLimit: true }), { overBound: true }));
  print(results);
} catch (err) {
  console.error(`sse: ${err.stack ?? err}`);
  if (current) console.error(`--- server output ---\n${current.log()}`);
  process.exitCode = 1;
} finally {
  await current?.stop();
  tmp.remove();
}

async function measure(name, start, { overBound = false } = {}) {
  const server = (current = await start());
  const clients = new Clients(workers);
  try {
    await call(server.url, 'POST', `/api/v1/threads/${thread}/views`);
    const rssIdle = rssMb(server.pid);
    console.log(`sse: ${name} ${server.url}: opening ${fmt.int(total)} connections from ${workers} processes …`);
    const t0 = Date.now();
    const statuses = await clients.open(server.url, path, total);
    const open = statuses[200] ?? 0;
    const openSeconds = (Date.now() - t0) / 1000;
    console.log(`sse: ${fmt.int(open)} open in ${openSeconds.toFixed(1)} s; answers ${JSON.stringify(statuses)}`);
    // Let the garbage of the opening settle before reading the memory held per connection.
    await new Promise((r) => setTimeout(r, 3000));
    const rssOpen = rssMb(server.pid);

    const posted = performance.timeOrigin + performance.now();
    const res = await call(server.url, 'POST', `/api/v1/threads/${thread}/comments`, { body: { author: 'Desk', body: 'Live: the bridge reopens at six.' } });
    if (res.status !== 201) throw new Error(`posting answered ${res.status}`);
    const postMs = performance.timeOrigin + performance.now() - posted;
    const times = await clients.received(open, 30_000);
    const delays = times.map((t) => t - posted);
    const rssAfter = rssMb(server.pid);

    let extra = null;
    if (overBound) {
      const r = await fetch(`${server.url}${path}`, { headers: { accept: 'text/event-stream' } });
      extra = `${r.status} ${r.status === 200 ? '(stream)' : await r.text()}`;
      if (r.status === 200) await r.body?.cancel();
    }
    return { name, open, openSeconds, statuses, rssIdle, rssOpen, rssAfter, postMs, got: delays.length, p50: percentile(delays, 50), p99: percentile(delays, 99), max: delays.length ? Math.max(...delays) : null, extra };
  } finally {
    clients.close();
    await server.stop();
    current = null;
  }
}

function print(results) {
  console.log(`\nLive connections (SSE): ${fmt.int(total)} asked per server, ${workers} client processes\n`);
  console.log(
    textTable(
      ['server', 'open', 'RSS idle', 'RSS open', 'KB/conn', 'RSS after', 'POST 201 in', 'received', 'p50', 'p99', 'max'],
      results.map((r) => [
        r.name, fmt.int(r.open), fmt.mb(r.rssIdle), fmt.mb(r.rssOpen),
        r.open ? ((((r.rssOpen ?? 0) - (r.rssIdle ?? 0)) * 1024) / r.open).toFixed(1) : '-',
        fmt.mb(r.rssAfter), fmt.ms(r.postMs), fmt.int(r.got), fmt.ms(r.p50), fmt.ms(r.p99), fmt.ms(r.max),
      ]),
    ),
  );
  const f = results.at(-1);
  console.log(`\nFootnote, one connection more: ${f.extra}`);
  const verdict = f.open >= 10_000 ? (f.rssOpen < 300 ? 'PASS' : 'MISS') : `not measured (${fmt.int(f.open)} open)`;
  console.log(`target: 10,000 idle connections under 300 MB RSS: ${verdict} (${fmt.mb(f.rssOpen)})`);
}

// One load run with autocannon (from npm), reduced to the figures the tables print.
import autocannon from 'autocannon';

export const CONNECTIONS = 32;

/**
 * Drives `url` for `duration` seconds (or until `amount` requests) with `connections`
 * keep-alive connections. `setupRequest(req)` may rewrite each request (path, headers, body)
 * before it is sent: that is how one generator plays thousands of distinct readers;
 * `onResponse(status, body, context)` sees each answer. `overallRate` caps requests/s.
 */
export function load({ url, path = '/', method = 'GET', headers = {}, body, duration = 10, amount, connections = CONNECTIONS, setupRequest, onResponse, overallRate, distinct }) {
  if (distinct) return loadDistinct({ url, path, method, headers, body, amount, connections, distinct });
  const request = { method, path, headers, ...(body !== undefined ? { body } : {}), ...(setupRequest ? { setupRequest } : {}), ...(onResponse ? { onResponse } : {}) };
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        duration,
        ...(amount ? { amount } : {}),
        ...(overallRate ? { overallRate } : {}),
        requests: [request],
        timeout: 10,
        // autocannon notices the end of a fixed `amount` at its next sample: every 100 ms
        // rather than every second, or a 10 s run would count up to 1 s of idling.
        sampleInt: 100,
      },
      (err, result) => (err ? reject(err) : resolve(summarize(result))),
    );
  });
}

/**
 * `amount` requests that all differ (`distinct(n)` gives the n-th its headers, and may give
 * it a path and a body: a new reader each), over `connections` keep-alive connections. Every request is built before the
 * clock starts, one list per connection, each driven by its own single-connection autocannon
 * instance (their results merged with `autocannon.aggregateResult`). Building requests on the
 * fly with `setupRequest` cost the load generator about 25 µs per request, more than the
 * server's whole work on a view: the figure measured the generator, not the server.
 */
async function loadDistinct({ url, path, method, headers, body, amount, connections, distinct }) {
  if (!amount) throw new Error('loadDistinct needs an amount: each request is built in advance');
  const per = Math.ceil(amount / connections);
  let n = 0;
  const instances = [];
  for (let c = 0; c < connections; c++) {
    const requests = [];
    for (let i = 0; i < per; i++) {
      const extra = distinct(n++);
      requests.push({ method, path: extra.path ?? path, headers: { ...headers, ...extra.headers }, ...((extra.body ?? body) !== undefined ? { body: extra.body ?? body } : {}) });
    }
    instances.push({ url, connections: 1, amount: per, requests, timeout: 10, sampleInt: 100, skipAggregateResult: true });
  }
  // Constructing an instance builds its requests; the clock starts once all are built.
  const running = instances.map((opts) => autocannon(opts));
  const start = performance.now();
  const results = await Promise.all(running);
  const seconds = (performance.now() - start) / 1000;
  const merged = autocannon.aggregateResult(results, { url, connections });
  return { ...summarize({ ...merged, duration: seconds }), sent: per * connections };
}

/** What a run measured: rate over the run, latency percentiles (ms), answers by status. */
export function summarize(r) {
  const byStatus = {};
  for (const [code, { count }] of Object.entries(r.statusCodeStats ?? {})) byStatus[code] = Number(count);
  const total = Object.values(byStatus).reduce((a, b) => a + b, 0);
  return {
    rps: total / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    total,
    ok: Object.entries(byStatus).filter(([c]) => c.startsWith('2')).reduce((a, [, n]) => a + n, 0),
    byStatus,
    errors: r.errors,
    timeouts: r.timeouts,
    bytesPerAnswer: total ? Math.round(r.throughput.total / total) : 0,
  };
}

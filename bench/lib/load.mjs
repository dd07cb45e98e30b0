// Load runs with autocannon (from npm), reduced to the figures the tables print. A run can be
// cut into slices (`loadSlice`) whose results merge into one (`merge`): rates over the summed
// time, latency percentiles from the merged histograms.
import autocannon from 'autocannon';

export const CONNECTIONS = 32;

/**
 * Drives `url` for `duration` seconds (or until `amount` requests) with `connections`
 * keep-alive connections, and summarizes. See `loadSlice` for the options.
 */
export async function load(options) {
  return merge([await loadSlice(options)], options);
}

/**
 * One slice of load, unsummarized: `{ raw, seconds, sent? }`. `setupRequest(req)` may rewrite
 * each request (path, headers, body) before it is sent; `onResponse(status, body, context)`
 * sees each answer; `overallRate` caps requests/s; `distinct` builds every request in advance
 * (see loadDistinct).
 */
export function loadSlice({ url, path = '/', method = 'GET', headers = {}, body, duration = 10, amount, connections = CONNECTIONS, setupRequest, onResponse, overallRate, distinct }) {
  if (distinct) return loadDistinct({ url, path, method, headers, body, amount, connections, distinct });
  const request = { method, path, headers, ...(body !== undefined ? { body } : {}), ...(setupRequest ? { setupRequest } : {}), ...(onResponse ? { onResponse } : {}) };
  return new Promise((resolve, reject) => {
    const start = performance.now();
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
        skipAggregateResult: true,
      },
      (err, result) => (err ? reject(err) : resolve({ raw: [result], seconds: (performance.now() - start) / 1000 })),
    );
  });
}

/**
 * `amount` requests that all differ (`distinct(n)` gives the n-th its headers, and may give
 * it a path and a body: a new reader each), over `connections` keep-alive connections. Every
 * request is built before the clock starts, one list per connection, each driven by its own
 * single-connection autocannon instance. Building requests on the fly with `setupRequest`
 * costs the load generator more than the server's whole work on a view: the figure would
 * measure the generator, not the server.
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
  const raw = await Promise.all(running);
  return { raw, seconds: (performance.now() - start) / 1000, sent: per * connections };
}

/** Several slices of one scenario as one result (see `summarize`); `sent` adds up. */
export function merge(slices, { url, connections = CONNECTIONS }) {
  // aggregateResult adds the status counts into the first result's own object: merge copies,
  // so a slice can take part in two merges (a yardstick's row and one pairing).
  const raw = slices.flatMap((s) => s.raw).map((r) => ({ ...r, statusCodeStats: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([code, v]) => [code, { ...v }])) }));
  const merged = autocannon.aggregateResult(raw, { url, connections });
  const seconds = slices.reduce((a, s) => a + s.seconds, 0);
  const sent = slices.every((s) => s.sent !== undefined) ? slices.reduce((a, s) => a + s.sent, 0) : undefined;
  return { ...summarize({ ...merged, duration: seconds }), ...(sent !== undefined ? { sent } : {}) };
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

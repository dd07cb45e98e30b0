// One load run with autocannon (from npm), reduced to the figures the tables print.
import autocannon from 'autocannon';

export const CONNECTIONS = 32;

/**
 * Drives `url` for `duration` seconds (or until `amount` requests) with `connections`
 * keep-alive connections. `setupRequest(req)` may rewrite each request (path, headers, body)
 * before it is sent: that is how one generator plays thousands of distinct readers;
 * `onResponse(status, body, context)` sees each answer. `overallRate` caps requests/s.
 */
export function load({ url, path = '/', method = 'GET', headers = {}, body, duration = 10, amount, connections = CONNECTIONS, setupRequest, onResponse, overallRate }) {
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
      },
      (err, result) => (err ? reject(err) : resolve(summarize(result))),
    );
  });
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

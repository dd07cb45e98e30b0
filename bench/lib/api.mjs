// Small fetch helpers for setting up a benchmark through the public API, as a reader would.
import { commentBody, newReader } from './readers.mjs';

/** Calls the API and returns `{ status, json }`; throws on a 5xx (a setup step must not fail). */
export async function call(base, method, path, { body, headers = {} } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...newReader(), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  if (res.status >= 500) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

/**
 * Seeds `thread` with `total` published comments through the API: the first `roots` are
 * top-level, the rest are replies spread over the first roots (as discussions go: the early
 * comments draw the replies). Returns the ids of the roots.
 */
export async function seedThread(base, thread, { total = 50, roots = 35, seq = 0 } = {}) {
  const path = `/api/v1/threads/${encodeURIComponent(thread)}/comments`;
  const rootIds = [];
  for (let i = 0; i < total; i++) {
    const parentId = i < roots ? null : rootIds[(i - roots) % Math.min(10, rootIds.length)];
    const { status, json } = await call(base, 'POST', path, {
      body: { author: `Reader ${i + 1}`, body: commentBody(seq + i), ...(parentId ? { parentId } : {}) },
    });
    if (status !== 201) throw new Error(`seeding ${thread}: POST answered ${status}: ${JSON.stringify(json)}`);
    if (json.comment.status !== 'published') throw new Error(`seeding ${thread}: comment held as ${json.comment.status}`);
    if (i < roots) rootIds.push(json.comment.id);
  }
  return rootIds;
}

/** The thread's counts as served (views include those not yet written to disk). */
export async function threadCounts(base, thread) {
  const { json } = await call(base, 'GET', `/api/v1/threads/${encodeURIComponent(thread)}`);
  return json;
}

/**
 * Waits until the server has answered everything queued before: a request sent now is
 * answered after the backlog a finished load run may leave, so the next run starts clean.
 */
export async function settle(base) {
  await fetch(`${base}/healthz`).then((r) => r.arrayBuffer());
}

// The scenarios of `npm run bench`, in the order each run measures them. Each one says where
// its load goes (`hono`: the bare Hono yardstick, `node`: bare node:http, `footnote`), what
// requests to send, which yardstick its ratio is taken against, and, for views, how to check
// afterwards that nothing was lost or counted twice.
import { commentBody, newReader } from '../lib/readers.mjs';
import { threadCounts } from '../lib/api.mjs';

export const LIST_THREAD = 'bench-list';
/** The thread a listing page's badges ask about that has views and comments. */
export const SEEN_THREAD = 'bench-seen';
/** Threads nobody has opened yet (new articles on a home page): never seeded, never viewed. */
export const UNSEEN_THREADS = ['bench-new-1', 'bench-new-2'];
export const POST_THREAD = 'bench-posts';

const json = { 'content-type': 'application/json' };
let postSeq = 1_000_000;

/** What the widget sends on a page load, from a new reader each time (built in advance: see loadDistinct). */
export const viewRequest = (thread, amount) => ({
  method: 'POST',
  path: `/api/v1/threads/${thread}/views`,
  amount,
  headers: json,
  body: JSON.stringify({ title: 'Bench: views', url: 'https://news.example.com/bench/views' }),
  distinct: () => ({ headers: newReader() }),
});

/** What the widget sends to post, from a new reader each time, with a body nobody posted before. */
function newPost() {
  const seq = postSeq++;
  return { headers: newReader(), body: JSON.stringify({ author: `Reader ${seq}`, body: commentBody(seq), website: '', elapsedMs: 20_000 }) };
}

/** New readers' comments, built in advance (see loadDistinct). */
export const postRequest = (amount) => ({
  method: 'POST',
  path: `/api/v1/threads/${POST_THREAD}/comments`,
  headers: json,
  amount,
  distinct: newPost,
});

/**
 * `kind` decides the budgets that apply (bench/run/budgets.mjs): `ceiling` (a bare server,
 * no budget), `read`, `view`, `post`. `yardstick` names the ceiling the scenario's ratio is
 * taken against; `paired` measures the scenario in alternation with it (bench/run.mjs), so
 * the ratio compares two figures taken under the same conditions. Reads send one fixed reader: a page's readers all ask the same question and
 * the answer does not depend on who asks.
 *
 * Writes are `sized`: they send a fixed `amount` of requests (sized by a short probe to last
 * about the run's duration) instead of stopping on the clock, because a run stopped on the
 * clock abandons the requests in flight, and those would be views the server counted but the
 * load generator never saw answered.
 */
export const SCENARIOS = [
  {
    id: 'hono',
    name: 'bare Hono GET (yardstick)',
    kind: 'ceiling',
    target: 'hono',
    request: () => ({ path: '/api/v1/threads/x/comments' }),
  },
  {
    id: 'node',
    name: 'bare node:http GET (information)',
    kind: 'ceiling',
    target: 'node',
    yardstick: 'hono',
    paired: true,
    request: () => ({ path: '/api/v1/threads/x/comments' }),
  },
  {
    id: 'list',
    name: 'list first page (50 comments)',
    kind: 'read',
    target: 'footnote',
    yardstick: 'hono',
    paired: true,
    // What the widget asks on load: the oldest-first page (20 top-level comments, their replies).
    request: () => ({ path: `/api/v1/threads/${LIST_THREAD}/comments?sort=oldest`, headers: newReader() }),
  },
  {
    id: 'counts',
    name: 'counts of 3 threads, 2 never seen',
    kind: 'read',
    target: 'footnote',
    yardstick: 'hono',
    paired: true,
    request: () => ({ path: `/api/v1/counts?${[SEEN_THREAD, ...UNSEEN_THREADS].map((t) => `thread=${t}`).join('&')}`, headers: newReader() }),
  },
  {
    id: 'hono-post',
    name: 'bare Hono POST, the view requests (yardstick)',
    kind: 'ceiling',
    target: 'hono',
    yardstick: 'hono',
    // The same requests as `view`, to the bare Hono app, which reads each JSON body: what a
    // Hono app that does nothing else answers. The view rate is judged against it.
    sized: true,
    request: ({ amount }) => viewRequest('bare', amount),
  },
  {
    id: 'view',
    name: 'record a view (distinct readers)',
    kind: 'view',
    target: 'footnote',
    yardstick: 'hono-post',
    paired: true,
    // A fresh thread per run, so "views counted" starts at zero and is exactly what we sent.
    sized: true,
    request: ({ run, amount }) => viewRequest(`bench-views-${run}`, amount),
    /**
     * After a flush: every view answered 2xx is counted, and none twice: the count lies
     * between the views acknowledged and the requests sent (a request whose answer the load
     * generator gave up on may have been counted; it must not be counted twice).
     */
    async verify({ url, run, result }) {
      await new Promise((r) => setTimeout(r, 1500));
      const counted = (await threadCounts(url, `bench-views-${run}`)).views;
      return { sent: result.sent, acknowledged: result.ok, counted };
    },
  },
  {
    id: 'post',
    name: 'post a comment (distinct readers)',
    kind: 'post',
    target: 'footnote',
    yardstick: 'hono-post',
    sized: true,
    request: ({ amount }) => ({
      method: 'POST',
      path: `/api/v1/threads/${POST_THREAD}/comments`,
      headers: json,
      amount,
      setupRequest: (req) => {
        const post = newPost();
        Object.assign(req.headers, post.headers);
        req.body = post.body;
        return req;
      },
    }),
  },
];

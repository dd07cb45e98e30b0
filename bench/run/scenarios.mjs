// The scenarios of `npm run bench`, in the order each run measures them. Each one says where
// its load goes (`bare` or `footnote`), what requests to send, and, for views, how to check
// afterwards that nothing was lost.
import { commentBody, newReader } from '../lib/readers.mjs';
import { threadCounts } from '../lib/api.mjs';

export const LIST_THREAD = 'bench-list';
export const COUNT_THREADS = ['bench-a', 'bench-b', 'bench-c'];
export const POST_THREAD = 'bench-posts';

const json = { 'content-type': 'application/json' };
let postSeq = 1_000_000;

/**
 * `kind` decides the budgets that apply: `read` (≥ 50% of bare, p99 < 15 ms), `view`
 * (≥ 50% of bare, zero lost), `post` (≥ 1,500/s). `yardstick` names the ceiling a scenario's
 * ratio is taken against: the bare server answering the same requests; without one, the bare
 * server answering a GET (`bare`). Reads send one fixed reader: a page's
 * readers are all asking the same question and the answer does not depend on who asks.
 *
 * Writes are `sized`: they send a fixed `amount` of requests (sized by a short probe to last
 * about the run's duration) instead of stopping on the clock, because a run stopped on the
 * clock abandons the requests in flight, and those would be views the server counted but the
 * load generator never saw answered.
 */
/** What the widget sends on a page load, from a new reader each time (built in advance: see loadDistinct). */
const viewRequest = (thread, amount) => ({
  method: 'POST',
  path: `/api/v1/threads/${thread}/views`,
  amount,
  headers: json,
  body: JSON.stringify({ title: 'Bench: views', url: 'https://news.example.com/bench/views' }),
  distinct: () => ({ headers: newReader() }),
});

export const SCENARIOS = [
  {
    id: 'bare',
    name: 'bare node:http (ceiling)',
    kind: 'ceiling',
    target: 'bare',
    request: () => ({ path: '/api/v1/threads/x/comments' }),
  },
  {
    id: 'list',
    name: 'list first page (50 comments)',
    kind: 'read',
    target: 'footnote',
    // What the widget asks on load: the oldest-first page (20 top-level comments, their replies).
    request: () => ({ path: `/api/v1/threads/${LIST_THREAD}/comments?sort=oldest`, headers: newReader() }),
  },
  {
    id: 'counts',
    name: 'counts of 3 threads',
    kind: 'read',
    target: 'footnote',
    request: () => ({ path: `/api/v1/counts?${COUNT_THREADS.map((t) => `thread=${t}`).join('&')}`, headers: newReader() }),
  },
  {
    id: 'thread',
    name: "thread's counts",
    kind: 'read',
    target: 'footnote',
    request: () => ({ path: `/api/v1/threads/${LIST_THREAD}`, headers: newReader() }),
  },
  {
    id: 'bare-view',
    name: 'bare node:http, the view requests',
    kind: 'ceiling',
    target: 'bare',
    // The same requests as `view`, to the bare server: what this load generator can send and
    // a server that does nothing can answer. The view rate is judged against it.
    sized: true,
    request: ({ amount }) => viewRequest('bare', amount),
  },
  {
    id: 'view',
    name: 'record a view (distinct readers)',
    kind: 'view',
    target: 'footnote',
    yardstick: 'bare-view',
    // A fresh thread per run, so "views counted" starts at zero and is exactly what we sent.
    sized: true,
    request: ({ run, amount }) => viewRequest(`bench-views-${run}`, amount),
    /** After a flush: every 2xx answer must be one view counted, no more, no less. */
    async verify({ url, run, result }) {
      await new Promise((r) => setTimeout(r, 1500));
      const counted = (await threadCounts(url, `bench-views-${run}`)).views;
      return { sent: result.ok, counted, lost: result.ok - counted };
    },
  },
  {
    id: 'post',
    name: 'post a comment (distinct readers)',
    kind: 'post',
    target: 'footnote',
    sized: true,
    request: ({ amount }) => ({
      method: 'POST',
      path: `/api/v1/threads/${POST_THREAD}/comments`,
      headers: json,
      amount,
      // What the widget sends, from a new reader each time, with a body nobody posted before.
      setupRequest: (req) => {
        Object.assign(req.headers, newReader());
        const seq = postSeq++;
        req.body = JSON.stringify({ author: `Reader ${seq}`, body: commentBody(seq), website: '', elapsedMs: 20_000 });
        return req;
      },
    }),
  },
];

// Generates a realistic large site straight into a SQLite file, with the project's own
// migrations (so the schema and indexes are exactly the server's), bulk-inserted in
// transactions of 10,000 rows. Deterministic: the same options give the same site.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { ROOT } from '../lib/servers.mjs';

/** The few very large threads a viral story makes, by key; the rest share what is left. */
export const BIG_THREADS = [
  ['big-5k', 5_500],
  ['big-10k', 10_000],
  ['big-25k', 25_000],
  ['big-50k', 50_000],
];

const BATCH = 10_000;
const START = Date.UTC(2024, 0, 1);
const WORDS = (
  'the a council budget minister said would rise next year while residents asked why buses stopped ' +
  'running late at night and whether report published on tuesday explains costs schools roads housing ' +
  'rents police river bridge election mayor vote climate flood summer winter market prices jobs strike'
).split(' ');

/** mulberry32: a tiny seeded PRNG, so a run can be repeated exactly. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Comments per thread: the big threads exactly, the others heavy-tailed (log-normal, as
 * real sites are: most articles get a handful, a few get hundreds), summing to `comments`.
 */
function threadSizes(threads, comments, rand) {
  // A small site for a quick look gets proportionally smaller big threads (a tenth of it).
  const full = BIG_THREADS.slice(0, Math.min(BIG_THREADS.length, threads));
  const shrink = Math.min(1, (comments * 0.1) / full.reduce((a, [, n]) => a + n, 0));
  const big = full.map(([k, n]) => [k, Math.floor(n * shrink)]);
  const bigTotal = big.reduce((a, [, n]) => a + n, 0);
  const rest = threads - big.length;
  const weights = Array.from({ length: rest }, () => {
    const gauss = Math.sqrt(-2 * Math.log(rand() || 1e-9)) * Math.cos(2 * Math.PI * rand());
    return Math.exp(1.3 * gauss);
  });
  const sum = weights.reduce((a, b) => a + b, 0);
  const left = Math.max(0, comments - bigTotal);
  const sizes = weights.map((w) => Math.floor((w / sum) * left));
  // Hand out the rounding remainder one by one.
  for (let i = 0, short = left - sizes.reduce((a, b) => a + b, 0); short > 0; i = (i + 1) % rest, short--) sizes[i]++;
  return [...big.map(([, n]) => n), ...sizes];
}

const threadKey = (i) => (i < BIG_THREADS.length ? BIG_THREADS[i][0] : `article-${String(i).padStart(5, '0')}`);

/**
 * Writes the site into `file` (which must not exist yet). Returns counts and timings.
 * Comments are interleaved across threads in time order, as on a live site, so a thread's
 * rows are scattered through the table (contiguous rows would flatter every query).
 */
export function generateSite(file, { threads = 10_000, comments = 1_000_000, seed = 7, onProgress = () => {} } = {}) {
  const t0 = Date.now();
  const rand = prng(seed);
  const sqlite = new Database(file);
  migrate(drizzle(sqlite), { migrationsFolder: join(ROOT, 'migrations') });
  // Bulk-load settings for this one-off write; the server reopens it in WAL mode.
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('foreign_keys = OFF');

  const sizes = threadSizes(threads, comments, rand);
  const total = sizes.reduce((a, b) => a + b, 0);
  // Which thread each comment (in time order) belongs to: every thread's share, shuffled.
  const owner = new Int32Array(total);
  for (let t = 0, at = 0; t < sizes.length; t++) owner.fill(t, at, (at += sizes[t]));
  for (let i = total - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const x = owner[i];
    owner[i] = owner[j];
    owner[j] = x;
  }

  const published = new Int32Array(sizes.length);
  const rootOf = new Int32Array(total + 1);
  const byThread = Array.from({ length: sizes.length }, () => []);
  const insert = sqlite.prepare(
    `insert into comments (id, thread_id, parent_id, root_id, author, email, body, html, status, featured, reactions, reader, created_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const writeBatch = sqlite.transaction((from, to) => {
    for (let i = from; i < to; i++) {
      const id = i + 1;
      const t = owner[i];
      const mine = byThread[t];
      // About 40% are replies, to an earlier comment of the same thread (recent ones more often).
      let parent = null;
      if (mine.length > 0 && rand() < 0.4) parent = mine[Math.max(0, mine.length - 1 - Math.floor(mine.length * rand() ** 3))];
      const root = parent === null ? id : rootOf[parent];
      rootOf[id] = root;
      mine.push(id);
      const r = rand();
      const status = r < 0.95 ? 'published' : r < 0.97 ? 'pending' : r < 0.99 ? 'spam' : 'rejected';
      if (status === 'published') published[t]++;
      const words = [];
      for (let n = 8 + Math.floor(rand() ** 2 * 90); n > 0; n--) words.push(WORDS[Math.floor(rand() * WORDS.length)]);
      const body = `${words.join(' ')}.`;
      const reactions = rand() < 0.7 ? 0 : Math.floor(rand() ** 4 * 200);
      insert.run(
        id, t + 1, parent, root, `Reader ${Math.floor(rand() * 200_000)}`,
        rand() < 0.3 ? `reader${Math.floor(rand() * 200_000)}@example.com` : null,
        body, `<p>${body}</p>`, status, rand() < 0.002 ? 1 : 0, reactions,
        Math.floor(rand() * 2 ** 52).toString(36).padStart(11, '0') + Math.floor(rand() * 2 ** 52).toString(36).padStart(11, '0'),
        START + i * 30_000 + Math.floor(rand() * 30_000),
      );
    }
  });

  const insertThread = sqlite.prepare('insert into threads (id, key, title, url, views, published_count, created_at) values (?, ?, ?, ?, ?, 0, ?)');
  sqlite.transaction(() => {
    for (let t = 0; t < sizes.length; t++) {
      const key = threadKey(t);
      insertThread.run(t + 1, key, `Article ${t}`, `https://news.example.com/${key}`, sizes[t] * 20 + Math.floor(rand() * 1000), START);
    }
  })();
  for (let from = 0; from < total; from += BATCH) {
    writeBatch(from, Math.min(total, from + BATCH));
    onProgress(Math.min(total, from + BATCH), total);
  }
  // The maintained counter must match the rows, as the server keeps it.
  const setCount = sqlite.prepare('update threads set published_count = ? where id = ?');
  sqlite.transaction(() => {
    for (let t = 0; t < sizes.length; t++) setCount.run(published[t], t + 1);
  })();
  sqlite.pragma('journal_mode = WAL');
  sqlite.close();
  return { threads: sizes.length, comments: total, bigThreads: BIG_THREADS.slice(0, sizes.length).map(([k], i) => [k, sizes[i]]), seconds: (Date.now() - t0) / 1000 };
}

export { threadKey };

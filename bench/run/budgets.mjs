// The performance budgets of `npm run bench` (README, "Performance"), judged on the medians of
// the runs. Rates are judged as ratios to the bare Hono app measured in the same run.
import { CONNECTIONS } from '../lib/load.mjs';
import { fmt } from '../lib/report.mjs';
import { EMBED_BUDGET_BYTES } from '../../scripts/check-size.mjs';

export const BUDGET = {
  readRatio: 0.5,
  viewRatio: 0.4,
  postsPerSec: 1500,
  readP99Ms: 15,
  memoryViews: 200_000,
  rssMib: 150,
  // The same budget as scripts/check-size.mjs (one number: import it).
  embedBrotliBytes: EMBED_BUDGET_BYTES,
};

/**
 * One line per budget: `{ budget, target, measured, pass }`. `rows` are the scenario medians
 * by id; `views` the counting checks of every run (`{ sent, acknowledged, counted }`);
 * `memory` what the memory phase measured (the same, and `rssMib`), or null when it did not run; `posts` the on-disk check
 * (`{ acknowledged, onDisk }`), or null; `failed` the non-2xx answers and errors of all scenarios.
 */
export function judge({ rows, views, memory, posts, embed, failed }) {
  const out = [];
  const add = (budget, target, measured, pass) => out.push({ budget, target, measured, pass });
  const reads = ['list', 'counts'].filter((id) => rows[id]);
  for (const id of reads) {
    const r = rows[id];
    add(`${r.name}: rate`, `≥ ${fmt.pct(BUDGET.readRatio)} of bare Hono GET`, `${fmt.pct(r.ratio)} (${fmt.int(r.rps)}/s; by CPU ${fmt.pct(r.ratioCpu)})`, r.ratio >= BUDGET.readRatio);
  }
  if (reads.length) {
    const worst = Math.max(...reads.map((id) => rows[id].p99));
    add(`p99 of reads, ${CONNECTIONS} connections`, `< ${BUDGET.readP99Ms} ms`, reads.map((id) => `${id} ${fmt.ms(rows[id].p99)}`).join(', '), worst < BUDGET.readP99Ms);
  }
  const v = rows.view;
  if (v) {
    const same = rows['hono-post'];
    add(
      `${v.name}: rate`,
      `≥ ${fmt.pct(BUDGET.viewRatio)} of bare Hono POST`,
      `${fmt.pct(v.ratio)} (${fmt.int(v.rps)}/s of ${same ? fmt.int(same.rps) : '?'}/s; by CPU ${fmt.pct(v.ratioCpu)})`,
      v.ratio >= BUDGET.viewRatio,
    );
    add(
      'every acknowledged view counted, none twice',
      '2xx ≤ counted ≤ sent',
      views.map(viewCheckText).join('; '),
      views.length > 0 && views.every(viewCheckPasses),
    );
  }
  const p = rows.post;
  if (p) add(`${p.name}: rate`, `≥ ${fmt.int(BUDGET.postsPerSec)}/s`, `${fmt.int(p.rps)}/s`, p.rps >= BUDGET.postsPerSec);
  if (posts) {
    add(
      'every 201 on disk (server killed with SIGKILL, then the file read)',
      'on disk = 201s',
      `${fmt.int(posts.onDisk)} on disk / ${fmt.int(posts.acknowledged)} acknowledged`,
      posts.onDisk === posts.acknowledged && posts.acknowledged > 0,
    );
  }
  if (memory) {
    add(
      `server RSS after ${fmt.int(memory.sent)} distinct readers' views`,
      `< ${BUDGET.rssMib} MiB`,
      `${fmt.mb(memory.rssMib)} (${viewCheckText(memory)}${memory.sent < BUDGET.memoryViews ? `; judged at ${fmt.int(BUDGET.memoryViews)} views or more` : ''})`,
      memory.rssMib !== null && memory.rssMib < BUDGET.rssMib && viewCheckPasses(memory) && memory.sent >= BUDGET.memoryViews,
    );
  }
  add('answers other than 2xx, and socket errors', '0', fmt.int(failed), failed === 0);
  add('embed.js brotli', `< ${fmt.kb(BUDGET.embedBrotliBytes)}`, fmt.kb(embed.brotli), embed.brotli <= BUDGET.embedBrotliBytes);
  return out;
}

/** Every view answered 2xx counted, none twice: acknowledged ≤ counted ≤ sent. */
const viewCheckPasses = (c) => c.acknowledged <= c.counted && c.counted <= c.sent;

const viewCheckText = (c) =>
  c.acknowledged === c.sent ? `${fmt.int(c.counted)} counted / ${fmt.int(c.acknowledged)} acknowledged` : `${fmt.int(c.counted)} counted, ${fmt.int(c.acknowledged)} acknowledged of ${fmt.int(c.sent)} sent`;

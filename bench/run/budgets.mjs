// The budgets of issue 7 (and issue 4's view target), judged on the medians of the runs.
import { fmt } from '../lib/report.mjs';

export const BUDGET = {
  readRatio: 0.5,
  viewRatio: 0.5,
  postsPerSec: 1500,
  readP99Ms: 15,
  rssMb: 150,
  embedBrotliBytes: 15 * 1024,
};

/**
 * One line per budget: `{ budget, target, measured, pass }`. `rows` are the scenario medians
 * by id; `views` the lost-increment checks of every run; `rssMb` the server's RSS after the
 * last scenario of the last run; `failed` the non-2xx answers and errors of all scenarios.
 */
export function judge({ rows, views, rssMb, embed, failed }) {
  const out = [];
  const add = (budget, target, measured, pass) => out.push({ budget, target, measured, pass });
  for (const id of ['list', 'counts', 'thread'].filter((id) => rows[id])) {
    const r = rows[id];
    add(`${r.name}: rate`, `≥ ${fmt.pct(BUDGET.readRatio)} of bare`, `${fmt.pct(r.ratio)} (${fmt.int(r.rps)}/s)`, r.ratio >= BUDGET.readRatio);
    add(`${r.name}: p99`, `< ${BUDGET.readP99Ms} ms`, fmt.ms(r.p99), r.p99 < BUDGET.readP99Ms);
  }
  const v = rows.view;
  if (v) {
    // Judged against the bare server answering the same requests (what the load generator can
    // drive at all); the ratio to the bare GET is printed too, and judged the same way, since a
    // reader of the issue may take "the rate a bare server reaches" to mean that one.
    const same = rows['bare-view'];
    add(
      `${v.name}: rate`,
      `≥ ${fmt.pct(BUDGET.viewRatio)} of bare, same requests`,
      `${fmt.pct(v.ratio)} (${fmt.int(v.rps)}/s of ${same ? fmt.int(same.rps) : '?'}/s)`,
      v.ratio >= BUDGET.viewRatio,
    );
    add(`${v.name}: rate`, `≥ ${fmt.pct(BUDGET.viewRatio)} of bare GET`, `${fmt.pct(v.ratioGet)} (${fmt.int(v.rps)}/s of ${fmt.int(rows.bare.rps)}/s)`, v.ratioGet >= BUDGET.viewRatio);
    const lost = views.reduce((a, c) => a + Math.abs(c.lost), 0);
    add(
      'views lost under concurrency',
      '0',
      views.map((c) => `${fmt.int(c.counted)} counted / ${fmt.int(c.sent)} sent`).join('; '),
      lost === 0 && views.length > 0,
    );
  }
  const p = rows.post;
  if (p) add(`${p.name}: rate`, `≥ ${fmt.int(BUDGET.postsPerSec)}/s`, `${fmt.int(p.rps)}/s`, p.rps >= BUDGET.postsPerSec);
  add('answers other than 2xx, and socket errors', '0', fmt.int(failed), failed === 0);
  add('server RSS after all scenarios', `< ${BUDGET.rssMb} MB`, fmt.mb(rssMb), rssMb !== null && rssMb < BUDGET.rssMb);
  add('embed.js brotli', `< ${fmt.kb(BUDGET.embedBrotliBytes)}`, fmt.kb(embed.brotli), embed.brotli <= BUDGET.embedBrotliBytes);
  return out;
}

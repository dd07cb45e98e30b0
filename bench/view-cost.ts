// What recording a view costs in Footnote's own code, without HTTP: the body schema, the bot
// and prefetch test, the rate limit and the counter (with its keyed hashes), and the memory
// the bounded de-duplication memory and view limiter hold once full. Run with
//
//   npx tsx bench/view-cost.ts [N]                       # N distinct readers (default 50,000)
//   node --expose-gc --import tsx bench/view-cost.ts 600000   # also the live heap after a GC
//
// Compare with the server CPU per view that `npm run bench` prints: the difference is the HTTP
// stack (Node's parser and socket) and the writes.
import { loadConfig } from '../server/config/env';
import { ViewBody } from '../server/routes/api/schemas';
import { createServices } from '../server/services';
import { isCountable } from '../server/services/views/is-countable';
import { recordView } from '../server/services/views/record-view';
import { createSqliteStore } from '../server/store/sqlite';

const N = Number(process.argv[2] ?? 50_000);
const config = loadConfig({ FOOTNOTE_DB: ':memory:', FOOTNOTE_VIEWS_PER_MINUTE: '1000000' });
const ctx = await createServices(createSqliteStore(':memory:'), config);
const ua = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const body = JSON.stringify({ title: 'Bench: views', url: 'https://news.example.com/bench/views' });
const perCall = (start: number) => `${(((performance.now() - start) * 1000) / N).toFixed(1)} µs`;
const gc = (globalThis as { gc?: () => void }).gc;
const heap = () => {
  gc?.();
  return `${(process.memoryUsage().heapUsed / 1048576).toFixed(1)} MB`;
};

const heapBefore = heap();
let start = performance.now();
for (let i = 0; i < N; i++) {
  const meta = ViewBody.parse(JSON.parse(body));
  const reader = { address: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, userAgent: ua };
  await recordView(ctx, { threadKey: `bench-${i % 3}`, reader, header: () => undefined, meta });
}
console.log(`a whole view, ${N.toLocaleString('en')} distinct readers: ${perCall(start)}`);
console.log(
  `de-duplication memory ${ctx.views.seenSize.toLocaleString('en')} entries, view limiter ${ctx.limits.view.size.toLocaleString('en')} readers` +
    (gc ? `; live heap ${heapBefore} before, ${heap()} after` : ' (run with node --expose-gc --import tsx for the live heap)'),
);
start = performance.now();
for (let i = 0; i < N; i++) isCountable(ua, () => undefined);
console.log(`of which the bot test (isbot, remembered per user agent): ${perCall(start)}`);
await ctx.views.stop();

/**
 * How much a moderation word list costs per posted comment.
 *
 *   npx tsx bench/wordlist.bench.ts
 *
 * Times `find` on generated, comment-like texts of 500 and 5,000 characters against an empty
 * list, 100 words and 10,000 words (2% with a wildcard, 1% multi-word) and prints ops/s and
 * microseconds per check. None of the texts matches, the slowest case: every word is read.
 * (An empty list returns before reading the text, so its row is the floor, not a measurement.)
 */
import { compileWordList, type WordMatcher } from '../server/services/moderation/words';
import { generateComment, generateWords } from '../server/services/moderation/words/testing';

/** Makes a generated list look like a moderator's: some `word*` and some two-word entries. */
function moderatorList(size: number): string[] {
  const words = generateWords(size + 1, 42);
  return words.slice(0, size).map((w, i) => (i % 50 === 0 ? `${w}*` : i % 100 === 1 ? `${w} ${words[i + 1] ?? ''}` : w));
}

/** Runs `fn` for at least `ms` after a warm-up and returns the mean time per call in µs. */
function time(fn: () => unknown, ms = 400): number {
  for (let i = 0; i < 500; i++) fn();
  let calls = 0;
  const t0 = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 100; i++) fn();
    calls += 100;
    elapsed = performance.now() - t0;
  }
  return (elapsed * 1000) / calls;
}

const lists: [string, string[]][] = [
  ['empty', []],
  ['100 words', moderatorList(100)],
  ['10,000 words', moderatorList(10_000)],
];
const comments = [500, 5_000].map((length) => ({ length, text: generateComment(length, length) }));

const rows: string[][] = [['list', 'compile ms', 'comment', 'ops/s', 'µs/check']];
for (const [name, entries] of lists) {
  const t0 = performance.now();
  const matcher: WordMatcher = compileWordList(entries);
  const compileMs = (performance.now() - t0).toFixed(1);
  for (const { length, text } of comments) {
    if (matcher.find(text) !== null) throw new Error(`generated comment matched ${name}`);
    const us = time(() => matcher.find(text));
    rows.push([name, compileMs, `${length.toLocaleString('en')} chars`, Math.round(1e6 / us).toLocaleString('en'), us.toFixed(2)]);
  }
}

const widths = rows[0]?.map((_, col) => Math.max(...rows.map((r) => (r[col] ?? '').length))) ?? [];
const line = (r: string[]) => r.map((cell, col) => (col < 1 ? cell.padEnd(widths[col] ?? 0) : cell.padStart(widths[col] ?? 0))).join('  ');
console.log(`Node ${process.version}, ${process.platform}/${process.arch}`);
console.log(line(rows[0] ?? []));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const r of rows.slice(1)) console.log(line(r));

// Reads a V8 CPU profile (`node --cpu-prof`, or `node bench/run.mjs --profile`) and prints the
// functions that took the most time, by self time and by total (inclusive) time.
//
//   node bench/profile-top.mjs bench/results/profiles/CPU.*.cpuprofile [--top 25]
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { numberFlag } from './lib/args.mjs';

const file = process.argv[2];
if (!file || file.startsWith('--')) {
  console.error('usage: node bench/profile-top.mjs <file.cpuprofile> [--top 25]');
  process.exit(2);
}
const top = numberFlag('top', 'PROFILE_TOP', 25);
const prof = JSON.parse(readFileSync(file, 'utf8'));

const nodes = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const self = new Map();
const deltas = prof.timeDeltas;
for (let i = 0; i < prof.samples.length; i++) self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + (deltas[i] ?? 0));
const totalUs = [...self.values()].reduce((a, b) => a + b, 0);

const label = (n) => {
  const f = n.callFrame;
  const where = f.url ? `${f.url.replace(/^file:\/\//, '').replace(process.cwd() + '/', '')}:${f.lineNumber + 1}` : '';
  return `${f.functionName || '(anonymous)'} ${where}`.trim();
};
const bySelf = new Map();
const byTotal = new Map();
for (const [id, us] of self) {
  const key = label(nodes.get(id));
  bySelf.set(key, (bySelf.get(key) ?? 0) + us);
  // Count each function once per sample stack, however deep its recursion.
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const k = label(nodes.get(at));
    if (seen.has(k)) continue;
    seen.add(k);
    byTotal.set(k, (byTotal.get(k) ?? 0) + us);
  }
}
const print = (title, m) => {
  console.log(`\n${title}`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(`${((us / totalUs) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${k}`);
  }
};
console.log(`${file}: ${(totalUs / 1e6).toFixed(1)} s sampled`);
print('self time', bySelf);
print('total time (inclusive)', byTotal);

// Memory of a large import: does it stay flat whatever the file's size?
//
//   npm run build && node bench/import-memory.mjs               # 300,000 posts (~170 MB)
//   node bench/import-memory.mjs --posts 30000 --posts 300000   # compare sizes
//   node bench/import-memory.mjs --posts 100000 --format json   # Footnote JSON instead
//   node bench/import-memory.mjs --posts 100000 --fidelity      # then: again (adds nothing?), and cut .gz
//
// Generates a Disqus XML export on the fly into a temporary file (threads first, then posts in
// date order, interleaved across threads, a third of them replies, some deleted or spam, HTML
// messages), or with `--format json` the same comments as a Footnote JSON export (bodies as
// text, grouped by thread), then runs `bin/footnote.js import FILE` on a fresh temporary database as a child
// process. The child samples its own memory every second (an --import preload) and this script
// prints the samples and a summary: the peak RSS and heap, and the RSS at each quarter of the run.
// Figures are recorded in docs/data.md.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { constants, gunzipSync, gzipSync } from 'node:zlib';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const sizes = [];
let format = 'disqus';
let fidelity = false;
for (let i = 2; i < process.argv.length; i++) {
  if (process.argv[i] === '--posts') sizes.push(Number(process.argv[++i]));
  else if (process.argv[i] === '--format') format = process.argv[++i];
  else if (process.argv[i] === '--fidelity') fidelity = true;
}
if (format !== 'disqus' && format !== 'json') {
  console.error('--format must be disqus or json');
  process.exit(1);
}
if (sizes.length === 0) sizes.push(300_000);
if (sizes.some((n) => !Number.isSafeInteger(n) || n < 1)) {
  console.error('usage: node bench/import-memory.mjs [--posts N]... [--format disqus|json]');
  process.exit(1);
}

const WORDS = 'the council said on tuesday that bus routes through the old town would change from march while residents asked why nobody had been consulted about night services'.split(' ');
const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A deterministic pseudo-random sequence, so every run writes the same file. */
function random(seed) {
  let x = seed;
  return () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
}

function sentence(rnd, n) {
  const out = [];
  for (let i = 0; i < n; i++) out.push(WORDS[Math.floor(rnd() * WORDS.length)]);
  return out.join(' ');
}

/** Writes a Disqus export of `posts` posts to `file`; returns its size in bytes. */
async function generate(file, posts) {
  const rnd = random(42);
  const threads = Math.max(1, Math.round(posts / 100));
  const out = createWriteStream(file);
  const write = async (s) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write('<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n');
  for (let t = 1; t <= threads; t++) {
    await write(`<thread dsq:id="${t}"><id>article-${t}</id><forum>bench</forum><category dsq:id="1"/>` +
      `<link>https://news.example/${2010 + (t % 14)}/article-${t}/</link><title>${esc(sentence(rnd, 8))}</title>` +
      `<message/><createdAt>2013-01-01T00:00:00Z</createdAt><author><email>desk@news.example</email><name>Desk</name>` +
      `<isAnonymous>false</isAnonymous><username>desk</username></author><ipAddress>192.0.2.1</ipAddress>` +
      `<isClosed>${t % 50 === 0}</isClosed><isDeleted>false</isDeleted></thread>\n`);
  }
  const recent = new Map(); // thread → its last few post ids, for replies
  const start = Date.UTC(2013, 0, 2);
  for (let p = 1; p <= posts; p++) {
    const t = 1 + ((p * 7919) % threads);
    const mine = recent.get(t) ?? [];
    const parent = mine.length > 0 && rnd() < 0.35 ? mine[Math.floor(rnd() * mine.length)] : null;
    mine.push(p);
    if (mine.length > 5) mine.shift();
    recent.set(t, mine);
    const deleted = p % 97 === 0;
    const spam = p % 89 === 0;
    const message = `<p>${esc(sentence(rnd, 18 + Math.floor(rnd() * 20)))}.</p><p>${esc(sentence(rnd, 10))} ` +
      `<a href="https://news.example/ref/${p}" rel="nofollow">source</a> <b>${esc(sentence(rnd, 2))}</b></p>`;
    await write(`<post dsq:id="${1_000_000 + p}"><id/><message><![CDATA[${message}]]></message>` +
      `<createdAt>${new Date(start + p * 60_000).toISOString().slice(0, 19)}Z</createdAt>` +
      `<isDeleted>${deleted}</isDeleted><isSpam>${spam}</isSpam>` +
      `<author><email>reader${p % 5000}@mail.example</email><name>Reader ${p % 5000}</name><isAnonymous>false</isAnonymous>` +
      `<username>reader${p % 5000}</username></author><ipAddress>198.51.100.${p % 250}</ipAddress>` +
      `<thread dsq:id="${t}"/>${parent ? `<parent dsq:id="${1_000_000 + parent}"/>` : ''}</post>\n`);
  }
  await write('</disqus>\n');
  out.end();
  await once(out, 'finish');
  return statSync(file).size;
}

/** The same comments as a Footnote JSON export: threads one after another, each with its comments. */
async function generateJson(file, posts) {
  const rnd = random(42);
  const threads = Math.max(1, Math.round(posts / 100));
  const out = createWriteStream(file);
  const write = async (s) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write('{"format":"footnote","version":1,"exportedAt":"2026-01-01T00:00:00.000Z","threads":[\n');
  const start = Date.UTC(2013, 0, 2);
  let p = 0;
  for (let t = 1; t <= threads; t++) {
    const count = Math.floor(posts / threads) + (t <= posts % threads ? 1 : 0);
    await write(`${t > 1 ? ',\n' : ''}{"key":"article-${t}","title":${JSON.stringify(sentence(rnd, 8))},"url":"https://news.example/article-${t}/","closed":${t % 50 === 0},"moderation":null,"views":${t * 7},"comments":[`);
    const mine = [];
    for (let i = 0; i < count; i++) {
      p++;
      const parent = mine.length > 0 && rnd() < 0.35 ? mine[Math.floor(rnd() * mine.length)] : null;
      mine.push(p);
      if (mine.length > 5) mine.shift();
      const status = p % 97 === 0 ? 'deleted' : p % 89 === 0 ? 'spam' : 'published';
      const body = status === 'deleted' ? '' : `${sentence(rnd, 18 + Math.floor(rnd() * 20))}.\n\n${sentence(rnd, 10)} [source](https://news.example/ref/${p}) **${sentence(rnd, 2)}**`;
      await write(`${i > 0 ? ',' : ''}\n${JSON.stringify({ id: `json:bench:${p}`, parentId: parent ? `json:bench:${parent}` : null, author: `Reader ${p % 5000}`, email: `reader${p % 5000}@mail.example`, body, createdAt: new Date(start + p * 60_000).toISOString(), editedAt: null, status, featured: false, reactions: p % 7 })}`);
    }
    await write(']}');
  }
  await write('\n]}\n');
  out.end();
  await once(out, 'finish');
  return statSync(file).size;
}

// Runs in the child before the CLI: one memory sample a second (and one at exit) on stderr.
const SAMPLER = `
const t0 = Date.now();
const tick = () => { const m = process.memoryUsage(); process.stderr.write('@mem ' + JSON.stringify({ t: Date.now() - t0, rss: m.rss, heap: m.heapUsed, heapTotal: m.heapTotal, external: m.external }) + '\\n'); };
setInterval(tick, 1000).unref(); tick(); process.on('exit', tick);
`;

const MB = (b) => (b / 1024 / 1024).toFixed(1);

async function importOnce(file, db) {
  const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(SAMPLER)}`, join(ROOT, 'bin/footnote.js'), 'import', file, '--format', format], {
    cwd: ROOT,
    env: { ...process.env, FOOTNOTE_DB: db },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const samples = [];
  let out = '';
  let errText = '';
  child.stdout.on('data', (d) => (out += d));
  let partial = '';
  child.stderr.on('data', (d) => {
    partial += d;
    const lines = partial.split('\n');
    partial = lines.pop();
    for (const line of lines) {
      if (line.startsWith('@mem ')) {
        const s = JSON.parse(line.slice(5));
        samples.push(s);
        console.log(`  ${(s.t / 1000).toFixed(0).padStart(4)} s  rss ${MB(s.rss).padStart(6)} MB  heap ${MB(s.heap).padStart(6)} MB (of ${MB(s.heapTotal).padStart(6)})  external ${MB(s.external).padStart(6)} MB`);
      } else if (line.trim()) errText += `${line}\n`;
    }
  });
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`import failed (${code}):\n${errText}${out}`);
  return { samples, out: out.trim().split('\n')[0] };
}

/**
 * `--fidelity`: the same file again into the same database (it must add nothing), then the file
 * gzip-compressed and cut at half into a fresh one (it must import every post `gzip -dc` can
 * read before the cut: the close tags of posts in the decompressed text).
 */
async function checkFidelity(file, db, cutDb) {
  const again = await importOnce(file, db);
  console.log(`  again: ${again.out}`);
  const gz = gzipSync(readFileSync(file));
  const cut = gz.subarray(0, Math.floor(gz.length / 2));
  const cutFile = `${file}.cut.gz`;
  writeFileSync(cutFile, cut);
  const readable = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8');
  const complete = readable.split(format === 'json' ? '"reactions":' : '</post>').length - 1;
  const imported = await importOnce(cutFile, cutDb);
  console.log(`  cut .gz (${MB(cut.length)} of ${MB(gz.length)} MB): ${complete.toLocaleString('en')} complete posts readable with gzip -dc; ${imported.out}`);
  rmSync(cutFile, { force: true });
}

const dir = mkdtempSync(join(tmpdir(), 'footnote-import-bench-'));
const summary = [];
try {
  for (const posts of sizes) {
    const file = join(dir, `${format}-${posts}.${format === 'json' ? 'json' : 'xml'}`);
    const t0 = Date.now();
    const bytes = format === 'json' ? await generateJson(file, posts) : await generate(file, posts);
    console.log(`\n${posts.toLocaleString('en')} posts (${format}): generated ${MB(bytes)} MB in ${((Date.now() - t0) / 1000).toFixed(1)} s; importing…`);
    const t1 = Date.now();
    const { samples, out } = await importOnce(file, join(dir, `footnote-${posts}.db`));
    const seconds = (Date.now() - t1) / 1000;
    const at = (q) => samples[Math.min(samples.length - 1, Math.floor(q * (samples.length - 1)))];
    const row = {
      posts,
      fileMb: Number(MB(bytes)),
      seconds: Number(seconds.toFixed(1)),
      postsPerSecond: Math.round(posts / seconds),
      peakRssMb: Number(MB(Math.max(...samples.map((s) => s.rss)))),
      peakHeapMb: Number(MB(Math.max(...samples.map((s) => s.heap)))),
      rssAtQuartersMb: [0.25, 0.5, 0.75, 1].map((q) => Number(MB(at(q).rss))),
    };
    console.log(`  ${out}`);
    console.log(`  ${row.seconds} s (${row.postsPerSecond.toLocaleString('en')} posts/s); peak RSS ${row.peakRssMb} MB, peak heap ${row.peakHeapMb} MB; RSS at 25/50/75/100 %: ${row.rssAtQuartersMb.join(' / ')} MB`);
    summary.push(row);
    if (fidelity) await checkFidelity(file, join(dir, `footnote-${posts}.db`), join(dir, `cut-${posts}.db`));
    rmSync(file, { force: true });
  }
  console.log('\n| posts | file | time | posts/s | peak RSS | peak heap | RSS at 25 / 50 / 75 / 100 % |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const r of summary) {
    console.log(`| ${r.posts.toLocaleString('en')} | ${r.fileMb} MB | ${r.seconds} s | ${r.postsPerSecond.toLocaleString('en')} | ${r.peakRssMb} MB | ${r.peakHeapMb} MB | ${r.rssAtQuartersMb.join(' / ')} MB |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

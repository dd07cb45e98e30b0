// Starting and stopping the servers under test as child processes, and reading their memory.
// Each child listens on PORT=0 (a free port the kernel picks) and prints its address; we read
// it from stdout, so two benches never race for a port.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { pin } from './machine.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef0123';

/**
 * The environment that lets one load generator act as thousands of readers: the server trusts
 * X-Forwarded-For (each request names its own reader) and the per-reader limits are raised so
 * they never answer 429 to the benchmark. Everything else stays at its production default.
 */
export const BENCH_ENV = {
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: '0',
  FOOTNOTE_TRUST_PROXY: '1',
  FOOTNOTE_POST_INTERVAL_SEC: '0',
  FOOTNOTE_POSTS_PER_HOUR: '100000',
  FOOTNOTE_VIEWS_PER_MINUTE: '1000000',
  FOOTNOTE_REACTIONS_PER_MINUTE: '100000',
  FOOTNOTE_REPORTS_PER_HOUR: '100000',
  FOOTNOTE_MIN_FORM_MS: '0',
  FOOTNOTE_ADMIN_TOKEN: ADMIN_TOKEN,
};

/**
 * Spawns `node ...args`, optionally through a shell that first raises the soft limit of open
 * files to the hard limit (a server or client holding 10,000 sockets needs one descriptor
 * each). `exec` keeps the pid: it is the node process's own.
 */
export function spawnNode(args, { raiseFdLimit = false, ...options } = {}) {
  if (!raiseFdLimit) return spawn(process.execPath, args, options);
  return spawn('/bin/sh', ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" "$@"', process.execPath, ...args], options);
}

/** A running child server: its base URL, pid, and a `stop()` that waits for a clean exit. */
async function startChild(name, args, env, { nodeArgs = [], raiseFdLimit = false, cpu } = {}) {
  const child = spawnNode([...nodeArgs, ...args], {
    raiseFdLimit,
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const url = await new Promise((resolve, reject) => {
    const onData = (chunk) => {
      log += chunk;
      const m = log.match(/serving (http:\/\/[\d.]+:\d+)/);
      if (m) resolve(m[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (log += chunk));
    child.once('exit', (code) => reject(new Error(`${name} exited with ${code} before listening:\n${log}`)));
    setTimeout(() => reject(new Error(`${name} did not start within 20 s:\n${log}`)), 20_000).unref();
  });
  // Pinned once listening: every thread Node starts at boot exists by then (see cpuPlan).
  if (cpu !== undefined) pin(child.pid, cpu);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  return {
    name,
    url,
    pid: child.pid,
    /** Everything the child printed (errors included), for a failed run's report. */
    log: () => log,
    /** Ends the process at once (SIGKILL): what it acknowledged must already be on disk. */
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      return exited;
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return exited;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/**
 * The real, built Footnote server (`dist/server/main.js`, or `entry`: another build to compare,
 * as `--server` of the benches passes) on `dbPath`.
 */
export function startFootnote(dbPath, extraEnv = {}, { entry = 'dist/server/main.js', ...options } = {}) {
  if (!existsSync(join(ROOT, entry))) {
    throw new Error(`${entry} is missing: run \`npm run build\` first (\`npm run bench\` does).`);
  }
  return startChild('footnote', [entry], { ...BENCH_ENV, FOOTNOTE_DB: dbPath, ...extraEnv }, options);
}

/** A bare node:http server answering a fixed ~2 KB JSON (or, with `script`, another bare server). */
export function startBare({ script = 'bench/lib/bare-server.mjs', name = 'bare', ...options } = {}) {
  return startChild(name, [join(ROOT, script)], { HOST: '127.0.0.1', PORT: '0' }, options);
}

/** The yardstick: a bare Hono app on @hono/node-server (GET: the fixed ~2 KB JSON; POST: reads a JSON body). */
export const startBareHono = (options = {}) => startBare({ script: 'bench/lib/bare-hono-server.mjs', name: 'bare-hono', ...options });

/** A fresh temporary folder for a database; `remove()` deletes it with everything inside. */
export function tempDir(prefix = 'footnote-bench-') {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, db: join(dir, 'footnote.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Resident memory of a process in MiB, from /proc (Linux); null elsewhere. */
export function rssMb(pid) {
  try {
    const kb = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

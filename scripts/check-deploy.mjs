// The production install, tested as an operator would do it (docs/deploy.md): the project's
// tracked files in a new folder, `npm ci --omit=dev` there (the native SQLite binding built by
// its install script, no devDependencies), then what `npm start` does (`npm run build`, then
// `node dist/server/main.js`: migrate and serve) on a new database, a comment posted and read
// back, the widget served, and a clean stop.
// Catches a runtime or build dependency listed under devDependencies, a file the server reads
// at run time that is missing from the repository, and a native build that does not run.
//
//   node scripts/check-deploy.mjs [--keep]      (npm run test:deploy)
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const dir = mkdtempSync(join(tmpdir(), 'footnote-deploy-'));
const app = join(dir, 'app');
const started = Date.now();
let passed = 0;
let server = null;

const step = (what) => console.log(`deploy: ${what} (${Math.round((Date.now() - started) / 1000)} s)`);
function check(what, ok, detail = '') {
  if (!ok) throw new Error(`${what}${detail ? `: ${detail}` : ''}`);
  passed++;
  console.log(`deploy: ok - ${what}`);
}

// The environment of a person's shell: nothing inherited from an `npm run` that called us
// (npm_config_* from a parent install would change what `npm ci` does here).
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

try {
  step(`copying the tracked files to ${app}`);
  const files = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(ROOT, f))) continue; // deleted in the work tree, not yet committed
    mkdirSync(dirname(join(app, f)), { recursive: true });
    cpSync(join(ROOT, f), join(app, f));
  }

  step('npm ci --omit=dev');
  execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: app, env, stdio: 'inherit' });
  check('no devDependency installed', !existsSync(join(app, 'node_modules/vitest')) && !existsSync(join(app, 'node_modules/typescript')));
  check('the native SQLite binding was built', existsSync(join(app, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node')));

  step('npm run build');
  execFileSync('npm', ['run', 'build'], { cwd: app, env, stdio: 'inherit' });
  step('node dist/server/main.js');
  server = await start(join(dir, 'data/footnote.db'));
  const base = server.url;
  const health = await fetch(`${base}/healthz`);
  check('GET /healthz answers 200', health.status === 200, String(health.status));

  const headers = { 'content-type': 'application/json', origin: 'https://news.example.com', 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0 Safari/537.36' };
  const posted = await fetch(`${base}/api/v1/threads/deploy-check/comments`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ author: 'Deploy check', body: 'A comment written by the production install check.', website: '', elapsedMs: 20_000 }),
  });
  check('a comment is posted (201)', posted.status === 201, `${posted.status} ${await posted.clone().text()}`);
  const list = await (await fetch(`${base}/api/v1/threads/deploy-check/comments`, { headers })).json();
  check('the comment is read back', list.comments?.some((c) => c.author === 'Deploy check'), JSON.stringify(list));

  const embed = await fetch(`${base}/embed.js`);
  const code = await embed.text();
  check('GET /embed.js serves the built widget', embed.status === 200 && code.length > 1000, `${embed.status}, ${code.length} bytes`);

  const code0 = await server.stop();
  server = null;
  check('SIGTERM stops the server cleanly', code0 === 0, `exit ${code0}`);
  step('done');
  console.log(`deploy: ${passed} passed, 0 failed`);
} catch (err) {
  console.error(`deploy: FAILED: ${err.message}`);
  if (server) console.error(`--- server output ---\n${server.log()}`);
  console.log(`deploy: ${passed} passed, 1 failed`);
  process.exitCode = 1;
} finally {
  if (server) await server.stop();
  if (keep) console.log(`deploy: kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

/**
 * The built server of the installed copy on `db`. Resolves once it prints its address;
 * `stop()` sends SIGTERM and resolves with the exit code.
 */
function start(db) {
  const child = spawn(process.execPath, ['dist/server/main.js'], {
    cwd: app,
    env: { ...env, NODE_ENV: 'production', HOST: '127.0.0.1', PORT: '0', FOOTNOTE_DB: db, FOOTNOTE_MIN_FORM_MS: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal)));
  const stop = async () => {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server printed no address within 30 s:\n${log}`)), 30_000);
    child.stdout.on('data', (chunk) => {
      log += chunk;
      const m = log.match(/serving (http:\/\/[\d.]+:\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], stop, log: () => log });
      }
    });
    child.stderr.on('data', (chunk) => (log += chunk));
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before serving:\n${log}`));
    });
  });
}

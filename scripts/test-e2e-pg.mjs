// The browser suite again, with the server on PostgreSQL (FOOTNOTE_E2E_ENGINE=pg, see
// playwright.config.ts: a fresh database for the run, dropped after it).
//
// Where PostgreSQL cannot be reached (FOOTNOTE_TEST_PG, default the local server as postgres)
// it says so in one line and skips; under CI (CI=true) that fails instead, as test:pg does.
//
//   node scripts/test-e2e-pg.mjs [playwright args…]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const admin = process.env.FOOTNOTE_TEST_PG || 'postgres://postgres@127.0.0.1:5432/postgres';
const ci = process.env.CI === 'true' || process.env.CI === '1';

const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 3000 });
try {
  await client.connect();
  await client.end();
} catch (err) {
  if (ci) {
    console.error(`test:e2e:pg: PostgreSQL is not reachable at ${admin} (${err.message}); CI requires the PostgreSQL runs.`);
    process.exit(1);
  }
  console.log(`test:e2e:pg: PostgreSQL is not reachable at ${admin} (${err.message}): the browser run on PostgreSQL is skipped.`);
  process.exit(0);
}

const run = (args) => spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, FOOTNOTE_E2E_ENGINE: 'pg' } }).status ?? 1;
const chromium = run([join(ROOT, 'scripts/ensure-chromium.mjs')]);
if (chromium !== 0) process.exit(chromium);
process.exit(run([join(ROOT, 'node_modules/@playwright/test/cli.js'), 'test', ...process.argv.slice(2)]));

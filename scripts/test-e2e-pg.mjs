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
import { requirePostgres } from './lib/test-pg.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

await requirePostgres('test:e2e:pg', 'the browser run on PostgreSQL is');

const run = (args) => spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, FOOTNOTE_E2E_ENGINE: 'pg' } }).status ?? 1;
const chromium = run([join(ROOT, 'scripts/ensure-chromium.mjs')]);
if (chromium !== 0) process.exit(chromium);
process.exit(run([join(ROOT, 'node_modules/@playwright/test/cli.js'), 'test', ...process.argv.slice(2)]));

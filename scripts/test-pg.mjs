// The API test suite again, on PostgreSQL (`npm test` runs it after the SQLite run): every
// test file that builds the app through the test harness (server/testing/harness.ts or
// listening.ts), with FOOTNOTE_TEST_ENGINE=pg so each test app gets a fresh, migrated schema
// in a database made for the run. The store suite runs on both engines in the unit run.
//
// Where PostgreSQL cannot be reached (FOOTNOTE_TEST_PG, default the local server as postgres)
// it says so in one line and skips; under CI (CI=true) that fails instead.
//
//   node scripts/test-pg.mjs [vitest args…]
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { requirePostgres } from './lib/test-pg.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

await requirePostgres('test:pg', 'the PostgreSQL runs are');

/**
 * Left to the SQLite run: hostile tests of parsers and list building that hammer the store
 * with thousands of writes to reach their edge (a 3,000-deep reply chain, import bombs) and
 * whose subject is the same code on either engine; on PostgreSQL they cost over a minute.
 */
const SQLITE_ONLY = new Set(['server/hostile/deep-thread.test.ts', 'server/hostile/import-bombs.test.ts']);

/** Test files under server/ that open the app through the harness. */
function apiTests(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...apiTests(path));
    else if (entry.name.endsWith('.test.ts') && /testing\/(harness|listening)'/.test(readFileSync(path, 'utf8'))) out.push(relative(ROOT, path));
  }
  return out;
}

const files = apiTests(join(ROOT, 'server'))
  .filter((f) => !SQLITE_ONLY.has(f))
  .sort();
// A request on PostgreSQL costs a few round trips where SQLite answers in-process: the long
// loops of the hostile tests (a thousand posts) need more than the default 20 s.
const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--testTimeout=90000', ...process.argv.slice(2), ...files], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, FOOTNOTE_TEST_ENGINE: 'pg' },
});
process.exit(r.status ?? 1);

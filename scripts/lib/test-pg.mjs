// Shared by the PostgreSQL test runs (test-pg.mjs, test-e2e-pg.mjs, e2e-pg-db.mjs).
import process from 'node:process';
import pg from 'pg';

/** The PostgreSQL the tests make their databases on (FOOTNOTE_TEST_PG, default the local server as postgres). */
export const ADMIN_URL = process.env.FOOTNOTE_TEST_PG || 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Returns when PostgreSQL answers. Where it cannot be reached, says so in one line and exits:
 * 0 (the run is skipped) on a developer's machine, 1 under CI (CI=true), which requires it.
 * `name` is the script's npm name, `skipped` what a developer goes without.
 */
export async function requirePostgres(name, skipped) {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
  } catch (err) {
    if (process.env.CI === 'true' || process.env.CI === '1') {
      console.error(`${name}: PostgreSQL is not reachable at ${ADMIN_URL} (${err.message}); CI requires the PostgreSQL runs.`);
      process.exit(1);
    }
    console.log(`${name}: PostgreSQL is not reachable at ${ADMIN_URL} (${err.message}): ${skipped} skipped.`);
    process.exit(0);
  }
}

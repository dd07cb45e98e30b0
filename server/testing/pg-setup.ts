import pg from 'pg';

/**
 * Vitest's global setup: one PostgreSQL database for the whole run, named for it and dropped
 * at its end (each test app takes a schema of its own inside it, `testStore`). Its URL reaches
 * the test workers as FOOTNOTE_TEST_DATABASE_URL. PostgreSQL is looked for at
 * FOOTNOTE_TEST_PG (default: the local server, user postgres); where there is none, the
 * PostgreSQL tests are skipped, except under CI (CI=true), where that fails the run.
 */
export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const admin = adminUrl();
  const client = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
  } catch (err) {
    const line = `PostgreSQL is not reachable at ${admin} (${(err as Error).message})`;
    if (process.env.CI === 'true' || process.env.CI === '1') throw new Error(`${line}: CI requires the PostgreSQL runs (set FOOTNOTE_TEST_PG).`, { cause: err });
    delete process.env.FOOTNOTE_TEST_DATABASE_URL;
    return undefined;
  }
  const name = `footnote_test_${process.pid}_${Date.now().toString(36)}`;
  try {
    await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  process.env.FOOTNOTE_TEST_DATABASE_URL = url.toString();
  return async () => {
    const c = new pg.Client({ connectionString: admin });
    await c.connect();
    try {
      await c.query(`drop database if exists "${name}" with (force)`);
    } finally {
      await c.end();
    }
  };
}

/** The server the tests use (its maintenance database: `postgres`). */
export function adminUrl(): string {
  return process.env.FOOTNOTE_TEST_PG || 'postgres://postgres@127.0.0.1:5432/postgres';
}

import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPg } from '../db/open-pg';
import { adminUrl } from '../testing/pg-setup';

/** Whether the tests' PostgreSQL answers (FOOTNOTE_TEST_PG; tests on it are skipped, saying so, when it does not). */
export async function pgReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** A new, uniquely named database, migrated as an instance would; `drop()` removes it. */
export async function tempDatabase(prefix = 'footnote_cluster'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: adminUrl() });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const db = await openPg(url.href, { poolSize: 1 });
  await db.$client.end();
  return { url: url.href, drop: () => admin(`drop database if exists ${name} with (force)`) };
}

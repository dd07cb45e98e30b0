import { join } from 'node:path';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { PgDialect, type PgSession } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { ConfigError } from '../config/env';
import { projectRoot } from '../lib/paths';
import * as schema from './pg-schema';

export type PgDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };

export interface PgOptions {
  /** Connections in the pool (each instance opens at most this many). */
  poolSize?: number;
  /** How long a request may wait for a connection before the store answers `unavailable`. */
  connectTimeoutMs?: number;
  /** Longest a statement may run before PostgreSQL cancels it (no request hangs on a stuck lock). */
  statementTimeoutMs?: number;
  /**
   * Tests only: keep every table in this schema (created if missing) instead of `public`, so
   * many test apps share one database without seeing each other's rows.
   */
  schema?: string;
  /** How long an unused connection stays open (tests close theirs sooner). */
  idleTimeoutMs?: number;
  /**
   * Tests only: commits return before PostgreSQL has flushed them to disk
   * (`synchronous_commit = off`). Nothing the tests read changes; they just wait less.
   */
  lazyCommit?: boolean;
}

/**
 * Every instance that migrates a schema takes the same session-level advisory lock, named
 * after the schema, so two instances starting at once on an empty database migrate one after
 * the other (the second finds the work done) instead of both creating the same tables.
 */
const LOCK = "select pg_advisory_lock(hashtext('footnote-migrate:' || $1))";
const UNLOCK = "select pg_advisory_unlock(hashtext('footnote-migrate:' || $1))";

/** The URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

/**
 * Opens a pool on `url` and migrates the database (migrations/pg/), as `openDatabase` does
 * for SQLite. A database that cannot be reached at start stops the start with one line
 * naming FOOTNOTE_DATABASE_URL; once running, a lost connection is the store's `unavailable`.
 */
export async function openPg(url: string, opts: PgOptions = {}): Promise<PgDb> {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.poolSize ?? 10,
    connectionTimeoutMillis: opts.connectTimeoutMs ?? 3000,
    statement_timeout: opts.statementTimeoutMs ?? 10_000,
    // The same limit on this side, a little later: a server that stopped answering (not
    // refusing) cannot hold a request either.
    query_timeout: (opts.statementTimeoutMs ?? 10_000) + 1000,
    // Idle connections are closed after a while so a restarted server is reconnected to cleanly.
    idleTimeoutMillis: opts.idleTimeoutMs ?? 10_000,
    application_name: 'footnote',
    options: [opts.schema ? `-c search_path=${opts.schema}` : '', opts.lazyCommit ? '-c synchronous_commit=off' : ''].join(' ').trim() || undefined,
  });
  // An idle connection that PostgreSQL drops (restart, failover) is reported here; without a
  // listener the process would crash. The pool replaces it on the next query.
  pool.on('error', (err) => console.error(`footnote: PostgreSQL connection lost (${err.message}); reconnecting on the next query.`));
  const db = drizzle(pool, { schema }) as PgDb;
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new ConfigError(`FOOTNOTE_DATABASE_URL=${JSON.stringify(redactUrl(url))} cannot be reached: ${(err as Error).message}`);
  }
  try {
    const target = opts.schema ?? 'public';
    await client.query(LOCK, [target]);
    try {
      await migrate(client, opts.schema);
    } finally {
      await client.query(UNLOCK, [target]);
    }
  } catch (err) {
    client.release(true);
    await pool.end().catch(() => {});
    throw err;
  }
  client.release();
  return db;
}

/**
 * Applies migrations/pg/ (drizzle's migrator: each migration once, in order, in one
 * transaction, recorded in `drizzle.__drizzle_migrations`). With a test `schema`, the tables
 * and the record go there instead (drizzle-kit names `"public".` in foreign keys).
 */
async function migrate(client: pg.PoolClient, into?: string): Promise<void> {
  const migrations = readMigrationFiles({ migrationsFolder: join(projectRoot(), 'migrations', 'pg') });
  // drizzle's own migrator, fed the (re-aimed) statements: its session is not in the public types.
  const session = (drizzle(client, { schema }) as unknown as { session: PgSession }).session;
  if (into) {
    await client.query(`create schema if not exists "${into}"`);
    for (const m of migrations) m.sql = m.sql.map((statement) => statement.replaceAll('"public".', `"${into}".`));
  }
  await new PgDialect().migrate(migrations, session, { migrationsFolder: '', ...(into ? { migrationsSchema: into } : {}) });
}

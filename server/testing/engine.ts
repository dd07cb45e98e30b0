import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { Config } from '../config/env';
import { createPgStore } from '../store/pg';
import { createSqliteStore } from '../store/sqlite';
import type { Store } from '../store/types';

export type Engine = 'sqlite' | 'pg';

/** The engine test apps run on: SQLite, or PostgreSQL under FOOTNOTE_TEST_ENGINE=pg (`npm run test:pg`). */
export const testEngine: Engine = process.env.FOOTNOTE_TEST_ENGINE === 'pg' ? 'pg' : 'sqlite';

/** The run's PostgreSQL database (made by `pg-setup.ts`), or null where there is none. */
export function pgTestUrl(): string | null {
  return process.env.FOOTNOTE_TEST_DATABASE_URL || null;
}

/**
 * A fresh, migrated store on `engine`: SQLite at `config.dbPath` (usually `:memory:`), or a
 * schema of its own in the run's PostgreSQL database.
 */
export async function freshStore(engine: Engine, config: Pick<Config, 'dbPath'> = { dbPath: ':memory:' }): Promise<Store> {
  if (engine === 'sqlite') {
    const store = createSqliteStore(config.dbPath);
    where.set(store, { engine, file: config.dbPath });
    return store;
  }
  const url = pgTestUrl();
  if (!url) throw new Error('No PostgreSQL for the tests: FOOTNOTE_TEST_DATABASE_URL is not set (vitest global setup server/testing/pg-setup.ts).');
  const schema = `t_${randomBytes(6).toString('hex')}`;
  // Few connections, closed soon: a run opens hundreds of test apps on one shared server. A
  // loaded test machine must not turn a slow statement into a 503: the timeout is generous.
  const store = await createPgStore(url, { schema, poolSize: 3, idleTimeoutMs: 500, lazyCommit: true, statementTimeoutMs: 60_000 });
  where.set(store, { engine, url, schema });
  return store;
}

/** Where each test store keeps its rows, for tests that look behind the interface (`storedTexts`). */
const where = new WeakMap<Store, { engine: 'sqlite'; file: string } | { engine: 'pg'; url: string; schema: string }>();

/**
 * Every text cell of every table of a test store, as `table.column: value`, read over a
 * connection of its own: what a data request's erasure must leave no trace in. SQLite needs
 * the store on a file (`FOOTNOTE_DB`), not `:memory:`.
 */
export async function storedTexts(store: Store): Promise<string[]> {
  const at = where.get(store);
  if (!at) throw new Error('not a test store');
  const cells = (table: string, rows: Record<string, unknown>[]) =>
    rows.flatMap((row) => Object.entries(row).flatMap(([col, value]) => (typeof value === 'string' ? [`${table}.${col}: ${value}`] : [])));
  if (at.engine === 'sqlite') {
    if (at.file === ':memory:') throw new Error('storedTexts needs the SQLite store on a file (FOOTNOTE_DB)');
    const db = new Database(at.file, { readonly: true });
    try {
      const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
      return tables.flatMap(({ name }) => cells(name, db.prepare(`select * from "${name}"`).all() as Record<string, unknown>[]));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: at.url });
  await client.connect();
  try {
    const tables = await client.query<{ name: string }>('select table_name as name from information_schema.tables where table_schema = $1', [at.schema]);
    const out: string[] = [];
    for (const { name } of tables.rows) out.push(...cells(name, (await client.query(`select * from "${at.schema}"."${name}"`)).rows as Record<string, unknown>[]));
    return out;
  } finally {
    await client.end();
  }
}

/** The store a test app runs on, on the run's engine (`testEngine`). */
export const testStore = (config: Pick<Config, 'dbPath'>): Promise<Store> => freshStore(testEngine, config);

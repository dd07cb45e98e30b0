import { randomBytes } from 'node:crypto';
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
  if (engine === 'sqlite') return createSqliteStore(config.dbPath);
  const url = pgTestUrl();
  if (!url) throw new Error('No PostgreSQL for the tests: FOOTNOTE_TEST_DATABASE_URL is not set (vitest global setup server/testing/pg-setup.ts).');
  // Few connections, closed soon: a run opens hundreds of test apps on one shared server.
  return createPgStore(url, { schema: `t_${randomBytes(6).toString('hex')}`, poolSize: 3, idleTimeoutMs: 500 });
}

/** The store a test app runs on, on the run's engine (`testEngine`). */
export const testStore = (config: Pick<Config, 'dbPath'>): Promise<Store> => freshStore(testEngine, config);

import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { ConfigError } from '../config/env';
import { projectRoot } from '../lib/paths';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export interface OpenDb {
  db: Db;
  sqlite: Database.Database;
}

/**
 * Opens (creating the file and its folder when missing) and migrates the database.
 *
 * WAL with `synchronous = NORMAL`: every commit is written to the WAL file before
 * better-sqlite3 returns, so a crashed *process* (kill -9) loses nothing acknowledged;
 * only a power cut or kernel crash can lose the last commits, which FULL would prevent at
 * the price of an fsync per comment. `:memory:` is accepted for tests.
 */
export function openDatabase(path: string): OpenDb {
  const file = path === ':memory:' ? path : resolve(path);
  if (file !== ':memory:') {
    try {
      mkdirSync(dirname(file), { recursive: true });
      accessSync(dirname(file), constants.W_OK);
    } catch (err) {
      throw new ConfigError(`FOOTNOTE_DB=${JSON.stringify(path)} cannot be created or written: ${(err as Error).message}`);
    }
  }
  let sqlite: Database.Database;
  try {
    sqlite = new Database(file);
    sqlite.pragma('journal_mode = WAL');
  } catch (err) {
    throw new ConfigError(`FOOTNOTE_DB=${JSON.stringify(path)} cannot be opened as a database: ${(err as Error).message}`);
  }
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: join(projectRoot(), 'migrations') });
  return { db, sqlite };
}

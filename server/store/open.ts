import type { Config } from '../config/env';
import { redactUrl } from '../db/open-pg';
import { createPgStore } from './pg';
import { createSqliteStore } from './sqlite';
import type { Store } from './types';

/**
 * The engine the configuration names: PostgreSQL when FOOTNOTE_DATABASE_URL is set, else the
 * SQLite file FOOTNOTE_DB. Either is opened and migrated before this resolves.
 */
export async function openStore(config: Pick<Config, 'dbPath' | 'databaseUrl' | 'databasePool'>): Promise<Store> {
  if (config.databaseUrl) return createPgStore(config.databaseUrl, { poolSize: config.databasePool });
  return createSqliteStore(config.dbPath);
}

/** Where the data lives, for start-up lines and messages (no password). */
export function describeStore(config: Pick<Config, 'dbPath' | 'databaseUrl'>): string {
  return config.databaseUrl ? `PostgreSQL ${redactUrl(config.databaseUrl)}` : `database ${config.dbPath}`;
}

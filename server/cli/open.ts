import { existsSync } from 'node:fs';
import type { Config } from '../config/env';
import { createServices } from '../services';
import type { ServiceContext } from '../services/context';
import { createSqliteStore } from '../store/sqlite';
import type { Store } from '../store/types';
import { UsageError } from './args';

/**
 * Opens the database at FOOTNOTE_DB (migrating it like the server does) with the services over
 * it, runs `work`, and closes it. Only `import` may create a database that does not exist yet.
 */
export async function withServices<T>(config: Config, work: (ctx: ServiceContext) => Promise<T>, opts: { create?: boolean } = {}): Promise<T> {
  if (!opts.create && config.dbPath !== ':memory:' && !existsSync(config.dbPath)) {
    throw new UsageError(`There is no database at ${config.dbPath} (set FOOTNOTE_DB to the server's database file).`);
  }
  const store = createSqliteStore(config.dbPath);
  try {
    return await work(await createServices(store, config));
  } finally {
    await store.close();
  }
}

/** Opens just the store (the backup needs no services). */
export async function withStore<T>(config: Config, work: (store: Store) => Promise<T>): Promise<T> {
  if (config.dbPath !== ':memory:' && !existsSync(config.dbPath)) {
    throw new UsageError(`There is no database at ${config.dbPath} (set FOOTNOTE_DB to the server's database file).`);
  }
  const store = createSqliteStore(config.dbPath);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

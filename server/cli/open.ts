import { existsSync } from 'node:fs';
import type { Config } from '../config/env';
import { clusterFor } from '../pg-cluster';
import { createServices } from '../services';
import type { ServiceContext } from '../services/context';
import { openStore } from '../store/open';
import type { Store } from '../store/types';
import { UsageError } from './args';

/**
 * Opens the server's database (FOOTNOTE_DATABASE_URL's PostgreSQL, else the SQLite file
 * FOOTNOTE_DB), migrating it like the server does, with the services over it, runs `work`,
 * and closes it. Only `import` may create a SQLite file that does not exist yet.
 */
export async function withServices<T>(config: Config, work: (ctx: ServiceContext) => Promise<T>, opts: { create?: boolean } = {}): Promise<T> {
  const store = await open(config, opts.create === true);
  // On PostgreSQL, running instances are told what the command changed (an import).
  const cluster = clusterFor(config);
  try {
    return await work(await createServices(store, config, { cluster }));
  } finally {
    await cluster?.stop();
    await store.close();
  }
}

/** Opens just the store (the backup needs no services). */
export async function withStore<T>(config: Config, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await open(config, false);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

function open(config: Config, create: boolean): Promise<Store> {
  if (!config.databaseUrl && !create && config.dbPath !== ':memory:' && !existsSync(config.dbPath)) {
    throw new UsageError(`There is no database at ${config.dbPath} (set FOOTNOTE_DB to the server's database file, or FOOTNOTE_DATABASE_URL to its PostgreSQL).`);
  }
  return openStore(config);
}

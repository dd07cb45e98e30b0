import pg from 'pg';
import type { Config } from '../config/env';
import { instanceId, type Cluster } from '../services/cluster';
import { CHANNEL, PgBus } from './bus';
import { PgLimit } from './limits';
import { pgTexts, pgViewClaims, sweep } from './memory';
import { connectionSettings, SharedPool } from './pool';

export interface PgClusterOptions {
  /** `postgres://…` (FOOTNOTE_DATABASE_URL): the database the instances share. */
  url: string;
  /** Connections for the shared limits, claims and notifications (the store has its own pool). */
  poolSize?: number;
  /** How often expired shared rows are deleted (ms). */
  sweepEveryMs?: number;
  now?: () => number;
  /**
   * Tests only: the schema the store keeps its tables in (`PgOptions.schema`); its instances
   * also get a notification channel of their own, since notifications cross schemas.
   */
  schema?: string;
}

/**
 * The cluster of the configured database: on PostgreSQL (FOOTNOTE_DATABASE_URL) any number
 * of instances may share it, so they coordinate; on SQLite there is one (undefined: the
 * services keep everything in memory, `localCluster`).
 */
export function clusterFor(config: Pick<Config, 'databaseUrl'>): Cluster | undefined {
  return config.databaseUrl ? postgresCluster({ url: config.databaseUrl }) : undefined;
}

/**
 * Instances sharing one PostgreSQL database (docs/scale.md): limits, the duplicate-text memory
 * and the view de-duplication in small tables of that database (`cluster_*`, rows that expire),
 * signals through LISTEN/NOTIFY. Nothing else to run. Its own small pool, plus one connection
 * that listens, so a busy store cannot hold up a notification.
 */
export function postgresCluster(options: PgClusterOptions): Cluster {
  const now = options.now ?? Date.now;
  const shared = new SharedPool({ url: options.url, size: options.poolSize ?? 6, schema: options.schema });
  const instance = instanceId();
  const channel = options.schema ? `${CHANNEL}_${options.schema}` : CHANNEL;
  const bus = new PgBus(shared, () => new pg.Client(connectionSettings(options)), instance, channel);
  let sweeper: NodeJS.Timeout | null = null;
  return {
    instance,
    limit: (name, windows) => new PgLimit(shared, name, windows),
    texts: pgTexts(shared),
    views: pgViewClaims(shared),
    send: (signal) => bus.send(signal),
    receive: (on) => bus.receive(on),
    async start() {
      await bus.start();
      sweeper = setInterval(() => {
        sweep(shared, now()).catch((err: Error) => console.error('footnote: could not delete expired shared rows (will retry):', err.message));
      }, options.sweepEveryMs ?? 60_000);
      sweeper.unref();
    },
    async stop() {
      if (sweeper) clearInterval(sweeper);
      await bus.stop();
      await shared.end();
    },
  };
}

import pg from 'pg';
import { storeErrorOf } from '../store/pg/errors';
import { namedQuery } from '../store/pg/named-query';

export interface PoolOptions {
  url: string;
  size: number;
  /** Tests only: the store's schema (`PgOptions.schema`). */
  schema?: string | undefined;
}

/** The connection settings of the shared-state pool and of the connection that listens. */
export function connectionSettings(options: Omit<PoolOptions, 'size'>): pg.ClientConfig {
  return {
    connectionString: options.url,
    // A database that does not answer fails a request in seconds instead of hanging it.
    connectionTimeoutMillis: 3_000,
    statement_timeout: 10_000,
    query_timeout: 11_000,
    application_name: 'footnote-cluster',
    // What these connections write can be rebuilt: a limit's window, a claim on a view, a text
    // hash. Their commits do not wait for the disk (PostgreSQL writes them within a fraction of
    // a second); a crash of PostgreSQL itself may forget the last moment of them, never a comment.
    options: ['-c synchronous_commit=off', ...(options.schema ? [`-c search_path=${options.schema}`] : [])].join(' '),
  };
}

/**
 * The pool of the shared state, apart from the store's so a busy store cannot hold up a limit
 * or a notification. Its failures read as the store's: PostgreSQL away is `unavailable` (503).
 */
export class SharedPool {
  readonly pool: pg.Pool;

  constructor(options: PoolOptions) {
    this.pool = new pg.Pool({ ...connectionSettings(options), max: options.size, idleTimeoutMillis: 10_000 });
    // An idle connection that dies (the database restarted) is replaced on next use; it must
    // not take the process down.
    this.pool.on('error', (err) => console.error(`footnote: a shared-state connection to PostgreSQL was lost (${err.message}); reconnecting on the next query.`));
  }

  /** Runs `text` as a named statement: every post and reaction sends the same few (a limit's hit, a text's hash). */
  async query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await namedQuery<R>(this.pool, text, values);
    } catch (err) {
      throw storeErrorOf(err);
    }
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}

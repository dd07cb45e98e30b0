import { openPg, type PgOptions } from '../../db/open-pg';
import type { Store } from '../types';
import { pgArchive } from './archive';
import { pgComments } from './comments';
import { guarded } from './errors';
import { pgMeta } from './meta';
import { pgModeration } from './moderation';
import { pgThreads } from './threads';

/** The PostgreSQL engine: opens a pool on `url`, migrates, and wraps it as a `Store`. */
export async function createPgStore(url: string, opts: PgOptions = {}): Promise<Store> {
  const db = await openPg(url, opts);
  let closed = false;
  return {
    threads: guarded(pgThreads(db)),
    comments: guarded(pgComments(db)),
    moderation: guarded(pgModeration(db)),
    meta: guarded(pgMeta(db)),
    archive: guarded(pgArchive(db, url)),
    async close() {
      if (closed) return;
      closed = true;
      await db.$client.end();
    },
  };
}

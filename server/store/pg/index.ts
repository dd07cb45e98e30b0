import { openPg, type PgOptions } from '../../db/open-pg';
import type { Store } from '../types';
import { pgArchive } from './archive';
import { pgComments } from './comments';
import { guarded } from './errors';
import { pgMeta } from './meta';
import { pgModeration } from './moderation';
import { pgMail } from './mail';
import { pgStats } from './stats';
import { pgThreads } from './threads';
import { pgUsers } from './users';

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
    users: guarded(pgUsers(db)),
    stats: guarded(pgStats(db)),
    mail: guarded(pgMail(db)),
    async close() {
      if (closed) return;
      closed = true;
      await db.$client.end();
    },
  };
}

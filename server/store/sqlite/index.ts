import { openDatabase } from '../../db/open';
import type { Store } from '../types';
import { sqliteArchive } from './archive';
import { sqliteComments } from './comments';
import { sqliteMail } from './mail';
import { sqliteMeta } from './meta';
import { sqliteModeration } from './moderation';
import { sqliteStats } from './stats';
import { sqliteThreads } from './threads';
import { sqliteUsers } from './users';

/** The SQLite engine: opens and migrates `path` (or `:memory:`) and wraps it as a `Store`. */
export function createSqliteStore(path: string): Store {
  const { db, sqlite } = openDatabase(path);
  return {
    threads: sqliteThreads(db),
    comments: sqliteComments(db),
    moderation: sqliteModeration(db),
    meta: sqliteMeta(db, sqlite),
    archive: sqliteArchive(db, sqlite),
    users: sqliteUsers(db),
    stats: sqliteStats(sqlite),
    mail: sqliteMail(db),
    async close() {
      if (!sqlite.open) return;
      // Fold the WAL back into the main file so a stopped server leaves one tidy file.
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.close();
    },
  };
}

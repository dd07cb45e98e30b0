import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { and, asc, eq, gt, inArray, sql, type Column } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/open';
import { audit, bans, comments, secrets, threads } from '../../db/schema';
import { commentWrites, type CommentInsert, type ParentRef } from './comment-writes';
import { eraseCommentsIn } from './erase-comments';
import { dailyWrites } from './daily';
import { sqliteArchiveUsers } from './archive-users';
import type { ArchiveStore, ImportCommentOp, ImportOp, ImportOpResult, ImportThreadOp, DataRequestComment } from '../types';

const SITE_TAG = 'site-tag';

/** Statuses the public listing shows in a tree (a deleted placeholder holds its replies). */
const SHOWN = new Set(['published', 'deleted']);

/**
 * Import, export and data requests on SQLite. The import path runs hundreds of thousands of
 * times per file, a batch per transaction: its statements are prepared once, and a comment is
 * written by the same ones as a posted comment ({@link commentWrites}).
 */
export function sqliteArchive(db: Db, sqlite: Database.Database): ArchiveStore {
  const writes = commentWrites(db);
  const daily = dailyWrites(db);
  const users = sqliteArchiveUsers(db);
  const q = {
    threadByKey: db.select({ id: threads.id }).from(threads).where(eq(threads.key, sql.placeholder('key'))).prepare(),
    insertThread: db
      .insert(threads)
      .values({
        key: sql.placeholder('key'),
        title: sql.placeholder('title'),
        url: sql.placeholder('url'),
        closed: sql.placeholder('closed'),
        moderation: sql.placeholder('moderation'),
        views: sql.placeholder('views'),
        createdAt: sql.placeholder('createdAt'),
      })
      .onConflictDoNothing({ target: threads.key })
      .prepare(),
    // Fill what is missing, never overwrite; views only grow (a second import adds none).
    completeThread: db
      .update(threads)
      .set({
        title: sql`coalesce(${threads.title}, ${sql.placeholder('title')})`,
        url: sql`coalesce(${threads.url}, ${sql.placeholder('url')})`,
        moderation: sql`coalesce(${threads.moderation}, ${sql.placeholder('moderation')})`,
        views: sql`max(${threads.views}, ${sql.placeholder('views')})`,
      })
      .where(eq(threads.id, sql.placeholder('id')))
      .prepare(),
    byImportKey: db
      .select({ id: comments.id, threadId: comments.threadId, rootId: comments.rootId, status: comments.status })
      .from(comments)
      .where(eq(comments.importKey, sql.placeholder('key')))
      .prepare(),
    decision: db
      .update(comments)
      .set({ statusByDesk: sql`${sql.placeholder('statusByDesk')}`, decidedAt: sql`${sql.placeholder('decidedAt')}` })
      .where(eq(comments.id, sql.placeholder('id')))
      .prepare(),
    createdById: db.select({ createdAt: comments.createdAt }).from(comments).where(eq(comments.id, sql.placeholder('id'))).prepare(),
    // AUTOINCREMENT never hands out a number twice: below this, a missing comment was deleted.
    // (sqlite_sequence is SQLite's own table, outside the schema.)
    lastId: sqlite.prepare<[], { seq: number }>("select seq from sqlite_sequence where name = 'comments'"),
  };

  const thread = (op: ImportThreadOp, now: number): ImportOpResult => {
    const { key, title, url, closed, moderation, views } = op;
    const created = q.insertThread.run({ key, title, url, closed, moderation, views, createdAt: now }).changes > 0;
    if (created) return 'created';
    const row = q.threadByKey.get({ key });
    if (row) q.completeThread.run({ title, url, moderation, views, id: row.id });
    return 'existing';
  };

  const lastCommentId = () => q.lastId.get()?.seq ?? 0;

  const parentOf = (op: ImportCommentOp): ParentRef | null => {
    if (op.parentKey === null) return null;
    const imported = q.byImportKey.get({ key: op.parentKey });
    if (imported) return imported;
    return op.parentLocalId === null ? null : (writes.parent.get({ id: op.parentLocalId }) ?? null);
  };

  const comment = (op: ImportCommentOp, threadIds: Map<string, number>, deltas: Map<number, number>): ImportOpResult => {
    if (op.localId !== null) {
      // A comment of this very database: present (nothing to do) or deleted here since (never
      // revived). A clone of the database (a restored backup) numbers its new comments on its own:
      // a different date under the number, or a number never used here, is another comment.
      const local = q.createdById.get({ id: op.localId });
      if (local?.createdAt === op.createdAt) return 'unchanged';
      if (!local && op.localId <= lastCommentId()) return 'erased';
    }
    let threadId = threadIds.get(op.threadKey);
    if (threadId === undefined) {
      threadId = q.threadByKey.get({ key: op.threadKey })?.id;
      if (threadId === undefined) return 'no-thread';
      threadIds.set(op.threadKey, threadId);
    }
    let parent = parentOf(op);
    // A reply lives in its parent's thread; one pointing elsewhere is kept at the top level.
    if (parent && parent.threadId !== threadId) parent = null;
    // A published reply under a hidden parent (spam, pending) could never be shown, yet would be
    // counted: it comes in at the top level, so what the counts say is what readers see.
    if (parent && op.status === 'published' && !SHOWN.has(parent.status)) parent = null;
    const row = {
      threadId,
      parentId: parent?.id ?? null,
      rootId: parent ? (parent.rootId ?? parent.id) : null,
      author: op.author,
      email: op.email,
      body: op.body,
      html: op.html,
      status: op.status,
      featured: op.featured,
      reactions: op.reactions,
      reader: null,
      host: null,
      editTokenHash: null,
      createdAt: op.createdAt,
      editedAt: op.editedAt,
      importKey: op.importKey,
      userId: users.knownUser(op.userId),
      badges: op.badges,
    } satisfies CommentInsert;
    const inserted = writes.insert.get(row);
    if (!inserted) return 'unchanged';
    // The desk's decision comes only with Footnote's own export (moving engines); any other
    // import's statuses are the source's, not this desk's.
    if (op.statusByDesk || op.decidedAt !== null) q.decision.run({ id: inserted.id, statusByDesk: op.statusByDesk ? 1 : 0, decidedAt: op.decidedAt });
    daily.comment(null, { ...row, statusByDesk: op.statusByDesk });
    if (!parent) writes.setRoot.run({ id: inserted.id });
    if (op.status === 'published') deltas.set(threadId, (deltas.get(threadId) ?? 0) + 1);
    return 'added';
  };

  const importBatch = sqlite.transaction((ops: readonly ImportOp[], now: number): ImportOpResult[] => {
    const threadIds = new Map<string, number>();
    const deltas = new Map<number, number>();
    const results = ops.map((op) => (op.kind === 'thread' ? thread(op, now) : op.kind === 'user' ? users.write(op) : comment(op, threadIds, deltas)));
    for (const [threadId, delta] of deltas) writes.bumpCount.run({ delta, threadId });
    return results;
  });

  const parent = alias(comments, 'parent');

  return {
    async importBatch(ops, now) {
      // IMMEDIATE: take the write lock up front, so a server writing to the same file meanwhile
      // makes this wait (busy_timeout) instead of failing half-way through the batch.
      return importBatch.immediate(ops, now);
    },

    async siteTag() {
      const read = () => db.select().from(secrets).where(eq(secrets.name, SITE_TAG)).get()?.value;
      const tag = read();
      if (tag) return tag;
      db.insert(secrets).values({ name: SITE_TAG, value: randomBytes(4).toString('hex'), createdAt: Date.now() }).onConflictDoNothing().run();
      return read()!;
    },

    async exportPage(threadId, afterId, limit) {
      const rows = db
        .select({ c: comments, parentImportKey: parent.importKey })
        .from(comments)
        .leftJoin(parent, eq(parent.id, comments.parentId))
        .where(and(eq(comments.threadId, threadId), gt(comments.id, afterId)))
        .orderBy(asc(comments.id))
        .limit(limit)
        .all();
      return rows.map((r) => ({ ...r.c, parentImportKey: r.parentImportKey }));
    },

    async exportUsers(afterId, limit) {
      return users.exportUsers(afterId, limit);
    },

    async recordsByEmail(email) {
      return {
        comments: readerComments(db, email),
        bans: db.select().from(bans).where(eq(bans.email, email)).orderBy(asc(bans.id)).all(),
      };
    },

    async eraseByEmail(email, { keepBans, mask }) {
      return db.transaction((tx) => {
        const found = readerComments(tx, email);
        const erased = eraseCommentsIn(tx, found, daily);
        const banIds = keepBans
          ? []
          : tx.delete(bans).where(eq(bans.email, email)).returning({ id: bans.id }).all().map((b) => String(b.id));
        // The entries of the lifted bans may name the commenter ("author of comment #3 (Ann)").
        const names = [...new Set(found.map((c) => c.author.trim()).filter((n) => n.length > 1))];
        const auditScrubbed = new Set([...scrubAudit(tx, email, mask), ...scrubBanNames(tx, banIds, names)]).size;
        return { comments: erased, bansRemoved: banIds.length, auditScrubbed };
      });
    },

    async normaliseEmails(normal) {
      // Candidates only: an upper-case ASCII letter (lower() tells) or any non-ASCII character
      // (the glob); through the email indexes, so a start on a big database stays quick.
      const suspect = (col: Column) => sql`${col} is not null and (${col} <> lower(${col}) or ${col} glob ${'*[^ -~]*'} or ${col} <> trim(${col}))`;
      return db.transaction((tx) => {
        let changed = 0;
        for (const table of [comments, bans]) {
          for (const row of tx.select({ id: table.id, email: table.email }).from(table).where(suspect(table.email)).all()) {
            const email = normal(row.email!);
            if (email === row.email) continue;
            tx.update(table).set({ email }).where(eq(table.id, row.id)).run();
            changed++;
          }
        }
        return changed;
      });
    },

    async totals() {
      const count = (table: typeof threads | typeof comments) => db.select({ n: sql<number>`count(*)` }).from(table).get()?.n ?? 0;
      return { threads: count(threads), comments: count(comments) };
    },

    async backupTo(file) {
      // The first step only opens the backup; returning the page budget makes the next step copy everything.
      await sqlite.backup(file, { progress: () => 0x7fffffff });
    },

    async checkCopy(file) {
      const copy = new Database(file, { fileMustExist: true });
      try {
        copy.pragma('journal_mode = DELETE');
        const integrity = String(copy.pragma('integrity_check', { simple: true }));
        const count = (table: string) => (copy.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
        return { integrity, threads: count('threads'), comments: count('comments') };
      } finally {
        copy.close();
      }
    },
  };
}

type Reader = Pick<Db, 'select'>;

export function readerComments(db: Reader, email: string): DataRequestComment[] {
  return db
    .select({ c: comments, threadKey: threads.key, threadTitle: threads.title, threadUrl: threads.url })
    .from(comments)
    .innerJoin(threads, eq(threads.id, comments.threadId))
    .where(eq(comments.email, email))
    .orderBy(asc(comments.id))
    .all()
    .map((r) => ({ ...r.c, threadKey: r.threadKey, threadTitle: r.threadTitle, threadUrl: r.threadUrl }));
}

/**
 * Replaces the email (in any letter case, any script) in audit entries by `mask`; returns the
 * ids of those it changed. SQLite's `like` and `lower()` fold A-Z only, so the query looks for the address
 * with every other letter left open (`_`), and the regular expression (Unicode-aware) decides.
 */
export function scrubAudit(tx: Pick<Db, 'select' | 'update'>, email: string, mask: string): number[] {
  const pattern = `%${[...email.toLowerCase()].map((c) => (/[\\%_]/.test(c) ? `\\${c}` : c.charCodeAt(0) < 128 ? c : '_')).join('')}%`;
  const like = (col: Column) => sql`lower(${col}) like ${pattern} escape '\\'`;
  const rows = tx
    .select()
    .from(audit)
    .where(sql`${like(audit.detail)} or ${like(audit.before)} or ${like(audit.after)} or ${like(audit.targetId)}`)
    .all();
  const re = new RegExp(email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
  const clean = (v: string | null) => (v === null ? null : v.replace(re, mask));
  for (const r of rows) {
    tx.update(audit)
      .set({ detail: clean(r.detail), before: clean(r.before), after: clean(r.after), targetId: clean(r.targetId) ?? mask })
      .where(eq(audit.id, r.id))
      .run();
  }
  return rows.map((r) => r.id);
}

/** Replaces the commenter's names in the audit entries of these (lifted) bans; returns the ids changed. */
function scrubBanNames(tx: Pick<Db, 'select' | 'update'>, banIds: string[], names: string[]): number[] {
  if (banIds.length === 0 || names.length === 0) return [];
  const rows = tx.select().from(audit).where(and(eq(audit.targetType, 'ban'), inArray(audit.targetId, banIds))).all();
  const changed: number[] = [];
  for (const r of rows) {
    let detail = r.detail;
    for (const name of names) detail = detail?.split(name).join('[erased]') ?? null;
    if (detail === r.detail) continue;
    tx.update(audit).set({ detail }).where(eq(audit.id, r.id)).run();
    changed.push(r.id);
  }
  return changed;
}

import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { and, asc, eq, gt, inArray, sql, type Column } from 'drizzle-orm';
import { alias } from 'drizzle-orm/sqlite-core';
import type { Db } from '../../db/open';
import { audit, bans, comments, secrets, threads } from '../../db/schema';
import type { ArchiveStore, ImportCommentOp, ImportOpResult, ImportThreadOp, ReaderCommentRow } from '../types';

const SITE_TAG = 'site-tag';

interface ParentRef {
  id: number;
  threadId: number;
  rootId: number | null;
  status: string;
}

/** Statuses the public listing shows in a tree (a deleted placeholder holds its replies). */
const SHOWN = new Set(['published', 'deleted']);

/**
 * Import, export and data requests on SQLite. The import path uses prepared statements of its
 * own: it runs hundreds of thousands of times per file, and each batch is one transaction.
 */
export function sqliteArchive(db: Db, sqlite: Database.Database): ArchiveStore {
  const q = {
    threadByKey: sqlite.prepare<[string], { id: number }>('select id from threads where key = ?'),
    insertThread: sqlite.prepare(
      'insert into threads (key, title, url, closed, moderation, views, created_at) values (?, ?, ?, ?, ?, ?, ?) on conflict (key) do nothing',
    ),
    // Fill what is missing, never overwrite; views only grow (a second import adds none).
    completeThread: sqlite.prepare(
      'update threads set title = coalesce(title, ?), url = coalesce(url, ?), moderation = coalesce(moderation, ?), views = max(views, ?) where id = ?',
    ),
    byImportKey: sqlite.prepare<[string], ParentRef>('select id, thread_id as threadId, root_id as rootId, status from comments where import_key = ?'),
    byId: sqlite.prepare<[number], ParentRef>('select id, thread_id as threadId, root_id as rootId, status from comments where id = ?'),
    insertComment: sqlite.prepare<unknown[], { id: number }>(
      `insert into comments (thread_id, parent_id, root_id, author, email, body, html, status, featured, reactions, created_at, edited_at, import_key)
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (import_key) do nothing returning id`,
    ),
    createdById: sqlite.prepare<[number], { createdAt: number }>('select created_at as createdAt from comments where id = ?'),
    // AUTOINCREMENT never hands out a number twice: below this, a missing comment was deleted.
    lastId: sqlite.prepare<[], { seq: number }>("select seq from sqlite_sequence where name = 'comments'"),
    setRoot: sqlite.prepare('update comments set root_id = id where id = ?'),
    bumpCount: sqlite.prepare('update threads set published_count = published_count + ? where id = ?'),
  };

  const thread = (op: ImportThreadOp, now: number): ImportOpResult => {
    const created = q.insertThread.run(op.key, op.title, op.url, op.closed ? 1 : 0, op.moderation, op.views, now).changes > 0;
    if (created) return 'created';
    const row = q.threadByKey.get(op.key);
    if (row) q.completeThread.run(op.title, op.url, op.moderation, op.views, row.id);
    return 'existing';
  };

  const lastCommentId = () => q.lastId.get()?.seq ?? 0;

  const parentOf = (op: ImportCommentOp): ParentRef | null => {
    if (op.parentKey === null) return null;
    const imported = q.byImportKey.get(op.parentKey);
    if (imported) return imported;
    return op.parentLocalId === null ? null : (q.byId.get(op.parentLocalId) ?? null);
  };

  const comment = (op: ImportCommentOp, threadIds: Map<string, number>, deltas: Map<number, number>): ImportOpResult => {
    if (op.localId !== null) {
      // A comment of this very database: present (nothing to do) or deleted here since (never
      // revived). A clone of the database (a restored backup) numbers its new comments on its own:
      // a different date under the number, or a number never used here, is another comment.
      const local = q.createdById.get(op.localId);
      if (local?.createdAt === op.createdAt) return 'unchanged';
      if (!local && op.localId <= lastCommentId()) return 'erased';
    }
    let threadId = threadIds.get(op.threadKey);
    if (threadId === undefined) {
      threadId = q.threadByKey.get(op.threadKey)?.id;
      if (threadId === undefined) return 'no-thread';
      threadIds.set(op.threadKey, threadId);
    }
    let parent = parentOf(op);
    // A reply lives in its parent's thread; one pointing elsewhere is kept at the top level.
    if (parent && parent.threadId !== threadId) parent = null;
    // A published reply under a hidden parent (spam, pending) could never be shown, yet would be
    // counted: it comes in at the top level, so what the counts say is what readers see.
    if (parent && op.status === 'published' && !SHOWN.has(parent.status)) parent = null;
    const inserted = q.insertComment.get(
      threadId,
      parent?.id ?? null,
      parent ? (parent.rootId ?? parent.id) : null,
      op.author,
      op.email,
      op.body,
      op.html,
      op.status,
      op.featured ? 1 : 0,
      op.reactions,
      op.createdAt,
      op.editedAt,
      op.importKey,
    );
    if (!inserted) return 'unchanged';
    if (!parent) q.setRoot.run(inserted.id);
    if (op.status === 'published') deltas.set(threadId, (deltas.get(threadId) ?? 0) + 1);
    return 'added';
  };

  const importBatch = sqlite.transaction((ops: readonly (ImportThreadOp | ImportCommentOp)[], now: number): ImportOpResult[] => {
    const threadIds = new Map<string, number>();
    const deltas = new Map<number, number>();
    const results = ops.map((op) => (op.kind === 'thread' ? thread(op, now) : comment(op, threadIds, deltas)));
    for (const [threadId, n] of deltas) q.bumpCount.run(n, threadId);
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

    async readerRecords(email) {
      return {
        comments: readerComments(db, email),
        bans: db.select().from(bans).where(sql`lower(${bans.email}) = lower(${email})`).orderBy(asc(bans.id)).all(),
      };
    },

    async eraseReader(email, { keepBans, mask }) {
      return db.transaction((tx) => {
        const found = readerComments(tx, email);
        const erased: { before: ReaderCommentRow; placeholder: boolean }[] = [];
        // Newest first: a reader's reply to their own comment goes before the comment it holds up.
        for (const row of [...found].sort((a, b) => b.id - a.id)) {
          const child = tx.select({ id: comments.id }).from(comments).where(eq(comments.parentId, row.id)).limit(1).get();
          // Imported comments stay as empty tombstones: re-importing the old file must not revive them.
          const placeholder = Boolean(child) || row.importKey !== null;
          if (placeholder) {
            tx.update(comments)
              .set({ status: 'deleted', author: '', body: '', html: '', email: null, reader: null, editTokenHash: null, featured: false })
              .where(eq(comments.id, row.id))
              .run();
          } else {
            tx.delete(comments).where(eq(comments.id, row.id)).run();
          }
          if (row.status === 'published') {
            tx.update(threads).set({ publishedCount: sql`${threads.publishedCount} - 1` }).where(eq(threads.id, row.threadId)).run();
          }
          erased.push({ before: row, placeholder });
        }
        const banIds = keepBans
          ? []
          : tx.delete(bans).where(sql`lower(${bans.email}) = lower(${email})`).returning({ id: bans.id }).all().map((b) => String(b.id));
        // The entries of the lifted bans may name the commenter ("author of comment #3 (Ann)").
        const names = [...new Set(found.map((c) => c.author.trim()).filter((n) => n.length > 1))];
        const auditScrubbed = scrubAudit(tx, email, mask) + scrubBanNames(tx, banIds, names);
        return { comments: erased, bansRemoved: banIds.length, auditScrubbed };
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

function readerComments(db: Reader, email: string): ReaderCommentRow[] {
  return db
    .select({ c: comments, threadKey: threads.key, threadTitle: threads.title, threadUrl: threads.url })
    .from(comments)
    .innerJoin(threads, eq(threads.id, comments.threadId))
    .where(sql`lower(${comments.email}) = lower(${email})`)
    .orderBy(asc(comments.id))
    .all()
    .map((r) => ({ ...r.c, threadKey: r.threadKey, threadTitle: r.threadTitle, threadUrl: r.threadUrl }));
}

/** Replaces the email (any letter case) in audit entries by `mask`; returns how many changed. */
function scrubAudit(tx: Pick<Db, 'select' | 'update'>, email: string, mask: string): number {
  const pattern = `%${email.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const like = (col: Column) => sql`lower(${col}) like ${pattern} escape '\\'`;
  const rows = tx
    .select()
    .from(audit)
    .where(sql`${like(audit.detail)} or ${like(audit.before)} or ${like(audit.after)} or ${like(audit.targetId)}`)
    .all();
  const re = new RegExp(email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  const clean = (v: string | null) => (v === null ? null : v.replace(re, mask));
  for (const r of rows) {
    tx.update(audit)
      .set({ detail: clean(r.detail), before: clean(r.before), after: clean(r.after), targetId: clean(r.targetId) ?? mask })
      .where(eq(audit.id, r.id))
      .run();
  }
  return rows.length;
}

/** Replaces the commenter's names in the audit entries of these (lifted) bans. */
function scrubBanNames(tx: Pick<Db, 'select' | 'update'>, banIds: string[], names: string[]): number {
  if (banIds.length === 0 || names.length === 0) return 0;
  const rows = tx.select().from(audit).where(and(eq(audit.targetType, 'ban'), inArray(audit.targetId, banIds))).all();
  let changed = 0;
  for (const r of rows) {
    let detail = r.detail;
    for (const name of names) detail = detail?.split(name).join('[erased]') ?? null;
    if (detail === r.detail) continue;
    tx.update(audit).set({ detail }).where(eq(audit.id, r.id)).run();
    changed++;
  }
  return changed;
}

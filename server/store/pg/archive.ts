import { randomBytes } from 'node:crypto';
import { and, asc, eq, gt, inArray, sql, type Column } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { PgDb } from '../../db/open-pg';
import { audit, bans, comments, secrets, threads } from '../../db/pg-schema';
import type { ParentRef } from '../sqlite/comment-writes';
import type { ArchiveStore, DataRequestComment, ImportCommentOp, ImportOpResult, ImportThreadOp } from '../types';
import { pgDump } from './dump';
import { pgCommentWrites as writes, type PgTx } from './comment-writes';
import { pgDaily } from './daily';
import { eraseCommentsIn } from './erase-comments';
import { pgArchiveUsers as users } from './archive-users';

const SITE_TAG = 'site-tag';

/** Statuses the public listing shows in a tree (a deleted placeholder holds its replies). */
const SHOWN = new Set(['published', 'deleted']);

/**
 * Import, export and data requests on PostgreSQL: the same decisions as `sqlite/archive.ts`,
 * op for op, each batch in one transaction.
 */
export function pgArchive(db: PgDb, url: string): ArchiveStore {
  const threadId = async (tx: PgTx, key: string) => {
    const [row] = await tx.select({ id: threads.id }).from(threads).where(eq(threads.key, key));
    return row?.id;
  };

  const thread = async (tx: PgTx, op: ImportThreadOp, now: number): Promise<ImportOpResult> => {
    const { key, title, url, closed, moderation, views } = op;
    const created = await tx
      .insert(threads)
      .values({ key, title, url, closed, moderation, views, createdAt: now })
      .onConflictDoNothing({ target: threads.key })
      .returning({ id: threads.id });
    if (created.length > 0) return 'created';
    // Fill what is missing, never overwrite; views only grow (a second import adds none).
    await tx
      .update(threads)
      .set({
        title: sql`coalesce(${threads.title}, ${title})`,
        url: sql`coalesce(${threads.url}, ${url})`,
        moderation: sql`coalesce(${threads.moderation}, ${moderation})`,
        views: sql`greatest(${threads.views}, ${views})`,
      })
      .where(eq(threads.key, key));
    return 'existing';
  };

  /** The highest comment id ever handed out: below it, a missing comment was deleted. */
  const lastCommentId = async (tx: PgTx) => {
    const r = await tx.execute<{ last_value: string; is_called: boolean }>(sql`select last_value, is_called from comments_id_seq`);
    const row = r.rows[0];
    return row?.is_called ? Number(row.last_value) : 0;
  };

  const parentOf = async (tx: PgTx, op: ImportCommentOp): Promise<ParentRef | null> => {
    if (op.parentKey === null) return null;
    const [imported] = await tx
      .select({ id: comments.id, threadId: comments.threadId, rootId: comments.rootId, status: comments.status })
      .from(comments)
      .where(eq(comments.importKey, op.parentKey));
    if (imported) return imported;
    return op.parentLocalId === null ? null : writes.parent(tx, op.parentLocalId);
  };

  const comment = async (tx: PgTx, op: ImportCommentOp, threadIds: Map<string, number>, deltas: Map<number, number>): Promise<ImportOpResult> => {
    if (op.localId !== null) {
      // A comment of this very database (see the SQLite engine for the reasoning).
      const [local] = await tx.select({ createdAt: comments.createdAt }).from(comments).where(eq(comments.id, op.localId));
      if (local?.createdAt === op.createdAt) return 'unchanged';
      if (!local && op.localId <= (await lastCommentId(tx))) return 'erased';
    }
    let id = threadIds.get(op.threadKey);
    if (id === undefined) {
      id = await threadId(tx, op.threadKey);
      if (id === undefined) return 'no-thread';
      threadIds.set(op.threadKey, id);
    }
    let parent = await parentOf(tx, op);
    if (parent && parent.threadId !== id) parent = null;
    if (parent && op.status === 'published' && !SHOWN.has(parent.status)) parent = null;
    const row = {
      threadId: id,
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
      userId: await users.knownUser(tx, op.userId),
      badges: op.badges,
    };
    const inserted = await writes.insert(tx, row);
    if (inserted === null) return 'unchanged';
    // The desk's decision comes only with Footnote's own export (moving engines).
    if (op.statusByDesk || op.decidedAt !== null) {
      await tx.update(comments).set({ statusByDesk: op.statusByDesk, decidedAt: op.decidedAt }).where(eq(comments.id, inserted));
    }
    await pgDaily.comment(tx, null, { ...row, statusByDesk: op.statusByDesk });
    if (!parent) await writes.setRoot(tx, inserted);
    if (op.status === 'published') deltas.set(id, (deltas.get(id) ?? 0) + 1);
    return 'added';
  };

  const parent = alias(comments, 'parent');

  return {
    async importBatch(ops, now) {
      return db.transaction(async (tx) => {
        const threadIds = new Map<string, number>();
        const deltas = new Map<number, number>();
        const results: ImportOpResult[] = [];
        for (const op of ops) {
          results.push(op.kind === 'thread' ? await thread(tx, op, now) : op.kind === 'user' ? await users.write(tx, op) : await comment(tx, op, threadIds, deltas));
        }
        for (const [id, delta] of deltas) await writes.bumpCount(tx, id, delta);
        return results;
      });
    },

    async siteTag() {
      const read = async () => (await db.select().from(secrets).where(eq(secrets.name, SITE_TAG)))[0]?.value;
      const tag = await read();
      if (tag) return tag;
      await db.insert(secrets).values({ name: SITE_TAG, value: randomBytes(4).toString('hex'), createdAt: Date.now() }).onConflictDoNothing();
      return (await read())!;
    },

    async exportPage(threadId, afterId, limit) {
      const rows = await db
        .select({ c: comments, parentImportKey: parent.importKey })
        .from(comments)
        .leftJoin(parent, eq(parent.id, comments.parentId))
        .where(and(eq(comments.threadId, threadId), gt(comments.id, afterId)))
        .orderBy(asc(comments.id))
        .limit(limit);
      return rows.map((r) => ({ ...r.c, parentImportKey: r.parentImportKey }));
    },

    async exportUsers(afterId, limit) {
      return users.exportUsers(db, afterId, limit);
    },

    async recordsByEmail(email) {
      return {
        comments: await readerComments(db, email),
        bans: await db.select().from(bans).where(eq(bans.email, email)).orderBy(asc(bans.id)),
      };
    },

    async eraseByEmail(email, { keepBans, mask }) {
      return db.transaction(async (tx) => {
        const found = await readerComments(tx, email);
        const erased = await eraseCommentsIn(tx, found);
        const banIds = keepBans ? [] : (await tx.delete(bans).where(eq(bans.email, email)).returning({ id: bans.id })).map((b) => String(b.id));
        const names = [...new Set(found.map((c) => c.author.trim()).filter((n) => n.length > 1))];
        const auditScrubbed = new Set([...(await scrubAudit(tx, email, mask)), ...(await scrubBanNames(tx, banIds, names))]).size;
        return { comments: erased, bansRemoved: banIds.length, auditScrubbed };
      });
    },

    async normaliseEmails(normal) {
      // Candidates only, as on SQLite: upper case, anything outside printable ASCII, or spaces around.
      const suspect = (col: Column) => sql`${col} is not null and (${col} <> lower(${col}) or ${col} ~ '[^ -~]' or ${col} <> trim(${col}))`;
      return db.transaction(async (tx) => {
        let changed = 0;
        for (const table of [comments, bans]) {
          for (const row of await tx.select({ id: table.id, email: table.email }).from(table).where(suspect(table.email))) {
            const email = normal(row.email!);
            if (email === row.email) continue;
            await tx.update(table).set({ email }).where(eq(table.id, row.id));
            changed++;
          }
        }
        return changed;
      });
    },

    async totals() {
      const count = async (table: typeof threads | typeof comments) =>
        (await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(table))[0]?.n ?? 0;
      return { threads: await count(threads), comments: await count(comments) };
    },

    async backupTo(file) {
      await pgDump.dump(url, file);
    },

    async checkCopy(file) {
      return pgDump.check(file);
    },
  };
}

type Reader = Pick<PgDb, 'select'>;

export async function readerComments(db: Reader, email: string): Promise<DataRequestComment[]> {
  const rows = await db
    .select({ c: comments, threadKey: threads.key, threadTitle: threads.title, threadUrl: threads.url })
    .from(comments)
    .innerJoin(threads, eq(threads.id, comments.threadId))
    .where(eq(comments.email, email))
    .orderBy(asc(comments.id));
  return rows.map((r) => ({ ...r.c, threadKey: r.threadKey, threadTitle: r.threadTitle, threadUrl: r.threadUrl }));
}

/** As on SQLite: a wide `like` finds the candidates, the Unicode-aware expression decides. */
export async function scrubAudit(tx: PgTx, email: string, mask: string): Promise<number[]> {
  const pattern = `%${[...email.toLowerCase()].map((c) => (/[\\%_]/.test(c) ? `\\${c}` : c.charCodeAt(0) < 128 ? c : '_')).join('')}%`;
  const like = (col: Column) => sql`lower(${col}) like ${pattern} escape '\\'`;
  const rows = await tx
    .select()
    .from(audit)
    .where(sql`${like(audit.detail)} or ${like(audit.before)} or ${like(audit.after)} or ${like(audit.targetId)}`);
  const re = new RegExp(email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'giu');
  const clean = (v: string | null) => (v === null ? null : v.replace(re, mask));
  for (const r of rows) {
    await tx
      .update(audit)
      .set({ detail: clean(r.detail), before: clean(r.before), after: clean(r.after), targetId: clean(r.targetId) ?? mask })
      .where(eq(audit.id, r.id));
  }
  return rows.map((r) => r.id);
}

async function scrubBanNames(tx: PgTx, banIds: string[], names: string[]): Promise<number[]> {
  if (banIds.length === 0 || names.length === 0) return [];
  const rows = await tx.select().from(audit).where(and(eq(audit.targetType, 'ban'), inArray(audit.targetId, banIds)));
  const changed: number[] = [];
  for (const r of rows) {
    let detail = r.detail;
    for (const name of names) detail = detail?.split(name).join('[erased]') ?? null;
    if (detail === r.detail) continue;
    await tx.update(audit).set({ detail }).where(eq(audit.id, r.id));
    changed.push(r.id);
  }
  return changed;
}

import { and, asc, desc, eq, gt, inArray, isNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { PgDb } from '../../db/open-pg';
import type { CommentStatus, QueueName, Sort } from '../../../contract';
import { comments, reactions, reports, subscriptions, threads } from '../../db/pg-schema';
import { StoreError, type CommentRow, type CommentStore, type PageCursor, type QueueRow } from '../types';
import { commentSet } from '../sqlite/comment-writes';
import { pgCommentWrites as writes, type PgTx } from './comment-writes';
import { pgDaily } from './daily';
import { applyEffects } from './effects';
import { PostQueue } from './post-queue';

/** As in the SQLite engine: an unpublished top-level comment holding a published reply is listed (as a placeholder). */
const holdsPublishedReply = sql`exists (select 1 from comments r where r.root_id = ${comments.id} and r.parent_id is not null and r.status = 'published')`;

const countDelta = (before: CommentStatus | null, after: CommentStatus | null) =>
  (after === 'published' ? 1 : 0) - (before === 'published' ? 1 : 0);

/** `count(*)` is a bigint, which node-postgres hands over as a string. */
const count = () => sql<number>`count(*)`.mapWith(Number);

/**
 * Comments on PostgreSQL. Where SQLite's single writer serialises writes, each transaction
 * here locks the rows it decides on (`for update`) so concurrent requests, from this or
 * another instance, take turns: a comment's reactions and reports, a parent and its replies.
 */
export function pgComments(db: PgDb): CommentStore {
  const queue = new PostQueue(db);
  /** Locks a comment's row for this transaction; the comment is gone if null. */
  const lock = async (tx: PgTx, id: number) => {
    const [row] = await tx.select().from(comments).where(eq(comments.id, id)).for('update');
    return row ?? null;
  };
  const mustExist = async (tx: PgTx, id: number) => {
    const row = await lock(tx, id);
    if (!row) throw new StoreError('comment_missing', `comment ${id} is gone`);
    return row;
  };
  const reactionCount = async (tx: PgTx, id: number) => {
    const [row] = await tx.select({ reactions: comments.reactions }).from(comments).where(eq(comments.id, id));
    return row?.reactions ?? 0;
  };
  const bumpReactions = (tx: PgTx, id: number, delta: number) =>
    tx.update(comments).set({ reactions: sql`${comments.reactions} + ${delta}` }).where(eq(comments.id, id));

  const pageAfter = (sort: Sort, after: PageCursor): SQL | undefined => {
    switch (sort) {
      case 'oldest':
        return or(gt(comments.createdAt, after.value), and(eq(comments.createdAt, after.value), gt(comments.id, after.id)));
      case 'newest':
        return or(lt(comments.createdAt, after.value), and(eq(comments.createdAt, after.value), lt(comments.id, after.id)));
      case 'top':
        return or(lt(comments.reactions, after.value), and(eq(comments.reactions, after.value), gt(comments.id, after.id)));
    }
  };
  const ORDER = {
    oldest: [asc(comments.createdAt), asc(comments.id)],
    newest: [desc(comments.createdAt), desc(comments.id)],
    top: [desc(comments.reactions), asc(comments.id)],
  } as const;

  const get = async (id: number) => {
    const [row] = await db.select().from(comments).where(eq(comments.id, id));
    return row ?? null;
  };

  return {
    async insert(row, effects) {
      const full = {
        ...row,
        featured: row.featured ?? false,
        reactions: row.reactions ?? 0,
        editedAt: null,
        importKey: row.importKey ?? null,
        host: row.host ?? null,
        userId: row.userId ?? null,
        badges: row.badges ?? [],
      };
      const unusable = () => new StoreError('parent_unusable', `comment ${row.parentId} cannot take a reply in thread ${row.threadId}`);
      const { status } = row;
      if ((status === 'published' || status === 'pending') && full.importKey === null) {
        // A reader's post: one statement shared with the posts arriving at the same time,
        // with the mail and webhooks it queues (`post-queue.ts`).
        const inserted = await queue.post({ ...full, status, importKey: null }, effects);
        if (!inserted) throw unusable();
        return inserted;
      }
      return db.transaction(async (tx) => {
        let rootId: number | null = null;
        if (row.parentId !== null) {
          // Checked inside the transaction, the parent locked: it may have been removed or
          // hidden since the service looked. Imports may hang replies under held parents.
          const parent = await writes.parent(tx, row.parentId);
          const usable = parent && parent.threadId === row.threadId && (parent.status === 'published' || row.importKey);
          if (!usable) throw unusable();
          rootId = parent.rootId ?? parent.id;
        }
        const inserted = await writes.insertAny(tx, { ...full, rootId }, countDelta(null, row.status));
        await pgDaily.comment(tx, null, inserted);
        await applyEffects(tx, effects, inserted, null);
        return inserted;
      });
    },
    get,
    async listRoots(threadId, sort, limit, after) {
      const where = and(
        eq(comments.threadId, threadId),
        isNull(comments.parentId),
        or(eq(comments.status, 'published'), holdsPublishedReply),
        after ? pageAfter(sort, after) : undefined,
      );
      return db.select().from(comments).where(where).orderBy(...ORDER[sort]).limit(limit);
    },
    async listReplies(rootIds) {
      if (rootIds.length === 0) return [];
      return db
        .select()
        .from(comments)
        .where(and(inArray(comments.rootId, [...rootIds]), sql`${comments.parentId} is not null`))
        .orderBy(asc(comments.createdAt), asc(comments.id));
    },
    async update(id, patch, effects) {
      return db.transaction(async (tx) => {
        const before = await lock(tx, id);
        if (!before) return null;
        const set = commentSet(patch, before);
        const [after] = await tx.update(comments).set(set).where(eq(comments.id, id)).returning();
        await writes.bumpCount(tx, before.threadId, countDelta(before.status, after!.status));
        await pgDaily.comment(tx, before, after!);
        await applyEffects(tx, effects, after!, before);
        return { before, after: after! };
      });
    },
    async erase(id) {
      return db.transaction(async (tx) => {
        const before = await lock(tx, id);
        if (!before) return null;
        // A reply being posted holds its parent `for share`: the lock above waited for it.
        const [child] = await tx.select({ id: comments.id }).from(comments).where(eq(comments.parentId, id)).limit(1);
        const keep = Boolean(child) || before.importKey !== null;
        if (keep) {
          await tx
            .update(comments)
            .set({ status: 'deleted', body: '', html: '', author: '', email: null, featured: false, editTokenHash: null })
            .where(eq(comments.id, id));
          // An emptied comment has no author left to mail (a removed one takes it by cascade).
          await tx.delete(subscriptions).where(eq(subscriptions.commentId, id));
        } else {
          await tx.delete(comments).where(eq(comments.id, id));
        }
        await writes.bumpCount(tx, before.threadId, countDelta(before.status, keep ? 'deleted' : null));
        await pgDaily.comment(tx, before, keep ? { ...before, status: 'deleted' } : null);
        return { before, placeholder: keep };
      });
    },
    async hasReplies(id) {
      const [row] = await db.select({ id: comments.id }).from(comments).where(eq(comments.parentId, id)).limit(1);
      return Boolean(row);
    },
    async addReaction(id, reader, range, rangeCap) {
      return db.transaction(async (tx) => {
        // The comment's row is locked: reactions to one comment take turns, so the range cap holds.
        await mustExist(tx, id);
        const [already] = await tx
          .select({ n: sql<number>`1` })
          .from(reactions)
          .where(and(eq(reactions.commentId, id), eq(reactions.reader, reader)));
        if (!already) {
          const [fromRange] = await tx
            .select({ n: count() })
            .from(reactions)
            .where(and(eq(reactions.commentId, id), eq(reactions.range, range), eq(reactions.counted, true)));
          const counted = (fromRange?.n ?? 0) < rangeCap;
          await tx.insert(reactions).values({ commentId: id, reader, range, counted, createdAt: Date.now() });
          if (counted) await bumpReactions(tx, id, 1);
        }
        return { reacted: true as const, reactions: await reactionCount(tx, id) };
      });
    },
    async removeReaction(id, reader) {
      return db.transaction(async (tx) => {
        await mustExist(tx, id);
        const [removed] = await tx
          .delete(reactions)
          .where(and(eq(reactions.commentId, id), eq(reactions.reader, reader)))
          .returning({ range: reactions.range, counted: reactions.counted });
        if (removed?.counted) {
          const [waiting] =
            removed.range === null
              ? []
              : await tx
                  .select({ reader: reactions.reader })
                  .from(reactions)
                  .where(and(eq(reactions.commentId, id), eq(reactions.range, removed.range), eq(reactions.counted, false)))
                  .orderBy(asc(reactions.createdAt), sql`${reactions.reader} collate "C"`)
                  .limit(1);
          if (waiting) {
            await tx
              .update(reactions)
              .set({ counted: true })
              .where(and(eq(reactions.commentId, id), eq(reactions.reader, waiting.reader)));
          } else {
            await bumpReactions(tx, id, -1);
          }
        }
        return { reacted: false as const, reactions: await reactionCount(tx, id) };
      });
    },
    async addReport(id, reader, range, reason, note, effects) {
      return db.transaction(async (tx) => {
        await mustExist(tx, id);
        const added = await tx
          .insert(reports)
          .values({ commentId: id, reader, range, reason, note, createdAt: Date.now() })
          .onConflictDoNothing()
          .returning({ id: reports.id });
        if (added.length === 0) return null;
        const [row] = await tx
          .update(comments)
          .set({ reports: sql`${comments.reports} + 1`, reportsReviewed: false })
          .where(eq(comments.id, id))
          .returning();
        if (row) await applyEffects(tx, effects, row, null);
        const open = row?.reports ?? 0;
        const distinct = await tx.execute<{ n: string }>(
          sql`select count(distinct coalesce(range, 'reader:' || reader)) as n from (select range, reader from ${reports} where comment_id = ${id} order by id desc limit ${open}) open_reports`,
        );
        return { reports: open, ranges: Number(distinct.rows[0]?.n ?? 0) };
      });
    },
    async queue(query) {
      const conditions: (SQL | undefined)[] = [
        query.status === 'reported'
          ? and(gt(comments.reports, 0), eq(comments.reportsReviewed, false), ne(comments.status, 'deleted'))
          : eq(comments.status, query.status),
      ];
      if (query.threadKey) conditions.push(eq(threads.key, query.threadKey));
      if (query.q) {
        // ilike: SQLite's like ignores the case of A-Z, and so does the search on either engine.
        const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conditions.push(
          or(
            sql`${comments.body} ilike ${pattern} escape '\\'`,
            sql`${comments.author} ilike ${pattern} escape '\\'`,
            sql`${comments.email} ilike ${pattern} escape '\\'`,
          ),
        );
      }
      if (query.before) {
        const b = query.before;
        conditions.push(or(lt(comments.createdAt, b.value), and(eq(comments.createdAt, b.value), lt(comments.id, b.id))));
      }
      const rows = await db
        .select({ c: comments, threadKey: threads.key, threadTitle: threads.title, threadUrl: threads.url })
        .from(comments)
        .innerJoin(threads, eq(threads.id, comments.threadId))
        .where(and(...conditions))
        .orderBy(desc(comments.createdAt), desc(comments.id))
        .limit(query.limit);
      return rows.map((r): QueueRow => ({ ...r.c, threadKey: r.threadKey, threadTitle: r.threadTitle, threadUrl: r.threadUrl }));
    },
    async queueCounts(threadKey) {
      const inThread = threadKey
        ? sql`${comments.threadId} = (select ${threads.id} from ${threads} where ${threads.key} = ${threadKey})`
        : undefined;
      const rows = await db.select({ status: comments.status, n: count() }).from(comments).where(inThread).groupBy(comments.status);
      const [reported] = await db
        .select({ n: count() })
        .from(comments)
        .where(and(gt(comments.reports, 0), eq(comments.reportsReviewed, false), ne(comments.status, 'deleted'), inThread));
      const counts: Record<QueueName, number> = { pending: 0, published: 0, rejected: 0, spam: 0, reported: reported?.n ?? 0 };
      for (const r of rows) if (r.status in counts) counts[r.status as QueueName] = r.n;
      return counts;
    },
    async reportsOf(ids) {
      if (ids.length === 0) return [];
      return db
        .select({ commentId: reports.commentId, reason: reports.reason, note: reports.note })
        .from(reports)
        .where(inArray(reports.commentId, [...ids]))
        .orderBy(asc(reports.id));
    },
    async byEmail(email) {
      return db.select().from(comments).where(eq(comments.email, email)).orderBy(asc(comments.id));
    },
    async listByThread(threadId) {
      return db.select().from(comments).where(eq(comments.threadId, threadId)).orderBy(asc(comments.id));
    },
    async findByImportKey(key) {
      const [row] = await db.select().from(comments).where(eq(comments.importKey, key));
      return row ?? null;
    },
  };
}

export type { CommentRow };

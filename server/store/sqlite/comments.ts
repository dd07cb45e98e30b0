import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/open';
import type { CommentStatus, QueueName, Sort } from '../../../contract';
import { comments, reactions, reports, subscriptions, threads } from '../../db/schema';
import { StoreError, type CommentRow, type CommentStore, type EffectsOf, type PageCursor, type QueueRow } from '../types';
import { commentSet, commentWrites, type CommentInsert } from './comment-writes';
import { dailyWrites } from './daily';
import { writeEffects } from './effects';

/**
 * A comment that is not published (held, rejected, spam, deleted) still holds its place in
 * the public tree while a published reply hangs under it: it is served as an empty
 * placeholder, so every published comment, the ones the counts include, can be seen.
 */
const holdsPublishedReply = sql`exists (select 1 from comments r where r.root_id = ${comments.id} and r.parent_id is not null and r.status = 'published')`;

/** +1 / -1 / 0: how a status change moves the thread's published count. */
const countDelta = (before: CommentStatus | null, after: CommentStatus | null) =>
  (after === 'published' ? 1 : 0) - (before === 'published' ? 1 : 0);

export function sqliteComments(db: Db): CommentStore {
  const byId = db.select().from(comments).where(eq(comments.id, sql.placeholder('id'))).prepare();

  // Posting is the hottest write: its statements are prepared once (and shared with imports).
  const writes = commentWrites(db);
  const daily = dailyWrites(db);
  /** Kept under this name for the reaction and report methods, which check the comment exists. */
  const stmt = { parent: { get: (id: number) => writes.parent.get({ id }) } };
  /** One transaction: the row, its branch (root id) and the thread's published count. */
  const insertTx = db.$client.transaction((row: CommentInsert, effects?: EffectsOf): number => {
    let rootId: number | null = null;
    if (row.parentId !== null) {
      // Checked again inside the transaction: the parent may have been removed or hidden
      // since the service looked, and a reply under nothing would be counted but never shown.
      // Imports may hang replies under held parents (they are shown as placeholders).
      const parent = writes.parent.get({ id: row.parentId });
      const usable = parent && parent.threadId === row.threadId && (parent.status === 'published' || row.importKey);
      if (!usable) throw new StoreError('parent_unusable', `comment ${row.parentId} cannot take a reply in thread ${row.threadId}`);
      rootId = parent.rootId ?? parent.id;
    }
    const id = writes.insert.get({ ...row, rootId })!.id;
    if (rootId === null) writes.setRoot.run({ id });
    const delta = countDelta(null, row.status);
    if (delta !== 0) writes.bumpCount.run({ delta, threadId: row.threadId });
    // A new row is never the desk's decision (its status comes from the checks or the file).
    daily.comment(null, { ...row, statusByDesk: false });
    if (effects) applyEffects(effects, byId.get({ id })!, null);
    return id;
  });

  /** Mail and webhooks caused by a write, inside its transaction (store/sqlite/effects.ts). */
  const applyEffects = (effects: EffectsOf, after: CommentRow, before: CommentRow | null) => {
    const wanted = effects(after, before);
    if (wanted) writeEffects(db, wanted, after);
  };

  const bumpCount = (tx: Pick<Db, 'update'>, threadId: number, delta: number) => {
    if (delta === 0) return;
    tx.update(threads)
      .set({ publishedCount: sql`${threads.publishedCount} + ${delta}` })
      .where(eq(threads.id, threadId))
      .run();
  };

  const bumpReactions = (tx: Pick<Db, 'update'>, id: number, delta: number) =>
    tx.update(comments).set({ reactions: sql`${comments.reactions} + ${delta}` }).where(eq(comments.id, id)).run();
  const reactionCount = (tx: Pick<Db, 'select'>, id: number) =>
    tx.select({ reactions: comments.reactions }).from(comments).where(eq(comments.id, id)).get()?.reactions ?? 0;

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

  return {
    async insert(row, effects) {
      const full: CommentInsert = {
        ...row,
        rootId: null,
        featured: row.featured ?? false,
        reactions: row.reactions ?? 0,
        editedAt: null,
        importKey: row.importKey ?? null,
        host: row.host ?? null,
        userId: row.userId ?? null,
        badges: row.badges ?? [],
      };
      const id = insertTx(full, effects);
      return byId.get({ id })!;
    },
    async get(id) {
      return byId.get({ id }) ?? null;
    },
    async listRoots(threadId, sort, limit, after) {
      const where = and(
        eq(comments.threadId, threadId),
        isNull(comments.parentId),
        or(eq(comments.status, 'published'), holdsPublishedReply),
        after ? pageAfter(sort, after) : undefined,
      );
      return db.select().from(comments).where(where).orderBy(...ORDER[sort]).limit(limit).all();
    },
    async listReplies(rootIds) {
      if (rootIds.length === 0) return [];
      return db
        .select()
        .from(comments)
        // Every status: the service blanks what is not published and drops empty branches.
        .where(and(inArray(comments.rootId, [...rootIds]), sql`${comments.parentId} is not null`))
        .orderBy(asc(comments.createdAt), asc(comments.id))
        .all();
    },
    async update(id, patch, effects) {
      return db.transaction((tx) => {
        const before = tx.select().from(comments).where(eq(comments.id, id)).get();
        if (!before) return null;
        const set = commentSet(patch, before);
        const after = tx.update(comments).set(set).where(eq(comments.id, id)).returning().get()!;
        bumpCount(tx, before.threadId, countDelta(before.status, after.status));
        daily.comment(before, after);

        if (effects) applyEffects(effects, after, before);
        return { before, after };
      });
    },
    async erase(id) {
      return db.transaction((tx) => {
        const before = tx.select().from(comments).where(eq(comments.id, id)).get();
        if (!before) return null;
        const child = tx.select({ id: comments.id }).from(comments).where(eq(comments.parentId, id)).limit(1).get();
        // An imported comment keeps an empty row under its source id, so importing the
        // same export again cannot bring back what a moderator erased.
        const keep = Boolean(child) || before.importKey !== null;
        if (keep) {
          tx.update(comments)
            .set({ status: 'deleted', body: '', html: '', author: '', email: null, featured: false, editTokenHash: null })
            .where(eq(comments.id, id))
            .run();
          // An emptied comment has no author left to mail (a removed one takes it by cascade).
          tx.delete(subscriptions).where(eq(subscriptions.commentId, id)).run();
        } else {
          tx.delete(comments).where(eq(comments.id, id)).run();
        }
        bumpCount(tx, before.threadId, countDelta(before.status, keep ? 'deleted' : null));
        daily.comment(before, keep ? { ...before, status: 'deleted' } : null);
        return { before, placeholder: keep };
      });
    },
    async hasReplies(id) {
      return Boolean(db.select({ id: comments.id }).from(comments).where(eq(comments.parentId, id)).limit(1).get());
    },
    async addReaction(id, reader, range, rangeCap) {
      return db.transaction((tx) => {
        // Gone since the service looked (erased meanwhile): said so, not a foreign-key error.
        if (!stmt.parent.get(id)) throw new StoreError('comment_missing', `comment ${id} is gone`);
        const already = tx.select({ n: sql<number>`1` }).from(reactions).where(and(eq(reactions.commentId, id), eq(reactions.reader, reader))).get();
        if (!already) {
          const fromRange = tx
            .select({ n: sql<number>`count(*)` })
            .from(reactions)
            .where(and(eq(reactions.commentId, id), eq(reactions.range, range), eq(reactions.counted, true)))
            .get();
          const counted = (fromRange?.n ?? 0) < rangeCap;
          tx.insert(reactions).values({ commentId: id, reader, range, counted, createdAt: Date.now() }).run();
          if (counted) bumpReactions(tx, id, 1);
        }
        return { reacted: true as const, reactions: reactionCount(tx, id) };
      });
    },
    async removeReaction(id, reader) {
      return db.transaction((tx) => {
        if (!stmt.parent.get(id)) throw new StoreError('comment_missing', `comment ${id} is gone`);
        const removed = tx
          .delete(reactions)
          .where(and(eq(reactions.commentId, id), eq(reactions.reader, reader)))
          .returning({ range: reactions.range, counted: reactions.counted })
          .get();
        if (removed?.counted) {
          // The range's cap has room again: its oldest uncounted reaction now counts.
          const waiting =
            removed.range === null
              ? undefined
              : tx
                  .select({ reader: reactions.reader })
                  .from(reactions)
                  .where(and(eq(reactions.commentId, id), eq(reactions.range, removed.range), eq(reactions.counted, false)))
                  .orderBy(asc(reactions.createdAt), asc(reactions.reader))
                  .limit(1)
                  .get();
          if (waiting) {
            tx.update(reactions).set({ counted: true }).where(and(eq(reactions.commentId, id), eq(reactions.reader, waiting.reader))).run();
          } else {
            bumpReactions(tx, id, -1);
          }
        }
        return { reacted: false as const, reactions: reactionCount(tx, id) };
      });
    },
    async addReport(id, reader, range, reason, note, effects) {
      return db.transaction((tx) => {
        if (!stmt.parent.get(id)) throw new StoreError('comment_missing', `comment ${id} is gone`);
        const added = tx
          .insert(reports)
          .values({ commentId: id, reader, range, reason, note, createdAt: Date.now() })
          .onConflictDoNothing()
          .run();
        if (added.changes === 0) return null;
        const row = tx
          .update(comments)
          .set({ reports: sql`${comments.reports} + 1`, reportsReviewed: false })
          .where(eq(comments.id, id))
          .returning()
          .get();
        const open = row?.reports ?? 0;
        if (effects && row) applyEffects(effects, row, null);
        // The open reports are the newest `open` ones (a review sets the count back to 0). A
        // report stored before ranges were kept stands for its reader's own range.
        const distinct = tx.get<{ n: number }>(
          sql`select count(distinct coalesce(range, 'reader:' || reader)) as n from (select range, reader from ${reports} where comment_id = ${id} order by id desc limit ${open})`,
        );
        return { reports: open, ranges: distinct?.n ?? 0 };
      });
    },
    async queue(query) {
      const conditions: (SQL | undefined)[] = [
        query.status === 'reported'
          ? and(gt(comments.reports, 0), eq(comments.reportsReviewed, false), sql`${comments.status} != 'deleted'`)
          : eq(comments.status, query.status),
      ];
      if (query.threadKey) conditions.push(eq(threads.key, query.threadKey));
      if (query.q) {
        const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conditions.push(
          or(
            sql`${comments.body} like ${pattern} escape '\\'`,
            sql`${comments.author} like ${pattern} escape '\\'`,
            sql`${comments.email} like ${pattern} escape '\\'`,
          ),
        );
      }
      if (query.before) {
        const b = query.before;
        conditions.push(or(lt(comments.createdAt, b.value), and(eq(comments.createdAt, b.value), lt(comments.id, b.id))));
      }
      const rows = db
        .select({ c: comments, threadKey: threads.key, threadTitle: threads.title, threadUrl: threads.url })
        .from(comments)
        .innerJoin(threads, eq(threads.id, comments.threadId))
        .where(and(...conditions))
        .orderBy(desc(comments.createdAt), desc(comments.id))
        .limit(query.limit)
        .all();
      return rows.map((r): QueueRow => ({ ...r.c, threadKey: r.threadKey, threadTitle: r.threadTitle, threadUrl: r.threadUrl }));
    },
    async queueCounts(threadKey) {
      const inThread = threadKey
        ? sql`${comments.threadId} = (select ${threads.id} from ${threads} where ${threads.key} = ${threadKey})`
        : undefined;
      const rows = db
        .select({ status: comments.status, n: sql<number>`count(*)` })
        .from(comments)
        .where(inThread)
        .groupBy(comments.status)
        .all();
      const reported = db
        .select({ n: sql<number>`count(*)` })
        .from(comments)
        .where(and(gt(comments.reports, 0), eq(comments.reportsReviewed, false), sql`${comments.status} != 'deleted'`, inThread))
        .get();
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
        .orderBy(asc(reports.id))
        .all();
    },
    async byEmail(email) {
      return db.select().from(comments).where(eq(comments.email, email)).orderBy(asc(comments.id)).all();
    },
    async listByThread(threadId) {
      return db.select().from(comments).where(eq(comments.threadId, threadId)).orderBy(asc(comments.id)).all();
    },
    async findByImportKey(key) {
      return db.select().from(comments).where(eq(comments.importKey, key)).get() ?? null;
    },
  };
}

export type { CommentRow, QueueRow };

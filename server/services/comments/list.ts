import { AppError } from '../../lib/errors';
import type { PublicComment, Sort } from '../../../contract';
import type { PageCursor } from '../../store/types';
import type { ServiceContext } from '../context';
import { buildTree } from './present';

export interface ListQuery {
  sort: Sort;
  limit: number;
  cursor: string | null;
}

export interface CommentPage {
  comments: PublicComment[];
  total: number;
  next: string | null;
}

const encodeCursor = (sort: Sort, c: PageCursor) => Buffer.from(JSON.stringify([sort, c.value, c.id])).toString('base64url');

function decodeCursor(sort: Sort, cursor: string): PageCursor {
  try {
    const [s, value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (s === sort && Number.isSafeInteger(value) && Number.isSafeInteger(id)) return { value: value as number, id: id as number };
  } catch {
    // fall through to the error below
  }
  throw new AppError('bad_request', 'That page cursor is not valid for this sort order. Start again from the first page.');
}

/**
 * One page of a thread: `limit` top-level comments in `sort` order, each with all its
 * published replies (oldest first), and the cursor of the next page. `total` is the number
 * of published comments in the thread, replies included, as in every count.
 */
export async function listComments(ctx: ServiceContext, threadKey: string, q: ListQuery): Promise<CommentPage> {
  const after = q.cursor ? decodeCursor(q.sort, q.cursor) : null;
  const thread = await ctx.threads.get(threadKey);
  if (!thread) return { comments: [], total: 0, next: null };
  // One row more than asked tells whether a next page exists.
  const roots = await ctx.store.comments.listRoots(thread.id, q.sort, q.limit + 1, after);
  const page = roots.slice(0, q.limit);
  const replies = await ctx.store.comments.listReplies(page.map((r) => r.id));
  const last = page[page.length - 1];
  const next =
    roots.length > q.limit && last
      ? encodeCursor(q.sort, { value: q.sort === 'top' ? last.reactions : last.createdAt, id: last.id })
      : null;
  return { comments: buildTree(page, replies), total: thread.publishedCount, next };
}

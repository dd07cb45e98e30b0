import { AppError } from '../../lib/errors';
import type { DeskComment, QueueName } from '../../../contract';
import type { PageCursor } from '../../store/types';
import type { ServiceContext } from '../context';
import { presentForDesk, queueRowThread } from './desk-comment';

export const QUEUES: readonly QueueName[] = ['pending', 'reported', 'published', 'rejected', 'spam'];

export interface QueueParams {
  status: QueueName;
  thread?: string | undefined;
  q?: string | undefined;
  cursor?: string | null | undefined;
  limit: number;
}

export interface QueuePage {
  comments: DeskComment[];
  next: string | null;
  /** Size of every queue (within `thread` when given), so the desk can show them all. */
  counts: Record<QueueName, number>;
}

const encode = (c: PageCursor) => Buffer.from(JSON.stringify(['q', c.value, c.id])).toString('base64url');

function decode(cursor: string): PageCursor {
  try {
    const [tag, value, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown[];
    if (tag === 'q' && Number.isSafeInteger(value) && Number.isSafeInteger(id)) return { value: value as number, id: id as number };
  } catch {
    // the error below says it
  }
  throw new AppError('bad_request', 'That page cursor is not valid. Start again from the first page.');
}

/** One page of a moderation queue, newest first, with the size of every queue. */
export async function listQueue(ctx: ServiceContext, p: QueueParams): Promise<QueuePage> {
  const before = p.cursor ? decode(p.cursor) : null;
  const q = p.q?.trim() || undefined;
  const rows = await ctx.store.comments.queue({ status: p.status, threadKey: p.thread, q, before, limit: p.limit + 1 });
  const page = rows.slice(0, p.limit);
  const last = page[page.length - 1];
  return {
    comments: await presentForDesk(ctx, page.map((r) => ({ ...r, thread: queueRowThread(r) }))),
    next: rows.length > p.limit && last ? encode({ value: last.createdAt, id: last.id }) : null,
    counts: await ctx.store.comments.queueCounts(p.thread),
  };
}

/** The size of every queue, site-wide or within one thread. */
export const queueCounts = (ctx: ServiceContext, thread?: string) => ctx.store.comments.queueCounts(thread);

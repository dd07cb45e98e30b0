import type { DeskThread, ModerationMode, ThreadSettings } from '../../../contract';
import { notFound } from '../../lib/errors';
import type { ThreadRow } from '../../store/types';
import type { ServiceContext } from '../context';
import { recordAudit } from './audit';

async function present(ctx: ServiceContext, row: ThreadRow): Promise<DeskThread> {
  const counts = await ctx.views.counts(row.key);
  return {
    thread: row.key,
    title: row.title,
    url: row.url,
    ...counts,
    closed: row.closed,
    moderation: row.moderation,
    effectiveModeration: row.moderation ?? ctx.config.moderation,
  };
}

/** A thread's counts and settings; 404 for a thread nobody has used yet. */
export async function getThread(ctx: ServiceContext, key: string): Promise<DeskThread> {
  const row = await ctx.threads.get(key);
  if (!row) throw notFound('That thread');
  return present(ctx, row);
}

const mode = (m: ModerationMode | null) => m ?? 'default';

/**
 * Closes or reopens a thread and sets its moderation mode (null: back to the site default).
 * An unknown thread is created, so a desk can prepare an article before it is published.
 */
export async function updateThread(ctx: ServiceContext, key: string, patch: ThreadSettings): Promise<DeskThread> {
  const before = await ctx.threads.get(key);
  const after = await ctx.threads.update(key, patch);
  const target = { targetType: 'thread', targetId: key };
  if (patch.closed !== undefined && (before?.closed ?? false) !== after.closed) {
    await recordAudit(ctx, { ...target, action: after.closed ? 'close' : 'reopen', before: before?.closed ? 'closed' : 'open', after: after.closed ? 'closed' : 'open' });
  }
  if (patch.moderation !== undefined && (before?.moderation ?? null) !== after.moderation) {
    await recordAudit(ctx, { ...target, action: 'moderation', before: mode(before?.moderation ?? null), after: mode(after.moderation) });
  }
  return present(ctx, after);
}

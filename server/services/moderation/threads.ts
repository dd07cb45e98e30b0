import type { DeskThread, ModerationMode, ThreadSettings } from '../../../contract';
import { AppError, notFound } from '../../lib/errors';
import type { ThreadRow } from '../../store/types';
import type { ServiceContext } from '../context';
import { threadState } from '../threads/lifecycle';
import { recordAudit } from './audit';

async function present(ctx: ServiceContext, row: ThreadRow): Promise<DeskThread> {
  const counts = await ctx.views.counts(row.key);
  return {
    thread: row.key,
    title: row.title,
    url: row.url,
    ...counts,
    // Closed by the desk or by FOOTNOTE_AUTO_CLOSE_DAYS: what readers see.
    closed: threadState(row, ctx.config.sso.autoCloseDays, ctx.now()).closed,
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

/** The desk's URL for a thread, normalised; null clears it. Only http(s): it becomes a link. */
function deskUrl(raw: string | null): string | null {
  if (!raw?.trim()) return null;
  try {
    const url = new URL(raw.trim());
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // refused below
  }
  throw new AppError('validation_failed', 'The thread\'s URL must be an absolute http:// or https:// address.');
}

/**
 * Closes or reopens a thread, sets its moderation mode (null: back to the site default) and
 * corrects its title and URL (the first page to show the thread set them, and it may have
 * lied). An unknown thread is created, so a desk can prepare an article before it is published.
 */
export async function updateThread(ctx: ServiceContext, key: string, patch: ThreadSettings): Promise<DeskThread> {
  const before = await ctx.threads.get(key);
  const now = ctx.now();
  const was = threadState(before, ctx.config.sso.autoCloseDays, now);
  const wasClosed = was.closed;
  // Closing keeps when (an already closed thread keeps its date); reopening also keeps an
  // auto-closed thread open from then on.
  const since = wasClosed ? (was.closedAt === null ? null : Date.parse(was.closedAt)) : now;
  const closing = patch.closed === undefined ? {} : patch.closed ? { closedAt: since, keepOpen: false } : { closedAt: null, keepOpen: true };
  const after = await ctx.threads.update(key, {
    ...patch,
    ...closing,
    ...(patch.title !== undefined ? { title: patch.title?.trim() || null } : {}),
    ...(patch.url !== undefined ? { url: deskUrl(patch.url) } : {}),
  });
  const target = { targetType: 'thread', targetId: key };
  const isClosed = threadState(after, ctx.config.sso.autoCloseDays, now).closed;
  if (patch.closed !== undefined && wasClosed !== isClosed) {
    await recordAudit(ctx, { ...target, action: isClosed ? 'close' : 'reopen', before: wasClosed ? 'closed' : 'open', after: isClosed ? 'closed' : 'open' });
  }
  if (patch.moderation !== undefined && (before?.moderation ?? null) !== after.moderation) {
    await recordAudit(ctx, { ...target, action: 'moderation', before: mode(before?.moderation ?? null), after: mode(after.moderation) });
  }
  if (patch.title !== undefined && (before?.title ?? null) !== after.title) {
    await recordAudit(ctx, { ...target, action: 'title', before: before?.title ?? null, after: after.title });
  }
  if (patch.url !== undefined && (before?.url ?? null) !== after.url) {
    await recordAudit(ctx, { ...target, action: 'url', before: before?.url ?? null, after: after.url });
  }
  return present(ctx, after);
}

import type { AuditEntry } from '../../../contract';
import { AppError } from '../../lib/errors';
import type { AuditRow } from '../../store/types';
import type { ServiceContext } from '../context';
import { actorOf, actorText, currentActor } from './actor';

/** What a caller records; the time is the service clock's. */
export type AuditInput = Pick<AuditRow, 'action' | 'targetType' | 'targetId'> & Partial<Pick<AuditRow, 'before' | 'after' | 'detail'>>;

/** Records one moderation action, with who acted (`actor.ts`). Every desk service calls this after its write succeeded. */
export async function recordAudit(ctx: ServiceContext, entry: AuditInput): Promise<void> {
  await ctx.store.moderation.addAudit({
    at: ctx.now(),
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after: entry.after ?? null,
    detail: entry.detail ?? null,
    actor: actorText(currentActor()),
  });
}

const present = (r: AuditRow): AuditEntry => ({ ...r, at: new Date(r.at).toISOString(), actor: actorOf(r.actor, r.action) });

/** The audit trail, newest first. The cursor is the id of the last entry served. */
export async function listAudit(ctx: ServiceContext, cursor: string | null, limit: number) {
  let before: number | null = null;
  if (cursor) {
    before = Number(cursor);
    if (!Number.isSafeInteger(before) || before <= 0) {
      throw new AppError('bad_request', 'That audit cursor is not valid. Start again from the first page.');
    }
  }
  // One row more than asked tells whether a next page exists.
  const rows = await ctx.store.moderation.listAudit(before, limit + 1);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { entries: page.map(present), next: rows.length > limit && last ? String(last.id) : null };
}

import type { Context } from 'hono';
import { parseWith } from '../../http/body';
import type { ServiceContext } from '../../services/context';
import { listAudit } from '../../services/moderation/audit';
import { AuditQuery } from './schemas';

/** The audit trail, newest first. */
export function adminAuditHandlers(ctx: ServiceContext) {
  return {
    list: async (c: Context) => {
      const { cursor, limit } = parseWith(AuditQuery, c.req.query());
      c.header('Cache-Control', 'no-store');
      return c.json(await listAudit(ctx, cursor ?? null, limit));
    },
  };
}

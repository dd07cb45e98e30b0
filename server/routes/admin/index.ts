import { Hono } from 'hono';
import { limitBody } from '../../http/body-limit';
import type { ServiceContext } from '../../services/context';
import { exportHandler } from '../archive/export';
import { importHandler } from '../archive/import';
import { dataRequestHandlers } from '../archive/data-requests';
import { adminAuditHandlers } from './audit';
import { requireAdmin } from './auth';
import { adminBanHandlers } from './bans';
import { adminCommentHandlers } from './comments';
import { adminStatsHandlers } from './stats';
import { adminDeliveriesHandler } from './deliveries';
import { adminThreadHandlers } from './threads';
import { adminUserHandlers } from './users';
import { adminWordHandlers } from './words';

/**
 * The admin API under `/api/v1/admin`, every route of it, all behind the admin token. The
 * token check runs before routing, so without it even an unknown path answers the same 401.
 * Every write takes a body of at most 32 KiB (`small`), except the import: an export of
 * hundreds of megabytes streams in, and the import bounds what it reads itself.
 */
export function adminApi(ctx: ServiceContext) {
  const small = limitBody();
  const comments = adminCommentHandlers(ctx);
  const threads = adminThreadHandlers(ctx);
  const words = adminWordHandlers(ctx);
  const bans = adminBanHandlers(ctx);
  const readers = dataRequestHandlers(ctx);
  const users = adminUserHandlers(ctx);
  const stats = adminStatsHandlers(ctx);
  return new Hono()
    .use(requireAdmin(ctx))
    .get('/comments', comments.queue)
    .get('/counts', comments.counts)
    .post('/comments/bulk', small, comments.bulk)
    .patch('/comments/:id', small, comments.moderate)
    .delete('/comments/:id', small, comments.erase)
    .get('/threads/:thread', threads.read)
    .patch('/threads/:thread', small, threads.update)
    .get('/words', words.list)
    .post('/words', small, words.add)
    .delete('/words/:id', small, words.remove)
    .get('/bans', bans.list)
    .post('/bans', small, bans.ban)
    .delete('/bans/:id', small, bans.lift)
    .get('/audit', adminAuditHandlers(ctx).list)
    .get('/deliveries', adminDeliveriesHandler(ctx))
    .get('/export', exportHandler(ctx))
    .post('/import', importHandler(ctx))
    .post('/readers/export', small, readers.exportData)
    .post('/readers/erase', small, readers.erase)
    .get('/users/:authorId', users.read)
    .patch('/users/:authorId', small, users.update)
    .get('/stats', stats.json)
    .get('/stats.csv', stats.csv);
}

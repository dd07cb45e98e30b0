import { Hono } from 'hono';
import type { ServiceContext } from '../../services/context';
import { adminAuditRoutes } from './audit';
import { requireAdmin } from './auth';
import { adminBanRoutes } from './bans';
import { adminCommentRoutes } from './comments';
import { adminThreadRoutes } from './threads';
import { adminWordRoutes } from './words';

/**
 * The admin API under `/api/v1/admin`, every call behind the admin token. The token check
 * runs before routing, so without it even an unknown path answers the same 401.
 */
export function adminApi(ctx: ServiceContext) {
  const admin = new Hono();
  admin.use('*', requireAdmin(ctx.config.adminToken));
  admin
    .route('/', adminCommentRoutes(ctx))
    .route('/', adminThreadRoutes(ctx))
    .route('/', adminWordRoutes(ctx))
    .route('/', adminBanRoutes(ctx))
    .route('/', adminAuditRoutes(ctx));
  return new Hono().route('/admin', admin);
}

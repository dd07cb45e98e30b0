import { Hono } from 'hono';
import type { ServiceContext } from '../../services/context';
import { requireAdmin } from '../admin/auth';
import { exportRoute } from './export';
import { importRoute } from './import';
import { readerRoutes } from './readers';

/**
 * Import, export and data requests, under `/api/v1/admin` behind the admin token like the rest
 * of the admin API (docs/data.md).
 */
export function archiveApi(ctx: ServiceContext) {
  const admin = new Hono();
  admin.use('*', requireAdmin(ctx.config.adminToken));
  admin.route('/', importRoute(ctx)).route('/', exportRoute(ctx)).route('/', readerRoutes(ctx));
  return new Hono().route('/admin', admin);
}

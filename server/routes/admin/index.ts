import { Hono } from 'hono';
import type { ServiceContext } from '../../services/context';
import { requireAdmin } from './auth';

/** The admin API under `/api/v1/admin`, every call behind the admin token. */
export function adminApi(ctx: ServiceContext) {
  const admin = new Hono();
  admin.use('*', requireAdmin(ctx.config.adminToken));
  return new Hono().route('/admin', admin);
}

import { Hono } from 'hono';
import { corsFor } from './http/cors';
import { handleError, notFoundHandler } from './http/errors';
import { answerHeaders } from './http/headers';
import { refuseNulInUrl } from './http/nul';
import { hostGuard, ownOrigins } from './http/origins';
import { adminApi } from './routes/admin';
import { publicApi } from './routes/api';
import type { Assets } from './routes/pages/assets';
import { pageRoutes } from './routes/pages';
import type { ServiceContext } from './services/context';

export interface AppDeps {
  ctx: ServiceContext;
  /** Built bundles and pages; tests of the API alone leave it out. */
  assets?: Assets;
}

/**
 * Builds the whole HTTP application: every request goes through it. It never listens:
 * `main.ts` serves it with @hono/node-server.
 */
export function createApp({ ctx, assets }: AppDeps) {
  const { config } = ctx;
  const app = new Hono();
  app.onError(handleError);
  app.notFound(notFoundHandler);
  app.use(answerHeaders(config.origins));
  if (config.publicUrl) app.use(hostGuard(config.publicUrl));
  app.use('/api/*', corsFor(config.origins, ownOrigins(config)));
  app.use('/api/*', refuseNulInUrl());
  app.route('/api/v1/admin', adminApi(ctx));
  app.route('/api/v1', publicApi(ctx));
  // Ready means the database answers too: behind a load balancer, an instance that lost
  // PostgreSQL is taken out (503 unavailable, within the 3 s a connection is waited for).
  app.get('/healthz', async (c) => {
    await ctx.store.meta.ping();
    return c.json({ ok: true });
  });
  if (assets) app.route('/', pageRoutes(assets));
  return app;
}

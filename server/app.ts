import { Hono } from 'hono';
import { limitBody } from './http/body-limit';
import { corsFor } from './http/cors';
import { handleError, notFoundHandler } from './http/errors';
import { baseHeaders } from './http/security';
import { publicApi } from './routes/api';
import type { Assets } from './routes/pages/assets';
import { pageRoutes } from './routes/pages';
import type { ServiceContext } from './services/context';

export interface AppDeps {
  ctx: ServiceContext;
  /** Built bundles and pages; tests of the API alone leave it out. */
  assets?: Assets;
  /** Extra route groups under /api/v1 (the admin API plugs in here). */
  apiExtensions?: ((ctx: ServiceContext) => Hono)[];
}

/** Builds the whole HTTP application. It never listens: `main.ts` does. */
export function createApp({ ctx, assets, apiExtensions = [] }: AppDeps) {
  const app = new Hono();
  app.onError(handleError);
  app.notFound(notFoundHandler);
  app.use('*', baseHeaders);
  app.use('/api/v1/*', ...corsFor(ctx.config.origins));
  const limit = limitBody();
  app.use('/api/v1/*', async (c, next) => {
    // The import endpoint streams exports of hundreds of megabytes; everything else is small.
    if (c.req.path.startsWith('/api/v1/admin/import')) return next();
    return limit(c, next);
  });
  app.route('/api/v1', publicApi(ctx));
  for (const extend of apiExtensions) app.route('/api/v1', extend(ctx));
  app.get('/healthz', (c) => c.json({ ok: true }));
  if (assets) app.route('/', pageRoutes(assets));
  return app;
}

import { Hono } from 'hono';
import type { ServiceContext } from '../../services/context';
import { commentRoutes } from './comment';
import { commentListRoutes } from './comments';
import { countRoutes } from './counts';
import { eventRoutes } from './events';
import { threadRoutes } from './threads';

/** The public API under `/api/v1`. */
export function publicApi(ctx: ServiceContext) {
  return new Hono()
    .route('/', threadRoutes(ctx))
    .route('/', countRoutes(ctx))
    .route('/', commentListRoutes(ctx))
    .route('/', commentRoutes(ctx))
    .route('/', eventRoutes(ctx));
}

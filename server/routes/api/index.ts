import { Hono } from 'hono';
import { limitBody } from '../../http/body-limit';
import type { ServiceContext } from '../../services/context';
import { commentHandlers } from './comment';
import { commentListHandlers } from './comments';
import { DEMO_USERS } from '../../services/users/demo';
import { demoSignInHandler } from './demo';
import { eventsHandler } from './events';
import { meHandlers } from './me';
import { subscriptionHandlers } from './subscriptions';
import { threadHandlers } from './threads';

/**
 * The public API under `/api/v1`, every route of it: what readers' browsers (the widget, the
 * count badges) call. Every write takes a body of at most 32 KiB (`small`).
 */
export function publicApi(ctx: ServiceContext) {
  const thread = threadHandlers(ctx);
  const comments = commentListHandlers(ctx);
  const comment = commentHandlers(ctx);
  const me = meHandlers(ctx);
  const subscriptions = subscriptionHandlers(ctx);
  const small = limitBody();
  const api = new Hono()
    .get('/threads/:thread', thread.read)
    .post('/threads/:thread/views', small, thread.view)
    .get('/counts', thread.counts)
    .get('/threads/:thread/comments', comments.list)
    .post('/threads/:thread/comments', small, comments.post)
    .get('/threads/:thread/events', eventsHandler(ctx))
    .patch('/comments/:id', small, comment.edit)
    .delete('/comments/:id', small, comment.remove)
    .post('/comments/:id/reactions', small, comment.react)
    .delete('/comments/:id/reactions', small, comment.unreact)
    .post('/comments/:id/reports', small, comment.report)
    .get('/me', me.me)
    .post('/me/ignored/:authorId', small, me.ignore)
    .delete('/me/ignored/:authorId', small, me.unignore)
    .get('/subscriptions/confirm', subscriptions.confirm)
    .get('/subscriptions/unsubscribe', subscriptions.unsubscribePage)
    .post('/subscriptions/unsubscribe', small, subscriptions.unsubscribe);
  // Only on the public demo secret (never in production: the config refuses it there).
  if (ctx.config.sso.demo) api.get('/demo/sign-in', (c) => c.json({ as: Object.keys(DEMO_USERS) })).post('/demo/sign-in', small, demoSignInHandler(ctx));
  return api;
}

import type { Context } from 'hono';
import { parseWith, readJson } from '../../http/body';
import type { ServiceContext } from '../../services/context';
import { getThread, updateThread } from '../../services/moderation/threads';
import { ThreadKey, ThreadPatchBody } from './schemas';

/** A thread's settings: closed, moderation mode. */
export function adminThreadHandlers(ctx: ServiceContext) {
  return {
    read: async (c: Context) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await getThread(ctx, parseWith(ThreadKey, c.req.param('thread'))));
    },
    update: async (c: Context) => {
      const key = parseWith(ThreadKey, c.req.param('thread'));
      return c.json(await updateThread(ctx, key, await readJson(c, ThreadPatchBody)));
    },
  };
}

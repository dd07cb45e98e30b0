import type { Context } from 'hono';
import { parseWith, readJson } from '../../http/body';
import type { ServiceContext } from '../../services/context';
import { getDeskUser, updateDeskUser } from '../../services/users/desk';
import { AuthorId, UserPatchBody } from './schemas';

/** `GET` and `PATCH /admin/users/{authorId}`: one signed-in commenter, for the desk. */
export function adminUserHandlers(ctx: ServiceContext) {
  return {
    read: async (c: Context) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await getDeskUser(ctx, parseWith(AuthorId, c.req.param('authorId'))));
    },
    update: async (c: Context) => {
      const id = parseWith(AuthorId, c.req.param('authorId'));
      return c.json(await updateDeskUser(ctx, id, await readJson(c, UserPatchBody)));
    },
  };
}

import type { Context } from 'hono';
import { parseWith } from '../../http/body';
import { AppError } from '../../lib/errors';
import type { ServiceContext } from '../../services/context';
import { ignoreCommenter, unignoreCommenter, whoAmI } from '../../services/users/me';
import { AuthorId } from './schemas';
import { signedInOf } from './session';

/** `GET /me`, `POST` and `DELETE /me/ignored/{authorId}`: the signed-in reader. */
export function meHandlers(ctx: ServiceContext) {
  const who = async (c: Context) => {
    const signed = await signedInOf(ctx, c);
    if (!signed) throw new AppError('sign_in_required', 'Sign in first: send Authorization: Bearer <your sign-in token>.');
    // About one person: no shared cache may keep it.
    c.header('Cache-Control', 'private, no-store');
    return signed;
  };
  return {
    me: async (c: Context) => c.json(await whoAmI(ctx, await who(c))),
    ignore: async (c: Context) => {
      const signed = await who(c);
      return c.json(await ignoreCommenter(ctx, signed, parseWith(AuthorId, c.req.param('authorId'))));
    },
    unignore: async (c: Context) => {
      const signed = await who(c);
      return c.json(await unignoreCommenter(ctx, signed, parseWith(AuthorId, c.req.param('authorId'))));
    },
  };
}

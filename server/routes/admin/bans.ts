import type { Context } from 'hono';
import { parseWith, readJson } from '../../http/body';
import type { ServiceContext } from '../../services/context';
import { banReader, liftBan, listBans } from '../../services/moderation/bans';
import { BanBody, RowId } from './schemas';

/** Bans of commenters, by email or by a comment's author. */
export function adminBanHandlers(ctx: ServiceContext) {
  return {
    list: async (c: Context) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await listBans(ctx));
    },
    ban: async (c: Context) => c.json({ ban: await banReader(ctx, await readJson(c, BanBody)) }, 201),
    lift: async (c: Context) => {
      await liftBan(ctx, parseWith(RowId, c.req.param('id')));
      return c.body(null, 204);
    },
  };
}

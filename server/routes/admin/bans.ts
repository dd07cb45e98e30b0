import { Hono } from 'hono';
import { parseWith, readJson } from '../../http/body';
import type { ServiceContext } from '../../services/context';
import { banReader, liftBan, listBans } from '../../services/moderation/bans';
import { BanBody, RowId } from './schemas';

/** Bans of commenters, by email or by a comment's author. */
export function adminBanRoutes(ctx: ServiceContext) {
  return new Hono()
    .get('/bans', async (c) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await listBans(ctx));
    })
    .post('/bans', async (c) => c.json({ ban: await banReader(ctx, await readJson(c, BanBody)) }, 201))
    .delete('/bans/:id', async (c) => {
      await liftBan(ctx, parseWith(RowId, c.req.param('id')));
      return c.body(null, 204);
    });
}

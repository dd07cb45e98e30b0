import type { Context } from 'hono';
import { parseWith, readJson } from '../../http/body';
import type { ServiceContext } from '../../services/context';
import { addWords, listWords, removeWord } from '../../services/moderation/words';
import { RowId, WordsBody, WordsQuery } from './schemas';

/** The banned and suspect word lists. */
export function adminWordHandlers(ctx: ServiceContext) {
  return {
    list: (c: Context) => {
      const { kind } = parseWith(WordsQuery, c.req.query());
      c.header('Cache-Control', 'no-store');
      return c.json(listWords(ctx, kind));
    },
    add: async (c: Context) => {
      const { kind, words } = await readJson(c, WordsBody);
      return c.json(await addWords(ctx, kind, words), 201);
    },
    remove: async (c: Context) => {
      await removeWord(ctx, parseWith(RowId, c.req.param('id')));
      return c.body(null, 204);
    },
  };
}

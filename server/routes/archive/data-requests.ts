import type { Context } from 'hono';
import { z } from 'zod';
import { readJson } from '../../http/body';
import { eraseCommenter, eraseUser, exportCommenter, exportUser } from '../../services/archive/data-requests';
import type { ServiceContext } from '../../services/context';

/** One commenter: by email, or a signed-in commenter by `authorId` (their comments show it). */
const DataRequest = z.union(
  [
    z.strictObject({ email: z.string({ error: 'is required: the commenter\'s email address' }).max(320) }),
    z.strictObject({ authorId: z.string().min(1).max(64) }),
  ],
  { error: 'give the commenter\'s "email", or the "authorId" of a signed-in commenter' },
);
const EraseRequest = z.union(
  [
    z.strictObject({ email: z.string({ error: 'is required: the commenter\'s email address' }).max(320), keepBans: z.boolean().optional() }),
    z.strictObject({ authorId: z.string().min(1).max(64) }),
  ],
  { error: 'give the commenter\'s "email" (and "keepBans"), or the "authorId" of a signed-in commenter' },
);

/**
 * Data requests: one commenter, named by email, asks to see or erase what is stored about
 * them. POST with the email in the body, not the URL, so the address never lands in access
 * logs: `POST /readers/export {"email"}` and `POST /readers/erase {"email","keepBans"?}` (the
 * paths keep their first name; "reader" there means the commenter, not `ReaderIdentity`).
 */
export function dataRequestHandlers(ctx: ServiceContext) {
  return {
    exportData: async (c: Context) => {
      const who = await readJson(c, DataRequest);
      c.header('Cache-Control', 'no-store');
      return c.json('authorId' in who ? await exportUser(ctx, who.authorId) : await exportCommenter(ctx, who.email));
    },
    erase: async (c: Context) => {
      const who = await readJson(c, EraseRequest);
      return c.json('authorId' in who ? await eraseUser(ctx, who.authorId) : await eraseCommenter(ctx, who.email, { keepBans: who.keepBans ?? false }));
    },
  };
}

import type { Context } from 'hono';
import { z } from 'zod';
import { readJson } from '../../http/body';
import { eraseCommenter, exportCommenter } from '../../services/archive/data-requests';
import type { ServiceContext } from '../../services/context';

const DataRequest = z.strictObject({ email: z.string({ error: 'is required: the commenter\'s email address' }).max(320) });
const EraseRequest = DataRequest.extend({ keepBans: z.boolean().optional() });

/**
 * Data requests: one commenter, named by email, asks to see or erase what is stored about
 * them. POST with the email in the body, not the URL, so the address never lands in access
 * logs: `POST /readers/export {"email"}` and `POST /readers/erase {"email","keepBans"?}` (the
 * paths keep their first name; "reader" there means the commenter, not `ReaderIdentity`).
 */
export function dataRequestHandlers(ctx: ServiceContext) {
  return {
    exportData: async (c: Context) => {
      const { email } = await readJson(c, DataRequest);
      c.header('Cache-Control', 'no-store');
      return c.json(await exportCommenter(ctx, email));
    },
    erase: async (c: Context) => {
      const { email, keepBans } = await readJson(c, EraseRequest);
      return c.json(await eraseCommenter(ctx, email, { keepBans: keepBans ?? false }));
    },
  };
}

import type { Context } from 'hono';
import { z } from 'zod';
import { readJson } from '../../http/body';
import { eraseReader, exportReader } from '../../services/archive/readers';
import type { ServiceContext } from '../../services/context';

const ReaderRequest = z.strictObject({ email: z.string({ error: 'is required: the commenter\'s email address' }).max(320) });
const EraseRequest = ReaderRequest.extend({ keepBans: z.boolean().optional() });

/**
 * A reader's data request. POST with the email in the body, not the URL, so the address never
 * lands in access logs: `POST /readers/export {"email"}` and `POST /readers/erase {"email","keepBans"?}`.
 */
export function readerHandlers(ctx: ServiceContext) {
  return {
    exportData: async (c: Context) => {
      const { email } = await readJson(c, ReaderRequest);
      c.header('Cache-Control', 'no-store');
      return c.json(await exportReader(ctx, email));
    },
    erase: async (c: Context) => {
      const { email, keepBans } = await readJson(c, EraseRequest);
      return c.json(await eraseReader(ctx, email, { keepBans: keepBans ?? false }));
    },
  };
}

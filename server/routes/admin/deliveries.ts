import type { Context } from 'hono';
import { parseWith } from '../../http/body';
import type { ServiceContext } from '../../services/context';
import { listDeliveries } from '../../services/mail/deliveries';
import { DeliveriesQuery } from './schemas';

/** Recent mail and webhook deliveries and failures (docs/mail.md). */
export function adminDeliveriesHandler(ctx: ServiceContext) {
  return async (c: Context) => {
    const query = parseWith(DeliveriesQuery, c.req.query());
    c.header('Cache-Control', 'no-store');
    return c.json(await listDeliveries(ctx, query));
  };
}

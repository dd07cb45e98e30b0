import type { Context } from 'hono';
import { parseWith } from '../../http/body';
import type { ServiceContext } from '../../services/context';
import { engagementReport, statsCsv } from '../../services/stats/report';
import { StatsQuery } from './schemas';

/** The engagement reports: JSON for the /admin view, CSV for the newsroom's spreadsheet. */
export function adminStatsHandlers(ctx: ServiceContext) {
  const report = (c: Context) => engagementReport(ctx, parseWith(StatsQuery, c.req.query()));
  return {
    json: async (c: Context) => {
      c.header('Cache-Control', 'no-store');
      return c.json(await report(c));
    },
    csv: async (c: Context) => {
      const r = await report(c);
      c.header('Cache-Control', 'no-store');
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="footnote-stats-${r.from}-${r.to}.csv"`);
      return c.body(statsCsv(r));
    },
  };
}

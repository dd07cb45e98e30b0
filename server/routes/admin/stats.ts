import type { Context } from 'hono';
import { parseWith } from '../../http/body';
import type { ServiceContext } from '../../services/context';
import { engagementReport, reportDays, statsCsv } from '../../services/stats/report';
import { StatsQuery } from './schemas';

/** The engagement reports: JSON for the /admin view, CSV for the newsroom's spreadsheet. */
export function adminStatsHandlers(ctx: ServiceContext) {
  return {
    json: async (c: Context) => {
      const report = await engagementReport(ctx, parseWith(StatsQuery, c.req.query()));
      c.header('Cache-Control', 'no-store');
      return c.json(report);
    },
    csv: async (c: Context) => {
      const r = await reportDays(ctx, parseWith(StatsQuery, c.req.query()));
      c.header('Cache-Control', 'no-store');
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="footnote-stats-${r.from}-${r.to}.csv"`);
      return c.body(statsCsv(r));
    },
  };
}

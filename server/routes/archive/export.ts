import type { Context } from 'hono';
import { exportFileName, exportFootnoteJson } from '../../services/archive/export';
import type { ServiceContext } from '../../services/context';

/** `GET /export`: every thread and comment as Footnote JSON, streamed as it is read. */
export function exportHandler(ctx: ServiceContext) {
  return (c: Context) => {
    const pieces = exportFootnoteJson(ctx);
    const encoder = new TextEncoder();
    // Pull-based: the next page is read from the database only when the client took the last.
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const next = await pieces.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (err) {
          // The 200 is already sent: the client sees a cut-off file (invalid JSON), the log says why.
          console.error('footnote: export failed part-way:', err);
          controller.error(err);
        }
      },
      async cancel() {
        await pieces.return(undefined);
      },
    });
    return c.body(stream, 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': `attachment; filename="${exportFileName(ctx.now())}"`,
      'Cache-Control': 'no-store',
    });
  };
}

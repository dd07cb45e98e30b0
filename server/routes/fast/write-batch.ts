import type { ServerResponse } from 'node:http';

/**
 * Ends answers together at the end of the event loop's turn (in `setImmediate`), rather than
 * each as soon as it is ready.
 *
 * Why: on a busy server every answer is one write to a socket, and when the reader on the
 * other end (the load balancer or proxy on the same host, or the load generator in
 * `npm run bench`) is asleep waiting for it, that write pays for waking it up. Writing the
 * answers of one turn back to back wakes it once for the lot. Measured on the 2-core bench
 * machine: a view went from about 70 to 45–60 µs of server CPU and the rate up by a third
 * (docs/performance.md). The delay is the rest of the current turn: microseconds when idle,
 * the time to read the other requests that arrived together when busy.
 */
export class WriteBatch {
  private queue: { res: ServerResponse; text: string }[] = [];
  private scheduled = false;

  /** `res.end(text)`, at the end of this turn of the event loop. */
  end(res: ServerResponse, text: string): void {
    this.queue.push({ res, text });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flush);
    }
  }

  private readonly flush = (): void => {
    this.scheduled = false;
    const queue = this.queue;
    this.queue = [];
    for (const { res, text } of queue) {
      try {
        res.end(text);
      } catch (err) {
        // One broken socket must not keep the others' answers from going out.
        res.destroy(err as Error);
      }
    }
  };
}

/**
 * The thread's live stream (server-sent events) with reconnect backoff, closed while the
 * page is hidden so idle tabs hold no connection, and reopened (with `onResume`) when shown.
 */
export class LiveStream {
  private source: EventSource | null = null;
  private retry = 1000;
  private timer = 0;
  private stopped = false;

  constructor(
    private readonly url: string,
    private readonly handlers: Record<string, (data: unknown) => void>,
    private readonly onResume: () => void,
  ) {
    document.addEventListener('visibilitychange', this.visibility);
    if (!document.hidden) this.open();
  }

  private readonly visibility = () => {
    if (document.hidden) this.close();
    else if (!this.source && !this.stopped) {
      this.onResume();
      this.open();
    }
  };

  private open(): void {
    clearTimeout(this.timer);
    const es = new EventSource(this.url);
    this.source = es;
    for (const [name, fn] of Object.entries(this.handlers)) {
      es.addEventListener(name, (e) => {
        this.retry = 1000;
        try {
          fn(JSON.parse((e as MessageEvent<string>).data));
        } catch {
          // A malformed event is skipped; the stream goes on.
        }
      });
    }
    es.onerror = () => {
      // Reconnect ourselves with growing pauses (EventSource gives up on a 503).
      this.close();
      if (this.stopped || document.hidden) return;
      this.timer = window.setTimeout(() => this.open(), this.retry);
      this.retry = Math.min(this.retry * 2, 60_000);
    };
  }

  private close(): void {
    this.source?.close();
    this.source = null;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.close();
    document.removeEventListener('visibilitychange', this.visibility);
  }
}

import type { LiveEvents } from '../../contract';

/**
 * The thread's live stream (server-sent events). It reconnects itself with growing pauses
 * (1 s, 2 s, 4 s … up to a minute; EventSource alone gives up on a 503), closes while the
 * page is hidden so idle tabs hold no connection on the server, and reopens when the page is
 * shown. Whenever it reopens, `onResume(since)` hears when the stream had closed, so the
 * page can fetch what it missed.
 */
export class LiveStream {
  private source: EventSource | null = null;
  private retry = 1000;
  private timer = 0;
  private stopped = false;
  /** When the last stream closed (0: never). */
  private closedAt = 0;

  constructor(
    private readonly url: string,
    private readonly handlers: { [K in keyof LiveEvents]: (data: LiveEvents[K]) => void },
    private readonly onResume: (since: number) => void,
  ) {
    document.addEventListener('visibilitychange', this.visibility);
    if (!document.hidden) this.open();
  }

  private readonly visibility = () => {
    if (document.hidden) this.close();
    else if (!this.source && !this.stopped) this.open();
  };

  private open(): void {
    clearTimeout(this.timer);
    const es = new EventSource(this.url);
    this.source = es;
    es.onopen = () => {
      this.retry = 1000;
      if (this.closedAt) this.onResume(this.closedAt);
      this.closedAt = 0;
    };
    for (const [name, fn] of Object.entries(this.handlers)) {
      es.addEventListener(name, (e) => {
        try {
          // The server's own event of this name (contract/public.ts LiveEvents).
          (fn as (data: unknown) => void)(JSON.parse((e as MessageEvent<string>).data));
        } catch {
          // A malformed event is skipped; the stream goes on.
        }
      });
    }
    es.onerror = () => {
      this.close();
      if (this.stopped || document.hidden) return;
      this.timer = window.setTimeout(() => this.open(), this.retry);
      this.retry = Math.min(this.retry * 2, 60_000);
    };
  }

  private close(): void {
    clearTimeout(this.timer);
    if (this.source && !this.closedAt) this.closedAt = Date.now();
    this.source?.close();
    this.source = null;
  }

  stop(): void {
    this.stopped = true;
    this.close();
    document.removeEventListener('visibilitychange', this.visibility);
  }
}

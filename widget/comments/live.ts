import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LiveEvents } from '../../contract';

type Handlers = { [K in keyof LiveEvents]: (data: LiveEvents[K]) => void };

/**
 * The thread's live stream (server-sent events), as a reactive controller: it opens when the
 * element asks (once the thread is on screen), stops when the element leaves the page, and in
 * between reconnects itself with growing pauses (1 s, 2 s, 4 s … up to a minute; EventSource
 * alone gives up on a 503). It closes while the page is hidden, so idle tabs hold no
 * connection on the server, and reopens when the page is shown; whenever it reopens,
 * `onResume(since)` hears when the stream had closed, so the element can fetch what it missed.
 */
export class LiveController implements ReactiveController {
  private url = '';
  private source: EventSource | null = null;
  private retry = 1000;
  private timer = 0;
  /** When the last stream closed (0: never, or not since it last opened). */
  private closedAt = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly handlers: Handlers,
    private readonly onResume: (since: number) => void,
  ) {
    host.addController(this);
  }

  /** Listens to `url` from now on (another thread: the old stream closes). */
  open(url: string): void {
    this.stop();
    this.url = url;
    document.addEventListener('visibilitychange', this.visibility);
    if (!document.hidden) this.connect();
  }

  stop(): void {
    this.close();
    this.url = '';
    this.closedAt = 0;
    this.retry = 1000;
    document.removeEventListener('visibilitychange', this.visibility);
  }

  hostDisconnected(): void {
    this.stop();
  }

  private readonly visibility = () => {
    if (document.hidden) this.close();
    else if (!this.source && this.url) this.connect();
  };

  private connect(): void {
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
      if (!this.url || document.hidden) return;
      this.timer = window.setTimeout(() => this.connect(), this.retry);
      this.retry = Math.min(this.retry * 2, 60_000);
    };
  }

  private close(): void {
    clearTimeout(this.timer);
    if (this.source && !this.closedAt) this.closedAt = Date.now();
    this.source?.close();
    this.source = null;
  }
}

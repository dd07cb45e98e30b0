import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { LiveEvents } from '../../contract';

type Handlers = { [K in keyof LiveEvents]: (data: LiveEvents[K]) => void };

/** How long the thread's first page waits for the stream to be listening (a slow stream never holds the thread up). */
const LISTEN_WAIT_MS = 3000;

/**
 * The thread's live stream (server-sent events), as a reactive controller: it opens when the
 * element asks (as the thread loads), stops when the element leaves the page, and in
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
  /** Settles the promise of `open`: the stream listens, or will not soon. */
  private listening: (() => void) | null = null;
  private waiting = 0;

  constructor(
    host: ReactiveControllerHost,
    private readonly handlers: Handlers,
    private readonly onResume: (since: number) => void,
  ) {
    host.addController(this);
  }

  /**
   * Listens to `url` from now on (another thread: the old stream closes). The promise settles
   * once the server has subscribed this reader (what it publishes from then on comes here),
   * and the element asks for the thread's first page only then: a page read before the
   * stream's start would miss what is published in between (the counts, sent on connection,
   * would not). Asking for both at once, or for the page first, leaves that gap, only shorter;
   * a catch-up read after the stream opens would close it for an extra request per reader.
   * This costs the thread one round trip of latency instead, nothing on the server. The
   * promise settles at once on a hidden page, or when the stream failed or is slow: then the
   * stream counts as closed from that moment, and `onResume` fetches what it missed on opening.
   */
  open(url: string): Promise<void> {
    this.stop();
    this.url = url;
    document.addEventListener('visibilitychange', this.visibility);
    const listening = new Promise<void>((settle) => (this.listening = settle));
    if (document.hidden) this.settle();
    else {
      this.connect();
      this.waiting = window.setTimeout(() => this.settle(), LISTEN_WAIT_MS);
    }
    return listening;
  }

  /** The stream listens, or will not soon: if not, it counts as closed from now (see `open`). */
  private settle(): void {
    clearTimeout(this.waiting);
    if (!this.listening) return;
    if (this.source?.readyState !== EventSource.OPEN) this.closedAt ||= Date.now();
    this.listening();
    this.listening = null;
  }

  stop(): void {
    this.settle();
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
      this.settle();
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
      this.settle();
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

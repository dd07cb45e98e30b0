import pg from 'pg';
import type { Signal } from '../services/cluster';
import type { SharedPool } from './pool';

/** The channel every instance of one database listens on (notifications stay within a database). */
export const CHANNEL = 'footnote_cluster';

/** PostgreSQL refuses a payload of 8,000 bytes or more; a little room is kept. */
export const MAX_PAYLOAD = 7_900;

/**
 * Signals between instances through PostgreSQL's LISTEN/NOTIFY (docs/scale.md, "Limits of
 * LISTEN/NOTIFY"). Sending: signals queue up and go in one statement while none is under way,
 * so they leave in the order they were sent and a burst costs one round trip. Receiving: one
 * connection of its own that LISTENs; when it is lost it is made again (backing off up to 5 s)
 * and `reset` is called once it listens again, since notifications sent meanwhile are lost.
 * Each payload is `<instance> <JSON>`; an instance skips its own.
 */
export class PgBus {
  private queue: string[] = [];
  private sending = false;
  private listener: pg.Client | null = null;
  private handlers: { signal(signal: Signal): void; reset(): void } | null = null;
  private stopped = false;
  private retryMs = 100;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly pool: SharedPool,
    private readonly connect: () => pg.Client,
    private readonly instance: string,
    private readonly channel = CHANNEL,
  ) {}

  send(signal: Signal): void {
    for (const payload of payloads(this.instance, signal)) this.queue.push(payload);
    if (!this.sending) void this.drain();
  }

  receive(on: { signal(signal: Signal): void; reset(): void }): void {
    this.handlers = on;
  }

  /** Listens; resolves once the first LISTEN is in place (throws if the database cannot be reached). */
  async start(): Promise<void> {
    await this.listen();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => {});
    // What was queued goes before the pool closes.
    while (this.sending) await new Promise((r) => setTimeout(r, 5));
  }

  private async drain(): Promise<void> {
    this.sending = true;
    try {
      while (this.queue.length > 0 && !this.stopped) {
        const batch = this.queue;
        this.queue = [];
        try {
          await this.pool.query('select pg_notify($1, p) from unnest($2::text[]) with ordinality as x(p, i) order by i', [this.channel, batch]);
        } catch (err) {
          // The other instances miss these; they reset their caches when their own listening
          // connection comes back (a database that refused this refused them too).
          console.error(`footnote: could not tell the other instances about ${batch.length} change(s):`, (err as Error).message);
        }
      }
    } finally {
      this.sending = false;
    }
  }

  private async listen(): Promise<void> {
    const client = this.connect();
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    client.on('notification', (n) => {
      if (n.channel !== this.channel || !n.payload) return;
      const space = n.payload.indexOf(' ');
      if (n.payload.slice(0, space) === this.instance) return;
      let signal: Signal;
      try {
        signal = JSON.parse(n.payload.slice(space + 1)) as Signal;
      } catch {
        return;
      }
      this.handlers?.signal(signal);
    });
    try {
      await client.connect();
      await client.query(`listen ${this.channel}`);
    } catch (err) {
      client.removeAllListeners('end');
      await client.end().catch(() => {});
      throw err;
    }
    this.listener = client;
    this.retryMs = 100;
  }

  /** The listening connection went: listen again, then tell the services they may have missed signals. */
  private lost(client: pg.Client): void {
    if (this.stopped || this.listener !== client) return;
    this.listener = null;
    client.removeAllListeners('end');
    void client.end().catch(() => {});
    console.error('footnote: lost the connection that hears the other instances; listening again…');
    const again = () => {
      this.retryTimer = null;
      if (this.stopped) return;
      this.listen().then(
        () => {
          console.error('footnote: listening to the other instances again; caches were dropped.');
          this.handlers?.reset();
        },
        () => {
          this.retryMs = Math.min(5_000, this.retryMs * 2);
          this.retryTimer = setTimeout(again, this.retryMs);
          this.retryTimer.unref();
        },
      );
    };
    this.retryTimer = setTimeout(again, this.retryMs);
    this.retryTimer.unref();
  }
}

/**
 * The payloads of one signal, each under `MAX_PAYLOAD` bytes: a comment event too big goes as
 * its id (the other instances read it back), a long list of threads in several parts.
 */
export function payloads(instance: string, signal: Signal): string[] {
  const one = (s: Signal) => `${instance} ${JSON.stringify(s)}`;
  const first = one(signal);
  if (Buffer.byteLength(first) <= MAX_PAYLOAD) return [first];
  if (signal.type === 'comment' && signal.event && 'data' in signal.event && 'id' in signal.event.data && signal.event.type !== 'counts') {
    const small = one({ type: 'comment', thread: signal.thread, event: { type: signal.event.type, id: signal.event.data.id } });
    if (Buffer.byteLength(small) <= MAX_PAYLOAD) return [small];
  }
  if (signal.type === 'views' && signal.threads.length > 1) {
    const half = Math.ceil(signal.threads.length / 2);
    return [
      ...payloads(instance, { type: 'views', threads: signal.threads.slice(0, half) }),
      ...payloads(instance, { type: 'views', threads: signal.threads.slice(half) }),
    ];
  }
  // A thread key is at most a few hundred bytes, so this is a comment in a thread whose key
  // alone is too long: everything goes, as after a lost connection.
  return [one({ type: 'all' })];
}

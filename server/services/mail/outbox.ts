import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../../config/env';
import type { OutboxRow, Store } from '../../store/types';
import { OPTOUT_MS, deliver } from './deliver';
import { MailRefused, smtpTransport, type MailTransport } from './transport';

/** The outbox's clock settings; tests shrink them through `createServices` options. */
export interface OutboxTiming {
  /** How often the worker looks for due rows (a write also wakes it at once). */
  pollMs: number;
  /** How long a claimed row is this worker's; past it (the worker died) another takes it. */
  leaseMs: number;
  /** A reply mail waits this long after the reply's publication (replies that follow join it). */
  firstDelayMs: number;
  /** Further replies to the same person within this long after a reply mail go in one digest. */
  digestWindowMs: number;
  /** The first retry's wait; each next one doubles, up to `retryMaxMs`. */
  retryBaseMs: number;
  retryMaxMs: number;
  /** Tries before a delivery is given up (`failed`). */
  maxAttempts: number;
  /** Most time one SMTP conversation or webhook POST may take (well under the lease). */
  sendTimeoutMs: number;
  /** Rows claimed per round. */
  batch: number;
  /** How long finished deliveries stay visible to the desk. */
  keepMs: number;
}

export const DEFAULT_TIMING: OutboxTiming = {
  pollMs: 2_000,
  leaseMs: 120_000,
  firstDelayMs: 20_000,
  digestWindowMs: 600_000,
  retryBaseMs: 30_000,
  retryMaxMs: 3_600_000,
  // 30 s doubling to an hour: about a day of retries before giving up.
  maxAttempts: 30,
  sendTimeoutMs: 20_000,
  batch: 20,
  keepMs: 14 * 86_400_000,
};

/** The wait before try `attempts + 1`. */
export const backoff = (t: OutboxTiming, attempts: number) => Math.min(t.retryMaxMs, t.retryBaseMs * 2 ** Math.min(attempts, 30));

/**
 * Sends what the outbox holds: claims due rows (a lease, so with N instances each row goes
 * to one), sends each, and records the outcome; a failure is retried with exponential
 * backoff. Nothing is held in memory: a restart or an outage only delays what waits in the
 * database. A row is marked sent right after the SMTP server or the receiver accepted it; only
 * a crash in between sends it twice (its Message-ID or event id is the same, for the receiver).
 */
export class Outbox {
  readonly owner = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private started = false;
  private lastPrune = 0;
  private readonly transport: MailTransport | null;

  constructor(
    private readonly store: Store,
    private readonly config: Config,
    readonly timing: OutboxTiming,
    private readonly now: () => number,
    /** A transport of the caller's (the default is SMTP at FOOTNOTE_SMTP_URL). */
    transport?: MailTransport | null,
    private readonly log: (line: string) => void = (line) => console.error(line),
  ) {
    const { smtpUrl, from } = config.mail;
    this.transport = transport !== undefined ? transport : smtpUrl && from ? smtpTransport(smtpUrl, from, timing.sendTimeoutMs) : null;
  }

  /** Whether anything is ever sent (mail or webhooks configured). */
  get enabled(): boolean {
    return Boolean(this.config.mail.smtpUrl || this.config.mail.webhookUrl);
  }

  /** Starts the worker (main.ts does; tests may drive `runOnce` by hand instead). */
  start(): void {
    if (this.started || !this.enabled) return;
    this.started = true;
    this.schedule(0);
  }

  /** Stops the worker after the round in flight (its claimed rows are settled first). */
  async stop(): Promise<void> {
    this.started = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
    this.transport?.close();
  }

  /** Something was queued: look now rather than at the next poll (never inside the request). */
  kick(): void {
    if (!this.started) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  private schedule(ms: number): void {
    if (!this.started) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.loop().finally(() => {
        this.running = null;
        this.schedule(this.again ? 0 : this.timing.pollMs);
        this.again = false;
      });
    }, ms);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    try {
      // A full batch means more may be due: keep going until a round comes back short.
      while (this.started && (await this.runOnce()) === this.timing.batch);
    } catch (err) {
      // The database is unreachable or the like: the rows wait, the next poll tries again.
      this.log(`footnote: outbox: ${(err as Error).message}`);
    }
  }

  /** One round: claims the due rows and sends them; returns how many it claimed. */
  async runOnce(): Promise<number> {
    const now = this.now();
    if (now - this.lastPrune > 3_600_000) {
      this.lastPrune = now;
      await this.store.mail.prune(now, now - this.timing.keepMs, now - OPTOUT_MS);
    }
    const rows = await this.store.mail.claim(now, this.owner, this.timing.leaseMs, this.timing.batch);
    for (const row of rows) await this.send(row);
    return rows.length;
  }

  private async send(row: OutboxRow): Promise<void> {
    const deps = { store: this.store, config: this.config, transport: this.transport, sendTimeoutMs: this.timing.sendTimeoutMs };
    try {
      const result = await deliver(deps, row, this.now());
      const at = this.now();
      await this.store.mail.settle(row.id, this.owner, result.status === 'sent' ? { status: 'sent', at } : { status: 'dropped', at, error: result.why });
    } catch (err) {
      const error = (err as Error).message.slice(0, 500);
      const attempts = row.attempts + 1;
      const permanent = err instanceof MailRefused && err.permanent;
      const at = this.now();
      const outcome =
        permanent || attempts >= this.timing.maxAttempts
          ? ({ status: 'failed', at, error } as const)
          : ({ status: 'queued', dueAt: at + backoff(this.timing, row.attempts), error } as const);
      await this.store.mail.settle(row.id, this.owner, outcome);
    }
  }
}

import type { LiveEvent } from '../../../contract';

/** A live event for one thread, as sent over server-sent events (the contract's LiveEvent). */
export type ThreadEvent = LiveEvent;

type Listener = (event: ThreadEvent) => void;

/**
 * In-process publish/subscribe of thread events, with a bound on listeners in all and per
 * address range, so one client (however many user agents it makes up) cannot take every slot.
 */
export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly perRange = new Map<string, number>();
  private count = 0;

  constructor(
    readonly maxListeners: number,
    readonly maxPerRange = maxListeners,
  ) {}

  get size(): number {
    return this.count;
  }

  /** Whether the server-wide cap is reached (else a refusal was the range's cap). */
  get full(): boolean {
    return this.count >= this.maxListeners;
  }

  /**
   * Subscribes `fn` to `thread` for a reader of address range `range` (a keyed hash from
   * `ReaderIdentity.range`); null when a cap is reached (`full` says which).
   */
  subscribe(thread: string, fn: Listener, range = ''): (() => void) | null {
    if (this.full) return null;
    const held = this.perRange.get(range) ?? 0;
    if (held >= this.maxPerRange) return null;
    this.perRange.set(range, held + 1);
    let set = this.listeners.get(thread);
    if (!set) this.listeners.set(thread, (set = new Set()));
    set.add(fn);
    this.count++;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      set.delete(fn);
      this.count--;
      if (set.size === 0) this.listeners.delete(thread);
      const left = (this.perRange.get(range) ?? 1) - 1;
      if (left > 0) this.perRange.set(range, left);
      else this.perRange.delete(range);
    };
  }

  publish(thread: string, event: ThreadEvent): void {
    const set = this.listeners.get(thread);
    if (!set) return;
    for (const fn of set) fn(event);
  }

  hasListeners(thread: string): boolean {
    return this.listeners.has(thread);
  }
}

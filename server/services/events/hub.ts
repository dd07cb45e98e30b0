import type { LiveEvent } from '../../../contract';

/** A live event for one thread, as sent over server-sent events (the contract's LiveEvent). */
export type ThreadEvent = LiveEvent;

type Listener = (event: ThreadEvent) => void;

/** In-process publish/subscribe of thread events, with a bound on listeners. */
export class EventHub {
  private readonly listeners = new Map<string, Set<Listener>>();
  private count = 0;

  constructor(readonly maxListeners: number) {}

  get size(): number {
    return this.count;
  }

  /** Subscribes, or returns null when the server already holds `maxListeners`. */
  subscribe(thread: string, fn: Listener): (() => void) | null {
    if (this.count >= this.maxListeners) return null;
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

import { RateLimiter } from '../limits/rate-limiter';
import { localTexts } from '../spam/heuristics';
import { instanceId, type Cluster, type Signal, type ViewClaims } from '.';

/**
 * For tests only: instances that share what `Cluster` shares through plain objects in this
 * process instead of PostgreSQL, so the services' side of many instances (signals, the shared
 * view flush, shared limits) is tested on SQLite too. Signals are delivered asynchronously, as
 * a notification would be, and `settled()` waits until every one sent has been handled.
 */
export function memoryClusters(n: number): { clusters: Cluster[]; settled: () => Promise<void>; claims: Map<string, number> } {
  const held = new Map<string, number>();
  const limits = new Map<string, RateLimiter>();
  const texts = localTexts();
  const listeners = new Map<string, (s: Signal) => void>();
  let inFlight: Promise<void> = Promise.resolve();
  const views: ViewClaims = {
    async claim(hashes, until, now) {
      const won = new Set<string>();
      hashes.forEach((h, i) => {
        const at = held.get(h);
        if (at !== undefined && at > now) return;
        held.set(h, until[i]!);
        won.add(h);
      });
      return won;
    },
  };
  const make = (): Cluster => {
    const instance = instanceId();
    return {
      instance,
      limit(name, windows) {
        let limit = limits.get(name);
        if (!limit) limits.set(name, (limit = new RateLimiter(name, windows)));
        return limit;
      },
      texts,
      views,
      send(signal) {
        const copy = JSON.parse(JSON.stringify(signal)) as Signal;
        for (const [id, fn] of listeners) {
          if (id !== instance) inFlight = inFlight.then(() => new Promise((r) => setTimeout(r, 1))).then(() => fn(copy));
        }
      },
      receive(on) {
        listeners.set(instance, on.signal);
      },
      start: async () => {},
      stop: async () => {
        listeners.delete(instance);
      },
    };
  };
  const clusters = Array.from({ length: n }, make);
  // Twice: a signal's handling may read the store and finish after the next one is queued.
  const settled = async () => {
    await inFlight;
    await new Promise((r) => setTimeout(r, 20));
    await inFlight;
  };
  return { clusters, settled, claims: held };
}

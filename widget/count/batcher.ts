import type { Api } from '../api/client';
import type { Counts } from '../../contract';

/** The most threads one counts request asks for (the server's limit). */
export const BATCH = 100;
/**
 * Longest query one request carries: servers and CDNs refuse request lines past about 8 KB.
 * A hundred ordinary slugs fit; only very long keys make a request split before 100.
 */
export const MAX_QUERY = 7000;

/** What a counts request needs from the API client. */
export type CountsApi = Pick<Api, 'counts'>;

/**
 * Gathers every badge's thread asked for in the same tick into one `GET /counts` request
 * (split past 100 threads), so a listing page of 50 articles costs one request, and badges
 * added later (infinite scroll, client-side navigation) share one request per tick.
 * A failed request answers `null` to its badges.
 */
export class CountBatcher {
  private waiting = new Map<string, ((c: Counts | null) => void)[]>();
  private scheduled = false;

  constructor(private readonly api: CountsApi) {}

  get(thread: string): Promise<Counts | null> {
    return new Promise((resolve) => {
      const list = this.waiting.get(thread) ?? [];
      list.push(resolve);
      this.waiting.set(thread, list);
      if (!this.scheduled) {
        this.scheduled = true;
        // A task, not a microtask: a page whose script runs before the list is parsed
        // upgrades badges one by one with microtask checkpoints in between.
        setTimeout(() => this.flush(), 0);
      }
    });
  }

  private flush(): void {
    const batch = this.waiting;
    this.waiting = new Map();
    this.scheduled = false;
    const send = (keys: string[]) =>
      void this.api
        .counts(keys)
        .catch(() => null)
        .then((counts) => {
          for (const k of keys) for (const resolve of batch.get(k) ?? []) resolve(counts ? (counts[k] ?? { views: 0, comments: 0 }) : null);
        });
    let part: string[] = [];
    let length = 0;
    for (const k of batch.keys()) {
      const size = encodeURIComponent(k).length + 8;
      if (part.length === BATCH || (part.length && length + size > MAX_QUERY)) {
        send(part);
        part = [];
        length = 0;
      }
      part.push(k);
      length += size;
    }
    if (part.length) send(part);
  }
}

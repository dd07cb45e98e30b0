import type { Api } from '../api/client';
import type { Counts } from '../api/types';

/** The most threads one counts request asks for (the server's limit). */
export const BATCH = 100;

/**
 * Gathers every badge's thread asked for in the same tick into one `GET /counts` request
 * (split only past 100 threads), so a listing page of 50 articles costs one request.
 */
export class CountBatcher {
  private waiting = new Map<string, ((c: Counts | null) => void)[]>();
  private scheduled = false;

  constructor(private readonly api: Api) {}

  get(thread: string): Promise<Counts | null> {
    return new Promise((resolve) => {
      const list = this.waiting.get(thread) ?? [];
      list.push(resolve);
      this.waiting.set(thread, list);
      if (!this.scheduled) {
        this.scheduled = true;
        queueMicrotask(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    const batch = this.waiting;
    this.waiting = new Map();
    this.scheduled = false;
    const keys = [...batch.keys()];
    for (let i = 0; i < keys.length; i += BATCH) {
      const part = keys.slice(i, i + BATCH);
      const counts = await this.api.counts(part).catch(() => null);
      for (const k of part) for (const resolve of batch.get(k) ?? []) resolve(counts ? (counts[k] ?? { views: 0, comments: 0 }) : null);
    }
  }
}

import type { Store } from '../../store/types';
import type { ViewClaims } from '../cluster';
import type { ReaderIdentity, SeenKey } from '../readers/identity';

/**
 * The view flush of an instance among several on one database (docs/scale.md). A page load is
 * counted by the instance's own de-duplication memory as on one instance (no query, no wait),
 * and each flush, once a second:
 *
 * 1. claims those views against the memory every instance shares (`ViewClaims`: their
 *    `sealed` keys, never an address), which keeps only the readers no instance counted
 *    within the 30 minutes: a repeat through another instance is dropped there;
 * 2. writes the views that won (`store.threads.addViews`);
 * 3. drops the cached rows of those threads (re-read with the views in them) and tells the
 *    other instances to drop theirs.
 *
 * Meanwhile the answers go on counting these views (`writing`). A failed claim keeps the views
 * for the next flush; a failed write keeps the views that won, which are written next without
 * being claimed again. A `kill -9` loses what was counted since the last flush: at most a
 * second of this instance's views.
 */
export class SharedViews {
  /** Views counted since their claim was last tried: thread, key halves and expiry, in order. */
  private threads: string[] = [];
  private keyA: number[] = [];
  private keyB: number[] = [];
  private until: number[] = [];
  /** Per thread: views handed to a flush and not yet claimed (a claim failed or is under way). */
  private readonly claiming = new Map<string, number>();
  /** Per thread: views claimed and not yet written (the write failed or is under way). */
  private won = new Map<string, number>();

  constructor(
    private readonly claims: ViewClaims,
    private readonly identity: ReaderIdentity,
    /** Called in the same step as the write lands: the threads whose cached rows must go. */
    private readonly written: (keys: string[]) => void,
  ) {}

  /** A view this instance counted (its `seenKey`, held until `until`), to be claimed at the next flush. */
  counted(thread: string, key: SeenKey, until: number): void {
    this.threads.push(thread);
    this.keyA.push(key[0]);
    this.keyB.push(key[1]);
    this.until.push(until);
  }

  /** Views of `thread` handed to a flush and not yet in its row. */
  writing(thread: string): number {
    return (this.claiming.get(thread) ?? 0) + (this.won.get(thread) ?? 0);
  }

  get writingTotal(): number {
    let n = 0;
    for (const v of this.claiming.values()) n += v;
    for (const v of this.won.values()) n += v;
    return n;
  }

  /**
   * Claims the views counted since the last flush (`batch`: how many per thread, taken from
   * the counter's pending views) and writes those that won; answers the threads written.
   * Throws when the claim or the write failed: the views wait here for the next flush.
   */
  async write(batch: ReadonlyMap<string, number>, store: Store, now: number): Promise<string[]> {
    addInto(this.claiming, batch);
    const threads = this.threads;
    const a = this.keyA;
    const b = this.keyB;
    const until = this.until;
    this.threads = [];
    this.keyA = [];
    this.keyB = [];
    this.until = [];
    if (threads.length > 0) {
      const hashes: string[] = [];
      const expiries: number[] = [];
      /** The entry of each hash, once: a second entry of one key in a batch never counts twice. */
      const first = new Map<string, number>();
      for (let i = 0; i < threads.length; i++) {
        const hash = this.identity.sealedBytes([a[i]!, b[i]!]).readBigInt64LE(0).toString();
        if (first.has(hash)) continue;
        first.set(hash, i);
        hashes.push(hash);
        expiries.push(until[i]!);
      }
      let kept: Set<string>;
      try {
        kept = await this.claims.claim(hashes, expiries, now);
      } catch (err) {
        // Nothing claimed: the entries go back in front of those counted meanwhile.
        this.threads = threads.concat(this.threads);
        this.keyA = a.concat(this.keyA);
        this.keyB = b.concat(this.keyB);
        this.until = until.concat(this.until);
        throw err;
      }
      for (const thread of threads) subtractOne(this.claiming, thread);
      for (const hash of kept) {
        const i = first.get(hash);
        if (i !== undefined) this.won.set(threads[i]!, (this.won.get(threads[i]!) ?? 0) + 1);
      }
    }
    if (this.won.size === 0) return [];
    const deltas = this.won;
    await store.threads.addViews(deltas);
    // In one step with the write landing: the rows are re-read with these views in them, and
    // no answer meanwhile counts them twice or not at all.
    this.won = new Map();
    const keys = [...deltas.keys()];
    this.written(keys);
    return keys;
  }
}

function addInto(target: Map<string, number>, more: ReadonlyMap<string, number>): void {
  for (const [k, n] of more) target.set(k, (target.get(k) ?? 0) + n);
}

function subtractOne(target: Map<string, number>, key: string): void {
  const left = (target.get(key) ?? 0) - 1;
  if (left > 0) target.set(key, left);
  else target.delete(key);
}

/**
 * The de-duplication memory's store: 64-bit keys (two unsigned 32-bit halves) with an expiry
 * (a whole number of seconds, never 0), in insertion order, at most `capacity` of them.
 *
 * Fixed-width entries in typed arrays rather than a Map of strings: a Map entry with its key
 * string costs several objects for the garbage collector to trace and a few times the bytes
 * (docs/views.md, "The de-duplication memory"). Two parts:
 *
 * - a ring of entries (`ka`, `kb`, `until`) in the order they were set, oldest at `head`;
 *   setting a key again moves it to the end (its old slot is left dead, `until` 0), so the
 *   oldest entry is always found at `head`, for the sweep of expired entries and for making
 *   room when the ring is full;
 * - an open-addressing index (linear probing, at most half full) from a key to its ring
 *   slot + 1 (0: empty), with backward-shift deletion, so no tombstones pile up.
 *
 * The keys are keyed hashes already, so their low bits serve as the index's hash.
 */
export class SeenTable {
  private readonly ka: Uint32Array;
  private readonly kb: Uint32Array;
  private readonly until: Uint32Array;
  /** A count per entry, when asked for (`withCounts`): the view limiter's events in a window. */
  private readonly counts: Uint32Array | null;
  private readonly index: Uint32Array;
  private readonly mask: number;
  /** Ring slot of the oldest entry, and the slots in use from there (dead ones included). */
  private head = 0;
  private used = 0;
  private live = 0;

  constructor(
    readonly capacity: number,
    { withCounts = false } = {},
  ) {
    const cap = Math.max(1, Math.floor(capacity));
    this.ka = new Uint32Array(cap);
    this.kb = new Uint32Array(cap);
    this.until = new Uint32Array(cap);
    this.counts = withCounts ? new Uint32Array(cap) : null;
    let size = 2;
    while (size < cap * 2) size *= 2;
    this.index = new Uint32Array(size);
    this.mask = size - 1;
  }

  /** Entries held (not counting the dead slots of keys that were set again). */
  get size(): number {
    return this.live;
  }

  /** The expiry of key (a, b), or 0 when it is not held. */
  get(a: number, b: number): number {
    const at = this.find(a, b);
    return at < 0 ? 0 : this.until[this.index[at]! - 1]!;
  }

  /** The ring slot of key (a, b), or -1: for `untilAt`, `countAt` and `bumpAt`. */
  slot(a: number, b: number): number {
    const at = this.find(a, b);
    return at < 0 ? -1 : this.index[at]! - 1;
  }

  untilAt(slot: number): number {
    return this.until[slot]!;
  }

  countAt(slot: number): number {
    return this.counts?.[slot] ?? 0;
  }

  /** Adds one to the count of the entry in `slot`, in place (it keeps its place in the order). */
  bumpAt(slot: number): void {
    if (this.counts) this.counts[slot]!++;
  }

  /**
   * Holds key (a, b) until `until` (> 0), as the newest entry. When the ring is full the
   * oldest entry goes first.
   */
  set(a: number, b: number, until: number, count = 0): void {
    const cap = this.ka.length;
    if (this.used === cap) this.dropOldest();
    const slot = (this.head + this.used) % cap;
    this.ka[slot] = a >>> 0;
    this.kb[slot] = b >>> 0;
    this.until[slot] = until;
    if (this.counts) this.counts[slot] = count;
    this.used++;
    const at = this.find(a, b);
    if (at >= 0) {
      // Set again: the old ring slot dies, the index points to the new one.
      this.until[this.index[at]! - 1] = 0;
      this.index[at] = slot + 1;
    } else {
      this.index[-at - 1] = slot + 1;
      this.live++;
    }
  }

  /** Drops entries from the oldest end while they are expired at `second` (or dead). */
  sweep(second: number): void {
    while (this.used > 0) {
      const u = this.until[this.head]!;
      if (u !== 0 && u > second) return;
      this.dropOldest();
    }
  }

  /** Every entry held, oldest first: [a, b, until]. */
  *entries(): IterableIterator<[number, number, number]> {
    const cap = this.ka.length;
    for (let i = 0; i < this.used; i++) {
      const slot = (this.head + i) % cap;
      const u = this.until[slot]!;
      if (u !== 0) yield [this.ka[slot]!, this.kb[slot]!, u];
    }
  }

  /** The oldest ring slot leaves (its key leaves the index unless it was dead). */
  private dropOldest(): void {
    const slot = this.head;
    if (this.until[slot] !== 0) {
      const at = this.find(this.ka[slot]!, this.kb[slot]!);
      if (at >= 0 && this.index[at] === slot + 1) {
        this.remove(at);
        this.live--;
      }
      this.until[slot] = 0;
    }
    this.head = (slot + 1) % this.ka.length;
    this.used--;
  }

  /** The index position holding key (a, b), or -(the empty position where it would go) - 1. */
  private find(a: number, b: number): number {
    a >>>= 0;
    b >>>= 0;
    let i = this.home(a, b);
    for (;;) {
      const v = this.index[i]!;
      if (v === 0) return -i - 1;
      if (this.ka[v - 1] === a && this.kb[v - 1] === b) return i;
      i = (i + 1) & this.mask;
    }
  }

  private home(a: number, b: number): number {
    return (a ^ Math.imul(b, 0x9e3779b1)) & this.mask;
  }

  /** Empties index position `i`, shifting later entries of its probe run back (no tombstones). */
  private remove(i: number): void {
    let hole = i;
    let j = i;
    for (;;) {
      j = (j + 1) & this.mask;
      const v = this.index[j]!;
      if (v === 0) break;
      const home = this.home(this.ka[v - 1]!, this.kb[v - 1]!);
      // The entry at j may fill the hole unless its home lies cyclically in (hole, j].
      const stays = hole <= j ? home > hole && home <= j : home > hole || home <= j;
      if (!stays) {
        this.index[hole] = v;
        hole = j;
      }
    }
    this.index[hole] = 0;
  }
}

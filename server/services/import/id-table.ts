/**
 * A map from string ids to small non-negative integers, kept in typed arrays outside the
 * JavaScript heap: 12 bytes a slot (at most half full), whatever the ids look like. The import
 * parsers remember every comment id they have released in one; a `Map` of strings costs
 * several times that an entry, and the garbage collector lets the heap grow further still.
 *
 * An id is stored as a 64-bit hash, not as text: two ids of one file share a hash with a
 * probability of about n² / 2⁶⁵ (one in 36 million for a million comments).
 */
export class IdTable {
  /** Two words a slot: the id's hash. */
  private hashes: Uint32Array;
  /** The value a slot holds; -1 marks an empty slot. */
  private values: Int32Array;
  private mask: number;
  private count = 0;

  constructor(capacity = 8) {
    const slots = 2 ** Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.hashes = new Uint32Array(slots * 2);
    this.values = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
  }

  get size(): number {
    return this.count;
  }

  get(id: string): number | undefined {
    const [hi, lo] = hash64(id);
    for (let i = lo & this.mask; ; i = (i + 1) & this.mask) {
      const value = this.values[i]!;
      if (value === -1) return undefined;
      if (this.hashes[2 * i] === hi && this.hashes[2 * i + 1] === lo) return value;
    }
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** Sets the value (a whole number from 0 to 2³¹ - 1) of an id. */
  set(id: string, value: number): void {
    if ((this.count + 1) * 2 > this.values.length) this.grow();
    const [hi, lo] = hash64(id);
    this.put(hi, lo, value);
  }

  private put(hi: number, lo: number, value: number): void {
    for (let i = lo & this.mask; ; i = (i + 1) & this.mask) {
      const held = this.values[i]!;
      if (held === -1) this.count++;
      if (held === -1 || (this.hashes[2 * i] === hi && this.hashes[2 * i + 1] === lo)) {
        this.hashes[2 * i] = hi;
        this.hashes[2 * i + 1] = lo;
        this.values[i] = value;
        return;
      }
    }
  }

  private grow(): void {
    const { hashes, values } = this;
    const slots = values.length * 2;
    this.hashes = new Uint32Array(slots * 2);
    this.values = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    this.count = 0;
    for (let i = 0; i < values.length; i++) {
      if (values[i] !== -1) this.put(hashes[2 * i]!, hashes[2 * i + 1]!, values[i]!);
    }
  }
}

/** Two independently seeded 32-bit mixes of the UTF-16 text (cyrb53's construction, both halves kept). */
function hash64(text: string): [number, number] {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return [h1 >>> 0, h2 >>> 0];
}

/**
 * Parsed request bodies remembered by their bytes, for bodies many requests send alike.
 *
 * Why: every reader of one article sends the same view body (the article's title and URL),
 * so on a busy article the UTF-8 check, the JSON parse and the schema check gave the same
 * answer on every page load, at about a µs and a half each (docs/performance.md). Only bodies
 * that parsed are remembered, and only under the one content type given; a body that fails,
 * or comes with another type, is parsed (and refused) as always. Bounded like the isbot
 * cache: at most `maxEntries` bodies of at most `maxBytes` each, cleared when full.
 */
export class BodyMemo<T extends object> {
  private readonly parsed = new Map<string, Readonly<T>>();

  constructor(
    private readonly type: string,
    private readonly parse: (type: string, bytes: Buffer) => T,
    private readonly maxEntries = 1_000,
    private readonly maxBytes = 1_024,
  ) {}

  /** `parse(type, bytes)`, or what it gave for the same bytes before. Throws what it throws. */
  get(type: string, bytes: Buffer): Readonly<T> {
    if (type !== this.type || bytes.length > this.maxBytes) return this.parse(type, bytes);
    // Latin-1 maps each byte to one character: the key is the bytes, whatever they are.
    const key = bytes.toString('latin1');
    let value = this.parsed.get(key);
    if (value === undefined) {
      // Frozen: one object is handed to every request with these bytes.
      value = Object.freeze(this.parse(type, bytes));
      if (this.parsed.size >= this.maxEntries) this.parsed.clear();
      this.parsed.set(key, value);
    }
    return value;
  }

  get size(): number {
    return this.parsed.size;
  }
}

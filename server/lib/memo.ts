/**
 * Answers of a pure function, remembered per string key, for inputs that repeat a lot on a
 * busy article: its readers' few hundred browser builds (user agents), the one view body its
 * page sends, its thread key.
 *
 * Bounded: at most `maxEntries` answers, for keys of at most `maxKeyLength` characters, so a
 * flood of made-up inputs costs at most their product in memory. When full it starts over,
 * which for inputs that repeat is as good as evicting the least used, and costs nothing per
 * hit. An input whose computation throws is not remembered: it throws again next time.
 */
export class Memo<V> {
  private readonly answers = new Map<string, V>();

  constructor(
    private readonly maxEntries: number,
    private readonly maxKeyLength: number,
  ) {}

  /** `compute(key)`, or what it answered for the same key before. */
  get(key: string, compute: (key: string) => V): V {
    let value = this.answers.get(key);
    if (value === undefined) {
      value = compute(key);
      if (key.length <= this.maxKeyLength) {
        if (this.answers.size >= this.maxEntries) this.answers.clear();
        this.answers.set(key, value);
      }
    }
    return value;
  }

  get size(): number {
    return this.answers.size;
  }
}

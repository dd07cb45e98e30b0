import { describe, expect, it } from 'vitest';
import { trimOldest } from './bounded-map';

describe('trimOldest', () => {
  it('leaves a map within its bound alone', () => {
    const m = new Map([['a', 1], ['b', 2]]);
    trimOldest(m, 2);
    expect([...m.keys()]).toEqual(['a', 'b']);
  });

  it('drops the oldest entries, a sixteenth of the bound beyond the excess, and keeps the newest', () => {
    const m = new Map<number, number>();
    for (let i = 0; i < 1_000; i++) {
      m.set(i, i);
      trimOldest(m, 160);
      expect(m.size).toBeLessThanOrEqual(160);
    }
    expect(m.size).toBeGreaterThanOrEqual(150);
    expect(m.has(999)).toBe(true);
    // What is left is the newest run, in order.
    const keys = [...m.keys()];
    expect(keys).toEqual(Array.from({ length: keys.length }, (_, i) => 1_000 - keys.length + i));
  });

  it('treats a re-inserted key as new', () => {
    const m = new Map<string, number>();
    for (const k of ['a', 'b', 'c']) m.set(k, 0);
    m.delete('a');
    m.set('a', 1);
    trimOldest(m, 2);
    expect(m.has('a')).toBe(true);
    expect(m.has('b')).toBe(false);
  });
});

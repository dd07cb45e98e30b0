import { describe, expect, it } from 'vitest';
import { SeenTable } from './seen-table';

/** A small deterministic generator of 32-bit words (xorshift). */
function words(seed: number) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
}

describe('SeenTable', () => {
  it('holds keys with their expiry, and a key set again moves to the newest end', () => {
    const t = new SeenTable(4);
    t.set(1, 1, 10);
    t.set(2, 2, 11);
    expect([t.get(1, 1), t.get(2, 2), t.get(3, 3), t.get(1, 2)]).toEqual([10, 11, 0, 0]);
    t.set(1, 1, 20);
    expect(t.size).toBe(2);
    expect([...t.entries()]).toEqual([
      [2, 2, 11],
      [1, 1, 20],
    ]);
    // Full (one dead slot counts until it leaves): the oldest go first, never a newer one.
    t.set(3, 3, 21);
    t.set(4, 4, 22);
    t.set(5, 5, 23);
    expect([...t.entries()].map(([a]) => a)).toEqual([1, 3, 4, 5]);
    expect(t.get(2, 2)).toBe(0);
    expect(t.size).toBe(4);
  });

  it('sweeps expired entries from the oldest end', () => {
    const t = new SeenTable(10);
    for (let i = 1; i <= 5; i++) t.set(i, 0, 100 + i);
    t.sweep(103);
    expect([...t.entries()].map(([a]) => a)).toEqual([4, 5]);
    expect(t.get(1, 0)).toBe(0);
    expect(t.get(4, 0)).toBe(104);
    t.sweep(1000);
    expect(t.size).toBe(0);
  });

  it('agrees with a plain model over a long run of sets, moves, evictions and sweeps (colliding home slots included)', () => {
    const cap = 1000;
    const t = new SeenTable(cap);
    // The model: the ring as a list of slots, oldest first; a key set again leaves a dead slot.
    const ring: { key: string; until: number; alive: boolean }[] = [];
    const alive = new Map<string, { key: string; until: number; alive: boolean }>();
    const next = words(42);
    let second = 1;
    for (let step = 0; step < 50_000; step++) {
      second += next() % 3 === 0 ? 1 : 0;
      // Few distinct low bits: many keys share a home slot and probe runs grow long.
      const a = next() & 0x3f;
      const b = next() % 500;
      const key = `${a}:${b}`;
      if (next() % 4 === 0) {
        expect(t.get(a, b)).toBe(alive.get(key)?.until ?? 0);
        continue;
      }
      if (ring.length === cap) {
        const old = ring.shift()!;
        if (old.alive) alive.delete(old.key);
      }
      const before = alive.get(key);
      if (before) before.alive = false;
      const slot = { key, until: second + 50, alive: true };
      ring.push(slot);
      alive.set(key, slot);
      t.set(a, b, second + 50);
      if (step % 997 === 0) {
        t.sweep(second);
        while (ring.length && (!ring[0]!.alive || ring[0]!.until <= second)) {
          const old = ring.shift()!;
          if (old.alive) alive.delete(old.key);
        }
      }
      expect(t.size).toBe(alive.size);
    }
    expect([...t.entries()].map(([a, b, u]) => `${a}:${b}@${u}`)).toEqual(ring.filter((s) => s.alive).map((s) => `${s.key}@${s.until}`));
  });

  it('takes full 32-bit halves', () => {
    const t = new SeenTable(8);
    t.set(0xffffffff, 0x80000000, 7);
    t.set(-1, -2147483648, 9); // the same bits as signed numbers
    expect(t.size).toBe(1);
    expect(t.get(0xffffffff, 0x80000000)).toBe(9);
  });
});

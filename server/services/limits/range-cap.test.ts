import { describe, expect, it } from 'vitest';
import { RangeCap } from './range-cap';

describe('RangeCap', () => {
  it('admits `max` per key per window, then none until the window is over', () => {
    const cap = new RangeCap(3, 30 * 60_000, 100, 0);
    expect([1, 2, 3, 4, 5].map((i) => cap.admit('office', i * 1000))).toEqual([true, true, true, false, false]);
    // Another key has its own window.
    expect(cap.admit('carrier', 6_000)).toBe(true);
    // The window started with the first admission (at 1 s) and lasts 30 minutes.
    expect(cap.admit('office', 1_000 + 30 * 60_000 - 1_000)).toBe(false);
    expect(cap.admit('office', 1_000 + 30 * 60_000)).toBe(true);
    expect(cap.admit('office', 1_000 + 30 * 60_000 + 1)).toBe(true);
  });

  it('stays bounded in keys, forgetting the oldest windows first', () => {
    const cap = new RangeCap(1, 60_000, 1_000, 0);
    for (let i = 0; i < 5_000; i++) cap.admit(`k${i}`, i);
    expect(cap.size).toBeLessThanOrEqual(1_000);
    // The newest are still capped.
    expect(cap.admit('k4999', 5_000)).toBe(false);
  });
});

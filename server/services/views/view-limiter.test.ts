import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import { ViewLimiter } from './view-limiter';

const refusal = (f: () => void): AppError | null => {
  try {
    f();
    return null;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
};

describe('ViewLimiter', () => {
  it('lets `max` views of a reader through per window, then 429 with the seconds left; others are not affected', () => {
    const limit = new ViewLimiter('page views', 3, 60_000, 100, 0);
    for (const t of [0, 1_000, 2_000]) expect(refusal(() => limit.hit(1, 2, t))).toBeNull();
    const err = refusal(() => limit.hit(1, 2, 10_000));
    expect(err?.code).toBe('rate_limited');
    expect(err?.headers['Retry-After']).toBe('50');
    expect(err?.message).toBe('Too many page views in a short time. Please wait 50 seconds and try again.');
    expect(refusal(() => limit.hit(1, 3, 10_000))).toBeNull();
    expect(refusal(() => limit.hit(2, 2, 10_000))).toBeNull();
    // The window started with the first view: over at 60 s.
    expect(refusal(() => limit.hit(1, 2, 59_999))).not.toBeNull();
    expect(refusal(() => limit.hit(1, 2, 60_000))).toBeNull();
  });

  it('does not count a refused view', () => {
    const limit = new ViewLimiter('page views', 1, 10_000, 100, 0);
    limit.hit(7, 7, 0);
    for (let t = 100; t < 10_000; t += 100) expect(refusal(() => limit.hit(7, 7, t))).not.toBeNull();
    expect(refusal(() => limit.hit(7, 7, 10_000))).toBeNull();
  });

  it('stays bounded: a flood of readers forgets the oldest windows first, and ended windows are swept', () => {
    const limit = new ViewLimiter('page views', 1, 60_000, 1_000, 0);
    for (let i = 0; i < 50_000; i++) limit.hit(i, 0, 0);
    expect(limit.size).toBeLessThanOrEqual(1_000);
    // The newest reader is still remembered and still limited.
    expect(refusal(() => limit.hit(49_999, 0, 1))).not.toBeNull();
    limit.hit(1, 1, 61_000);
    expect(limit.size).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { AppError } from '../../lib/errors';
import { RateLimiter } from './rate-limiter';

const refusal = (f: () => void): AppError | null => {
  try {
    f();
    return null;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
};

describe('RateLimiter', () => {
  it('lets `max` events through per window, then answers 429 with the seconds to wait', () => {
    const limit = new RateLimiter('page views', [{ max: 3, windowMs: 60_000 }]);
    for (const t of [0, 1_000, 2_000]) expect(refusal(() => limit.hit('ada', t))).toBeNull();
    const err = refusal(() => limit.hit('ada', 10_000));
    expect(err?.code).toBe('rate_limited');
    expect(err?.status).toBe(429);
    // The oldest of the three leaves the window at 60 s: 50 s from now.
    expect(err?.headers['Retry-After']).toBe('50');
    expect(err?.message).toBe('Too many page views in a short time. Please wait 50 seconds and try again.');
    // Someone else is not affected; the window slides for Ada.
    expect(refusal(() => limit.hit('bob', 10_000))).toBeNull();
    expect(refusal(() => limit.hit('ada', 60_001))).toBeNull();
  });

  it('does not count a refused event', () => {
    const limit = new RateLimiter('reports', [{ max: 1, windowMs: 1_000 }]);
    limit.hit('ada', 0);
    for (let t = 100; t < 1_000; t += 100) expect(refusal(() => limit.hit('ada', t))).not.toBeNull();
    expect(refusal(() => limit.hit('ada', 1_000))).toBeNull();
  });

  it('applies every window: a short burst limit and a longer one', () => {
    const limit = new RateLimiter('comments', [
      { max: 1, windowMs: 10_000 },
      { max: 2, windowMs: 3_600_000 },
    ]);
    limit.hit('ada', 0);
    expect(refusal(() => limit.hit('ada', 5_000))?.headers['Retry-After']).toBe('5');
    limit.hit('ada', 10_000);
    expect(refusal(() => limit.hit('ada', 20_000))?.headers['Retry-After']).toBe('3580');
  });
  it('keeps counting right over thousands of events of one key, as old ones leave the window', () => {
    const limit = new RateLimiter('page views', [{ max: 5_000, windowMs: 60_000 }]);
    // 5,000 events, one every 10 ms: the window is full at 49.99 s.
    for (let i = 0; i < 5_000; i++) limit.hit('office', i * 10);
    expect(refusal(() => limit.hit('office', 50_000))?.headers['Retry-After']).toBe('10');
    // At 60 s the first event (at 0) has left: one more fits, then the next leaves at 60.01 s.
    expect(refusal(() => limit.hit('office', 60_000))).toBeNull();
    expect(refusal(() => limit.hit('office', 60_000))).not.toBeNull();
    // Two minutes on, the whole log has expired.
    for (let i = 0; i < 5_000; i++) expect(refusal(() => limit.hit('office', 200_000 + i))).toBeNull();
  });

  it('stays in order when the clock steps back', () => {
    const limit = new RateLimiter('page views', [{ max: 2, windowMs: 60_000 }]);
    limit.hit('ada', 10_000);
    limit.hit('ada', 5_000); // counted as at 10 s
    expect(refusal(() => limit.hit('ada', 20_000))?.headers['Retry-After']).toBe('50');
  });

  // The bound on tracked keys is tested with the other hostile cases in server/hostile/rate-limits.test.ts.
});

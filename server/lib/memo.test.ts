import { describe, expect, it } from 'vitest';
import { Memo } from './memo';

function counting(maxEntries = 3, maxKeyLength = 8) {
  const calls: string[] = [];
  const memo = new Memo<{ upper: string }>(maxEntries, maxKeyLength);
  const compute = (key: string) => {
    calls.push(key);
    if (key.startsWith('!')) throw new Error(`refused ${key}`);
    return { upper: key.toUpperCase() };
  };
  return { memo, calls, compute };
}

describe('Memo', () => {
  it('computes a key once and answers the same value after', () => {
    const { memo, calls, compute } = counting();
    const first = memo.get('ada', compute);
    expect(memo.get('ada', compute)).toBe(first);
    expect(first).toEqual({ upper: 'ADA' });
    expect(memo.get('bo', compute)).toEqual({ upper: 'BO' });
    expect(calls).toEqual(['ada', 'bo']);
  });

  it('does not remember a key that threw, nor a key past the length it keeps', () => {
    const { memo, calls, compute } = counting();
    expect(() => memo.get('!no', compute)).toThrow('refused !no');
    expect(() => memo.get('!no', compute)).toThrow('refused !no');
    memo.get('a-long-key', compute);
    memo.get('a-long-key', compute);
    expect(calls).toEqual(['!no', '!no', 'a-long-key', 'a-long-key']);
    expect(memo.size).toBe(0);
  });

  it('never holds more than its bound, and answers right after starting over', () => {
    const { memo, compute } = counting();
    for (let i = 0; i < 10; i++) {
      expect(memo.get(`k${i}`, compute)).toEqual({ upper: `K${i}` });
      expect(memo.size).toBeLessThanOrEqual(3);
    }
  });
});

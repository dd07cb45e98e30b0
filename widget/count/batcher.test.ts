import { describe, expect, it } from 'vitest';
import type { Counts } from '../../contract';
import { BATCH, CountBatcher, MAX_QUERY, type CountsApi } from './batcher';

/** A fake API that records each counts request and answers views = length of the key. */
function fakeApi(fail = false) {
  const requests: string[][] = [];
  const api: CountsApi = {
    counts: async (keys) => {
      requests.push(keys);
      if (fail) throw new Error('offline');
      return Object.fromEntries(keys.filter((k) => k !== 'missing').map((k) => [k, { views: k.length, comments: 1 }]));
    },
  };
  return { api, requests };
}
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('CountBatcher', () => {
  it('fills every badge asked for in the same tick with one request, each thread once', async () => {
    const { api, requests } = fakeApi();
    const b = new CountBatcher(api);
    const keys = Array.from({ length: 30 }, (_, i) => `article-${i}`);
    const answers = await Promise.all([...keys, 'article-0'].map((k) => b.get(k)));
    expect(requests).toHaveLength(1);
    expect(requests[0]).toEqual(keys);
    expect(answers[0]).toEqual({ views: 9, comments: 1 });
    expect(answers[30]).toEqual(answers[0]);
  });

  it('splits past 100 threads', async () => {
    const { api, requests } = fakeApi();
    const b = new CountBatcher(api);
    const answers = await Promise.all(Array.from({ length: 120 }, (_, i) => b.get(`t${i}`)));
    expect(requests.map((r) => r.length)).toEqual([BATCH, 20]);
    expect(answers.every((a) => a?.comments === 1)).toBe(true);
  });

  it('splits before 100 only when the keys would make too long a request', async () => {
    const { api, requests } = fakeApi();
    const b = new CountBatcher(api);
    const long = Array.from({ length: 50 }, (_, i) => `/${'section/'.repeat(30)}${i}`);
    await Promise.all(long.map((k) => b.get(k)));
    expect(requests.length).toBeGreaterThan(1);
    for (const r of requests) expect(r.map((k) => encodeURIComponent(k).length + 8).reduce((x, y) => x + y)).toBeLessThanOrEqual(MAX_QUERY);
    expect(requests.flat()).toEqual(long);
  });

  it('makes one more request for badges added in a later tick', async () => {
    const { api, requests } = fakeApi();
    const b = new CountBatcher(api);
    await Promise.all([b.get('a'), b.get('b')]);
    await tick();
    await Promise.all([b.get('c'), b.get('d'), b.get('a')]);
    expect(requests).toEqual([['a', 'b'], ['c', 'd', 'a']]);
  });

  it('reads a thread the answer leaves out as zeros, and a failed request as null', async () => {
    expect(await new CountBatcher(fakeApi().api).get('missing')).toEqual({ views: 0, comments: 0 } satisfies Counts);
    expect(await new CountBatcher(fakeApi(true).api).get('x')).toBeNull();
  });
});

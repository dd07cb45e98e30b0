import { describe, expect, it } from 'vitest';
import { ListCache } from './list-cache';

const entry = (json: string) => ({ json, etag: `"${json}"` });

describe('ListCache', () => {
  it('keeps answers per thread and drops them all on a write to that thread', () => {
    const cache = new ListCache();
    cache.set('a', 'oldest', entry('1'), cache.version);
    cache.set('a', 'newest', entry('2'), cache.version);
    cache.set('b', 'oldest', entry('3'), cache.version);
    cache.invalidate('a');
    expect(cache.get('a', 'oldest')).toBeUndefined();
    expect(cache.get('a', 'newest')).toBeUndefined();
    expect(cache.get('b', 'oldest')?.json).toBe('3');
  });

  it('does not keep an answer that was computed across a write', () => {
    const cache = new ListCache();
    const version = cache.version;
    cache.invalidate('a'); // a comment arrives while the listing is being built
    cache.set('a', 'oldest', entry('stale'), version);
    expect(cache.get('a', 'oldest')).toBeUndefined();
  });

  it('stays within its bound in characters', () => {
    const cache = new ListCache(10);
    for (let i = 0; i < 50; i++) cache.set(`t${i}`, 'q', entry(String(i)), cache.version);
    let kept = 0;
    for (let i = 0; i < 50; i++) if (cache.get(`t${i}`, 'q')) kept++;
    expect(kept).toBeLessThanOrEqual(10);
    expect(cache.get('t49', 'q')?.json).toBe('49');
  });
});

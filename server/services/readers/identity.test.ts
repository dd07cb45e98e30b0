import { describe, expect, it } from 'vitest';
import { createSqliteStore } from '../../store/sqlite';
import { ReaderIdentity } from './identity';

const ada = { address: '192.0.2.1', userAgent: 'Mozilla/5.0 Ada' };
const DAY = 86_400_000;
const NOON = Date.UTC(2026, 10, 28, 12);

describe('ReaderIdentity', () => {
  it('keeps its secret in the database: a restart hashes the same reader the same way', async () => {
    const store = createSqliteStore(':memory:');
    const a = await ReaderIdentity.load(store.meta);
    const b = await ReaderIdentity.load(store.meta);
    expect(b.stable(ada)).toBe(a.stable(ada));
    expect(b.daily(ada, 1, NOON)).toEqual(a.daily(ada, 1, NOON));
    // Another installation (another secret) cannot link the same reader.
    const other = await ReaderIdentity.load(createSqliteStore(':memory:').meta);
    expect(other.stable(ada)).not.toBe(a.stable(ada));
  });

  it('agrees with an instance that stored its secret first, between this one\'s look and its write', async () => {
    const store = createSqliteStore(':memory:');
    let raced = false;
    // Another instance on the same database stores its secret just before this one does.
    const meta = {
      ...store.meta,
      async setSecret(name: string, value: string) {
        if (!raced) {
          raced = true;
          await store.meta.setSecret(name, Buffer.from('the other instance').toString('base64'));
        }
        await store.meta.setSecret(name, value);
      },
    };
    const mine = await ReaderIdentity.load(meta);
    const theirs = await ReaderIdentity.load(store.meta);
    expect(raced).toBe(true);
    expect(mine.stable(ada)).toBe(theirs.stable(ada));
    expect(mine.stable(ada)).toBe(ReaderIdentity.fixed('the other instance').stable(ada));
  });

  it('gives a view key that changes with the day and the article, and differs from the stable one', () => {
    const id = ReaderIdentity.fixed();
    const today = id.daily(ada, 1, NOON);
    expect(id.daily(ada, 1, NOON + 3_600_000)).toEqual(today);
    expect(id.daily(ada, 1, NOON + DAY)).not.toEqual(today);
    expect(id.daily(ada, 2, NOON)).not.toEqual(today);
    // The thread id is mixed in whole: thread 1 and threads 257, 2^32 + 1 and 2^40 + 1 differ.
    for (const other of [257, 2 ** 32 + 1, 2 ** 40 + 1]) expect(id.daily(ada, other, NOON)).not.toEqual(today);
    for (const half of today) expect(Number.isInteger(half) && half >= 0 && half < 2 ** 32).toBe(true);
    expect(id.daily({ ...ada, userAgent: 'Mozilla/5.0 Bo' }, 1, NOON)).not.toEqual(today);
    // The day's viewer is one per reader, whatever the article, and is not the stable identity.
    expect(id.viewer(ada, NOON).id).toBe(id.viewer(ada, NOON + 3_600_000).id);
    expect(id.viewer(ada, NOON + DAY).id).not.toBe(id.viewer(ada, NOON).id);
    expect(id.viewer(ada, NOON).id).not.toBe(id.stable(ada));
    for (const h of [id.viewer(ada, NOON).id, id.stable(ada), id.range(ada)]) expect(h).toMatch(/^[\w-]{22}$/);
    // What the database keeps of a view key is a keyed hash of it: 64 bits, not the key itself,
    // and another secret seals the same key differently.
    const sealed = id.sealed(today);
    expect(sealed).toMatch(/^[\w-]{11}$/);
    const raw = Buffer.alloc(8);
    raw.writeUInt32LE(today[0], 0);
    raw.writeUInt32LE(today[1], 4);
    expect(sealed).not.toBe(raw.toString('base64url'));
    expect(ReaderIdentity.fixed('another-secret').sealed(today)).not.toBe(sealed);
    expect(id.sealed(id.daily(ada, 2, NOON))).not.toBe(sealed);
  });

  it('keys one reader\'s views of many articles apart: no two threads share a key', () => {
    const id = ReaderIdentity.fixed();
    const viewer = id.viewer(ada, NOON);
    const keys = new Set<string>();
    for (let t = 1; t <= 100_000; t++) keys.add(id.seenKey(viewer, t).join(':'));
    expect(keys.size).toBe(100_000);
  });

  it('keys views by network under the day key: one per /24 or /48, a new one each day', () => {
    const id = ReaderIdentity.fixed();
    const at = (address: string, t = NOON) => id.viewRange({ address, userAgent: 'x' }, t);
    expect(at('198.51.100.7')).toBe(at('198.51.100.200'));
    expect(at('2001:db8:0:1::5')).toBe(at('2001:db8::1:9'));
    expect(at('198.51.101.7')).not.toBe(at('198.51.100.7'));
    expect(at('198.51.100.7', NOON + DAY)).not.toBe(at('198.51.100.7'));
    expect(id.range({ address: '2001:db8:0:1::5', userAgent: 'a' })).toBe(id.range({ address: '2001:db8::1:9', userAgent: 'b' }));
  });

  it('hashes the host without the user agent: the IPv4 address, the /64 of an IPv6 one', () => {
    const id = ReaderIdentity.fixed();
    const host = (address: string, userAgent = 'UA') => id.host({ address, userAgent });
    expect(host('192.0.2.1', 'UA-1')).toBe(host('192.0.2.1', 'UA-2'));
    expect(host('::ffff:192.0.2.1')).toBe(host('192.0.2.1'));
    expect(host('192.0.2.2')).not.toBe(host('192.0.2.1'));
    expect(host('2001:db8:0:1::5')).toBe(host('2001:0db8:0000:0001:ffff::9'));
    expect(host('2001:db8:0:2::5')).not.toBe(host('2001:db8:0:1::5'));
    expect(host('192.0.2.1')).not.toBe(id.stable({ address: '192.0.2.1', userAgent: 'UA' }));
  });
});


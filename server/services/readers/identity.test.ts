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
    expect(b.daily(ada, 1, NOON)).toBe(a.daily(ada, 1, NOON));
    // Another installation (another secret) cannot link the same reader.
    const other = await ReaderIdentity.load(createSqliteStore(':memory:').meta);
    expect(other.stable(ada)).not.toBe(a.stable(ada));
  });

  it('gives a view hash that changes with the day and the article, and differs from the stable one', () => {
    const id = ReaderIdentity.fixed();
    const today = id.daily(ada, 1, NOON);
    expect(id.daily(ada, 1, NOON + 3_600_000)).toBe(today);
    expect(id.daily(ada, 1, NOON + DAY)).not.toBe(today);
    expect(id.daily(ada, 2, NOON)).not.toBe(today);
    // The key holds the viewer's bytes and the thread id's: thread 1 and thread 257 differ.
    expect(id.daily(ada, 257, NOON)).not.toBe(today);
    expect(Buffer.from(today, 'base64url').subarray(0, 16).toString('base64url')).toBe(id.viewer(ada, NOON).id);
    expect(today).toMatch(/^[\w-]{30}$/);
    expect(id.daily({ ...ada, userAgent: 'Mozilla/5.0 Bo' }, 1, NOON)).not.toBe(today);
    expect(id.stable(ada)).not.toBe(today);
    // The day's viewer is one per reader, whatever the article, and is not the stable identity.
    expect(id.viewer(ada, NOON).id).toBe(id.viewer(ada, NOON + 3_600_000).id);
    expect(id.viewer(ada, NOON + DAY).id).not.toBe(id.viewer(ada, NOON).id);
    expect(id.viewer(ada, NOON).id).not.toBe(id.stable(ada));
    for (const h of [id.viewer(ada, NOON).id, id.sealed(today), id.stable(ada), id.range(ada)]) expect(h).toMatch(/^[\w-]{22}$/);
    // What the database keeps of a view key is its hash, not the viewer in it.
    expect(id.sealed(today)).not.toContain(id.viewer(ada, NOON).id.slice(0, 8));
    expect(id.sealed(id.daily(ada, 2, NOON))).not.toBe(id.sealed(today));
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


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
    expect(b.daily(ada, 't', NOON)).toBe(a.daily(ada, 't', NOON));
    // Another installation (another secret) cannot link the same reader.
    const other = await ReaderIdentity.load(createSqliteStore(':memory:').meta);
    expect(other.stable(ada)).not.toBe(a.stable(ada));
  });

  it('gives a view hash that changes with the day and the article, and differs from the stable one', () => {
    const id = ReaderIdentity.fixed();
    const today = id.daily(ada, 't', NOON);
    expect(id.daily(ada, 't', NOON + 3_600_000)).toBe(today);
    expect(id.daily(ada, 't', NOON + DAY)).not.toBe(today);
    expect(id.daily(ada, 'u', NOON)).not.toBe(today);
    expect(id.daily({ ...ada, userAgent: 'Mozilla/5.0 Bo' }, 't', NOON)).not.toBe(today);
    expect(id.stable(ada)).not.toBe(today);
    // The day's viewer is one per reader, whatever the article, and is not the stable identity.
    expect(id.viewer(ada, NOON)).toBe(id.viewer(ada, NOON + 3_600_000));
    expect(id.viewer(ada, NOON + DAY)).not.toBe(id.viewer(ada, NOON));
    expect(id.viewer(ada, NOON)).not.toBe(id.stable(ada));
    for (const h of [today, id.stable(ada), id.range(ada)]) expect(h).toMatch(/^[\w-]{22}$/);
  });
});

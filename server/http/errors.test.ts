import { afterEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../app';
import { loadConfig } from '../config/env';
import { createServices } from '../services';
import { ReaderIdentity } from '../services/readers/identity';
import { createSqliteStore } from '../store/sqlite';
import { errorCode, uniqueThread } from '../testing/harness';

/** What a failing database would say: a path, an engine name, SQL. None of it may reach a reader. */
const SECRET = 'SQLITE_IOERR: disk I/O error at /srv/footnote/data/footnote.db while running INSERT INTO comments';

/** An app whose store breaks on comment writes and thread reads, as a failing disk would. */
async function brokenApp() {
  const config = loadConfig({ FOOTNOTE_DB: ':memory:', FOOTNOTE_TRUST_PROXY: '1', FOOTNOTE_MIN_FORM_MS: '0' });
  const store = createSqliteStore(config.dbPath);
  store.comments.insert = async () => {
    throw new Error(SECRET);
  };
  store.threads.getMany = async () => {
    throw new TypeError(`Cannot read properties of undefined (reading 'views') ${SECRET}`);
  };
  const ctx = await createServices(store, config, { identity: ReaderIdentity.fixed() });
  return createApp({ ctx });
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

afterEach(() => vi.restoreAllMocks());

describe('unexpected errors (500)', () => {
  it('answer in the contract shape, show no internals, and quote a request id that is in the log', async () => {
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(' ')));
    const app = await brokenApp();
    const requests = [
      app.request(`/api/v1/threads/${uniqueThread('boom')}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Mozilla/5.0 Chrome/131.0', 'x-forwarded-for': '192.0.2.1' },
        body: JSON.stringify({ author: 'Ann', body: 'This write will fail.' }),
      }),
      app.request('/api/v1/counts?thread=a&thread=b'),
    ];
    for (const res of await Promise.all(requests)) {
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const text = await res.clone().text();
      expect(await errorCode(res)).toBe('internal');
      for (const leak of ['SQLITE', '/srv/', 'INSERT', 'TypeError', 'undefined', 'at ', '.ts', 'stack']) {
        expect(text).not.toContain(leak);
      }
      const id = text.match(UUID)?.[0];
      expect(id, 'the message quotes a request id').toBeDefined();
      // The operator can find the real cause by that id.
      expect(logged.some((line) => line.includes(id!) && line.includes('SQLITE_IOERR'))).toBe(true);
      // Still a normal answer: security headers are on it.
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('give each failure its own request id', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = await brokenApp();
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const text = await (await app.request('/api/v1/counts?thread=a')).text();
      ids.add(text.match(UUID)![0]);
    }
    expect(ids.size).toBe(3);
  });

  it('leave the rest of the app working', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const app = await brokenApp();
    expect((await app.request('/api/v1/counts?thread=a')).status).toBe(500);
    const ok = await app.request('/api/v1/threads/some-thread');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ thread: 'some-thread', views: 0, comments: 0 });
  });
});

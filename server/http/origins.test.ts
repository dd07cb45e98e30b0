import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config/env';
import { errorCode, testApp, uniqueThread } from '../testing/harness';
import { ownOrigins } from './origins';

const PUBLIC = 'https://comments.news.example';

const at = (t: Awaited<ReturnType<typeof testApp>>, host: string, path: string, init: RequestInit = {}) =>
  t.app.request(`http://${host}${path}`, { ...init, headers: { host, 'x-forwarded-for': '192.0.2.90', ...(init.headers as Record<string, string>) } });

describe('FOOTNOTE_PUBLIC_URL: the server answers as its public host only', () => {
  it('refuses a forged Host with 421 and a clear code, before anything is read or written', async () => {
    const t = await testApp({ FOOTNOTE_PUBLIC_URL: PUBLIC });
    const thread = uniqueThread('rebind');
    for (const host of ['rebind.evil.example', 'rebind.evil.example:8787', '127.0.0.1:8787', 'comments.news.example.evil.example']) {
      const read = await at(t, host, `/api/v1/threads/${thread}`);
      expect({ host, status: read.status }).toEqual({ host, status: 421 });
      expect(await errorCode(read)).toBe('misdirected_request');
      const write = await at(t, host, `/api/v1/threads/${thread}/comments`, {
        method: 'POST',
        headers: { origin: `http://${host}`, 'content-type': 'application/json' },
        body: JSON.stringify({ author: 'Eve', body: 'Rebound.' }),
      });
      expect(write.status).toBe(421);
    }
    expect(await t.ctx.store.threads.get(thread)).toBeNull();
  });

  it('answers its own host, in any case and with the default port spelled out', async () => {
    const t = await testApp({ FOOTNOTE_PUBLIC_URL: PUBLIC });
    for (const host of ['comments.news.example', 'Comments.News.Example', 'comments.news.example:443']) {
      expect((await at(t, host, '/api/v1/threads/x')).status, host).toBe(200);
    }
  });

  it('leaves /healthz open to health checks that ask by address', async () => {
    const t = await testApp({ FOOTNOTE_PUBLIC_URL: PUBLIC });
    expect((await at(t, '10.0.0.5:8787', '/healthz')).status).toBe(200);
  });

  it('without it, any Host is answered (the own origin then comes from HOST and PORT)', async () => {
    const t = await testApp();
    expect((await at(t, 'anything.example', '/api/v1/threads/x')).status).toBe(200);
  });
});

describe('ownOrigins', () => {
  const own = (env: Record<string, string>) => [...ownOrigins(loadConfig(env))].sort();

  it('is the public URL origin when set, whatever HOST says', () => {
    expect(own({ FOOTNOTE_PUBLIC_URL: 'https://comments.news.example/footnote/', HOST: '0.0.0.0' })).toEqual(['https://comments.news.example']);
  });

  it('is http://HOST:PORT, with the loopback names for a loopback or wildcard HOST', () => {
    expect(own({ HOST: '192.0.2.4', PORT: '9000' })).toEqual(['http://192.0.2.4:9000']);
    expect(own({ HOST: '127.0.0.1', PORT: '8787' })).toEqual(['http://127.0.0.1:8787', 'http://[::1]:8787', 'http://localhost:8787']);
    expect(own({ HOST: '::', PORT: '8787' })).toContain('http://[::]:8787');
  });

  it('refuses a public URL that is not an http(s) base URL, naming the variable', () => {
    for (const bad of ['comments.news.example', 'ftp://news.example', 'https://user:pw@news.example', 'https://news.example/?x=1']) {
      expect(() => loadConfig({ FOOTNOTE_PUBLIC_URL: bad })).toThrow(/FOOTNOTE_PUBLIC_URL/);
    }
  });
});

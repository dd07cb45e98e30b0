import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { loadConfig } from '../../config/env';
import { createServices } from '../../services';
import { ReaderIdentity } from '../../services/readers/identity';
import type { Store } from '../types';
import { createPgStore } from './index';

/**
 * PostgreSQL going away and coming back, against a throwaway cluster of the test's own (never
 * the shared server): requests that need the database answer 503 `unavailable` instead of
 * hanging, what can be answered from memory still is, and once the database is back the same
 * process serves again and writes what waited. Needs PostgreSQL's server programs (initdb,
 * pg_ctl); skipped without them except under CI.
 */
const PORT = Number(process.env.FOOTNOTE_TEST_OUTAGE_PORT ?? 9106);

function serverBin(): string | null {
  const base = '/usr/lib/postgresql';
  if (!existsSync(base)) return null;
  for (const version of readdirSync(base).sort().reverse()) {
    const bin = join(base, version, 'bin');
    if (existsSync(join(bin, 'pg_ctl')) && existsSync(join(bin, 'initdb'))) return bin;
  }
  return null;
}

const bin = serverBin();
const ci = process.env.CI === 'true' || process.env.CI === '1';
const root = userInfo().uid === 0;
const dir = mkdtempSync(join(tmpdir(), 'footnote-outage-'));
const data = join(dir, 'data');

/** Runs a server program as the postgres user when we are root (PostgreSQL refuses to run as root). */
function pgRun(program: string, args: string[]): string {
  const [cmd, argv] = root ? ['runuser', ['-u', 'postgres', '--', join(bin!, program), ...args]] : [join(bin!, program), args];
  return execFileSync(cmd as string, argv as string[], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

const start = () => pgRun('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${PORT} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
const stop = () => pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']);

describe.runIf(bin !== null || ci)('PostgreSQL down and back (a throwaway cluster)', () => {
  let store: Store;
  beforeAll(() => {
    if (!bin) throw new Error('CI needs PostgreSQL server programs (initdb, pg_ctl) under /usr/lib/postgresql/*/bin');
    if (root) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()), Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()));
    pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '--no-instructions']);
    start();
  }, 120_000);
  afterAll(async () => {
    await store?.close().catch(() => {});
    try {
      stop();
    } catch {}
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 unavailable without hanging while it is down, and serves again when it is back', async () => {
    store = await createPgStore(`postgres://postgres@127.0.0.1:${PORT}/postgres`, { connectTimeoutMs: 2000 });
    const config = loadConfig({ FOOTNOTE_DB: ':memory:', FOOTNOTE_TRUST_PROXY: '1', FOOTNOTE_MIN_FORM_MS: '0' });
    const ctx = await createServices(store, config, { identity: ReaderIdentity.fixed() });
    const app = createApp({ ctx });
    const call = (method: string, path: string, body?: unknown, reader = '203.0.113.9') =>
      Promise.resolve(
        app.request(path, {
          method,
          headers: { 'x-forwarded-for': reader, 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0 Safari/537.36', 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
      );
    const post = (body: string, reader?: string) => call('POST', '/api/v1/threads/live/comments', { author: 'Ann', body }, reader);

    expect((await post('before the outage')).status).toBe(201);
    expect((await call('POST', '/api/v1/threads/live/views')).status).toBe(200);

    stop();
    const started = Date.now();
    for (const res of [
      await post('during the outage', '203.0.113.10'),
      await call('GET', '/api/v1/threads/never-seen'),
      await call('GET', '/api/v1/threads/live/comments?sort=newest'),
    ]) {
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBeTruthy();
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    }
    console.log(`outage test: three requests answered 503 in ${Date.now() - started} ms`);
    // The health check says so too, so a load balancer takes the instance out.
    const health = await call('GET', '/healthz');
    expect(health.status).toBe(503);
    expect(((await health.json()) as { error: { code: string } }).error.code).toBe('unavailable');
    // A view of a thread whose row is in memory is still counted and answered; it waits to be written.
    const view = await call('POST', '/api/v1/threads/live/views', undefined, '203.0.113.11');
    expect(view.status).toBe(200);
    await expect(ctx.views.flush()).rejects.toThrow();

    start();
    // The pool reconnects by itself: no restart.
    const after = await post('after the outage', '203.0.113.12');
    expect(after.status).toBe(201);
    expect((await call('GET', '/healthz')).status).toBe(200);
    await ctx.views.flush();
    const thread = (await (await call('GET', '/api/v1/threads/live')).json()) as { views: number; comments: number };
    expect(thread).toMatchObject({ views: 2, comments: 2 });
    expect((await store.threads.get('live'))?.views).toBe(2);
  }, 60_000);
});

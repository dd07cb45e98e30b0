import { createApp } from '../app';
import { loadConfig, type Config } from '../config/env';
import { createServices, type ServiceOptions } from '../services';
import { ReaderIdentity } from '../services/readers/identity';
import { testStore } from './engine';

export const ADMIN = 'test-admin-token-0123456789abcdef0123';

export interface TestApp {
  app: ReturnType<typeof createApp>;
  ctx: Awaited<ReturnType<typeof createServices>>;
  /** Sends a request as a reader (distinct `reader` values are distinct people). */
  call(method: string, path: string, opts?: CallOptions): Promise<Response>;
  /** Same, with the admin token. */
  admin(method: string, path: string, body?: unknown): Promise<Response>;
  clock: { now: number };
}

export interface CallOptions {
  body?: unknown;
  reader?: string;
  headers?: Record<string, string>;
}

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';

/**
 * A fresh app on a fresh, migrated in-memory database with a controllable clock. Readers
 * are told apart by X-Forwarded-For (the config trusts it here, as behind a proxy).
 */
export async function testApp(env: Record<string, string> = {}, options: ServiceOptions = {}): Promise<TestApp> {
  const config: Config = loadConfig({
    FOOTNOTE_DB: ':memory:',
    FOOTNOTE_ADMIN_TOKEN: ADMIN,
    FOOTNOTE_TRUST_PROXY: '1',
    FOOTNOTE_MIN_FORM_MS: '0',
    ...env,
  });
  const clock = { now: Date.UTC(2026, 10, 28, 12, 0, 0) };
  const store = await testStore(config);
  const ctx = await createServices(store, config, { now: () => clock.now, identity: ReaderIdentity.fixed(), ...options });
  const app = createApp({ ctx });
  const call = (method: string, path: string, opts: CallOptions = {}) => {
    const headers: Record<string, string> = {
      'x-forwarded-for': opts.reader ?? '203.0.113.1',
      'user-agent': UA,
      ...(opts.body !== undefined && typeof opts.body !== 'string' ? { 'content-type': 'application/json' } : {}),
      ...opts.headers,
    };
    const body = opts.body === undefined ? undefined : typeof opts.body === 'string' ? opts.body : JSON.stringify(opts.body);
    return Promise.resolve(app.request(path, { method, headers, body }));
  };
  return {
    app,
    ctx,
    clock,
    call,
    admin: (method, path, body) => call(method, path, { body, headers: { authorization: `Bearer ${ADMIN}` } }),
  };
}

/** Asserts the contract's error shape and returns the code. */
export async function errorCode(res: Response): Promise<string> {
  const data = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
  if (!data.error || typeof data.error.code !== 'string' || typeof data.error.message !== 'string' || !data.error.message) {
    throw new Error(`not the contract's error shape: ${JSON.stringify(data)}`);
  }
  return data.error.code;
}

let seq = 0;
/** A thread key no other test uses. */
export const uniqueThread = (name = 't') => `${name}-${Date.now().toString(36)}-${++seq}`;

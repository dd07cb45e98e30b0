import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../app';
import { loadConfig } from '../../config/env';
import { createServices } from '..';
import { createSqliteStore } from '../../store/sqlite';
import type { Store } from '../../store/types';

/**
 * For tests that need what `testApp` cannot give: a real database file (a restart, a raw
 * look at every table) and the real reader secret kept in it. Not used by the server.
 */
export interface FileApp {
  store: Store;
  ctx: Awaited<ReturnType<typeof createServices>>;
  /** A request from the reader at `address` with user agent `ua`. */
  call(method: string, path: string, opts?: { address?: string; ua?: string; body?: unknown; headers?: Record<string, string> }): Promise<Response>;
}

export const FILE_ADMIN = 'file-app-admin-token-0123456789abcdef';

export const BROWSER_UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

/** User agents that must never count as readers (copied from real traffic). */
export const BOTS: Record<string, string> = {
  Googlebot: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Googlebot smartphone':
    'Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.6778.69 Mobile Safari/537.36 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  Bingbot: 'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  facebookexternalhit: 'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'Slackbot link preview': 'Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)',
  Twitterbot: 'Twitterbot/1.0',
  'WhatsApp preview': 'WhatsApp/2.23.20.0',
  HeadlessChrome: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
  curl: 'curl/8.5.0',
  'python-requests': 'python-requests/2.31.0',
  'empty user agent': '',
  'blank user agent': '   ',
};

/** Speculative loads, announced by the browser: not a reader's page view. */
export const PREFETCH: Record<string, Record<string, string>> = {
  'Sec-Purpose: prefetch': { 'sec-purpose': 'prefetch' },
  'Sec-Purpose: prefetch;prerender': { 'sec-purpose': 'prefetch;prerender' },
  'Purpose: prefetch': { purpose: 'prefetch' },
  'X-Purpose: preview': { 'x-purpose': 'preview' },
  'X-Moz: prefetch': { 'x-moz': 'prefetch' },
};

/** A fresh temporary folder for database files; `remove()` deletes it. */
export function tempDir(): { file: (name: string) => string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'footnote-views-'));
  return { file: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Opens (or reopens) `file` as the server does at start, with a controllable clock. */
export async function fileApp(file: string, clock: { now: number }): Promise<FileApp> {
  const config = loadConfig({ FOOTNOTE_DB: file, FOOTNOTE_TRUST_PROXY: '1', FOOTNOTE_MIN_FORM_MS: '0', FOOTNOTE_ADMIN_TOKEN: FILE_ADMIN });
  const store = createSqliteStore(file);
  const ctx = await createServices(store, config, { now: () => clock.now });
  const app = createApp({ ctx });
  return {
    store,
    ctx,
    call: (method, path, opts = {}) => {
      const headers: Record<string, string> = { 'x-forwarded-for': opts.address ?? '203.0.113.9', 'user-agent': opts.ua ?? BROWSER_UA, ...opts.headers };
      if (opts.body !== undefined) headers['content-type'] = 'application/json';
      return Promise.resolve(app.request(path, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) }));
    },
  };
}

import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { ADMIN_TOKEN, API, API_PORT, SITE, SITE_PORT, SSO_SECRET } from './e2e/support/ports';

/**
 * The engine the server runs on: SQLite, or PostgreSQL with FOOTNOTE_E2E_ENGINE=pg (`npm run
 * test:e2e:pg`): a fresh database made for the run and dropped after it.
 */
const onPg = process.env.FOOTNOTE_E2E_ENGINE === 'pg';

// The config is loaded again in every worker: create the temporary database (folder) once and
// hand it down through the environment, so a run leaves one behind, not one per worker.
if (onPg && !process.env.FOOTNOTE_E2E_DATABASE_URL) {
  const url = execFileSync(process.execPath, ['scripts/e2e-pg-db.mjs', 'create'], { encoding: 'utf8' });
  process.env.FOOTNOTE_E2E_DATABASE_URL = url;
  // Dropped when the runner exits, after it stopped the server: a global teardown runs while
  // the server still holds connections, and dropping them makes it log a page of complaints.
  process.on('exit', () => execFileSync(process.execPath, ['scripts/e2e-pg-db.mjs', 'drop', url], { stdio: 'inherit' }));
}
if (!onPg) process.env.FOOTNOTE_E2E_DB ??= join(mkdtempSync(join(tmpdir(), 'footnote-e2e-')), 'e2e.db');
const database: Record<string, string> = onPg ? { FOOTNOTE_DATABASE_URL: process.env.FOOTNOTE_E2E_DATABASE_URL! } : { FOOTNOTE_DB: process.env.FOOTNOTE_E2E_DB! };

/**
 * Browser tests in Debian's Chromium against the real built server on a temporary database
 * and a publisher site on another origin. Readers in a real browser send a normal Chrome user
 * agent; headless Chromium announces "HeadlessChrome", which the view counter rightly treats
 * as a bot, so the tests present the user agent of the same Chromium with a window.
 */
export default defineConfig({
  testDir: 'e2e',
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [['list']],
  use: {
    trace: 'on-first-retry',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    launchOptions: {
      executablePath: process.env.FOOTNOTE_CHROMIUM || '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: [
    {
      command: 'node dist/server/main.js',
      url: `${API}/healthz`,
      reuseExistingServer: false,
      stdout: 'pipe',
      env: {
        PORT: String(API_PORT),
        HOST: '127.0.0.1',
        ...database,
        FOOTNOTE_ADMIN_TOKEN: ADMIN_TOKEN,
        FOOTNOTE_SSO_SECRET: SSO_SECRET,
        // The browser tests post quickly from one reader: spam timing and rate limits have
        // their own API tests.
        FOOTNOTE_MIN_FORM_MS: '0',
        FOOTNOTE_POST_INTERVAL_SEC: '0',
        FOOTNOTE_POSTS_PER_HOUR: '100000',
        FOOTNOTE_REACTIONS_PER_MINUTE: '100000',
        FOOTNOTE_VIEWS_PER_MINUTE: '100000',
        FOOTNOTE_REPORTS_PER_HOUR: '100000',
        // Webhooks to a path of this very server that answers 404: every event fails and waits
        // for its retry, which the desk's "Mail and webhooks" section must show.
        FOOTNOTE_WEBHOOK_URL: `${API}/e2e-webhook-receiver`,
        FOOTNOTE_WEBHOOK_SECRET: 'e2e-webhook-secret-0123456789abcdef',
      },
    },
    {
      command: 'node e2e/support/site-server.mjs',
      url: `${SITE}/article`,
      reuseExistingServer: false,
      env: { E2E_SITE_PORT: String(SITE_PORT), E2E_API: API },
    },
  ],
});

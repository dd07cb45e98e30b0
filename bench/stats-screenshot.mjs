// Screenshots of the Engagement view (docs/engagement.png, engagement-dark.png) on a running
// server, e.g. the bench site: FOOTNOTE_DB=/tmp/stats.db (made by `npx tsx bench/stats.ts --db /tmp/stats.db`)
// FOOTNOTE_ADMIN_TOKEN=shot-admin-token-0123456789abcdef0123 PORT=9162 node dist/server/main.js, then
//   node bench/stats-screenshot.mjs
import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
for (const scheme of ['light', 'dark']) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, colorScheme: scheme });
  await page.goto('http://127.0.0.1:9162/admin');
  await page.getByLabel('Admin token').fill('shot-admin-token-0123456789abcdef0123');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Engagement' }).click();
  await page.locator('table.stories').waitFor();
  await page.waitForTimeout(500);
  await page.screenshot({ path: `docs/engagement${scheme === 'dark' ? '-dark' : ''}.png`, fullPage: true });
  await page.close();
}
await browser.close();

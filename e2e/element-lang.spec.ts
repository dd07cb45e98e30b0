import { expect, test, type APIRequestContext } from '@playwright/test';
import { API, SITE } from './support/ports';

/**
 * The language of <footnote-comments> at the element level, in Chromium: embed.js holds the
 * footer's words of every language; the rest of the reader's one, English too, comes with the
 * thread from /i18n/{lang}.json. The whole widget in each language is in reader.spec.ts.
 */

const unique = (name: string) => `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

async function post(request: APIRequestContext, thread: string, author: string, body: string) {
  const res = await request.post(`${API}/api/v1/threads/${thread}/comments`, { data: { author, body } });
  expect(res.status(), await res.text()).toBe(201);
}

test('English beyond the footer comes with the thread; when it cannot be had, the comments are unavailable until "Try again"', async ({ page }) => {
  const thread = unique('en-rest');
  await page.route(`${API}/i18n/en.json`, (route) => route.abort());
  await page.goto(`${SITE}/article?thread=${thread}`);
  const widget = page.locator('footnote-comments');
  // The footer's words are built in.
  await expect(widget.locator('[part=footer]')).toHaveText('1 view · 0 comments');
  await expect(widget.getByRole('alert')).toContainText('cannot be reached');
  await expect(widget.locator('form')).toHaveCount(0);
  await page.unroute(`${API}/i18n/en.json`);
  const asked = page.waitForRequest(`${API}/i18n/en.json`);
  await widget.getByRole('button', { name: 'Try again' }).click();
  await asked;
  await expect(widget.getByText('No comments yet. Start the conversation.')).toBeVisible();
  await expect(widget.getByRole('button', { name: 'Post comment' })).toBeVisible();
});

test('loading="eager" in German: the German catalogue comes with the thread', async ({ page, request }) => {
  const thread = unique('eager-de');
  await post(request, thread, 'Lena', `Sofort geladen, ${thread}.`);
  const asked: string[] = [];
  page.on('request', (r) => r.url().includes('/i18n/') && asked.push(new URL(r.url()).pathname));
  // While the catalogue is on its way, the built-in words are German already.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(`${API}/i18n/de.json`, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${SITE}/article?thread=${thread}&below=1&loading=eager&lang=de`);
  const widget = page.locator('footnote-comments');
  await expect(widget.locator('[part=state]')).toHaveText('Kommentare werden geladen …');
  await expect(widget.locator('[part=footer]')).toHaveText('1 Aufruf · 1 Kommentar');
  release();
  await expect(widget.getByRole('button', { name: 'Kommentar senden' })).toBeVisible();
  await expect(widget.getByRole('button', { name: 'Antworten an Lena' })).toBeVisible();
  expect(asked).toEqual(['/i18n/de.json']);
});

test('lang changed once the thread shows: one language at a time, the new one once its words are here', async ({ page, request }) => {
  const thread = unique('switch');
  await post(request, thread, 'Grace', `A comment to read in two languages, ${thread}.`);
  await page.goto(`${SITE}/article?thread=${thread}`);
  const widget = page.locator('footnote-comments');
  await expect(widget.getByRole('button', { name: 'Post comment' })).toBeVisible();
  // The German catalogue is held until the test lets it go.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(`${API}/i18n/de.json`, async (route) => {
    await held;
    await route.continue();
  });
  const asked = page.waitForRequest(`${API}/i18n/de.json`);
  await widget.evaluate((el) => ((el as HTMLElement & { lang: string }).lang = 'de'));
  await asked;
  // Meanwhile, English throughout: no German footer over English buttons, no button without words.
  await expect(widget.locator('[part=footer]')).toHaveText('1 view · 1 comment');
  await expect(widget.getByRole('button', { name: 'Post comment' })).toBeVisible();
  release();
  await expect(widget.locator('[part=footer]')).toHaveText('1 Aufruf · 1 Kommentar');
  await expect(widget.getByRole('button', { name: 'Kommentar senden' })).toBeVisible();
  await expect(widget.getByRole('heading', { name: 'Kommentare' })).toBeVisible();
});

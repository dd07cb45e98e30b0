import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { API, SITE } from './support/ports';

/**
 * <footnote-comments> at the element level, in Chromium: what it is (a LitElement with
 * reactive properties), when it loads what (lazy below the fold), its states and their
 * transitions, and where live comments go. The whole-page journeys are in reader.spec.ts.
 */

const unique = (name: string) => `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

async function post(request: APIRequestContext, thread: string, author: string, body: string) {
  const res = await request.post(`${API}/api/v1/threads/${thread}/comments`, { data: { author, body } });
  expect(res.status(), await res.text()).toBe(201);
}

/** Every request the page makes to the Footnote server, as "METHOD /path" (API and catalogues). */
function record(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (r) => {
    if (r.url().startsWith(API) && !r.url().endsWith('/embed.js')) seen.push(`${r.method()} ${new URL(r.url()).pathname}`);
  });
  return seen;
}

test('footnote-comments and footnote-count are LitElements with reactive, reflected properties', async ({ page }) => {
  await page.goto(`${SITE}/article?thread=${unique('lit')}`);
  const facts = await page.evaluate(async () => {
    const Comments = customElements.get('footnote-comments') as unknown as { elementProperties: Map<string, unknown>; styles: unknown };
    const Count = customElements.get('footnote-count') as unknown as { elementProperties: Map<string, unknown> };
    const el = document.querySelector('footnote-comments') as HTMLElement & { theme: string; updateComplete: Promise<boolean> };
    el.theme = 'dark';
    await el.updateComplete;
    return {
      comments: [...Comments.elementProperties.keys()],
      count: [...Count.elementProperties.keys()],
      styles: Boolean(Comments.styles),
      reflected: el.getAttribute('theme'),
      updateComplete: el.updateComplete instanceof Promise,
    };
  });
  expect(facts.comments).toEqual(expect.arrayContaining(['thread', 'theme', 'lang', 'loading', 'counts', 'comments', 'phase']));
  expect(facts.count).toEqual(expect.arrayContaining(['thread', 'counts']));
  expect(facts).toMatchObject({ styles: true, reflected: 'dark', updateComplete: true });
  await expect(page.locator('footnote-comments')).toHaveCSS('color-scheme', 'dark');
});

test('far below the fold: the view and nothing else until the reader scrolls near, then the thread, form, language and stream', async ({ page, request }) => {
  const thread = unique('lazy');
  await post(request, thread, 'Grace', `Waiting below the fold, ${thread}.`);
  const seen = record(page);
  await page.goto(`${SITE}/article?thread=${thread}&below=1&lang=de`);
  const widget = page.locator('footnote-comments');
  await expect(widget.locator('[part=footer]')).toHaveText('1 Aufruf · 1 Kommentar');
  // A wrongly eager element would have asked by now: it has rendered, and two frames have
  // passed (IntersectionObserver reports in the frame after a layout).
  const settle = () =>
    widget.evaluate(async (el) => {
      await (el as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
      for (let i = 0; i < 2; i++) await new Promise(requestAnimationFrame);
    });
  await settle();
  expect(seen).toEqual([`POST /api/v1/threads/${thread}/views`]);
  await expect(widget.locator('[part=comment]')).toHaveCount(0);
  await expect(widget.locator('form')).toHaveCount(0);

  // Two screens above the element: still nothing.
  const top = await widget.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  const screen = await page.evaluate(() => window.innerHeight);
  await page.evaluate((y) => window.scrollTo(0, y), top - 2.2 * screen);
  await settle();
  expect(seen).toEqual([`POST /api/v1/threads/${thread}/views`]);
  // Within a screen of it: the rest comes.
  await page.evaluate((y) => window.scrollTo(0, y), top - 1.8 * screen);
  await expect(widget.locator('[part=comment]')).toContainText('Waiting below the fold');
  await expect(widget.getByRole('button', { name: 'Kommentar senden' })).toBeVisible();
  await expect
    .poll(() => seen)
    .toEqual(expect.arrayContaining([`GET /api/v1/threads/${thread}/comments`, 'GET /i18n/de.json', `GET /api/v1/threads/${thread}/events`]));
  // Still one view.
  expect(seen.filter((s) => s.endsWith('/views'))).toHaveLength(1);
});

test('loading="eager" loads the thread at once, however far below the fold', async ({ page, request }) => {
  const thread = unique('eager');
  await post(request, thread, 'Grace', `Loaded at once, ${thread}.`);
  const seen = record(page);
  await page.goto(`${SITE}/article?thread=${thread}&below=1&loading=eager`);
  await expect(page.locator('footnote-comments [part=comment]')).toContainText('Loaded at once');
  expect(seen).toContain(`GET /api/v1/threads/${thread}/comments`);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});

test('states: footer first, "Loading comments…" while the thread is on its way, ready; unreachable, then "Try again"', async ({ page, request }) => {
  const thread = unique('states');
  await post(request, thread, 'Grace', `A comment to load, ${thread}.`);
  const widget = page.locator('footnote-comments');
  // Hold the thread's first page until the test lets it go.
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(`${API}/api/v1/threads/*/comments?*`, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(`${SITE}/article?thread=${thread}`);
  await expect(widget.locator('[part=footer]')).toHaveText('1 view · 1 comment');
  await expect(widget.locator('[part=state]')).toHaveText('Loading comments…');
  release();
  await expect(widget.locator('[part=comment]')).toContainText('A comment to load');
  await expect(widget.locator('[part=state]')).toHaveCount(0);
  await page.unroute(`${API}/api/v1/threads/*/comments?*`);

  // Another thread whose page cannot be read: the error, then a retry that works.
  const other = unique('states-error');
  await page.route(`${API}/api/v1/threads/*/comments?*`, (route) => route.abort());
  await widget.evaluate((el, t) => ((el as HTMLElement & { thread: string }).thread = t), other);
  await expect(widget).toHaveAttribute('thread', other);
  await expect(widget.getByRole('alert')).toContainText('cannot be reached');
  await page.unroute(`${API}/api/v1/threads/*/comments?*`);
  await widget.getByRole('button', { name: 'Try again' }).click();
  await expect(widget.getByText('No comments yet')).toBeVisible();
  await expect(widget.locator('[part=footer]')).toHaveText('1 view · 0 comments');
});

test('live: in place at the end of a short thread; behind the button when the reader is not at its end', async ({ page, request }) => {
  const thread = unique('short');
  for (const n of ['one', 'two', 'three']) await post(request, thread, 'Grace', `Comment ${n} of a short thread, ${thread}.`);
  const widget = page.locator('footnote-comments');
  const comments = widget.locator('[part=comment]');
  await page.goto(`${SITE}/article?thread=${thread}`);
  await expect(comments).toHaveCount(3);
  // The reader sees the thread's end: the new comment joins it, and is announced.
  await widget.locator('[part=thread]').evaluate((el) => el.scrollIntoView({ block: 'end' }));
  await post(request, thread, 'Linus', `Joining at the end, ${thread}.`);
  await expect(comments).toHaveCount(4);
  await expect(comments.last()).toContainText('Joining at the end');
  await expect(widget.locator('[aria-live=polite]')).toHaveText('New comment by Linus');

  // A window too short to show the thread's end, scrolled to the footer: the reader is still
  // reading above, so the next one waits.
  await page.setViewportSize({ width: 1000, height: 300 });
  await widget.locator('[part=footer]').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await post(request, thread, 'Ada', `Waiting for a click, ${thread}.`);
  const show = widget.getByRole('button', { name: 'Show 1 new comment' });
  await expect(show).toBeVisible();
  await expect(comments).toHaveCount(4);
  await show.click();
  await expect(comments).toHaveCount(5);
  await expect(comments.last()).toBeFocused();
});

test('every button of the thread has its own name; the reply form submits with "Post reply"', async ({ page, request }) => {
  const thread = unique('names');
  await post(request, thread, 'Grace', `First, ${thread}.`);
  await post(request, thread, 'Linus', `Second, ${thread}.`);
  const widget = page.locator('footnote-comments');
  await page.goto(`${SITE}/article?thread=${thread}`);
  await widget.getByRole('button', { name: 'Reply to Grace' }).click();
  await expect(widget.getByRole('button', { name: 'Post reply' })).toBeVisible();
  await expect(widget.getByRole('button', { name: 'Reply', exact: true })).toHaveCount(0);
  const names = await widget.getByRole('button').evaluateAll((buttons) =>
    buttons.map((b) => (b.getAttribute('aria-label') ?? b.textContent ?? '').replace(/\s+/g, ' ').trim()),
  );
  expect(names).toEqual(expect.arrayContaining(['Recommend the comment by Grace', 'Reply to Grace', 'Report the comment by Linus', 'Post reply', 'Cancel']));
  expect(new Set(names).size).toBe(names.length);
});

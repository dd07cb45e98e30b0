import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN_TOKEN, API, SITE } from './support/ports';

/**
 * <footnote-comments> and the moment between reading the thread's first page and listening
 * live, in Chromium: what is published or changed after the server read the page, but before
 * the page reached the reader, must still reach them (the counts always did). The tests make
 * that moment as long as they like: the page is read from the server at once, and handed to
 * the widget only after the thread changed.
 */

const unique = (name: string) => `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

async function post(request: APIRequestContext, thread: string, author: string, body: string): Promise<number> {
  const res = await request.post(`${API}/api/v1/threads/${thread}/comments`, { data: { author, body } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { comment: { id: number } }).comment.id;
}

/**
 * Holds the thread's first page: the server answers the request at once (`read` resolves), the
 * widget gets that answer only when `release` is called.
 */
async function holdFirstPage(page: Page) {
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  const read = new Promise<void>((done) =>
    page.route(`${API}/api/v1/threads/*/comments?*`, async (route) => {
      const response = await route.fetch();
      done();
      await released;
      await route.fulfill({ response });
    }),
  );
  return { read, release };
}

test('a comment published and one rejected while the first page is on its way: the thread shows both changes', async ({ page, request }) => {
  const thread = unique('gap');
  const first = await post(request, thread, 'Grace', `First, later rejected, ${thread}.`);
  await post(request, thread, 'Linus', `Second, ${thread}.`);
  const { read, release } = await holdFirstPage(page);
  const asked: string[] = [];
  page.on('request', (r) => /\/(events|comments)\b/.test(r.url()) && asked.push(new URL(r.url()).pathname.split('/').pop()!));
  await page.goto(`${SITE}/article?thread=${thread}`);
  const widget = page.locator('footnote-comments');
  const comments = widget.locator('[part=comment]');
  await read;
  // The stream is asked for first: the page is read once the server listens for this reader.
  expect(asked).toEqual(['events', 'comments']);
  // The page the widget will get holds Grace and Linus; then Ada posts and Grace is rejected.
  await post(request, thread, 'Ada', `Posted after the page was read, ${thread}.`);
  const rejected = await request.patch(`${API}/api/v1/admin/comments/${first}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    data: { status: 'rejected' },
  });
  expect(rejected.status()).toBe(200);
  release();
  await expect(widget.locator('[part=footer]')).toHaveText('1 view · 2 comments');
  // A short thread the reader has not seen yet: Ada joins it in place, Grace leaves it.
  await expect(comments).toHaveCount(2);
  await expect(comments.nth(0)).toContainText('Second');
  await expect(comments.nth(1)).toContainText('Posted after the page was read');
  await expect(widget.getByRole('button', { name: /new comment/ })).toHaveCount(0);
});

test('a busy thread: a comment published while the first page is on its way waits behind "Show 1 new comment"', async ({ page, request }) => {
  const thread = unique('gap-busy');
  for (let i = 1; i <= 11; i++) await post(request, thread, 'Grace', `Comment ${i}, ${thread}.`);
  const { read, release } = await holdFirstPage(page);
  await page.goto(`${SITE}/article?thread=${thread}`);
  const widget = page.locator('footnote-comments');
  const comments = widget.locator('[part=comment]');
  await read;
  await post(request, thread, 'Ada', `Comment 12, after the page was read, ${thread}.`);
  release();
  // The counts have it (they always had): so must the thread.
  await expect(widget.locator('[part=footer]')).toHaveText('1 view · 12 comments');
  const show = widget.getByRole('button', { name: 'Show 1 new comment' });
  await expect(show).toBeVisible();
  await expect(comments).toHaveCount(11);
  await show.click();
  await expect(comments).toHaveCount(12);
  await expect(comments.last()).toContainText('Comment 12, after the page was read');
});

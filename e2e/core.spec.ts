import { expect, test } from '@playwright/test';
import { API, SITE } from './support/ports';
import { ON_PG } from './support/tags';

const unique = (name: string) => `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

test.describe('the embed on a publisher page of another origin', () => {
  test('footer, post with the keyboard, reply, reload', ON_PG, async ({ page }) => {
    const thread = unique('core');
    // Texts unique to this run: the server holds a repeated text as spam for an hour.
    const said = `The night bus matters to shift workers (${thread}).`;
    const answer = `Agreed, and for nurses too (${thread}).`;
    await page.goto(`${SITE}/article?thread=${thread}`);
    const widget = page.locator('footnote-comments');
    await expect(widget.locator('[part=footer]')).toHaveText('1 view · 0 comments');

    // Post with the keyboard only: focus the name field, type, tab past the optional email
    // to the comment, submit.
    await widget.getByRole('textbox', { name: 'Name' }).focus();
    await page.keyboard.type('Ada Reader');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type(said);
    await page.keyboard.press('Tab'); // the formatting hint is text; next stop is the button
    await page.keyboard.press('Enter');

    const first = widget.locator('[part=comment]').filter({ hasText: said });
    await expect(first).toBeVisible();
    await expect(widget.locator('[part=footer]')).toHaveText('1 view · 1 comment');
    await expect(widget.getByRole('status')).toHaveText('Your comment was posted.');
    await expect(first).toBeFocused();

    // Reply: the Reply button opens the form under the comment, focus lands in it.
    await first.getByRole('button', { name: 'Reply' }).click();
    await page.keyboard.type(answer);
    // The reply's own submit says what it does: not a second "Reply".
    await first.getByRole('button', { name: 'Post reply' }).click();
    const reply = first.locator('[part=replies] [part=comment]').filter({ hasText: answer });
    await expect(reply).toBeVisible();
    await expect(widget.locator('[part=footer]')).toHaveText('1 view · 2 comments');

    // A reload by the same reader within 30 minutes is the same view; both comments stay.
    await page.reload();
    await expect(widget.locator('[part=footer]')).toHaveText('1 view · 2 comments');
    await expect(widget.locator('[part=comment]')).toHaveCount(2);
    await expect(widget.locator('[part=replies] [part=comment]')).toContainText(answer);
    // The name is remembered for next time.
    await expect(widget.getByRole('textbox', { name: 'Name' }).first()).toHaveValue('Ada Reader');
  });

  test('a page load and a post need no read of the thread: the view and the post answer the counts', ON_PG, async ({ page }) => {
    const thread = unique('lean');
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(`${API}/api/`)) asked.push(`${r.method()} ${new URL(r.url()).pathname}`);
    });
    await page.goto(`${SITE}/article?thread=${thread}`);
    const widget = page.locator('footnote-comments');
    await expect(widget.locator('[part=footer]')).toHaveText('1 view · 0 comments');
    await widget.getByRole('textbox', { name: 'Name' }).fill('Ada');
    await widget.getByRole('textbox', { name: 'Comment' }).fill(`Lean and quick (${thread}).`);
    await widget.getByRole('button', { name: 'Post comment' }).click();
    await expect(widget.getByRole('status')).toHaveText('Your comment was posted.');
    await expect(widget.locator('[part=footer]')).toHaveText('1 view · 1 comment');
    expect(asked).toContain(`POST /api/v1/threads/${thread}/views`);
    expect(asked).toContain(`POST /api/v1/threads/${thread}/comments`);
    expect(asked.filter((a) => a === `GET /api/v1/threads/${thread}`)).toEqual([]);
  });

  test('errors from the server are shown as sentences next to the form', async ({ page }) => {
    await page.goto(`${SITE}/article?thread=${unique('err')}`);
    const widget = page.locator('footnote-comments');
    await widget.getByRole('textbox', { name: 'Name' }).fill('Ada');
    await widget.getByRole('textbox', { name: 'Comment' }).fill('   ');
    await widget.getByRole('button', { name: 'Post comment' }).click();
    await expect(widget.getByRole('alert')).toHaveText('Your comment is empty. Write something before posting.');
    await expect(widget.locator('[part=footer]')).toHaveText('1 view · 0 comments');
  });

  test('works as a module script too', async ({ page }) => {
    await page.goto(`${SITE}/article?thread=${unique('mod')}&module=1`);
    await expect(page.locator('footnote-comments [part=footer]')).toHaveText('1 view · 0 comments');
  });

  test('a refused view (429) still shows the thread, uncounted', async ({ page }) => {
    await page.route(`${API}/api/v1/threads/*/views`, (route) =>
      route.fulfill({ status: 429, contentType: 'application/json', headers: { 'Retry-After': '30', 'Access-Control-Allow-Origin': '*' }, body: '{"error":{"code":"rate_limited","message":"Too many page views."}}' }),
    );
    await page.goto(`${SITE}/article?thread=${unique('limited')}`);
    const widget = page.locator('footnote-comments');
    await expect(widget.locator('[part=footer]')).toHaveText('0 views · 0 comments');
    await expect(widget.getByRole('button', { name: 'Post comment' })).toBeVisible();
  });

  test('an unreachable server shows a polite message, not a blank box', async ({ page }) => {
    await page.route(`${API}/api/**`, (route) => route.abort());
    await page.goto(`${SITE}/article?thread=${unique('down')}`);
    const widget = page.locator('footnote-comments');
    await expect(widget.getByRole('alert')).toContainText('the comment server cannot be reached');
    await page.unroute(`${API}/api/**`);
    await widget.getByRole('button', { name: 'Try again' }).click();
    await expect(widget.locator('[part=footer]')).toHaveText('1 view · 0 comments');
  });
});

test('the demo article at / embeds the widget', async ({ page }) => {
  await page.goto(`${API}/`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Night buses');
  await expect(page.getByText('Download • 63KB')).toBeVisible();
  await expect(page.locator('footnote-comments [part=footer]')).toContainText(/\d+ views? · \d+ comments?/);
});

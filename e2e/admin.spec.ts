import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { ADMIN_TOKEN, API, SITE } from './support/ports';
import { ON_PG } from './support/tags';

const unique = (name: string) => `admin-${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };

/** Posts as a reader through the public API (unique text: repeated text is held as spam). */
async function post(request: APIRequestContext, thread: string, body: string, author = 'Dana') {
  const res = await request.post(`${API}/api/v1/threads/${encodeURIComponent(thread)}/comments`, { data: { author, body } });
  expect(res.status()).toBe(201);
  return ((await res.json()) as { comment: { id: number; status: string } }).comment;
}

async function preModerate(request: APIRequestContext, thread: string) {
  const res = await request.patch(`${API}/api/v1/admin/threads/${encodeURIComponent(thread)}`, { headers: auth, data: { moderation: 'pre' } });
  expect(res.status()).toBe(200);
}

async function signIn(page: Page) {
  await page.goto(`${API}/admin`);
  await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Comments' })).toBeVisible();
}

/** Shows one queue of one thread only, so parallel tests never see each other's comments. */
async function openQueue(page: Page, queue: string, thread: string) {
  await page.getByRole('tab', { name: new RegExp(`^${queue}`) }).click();
  await page.getByLabel('Thread').fill(thread);
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await expect(page.getByText(`Showing thread ${thread} only.`)).toBeVisible();
}

test.describe('the moderation desk at /admin', () => {
  test('a moderator approves a pending comment and readers then see it on the article', ON_PG, async ({ page, request }) => {
    const thread = unique('approve');
    await preModerate(request, thread);
    const text = `Held until approved, ${thread}`;
    expect((await post(request, thread, text)).status).toBe('pending');

    await page.goto(`${SITE}/article?thread=${thread}`);
    const widget = page.locator('footnote-comments');
    await expect(widget.locator('[part=footer]')).toHaveText(/· 0 comments$/);
    await expect(widget.getByText(text)).toHaveCount(0);

    await signIn(page);
    await openQueue(page, 'Pending', thread);
    await expect(page.getByRole('tab', { name: /^Pending/ })).toHaveText(/Pending\s+1/);
    const card = page.locator('.card', { hasText: text });
    await expect(card).toContainText('Dana');
    await card.getByRole('button', { name: 'Publish', exact: true }).click();
    await expect(card).toHaveCount(0);
    await expect(page.getByRole('status')).toHaveText('Published the comment by Dana.');
    await expect(page.getByRole('tab', { name: /^Published/ })).toHaveText(/Published\s+1/);
    await expect(page.getByRole('tab', { name: /^Pending/ })).toHaveText(/Pending\s+0/);

    await page.goto(`${SITE}/article?thread=${thread}`);
    await expect(widget.getByText(text)).toBeVisible();
    await expect(widget.locator('[part=footer]')).toHaveText(/· 1 comment$/);
  });

  test('a moderator rejects a published comment and the article footer count drops', ON_PG, async ({ context, page, request }) => {
    const thread = unique('reject');
    const text = `Published at once, then rejected, ${thread}`;
    await post(request, thread, text, 'Kim');
    const article = await context.newPage();
    await article.goto(`${SITE}/article?thread=${thread}`);
    const widget = article.locator('footnote-comments');
    await expect(widget.locator('[part=footer]')).toHaveText(/· 1 comment$/);
    await expect(widget.getByText(text)).toBeVisible();

    // The desk in the foreground tab (a background tab's animation frames are throttled).
    await page.bringToFront();
    await signIn(page);
    await openQueue(page, 'Published', thread);
    const card = page.locator('.card', { hasText: text });
    await card.getByRole('button', { name: 'Reject', exact: true }).click();
    await expect(card).toHaveCount(0);
    await expect(page.getByRole('tab', { name: /^Rejected/ })).toHaveText(/Rejected\s+1/);

    // The open article follows live; a fresh load agrees.
    await expect(widget.locator('[part=footer]')).toHaveText(/· 0 comments$/);
    await expect(widget.getByText(text)).toHaveCount(0);
    await article.reload();
    await expect(widget.locator('[part=footer]')).toHaveText(/· 0 comments$/);
  });

  test('keyboard shortcuts act on the highlighted comment, never while typing; bulk actions', ON_PG, async ({ page, request }) => {
    const thread = unique('keys');
    await preModerate(request, thread);
    const texts = [1, 2, 3].map((i) => `Keyboard comment ${i} ${thread}`);
    for (const t of texts) await post(request, thread, t);
    await signIn(page);
    await openQueue(page, 'Pending', thread);
    const cards = page.locator('.card');
    await expect(cards).toHaveCount(3);

    await page.keyboard.press('j');
    await expect(cards.first()).toBeFocused();
    await expect(cards.first()).toContainText(texts[2]!);
    await page.keyboard.press('a');
    await expect(page.getByRole('status')).toHaveText('Published the comment by Dana.');
    await expect(cards).toHaveCount(2);
    // The next comment takes the focus, so the moderator can keep going.
    await expect(cards.first()).toBeFocused();

    // Typing "r" or "s" in a field is typing, not an action.
    await page.getByLabel('Search').fill('rs');
    await page.getByLabel('Search').press('r');
    await expect(cards).toHaveCount(2);

    await cards.first().getByRole('checkbox').check();
    await cards.last().getByRole('checkbox').check();
    await expect(page.getByText('2 selected')).toBeVisible();
    await page.getByRole('group', { name: 'Selected comments' }).getByRole('button', { name: 'Spam' }).click();
    await expect(page.getByRole('status')).toHaveText('Marked as spam 2 comments.');
    await expect(page.getByText('Nothing is waiting for review in this thread.')).toBeVisible();
    await expect(page.getByRole('tab', { name: /^Spam/ })).toHaveText(/Spam\s+2/);
  });

  test('a wrong token gets a readable error and the moderator can try again', async ({ page }) => {
    await page.goto(`${API}/admin`);
    await page.getByLabel('Admin token').fill('not-the-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toHaveText('The admin token is missing or wrong.');
    await expect(page.getByLabel('Admin token')).toBeFocused();
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Comments' })).toBeVisible();
    // Kept for this tab only: a reload stays signed in, signing out forgets it.
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Comments' })).toBeVisible();
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByLabel('Admin token')).toBeVisible();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
  });

  test('thread settings, word lists and bans from the page', ON_PG, async ({ page, request }) => {
    const thread = unique('settings');
    await post(request, thread, `Before closing ${thread}`);
    await signIn(page);
    await page.getByRole('link', { name: 'Threads' }).click();
    await page.getByLabel('Thread key').fill(thread);
    await page.getByRole('button', { name: 'Open' }).click();
    await page.getByRole('checkbox', { name: /Closed/ }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('status')).toContainText('is closed');
    const closed = await request.post(`${API}/api/v1/threads/${thread}/comments`, { data: { author: 'A', body: `After closing ${thread}` } });
    expect(closed.status()).toBe(403);

    const word = `zq${Date.now().toString(36)}`;
    await page.getByRole('link', { name: 'Word lists' }).click();
    await page.getByLabel('Add banned words, one per line or separated by commas').fill(word);
    await page.getByRole('button', { name: 'Add banned words' }).click();
    await expect(page.getByRole('status')).toHaveText('Added 1 word to the banned list.');
    const refused = await request.post(`${API}/api/v1/threads/${unique('w')}/comments`, { data: { author: 'A', body: `You ${word.toUpperCase()}!` } });
    expect(refused.status()).toBe(400);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('banned_word');
    await page.getByRole('button', { name: `Remove banned word ${word}` }).click();
    await expect(page.getByRole('status')).toHaveText(`Removed “${word}” from the banned list.`);

    const email = `${unique('ban')}@example.com`;
    await page.getByRole('link', { name: 'Bans' }).click();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Ban', exact: true }).click();
    // The toast names the email too (50 ms later, so a bare getByText(email) matched one or two).
    await expect(page.getByRole('status')).toHaveText(`Banned ${email} for 30 days.`);
    await expect(page.getByRole('listitem').filter({ hasText: email })).toBeVisible();
    await page.getByRole('link', { name: 'Audit trail' }).click();
    await expect(page.getByText(`email ${email}, for 30 days`)).toBeVisible();
  });

  test('has no accessibility violations (axe), signed out and in, at desktop and phone width', async ({ page, request }) => {
    // A dozen axe runs: 15-19 s alone on either engine, past 30 s beside another worker.
    test.slow();
    const thread = unique('axe');
    await preModerate(request, thread);
    await post(request, thread, `Accessible moderation ${thread}`);
    await page.goto(`${API}/admin`);
    await expect(page.getByLabel('Admin token')).toBeVisible();
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await signIn(page);
    await openQueue(page, 'Pending', thread);
    await expect(page.locator('.card')).toHaveCount(1);
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await page.setViewportSize({ width: 375, height: 800 });
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    for (const section of ['Word lists', 'Bans', 'Threads', 'Audit trail', 'Mail and webhooks']) {
      await page.getByRole('link', { name: section }).click();
      await expect(page.getByRole('heading', { level: 1, name: section })).toBeVisible();
      expect((await new AxeBuilder({ page }).analyze()).violations, section).toEqual([]);
    }
  });
});

test('the desk sees webhook deliveries that failed, with why, waiting for their retry', async ({ page, request }) => {
  const thread = unique('hooks');
  await post(request, thread, `An event for the desk ${thread}`);
  await signIn(page);
  await page.getByRole('navigation', { name: 'Desk sections' }).getByRole('link', { name: 'Mail and webhooks' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mail and webhooks' })).toBeVisible();
  // The worker tries at once; the list shows it once the first try has failed. Other tests
  // running beside this one cause events of their own (moderation), newest first: look for
  // the kind this post caused.
  const row = page.locator('.deliveries li').filter({ hasText: 'Webhook comment.created' }).filter({ hasText: 'answered 404' }).first();
  await expect(async () => {
    await page.getByRole('button', { name: /^Waiting/ }).click();
    await expect(row).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(row).toContainText(/1 try so far|tries so far/);
});

test('the desk shows hostile reader text as text: no script runs on /admin', async ({ page, request }) => {
  const thread = unique('xss');
  await preModerate(request, thread);
  const vectors = [
    `<img src=x onerror="window.__xss.push('img')"> ${thread}`,
    `<script>window.__xss.push('script')</script> ${thread}`,
    `"><svg onload="window.__xss.push('svg')"> ${thread}`,
    `[link](javascript:window.__xss.push('md')) ${thread}`,
  ];
  for (const [i, v] of vectors.entries()) await post(request, thread, v, `<b onmouseover="window.__xss.push('author')">Eve ${i}</b>`);
  await page.addInitScript(() => {
    (window as unknown as { __xss: string[] }).__xss = [];
  });
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await signIn(page);
  await openQueue(page, 'Pending', thread);
  for (const v of vectors) await expect(page.getByText(v, { exact: true })).toBeVisible();
  // Hover and focus everything on the page, then check the trap.
  for (const el of await page.locator('.card *').all()) await el.hover({ trial: false, force: true }).catch(() => undefined);
  expect(await page.evaluate(() => (window as unknown as { __xss: string[] }).__xss)).toEqual([]);
  expect(dialogs).toEqual([]);
  expect(await page.locator('.card img, .card svg, .card script, .card a[href^="javascript"]').count()).toBe(0);
});

test('an email that is not one plain address is shown as text, never as a mailto: link', async ({ page, request }) => {
  const thread = unique('mailto');
  await preModerate(request, thread);
  const hostile = 'a@b.c?bcc=attacker.evil.example';
  for (const [author, email] of [['Mallory', hostile], ['Ann', 'ann@example.com']]) {
    const res = await request.post(`${API}/api/v1/threads/${thread}/comments`, { data: { author, body: `From ${author}, ${thread}`, email } });
    expect(res.status()).toBe(201);
  }
  await signIn(page);
  await openQueue(page, 'Pending', thread);
  const mallory = page.locator('.card', { hasText: 'From Mallory' });
  await expect(mallory.getByText(hostile, { exact: true })).toBeVisible();
  await expect(mallory.locator('a[href^="mailto:"]')).toHaveCount(0);
  await expect(page.locator('.card', { hasText: 'From Ann' }).getByRole('link', { name: 'ann@example.com' })).toHaveAttribute('href', 'mailto:ann@example.com');
});

test('the desk corrects a thread\'s title and address in the threads view', async ({ page, request }) => {
  const thread = unique('retitle');
  await request.post(`${API}/api/v1/threads/${thread}/views`, { data: { title: 'Click here', url: 'https://evil.example/phish' } });
  await signIn(page);
  await page.getByRole('navigation', { name: 'Desk sections' }).getByRole('link', { name: 'Threads' }).click();
  await page.getByLabel('Thread key').fill(thread);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByLabel('Title')).toHaveValue('Click here');
  await page.getByLabel('Title').fill('Night bus report');
  await page.getByLabel('Article address').fill('https://news.example/night-bus');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('heading', { name: 'Night bus report' })).toBeVisible();
  const res = await request.get(`${API}/api/v1/threads/${thread}`);
  expect(await res.json()).toMatchObject({ title: 'Night bus report', url: 'https://news.example/night-bus' });
});

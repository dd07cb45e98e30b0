import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { API, SITE } from './support/ports';
import { ON_PG } from './support/tags';

/**
 * The reader's experience (issue 5), as a reader meets it in a browser on a publisher's page:
 * live threads, reactions, editing, formatting, languages, themes, accessibility, paging and
 * the keyboard. Each test makes its own thread, so they run in any order.
 */

const unique = (name: string) => `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
// The server holds the same text posted twice within an hour as spam: texts of 20 characters
// or more carry the test's unique thread key, so a retry on the same server still publishes.

interface Posted {
  comment: { id: number };
  editToken: string;
}

/** Posts through the public API, as another reader would. */
async function post(request: APIRequestContext, thread: string, author: string, body: string, parentId: number | null = null): Promise<Posted> {
  const res = await request.post(`${API}/api/v1/threads/${thread}/comments`, { data: { author, body, parentId } });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as Posted;
}

const open = async (page: Page, thread: string, query = '') => {
  await page.goto(`${SITE}/article?thread=${thread}${query}`);
  const widget = page.locator('footnote-comments');
  await expect(widget.locator('[part=footer]')).not.toHaveText(/^\s*$/);
  return widget;
};

/** axe-core on the widget alone (the publisher's page is not ours to judge). */
async function expectNoAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include('footnote-comments').analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('on a busy thread a comment posted on another page waits behind a button; counts live on both', ON_PG, async ({ browser, request }) => {
  const thread = unique('live');
  // More comments than a short thread has: arrivals must not move the text being read.
  for (let i = 1; i <= 11; i++) await post(request, thread, 'Grace', `Earlier comment ${i} on ${thread}.`);
  // Two readers: another user agent is another reader for the view counter.
  const ua = (v: string) => `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${v} Safari/537.36`;
  const alice = await browser.newContext({ userAgent: ua('131.0.0.0') });
  const bob = await browser.newContext({ userAgent: ua('130.0.0.0') });
  try {
    const a = await alice.newPage();
    const b = await bob.newPage();
    const wa = await open(a, thread);
    await expect(wa.locator('[part=footer]')).toHaveText('1 view · 11 comments');
    const wb = await open(b, thread);
    await expect(wb.locator('[part=footer]')).toHaveText('2 views · 11 comments');
    await expect(wb.locator('[part=comment]')).toHaveCount(11);
    // Alice's footer learns of Bob's view without a reload.
    await expect(wa.locator('[part=footer]')).toHaveText('2 views · 11 comments');

    await wa.getByRole('textbox', { name: 'Name' }).fill('Alice');
    await wa.getByRole('textbox', { name: 'Comment' }).fill(`Live from the first page, ${thread}.`);
    await wa.getByRole('button', { name: 'Post comment' }).click();
    await expect(wa.locator('[part=comment]')).toHaveCount(12);

    // Bob's page does not move: the comment waits behind a button, announced politely.
    const show = wb.getByRole('button', { name: 'Show 1 new comment' });
    await expect(show).toBeVisible();
    await expect(wb.locator('[aria-live=polite]').filter({ hasText: 'Show 1 new comment' })).toHaveCount(1);
    await expect(wb.locator('[part=comment]')).toHaveCount(11);
    await expect(wb.locator('[part=footer]')).toHaveText('2 views · 12 comments');
    await show.click();
    const shown = wb.locator('[part=comment]').filter({ hasText: 'Live from the first page' });
    await expect(shown).toBeVisible();
    await expect(shown).toBeFocused();
    await expect(show).toBeHidden();
    // The author's own page never offers their comment as "new".
    await expect(wa.getByRole('button', { name: /new comment/ })).toHaveCount(0);
  } finally {
    await alice.close();
    await bob.close();
  }
});

test('on an empty thread a live comment appears in place, announced, without a click', ON_PG, async ({ page, request }) => {
  const thread = unique('arrive');
  const widget = await open(page, thread);
  await expect(widget.getByText('No comments yet')).toBeVisible();
  await post(request, thread, 'Grace', `First in, ${thread}.`);
  await expect(widget.locator('[part=comment]')).toContainText(`First in, ${thread}.`);
  await expect(widget.getByText('No comments yet')).toHaveCount(0);
  await expect(widget.getByRole('button', { name: /new comment/ })).toHaveCount(0);
  await expect(widget.locator('[aria-live=polite]')).toHaveText('New comment by Grace');
  await expect(widget.locator('[part=footer]')).toHaveText('1 view · 1 comment');
});

test('Recommend toggles on and off, and the count follows', ON_PG, async ({ page, request }) => {
  const thread = unique('react');
  await post(request, thread, 'Grace', 'Worth recommending.');
  const widget = await open(page, thread);
  const recommend = widget.getByRole('button', { name: /^Recommend/ });
  await expect(recommend).toHaveText('Recommend');
  await expect(recommend).toHaveAttribute('aria-pressed', 'false');
  await recommend.click();
  await expect(recommend).toHaveText('Recommend · 1');
  await expect(recommend).toHaveAttribute('aria-pressed', 'true');
  // A retried request cannot flip the vote: adding again leaves one.
  const id = (await widget.locator('[part=comment]').first().getAttribute('id'))?.slice(1);
  const again = await page.evaluate(async (url) => (await fetch(url, { method: 'POST' })).json(), `${API}/api/v1/comments/${id}/reactions`);
  expect(again).toEqual({ reacted: true, reactions: 1 });
  // The server remembers the reader, not only the browser.
  await page.reload();
  await expect(recommend).toHaveText('Recommend · 1');
  await recommend.click();
  await expect(recommend).toHaveText('Recommend');
  await expect(recommend).toHaveAttribute('aria-pressed', 'false');
});

test('the author edits and deletes their own comment; a deleted comment with replies leaves a placeholder', ON_PG, async ({ page }) => {
  const thread = unique('edit');
  const widget = await open(page, thread);
  const postOwn = async (text: string) => {
    await widget.getByRole('textbox', { name: 'Name' }).last().fill('Ada');
    await widget.getByRole('textbox', { name: 'Comment' }).last().fill(text);
    await widget.getByRole('button', { name: 'Post comment' }).click();
    const c = widget.locator('[part=comment]').filter({ hasText: text });
    await expect(c).toBeFocused();
    return c;
  };
  await postOwn('Teh first comment.');
  // Located by position: while it is edited, its text is in a text box.
  const first = widget.locator('[part=thread] > [part=comment]').first();
  await first.getByRole('button', { name: 'Edit' }).click();
  const box = first.getByRole('textbox', { name: 'Comment' });
  await expect(box).toBeFocused();
  await box.fill('The first comment.');
  await first.getByRole('button', { name: 'Save' }).click();
  await expect(first.locator('[part=body]')).toHaveText('The first comment.');
  await expect(first.locator('[part=meta]')).toContainText('edited');
  await expect(first).toBeFocused();

  // A reply under it, then the parent goes: the reply stays under a placeholder.
  await first.getByRole('button', { name: 'Reply' }).click();
  await first.getByRole('textbox', { name: 'Comment' }).fill('A reply that stays.');
  await first.getByRole('button', { name: 'Post reply' }).click();
  await expect(widget.locator('[part=footer]')).toHaveText('1 view · 2 comments');
  const parent = widget.locator('[part=thread] > [part=comment]').first();
  await parent.getByRole('button', { name: 'Delete' }).first().click();
  await expect(parent.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await parent.getByRole('group', { name: 'Delete this comment?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(parent).toContainText('This comment was deleted.');
  await expect(parent.locator('[part=replies]')).toContainText('A reply that stays.');
  await expect(widget.locator('[part=footer]')).toHaveText('1 view · 1 comment');

  // A comment without replies disappears.
  const lone = await postOwn('Gone in a moment.');
  await lone.getByRole('button', { name: 'Delete' }).click();
  await lone.getByRole('group').getByRole('button', { name: 'Delete' }).click();
  await expect(widget.getByText('Gone in a moment.')).toHaveCount(0);
  await expect(widget.locator('[part=footer]')).toHaveText('1 view · 1 comment');

  // After a reload the thread is the same.
  await page.reload();
  await expect(widget.locator('[part=thread] > [part=comment]')).toHaveCount(1);
  await expect(widget.getByText('This comment was deleted.')).toBeVisible();
  await expect(widget.getByText('A reply that stays.')).toBeVisible();
});

test('Edit and Delete go away when the 15-minute window closes', async ({ page }) => {
  await page.clock.install();
  const thread = unique('window');
  const widget = await open(page, thread);
  await widget.getByRole('textbox', { name: 'Name' }).fill('Ada');
  await widget.getByRole('textbox', { name: 'Comment' }).fill('Quick, fix it now.');
  await widget.getByRole('button', { name: 'Post comment' }).click();
  const mine = widget.locator('[part=comment]').filter({ hasText: 'Quick, fix it now.' });
  await expect(mine.getByRole('button', { name: 'Edit' })).toBeVisible();
  await expect(mine.locator('time')).toHaveText('just now');
  await page.clock.fastForward('16:00');
  await expect(mine.getByRole('button', { name: 'Edit' })).toHaveCount(0);
  await expect(mine.getByRole('button', { name: 'Delete' })).toHaveCount(0);
  await expect(mine.getByRole('button', { name: 'Report' })).toBeVisible();
  // The relative time moved on as well, with the full date on hover.
  await expect(mine.locator('time')).toHaveText('16 minutes ago');
  await expect(mine.locator('time')).toHaveAttribute('title', /\d{4}/);
});

test('Markdown formats; raw HTML shows as text; links carry rel="nofollow ugc noopener"', async ({ page, request }) => {
  const thread = unique('format');
  const body = [
    'Some **bold**, some *italic*, a [link](https://example.com/a) and `code`.',
    '',
    '> a quote',
    '',
    '- one',
    '- two',
    '',
    'Raw <b>hi</b> and <script>alert(1)</script> stay text.',
    thread,
  ].join('\n');
  await post(request, thread, '<i>Mallory</i>', body);
  const widget = await open(page, thread);
  const text = widget.locator('[part=body]');
  await expect(text.locator('strong')).toHaveText('bold');
  await expect(text.locator('em')).toHaveText('italic');
  await expect(text.locator('code')).toHaveText('code');
  await expect(text.locator('blockquote')).toHaveText('a quote');
  await expect(text.locator('li')).toHaveText(['one', 'two']);
  const link = text.getByRole('link', { name: 'link' });
  await expect(link).toHaveAttribute('href', 'https://example.com/a');
  await expect(link).toHaveAttribute('rel', 'nofollow ugc noopener');
  await expect(text).toContainText('Raw <b>hi</b> and <script>alert(1)</script> stay text.');
  await expect(text.locator('b, script')).toHaveCount(0);
  // The author's name is text too.
  await expect(widget.locator('[part=author]')).toHaveText('<i>Mallory</i>');
  await expect(widget.locator('[part=author] i')).toHaveCount(0);
});

test('German from <html lang>: footer "1 Aufruf · 0 Kommentare", the whole widget in German', async ({ page }) => {
  const widget = await open(page, unique('de'), '&lang=de-DE');
  await expect(widget.locator('[part=footer]')).toHaveText('1 Aufruf · 0 Kommentare');
  await expect(widget.getByRole('heading', { name: 'Kommentare' })).toBeVisible();
  await expect(widget.getByText('Noch keine Kommentare.')).toBeVisible();
  await widget.getByRole('textbox', { name: 'Name' }).fill('Lena');
  await widget.getByRole('button', { name: 'Kommentar senden' }).click();
  // The widget's own check, in German.
  await expect(widget.getByRole('alert')).toHaveText('Ihr Kommentar ist leer. Schreiben Sie etwas, bevor Sie ihn senden.');
  await expect(widget.getByRole('textbox', { name: 'Kommentar' })).toBeFocused();
  await page.keyboard.type('Guter Artikel.');
  await widget.getByRole('button', { name: 'Kommentar senden' }).click();
  await expect(widget.locator('[part=footer]')).toHaveText('1 Aufruf · 1 Kommentar');
  await expect(widget.getByRole('status')).toHaveText('Ihr Kommentar wurde veröffentlicht.');
  await expect(widget.locator('time')).toHaveText('gerade eben');
  await expect(widget.getByRole('button', { name: 'Antworten' })).toBeVisible();
});

test('the lang attribute wins over the page; French and Spanish are there too', async ({ page }) => {
  let widget = await open(page, unique('fr'), '&lang=de&wlang=fr');
  await expect(widget.locator('[part=footer]')).toHaveText('1 vue · 0 commentaire');
  widget = await open(page, unique('es'), '&wlang=es');
  await expect(widget.locator('[part=footer]')).toHaveText('1 visita · 0 comentarios');
  // A language we do not ship falls back to English.
  widget = await open(page, unique('xx'), '&lang=nl');
  await expect(widget.locator('[part=footer]')).toHaveText('1 view · 0 comments');
});

test('Russian plurals: one, few and many, live as comments arrive', async ({ page, request }) => {
  const thread = unique('ru');
  // A busy thread, so that arrivals wait behind the button (its text has plurals too).
  for (let i = 1; i <= 20; i++) await post(request, thread, 'Иван', `Комментарий ${i}`);
  const widget = await open(page, thread, '&lang=ru');
  const footer = widget.locator('[part=footer]');
  await expect(footer).toHaveText('1 просмотр · 20 комментариев');
  await post(request, thread, 'Иван', 'Комментарий 21');
  await expect(footer).toHaveText('1 просмотр · 21 комментарий');
  await post(request, thread, 'Иван', 'Комментарий 22');
  await expect(footer).toHaveText('1 просмотр · 22 комментария');
  for (let i = 23; i <= 25; i++) await post(request, thread, 'Иван', `Комментарий ${i}`);
  await expect(footer).toHaveText('1 просмотр · 25 комментариев');
  await expect(widget.getByRole('button', { name: 'Показать 5 новых комментариев' })).toBeVisible();
});

test('right to left: an RTL page mirrors the widget', async ({ page, request }) => {
  const thread = unique('rtl');
  await post(request, thread, 'Layla', 'مرحبا بالجميع');
  const widget = await open(page, thread, '&lang=ar&dir=rtl');
  await expect(widget).toHaveAttribute('dir', 'rtl');
  const box = await widget.locator('[part=footer]').boundingBox();
  const host = await widget.boundingBox();
  // The footer hugs the right edge.
  expect(Math.round(box!.x + box!.width)).toBe(Math.round(host!.x + host!.width));
  // No horizontal overflow (hidden fields must not stretch an RTL page).
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});

test('light and dark themes: axe finds nothing with comments, replies, a form and an error shown', async ({ page, request }) => {
  // Axe on each theme and state: 15-25 s beside another worker, past 30 s on a loaded machine.
  test.slow();
  const thread = unique('axe');
  const { comment } = await post(request, thread, 'Grace', `A **top** comment with a [link](https://example.com), ${thread}.`);
  const reply = await post(request, thread, 'Linus', 'A reply.', comment.id);
  const deeper = await post(request, thread, 'Ada', 'Deeper.', reply.comment.id);
  await post(request, thread, 'Alan', 'Deepest, flat.', deeper.comment.id);
  for (const theme of ['light', 'dark']) {
    const widget = await open(page, thread, `&theme=${theme}`);
    await expect(widget.locator('[part=comment]')).toHaveCount(4);
    if (theme === 'dark') {
      await expect(widget).toHaveCSS('background-color', 'rgb(22, 24, 29)');
      await expect(widget).toHaveCSS('color', 'rgb(232, 234, 237)');
      await expect(widget).toHaveCSS('color-scheme', 'dark');
    }
    // An open reply form with an error in it, and the main form below.
    await widget.getByRole('button', { name: 'Reply' }).first().click();
    await widget.getByRole('button', { name: 'Post reply' }).click();
    await expect(widget.getByRole('alert')).toBeVisible();
    await expectNoAxeViolations(page);
    await widget.getByRole('button', { name: 'Cancel' }).click();
    await widget.getByRole('button', { name: 'Recommend' }).first().click();
    await expect(widget.getByRole('button', { name: 'Recommend the comment by Grace · 1' })).toBeVisible();
    await expectNoAxeViolations(page);
    await widget.getByRole('button', { name: /^Recommend/ }).first().click();
    // Its answer first: a page left mid-request keeps remembering the recommendation (and the
    // next page's click would then take it back instead of giving it).
    await expect(widget.getByRole('button', { name: 'Recommend the comment by Grace', exact: true })).toBeVisible();
  }
});

test('theme="auto" follows the reader\'s colour scheme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  const widget = await open(page, unique('auto'), '&theme=auto');
  await expect(widget).toHaveCSS('color-scheme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(widget).toHaveCSS('color-scheme', 'light');
});

test('sort by newest, remembered for next time', async ({ page, request }) => {
  const thread = unique('sort');
  for (const n of ['First', 'Second', 'Third']) await post(request, thread, 'Ada', `${n} comment`);
  const widget = await open(page, thread);
  const bodies = widget.locator('[part=thread] > [part=comment] [part=body]');
  await expect(bodies).toHaveText(['First comment', 'Second comment', 'Third comment']);
  await widget.getByRole('combobox', { name: 'Sort by' }).selectOption('newest');
  await expect(bodies).toHaveText(['Third comment', 'Second comment', 'First comment']);
  await page.reload();
  await expect(widget.getByRole('combobox', { name: 'Sort by' })).toHaveValue('newest');
  await expect(bodies).toHaveText(['Third comment', 'Second comment', 'First comment']);
  await widget.getByRole('combobox', { name: 'Sort by' }).selectOption('oldest');
  await expect(bodies.first()).toHaveText('First comment');
});

test('a long thread loads 20 top-level comments, then more by cursor, focus on the first new one', async ({ page, request }) => {
  const thread = unique('more');
  for (let i = 1; i <= 23; i++) await post(request, thread, 'Ada', `Comment number ${i}.`);
  const widget = await open(page, thread);
  const top = widget.locator('[part=thread] > [part=comment]');
  await expect(top).toHaveCount(20);
  await widget.getByRole('button', { name: 'Load more comments' }).click();
  await expect(top).toHaveCount(23);
  await expect(top.nth(20)).toBeFocused();
  await expect(top.nth(20)).toContainText('Comment number 21.');
  await expect(widget.getByRole('button', { name: 'Load more comments' })).toHaveCount(0);
  await expect(widget.locator('[part=footer]')).toHaveText('1 view · 23 comments');
});

test('keyboard only: reach Reply, write, send, and land on the reply; Escape cancels back to the comment', async ({ page, request }) => {
  const thread = unique('keys');
  await post(request, thread, 'Grace', `Reply to me with the keyboard, ${thread}.`);
  const widget = await open(page, thread);
  const first = widget.locator('[part=comment]').first();
  await expect(first).toBeVisible();
  // Tab from the top of the page until the Reply button has focus.
  const reply = first.locator('[part=actions]').getByRole('button', { name: 'Reply' });
  for (let i = 0; i < 10 && !(await reply.evaluate((el) => el.matches(':focus'))); i++) await page.keyboard.press('Tab');
  await expect(reply).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(reply).toHaveAttribute('aria-expanded', 'true');
  // A reader with no name yet starts in the name field.
  await expect(first.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await page.keyboard.type('Keyboard Kim');
  await page.keyboard.press('Tab');
  await page.keyboard.type('No mouse.');
  // Escape cancels; focus goes back to the comment.
  await page.keyboard.press('Escape');
  await expect(first).toBeFocused();
  await expect(first.getByRole('form')).toHaveCount(0);
  // Again, now the name is known: focus lands in the text; Ctrl+Enter sends.
  await reply.focus();
  await page.keyboard.press('Enter');
  await expect(first.getByRole('textbox', { name: 'Comment' })).toBeFocused();
  await page.keyboard.type(`Replying without a mouse, ${thread}.`);
  await page.keyboard.press('Control+Enter');
  const mine = first.locator('[part=replies] [part=comment]').filter({ hasText: 'Replying without a mouse' });
  await expect(mine).toBeFocused();
  await expect(mine.locator('[part=author]')).toHaveText('Keyboard Kim');
  await expect(widget.getByRole('status')).toHaveText('Your comment was posted.');
});

const EventSource_OPEN = 1;
const EventSource_CLOSED = 2;

/** Records every EventSource the page opens, to watch the live stream from the test. */
const watchStreams = (page: Page) =>
  page.addInitScript(() => {
    const Native = window.EventSource;
    const opened: EventSource[] = [];
    Object.assign(window, { __streams: opened });
    window.EventSource = class extends Native {
      constructor(url: string | URL, init?: EventSourceInit) {
        super(url, init);
        opened.push(this);
      }
    };
  });
const streams = (page: Page) => page.evaluate(() => (window as unknown as { __streams: EventSource[] }).__streams.map((s) => s.readyState));
const setHidden = (page: Page, hidden: boolean) =>
  page.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);

test('the live stream closes while the page is hidden and catches up when it is shown again', async ({ page, request }) => {
  const thread = unique('hidden');
  await watchStreams(page);
  const widget = await open(page, thread);
  await expect.poll(() => streams(page)).toEqual([EventSource_OPEN]);
  await setHidden(page, true);
  await expect.poll(() => streams(page)).toEqual([EventSource_CLOSED]);
  // Missed while hidden: no stream is open to bring it.
  await post(request, thread, 'Grace', `Posted while you were away, ${thread}.`);
  await setHidden(page, false);
  await expect.poll(() => streams(page)).toEqual([EventSource_CLOSED, EventSource_OPEN]);
  await expect(widget.locator('[part=footer]')).toHaveText('1 view · 1 comment');
  // The thread was empty: what was missed joins it in place.
  await expect(widget.locator('[part=comment]')).toContainText('Posted while you were away');
});

test('a failing live stream is retried after 1 s, 2 s, 4 s …, and resumes', async ({ page }) => {
  const thread = unique('backoff');
  await watchStreams(page);
  await page.clock.install();
  await page.clock.pauseAt(Date.now() + 1000);
  await page.route(`${API}/api/v1/threads/*/events`, (route) => route.abort());
  const widget = await open(page, thread);
  await expect(widget.locator('[part=footer]')).toHaveText('1 view · 0 comments');
  await expect.poll(() => streams(page)).toEqual([EventSource_CLOSED]);
  for (const [wait, count] of [[1000, 2], [2000, 3], [4000, 4]] as const) {
    await page.clock.runFor(wait - 1);
    expect(await streams(page)).toHaveLength(count - 1);
    await page.clock.runFor(1);
    await expect.poll(async () => (await streams(page)).length).toBe(count);
    await expect.poll(async () => (await streams(page)).at(-1)).toBe(EventSource_CLOSED);
  }
  await page.unroute(`${API}/api/v1/threads/*/events`);
  await page.clock.runFor(8000);
  await expect.poll(async () => (await streams(page)).at(-1)).toBe(EventSource_OPEN);
});

test('changing the thread attribute (client-side navigation) loads the other thread', async ({ page, request }) => {
  const [one, two] = [unique('spa1'), unique('spa2')];
  await post(request, two, 'Grace', `On the second article, ${two}.`);
  const widget = await open(page, one);
  await expect(widget.locator('[part=footer]')).toHaveText('1 view · 0 comments');
  await widget.evaluate((el, t) => el.setAttribute('thread', t), two);
  await expect(widget.locator('[part=footer]')).toHaveText('1 view · 1 comment');
  await expect(widget.locator('[part=comment]')).toContainText('On the second article');
});

test('a reply chain 30 deep: three indented levels, then every reply once, flat, with "in reply to"', async ({ page, request }) => {
  const thread = unique('deep');
  let parent: number | null = null;
  for (let i = 0; i <= 30; i++) parent = (await post(request, thread, `Reader ${i}`, `Level ${i} of a long argument (${thread})`, parent)).comment.id;
  const widget = await open(page, thread);
  await expect(widget.locator('[part=comment]')).toHaveCount(31);
  const ids = await widget.locator('[part=comment]').evaluateAll((els) => els.map((e) => e.id));
  expect(new Set(ids).size).toBe(31);
  await expect(widget.getByText(`Level 30 of a long argument (${thread})`)).toBeVisible();
  await expect(widget.locator('[part=comment]', { hasText: 'Level 30 of' }).last().getByText('in reply to Reader 29')).toBeVisible();
});

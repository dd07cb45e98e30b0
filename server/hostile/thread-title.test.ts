import { describe, expect, it } from 'vitest';
import type { AuditEntry, DeskThread } from '../../contract';
import { json } from '../routes/admin/testing';
import { errorCode, testApp, uniqueThread } from '../testing/harness';

describe('a thread\'s title and URL', () => {
  it('set by the first page to show it, are corrected by the desk for good, audited', async () => {
    const t = await testApp();
    const thread = uniqueThread('article');
    // Anyone can be the first to load a thread, and name it (FOOTNOTE_ORIGINS=*, the default).
    await t.call('POST', `/api/v1/threads/${thread}/views`, { body: { title: 'Click here', url: 'https://evil.example/phish' } });
    expect(await json(await t.call('GET', `/api/v1/threads/${thread}`))).toMatchObject({ title: 'Click here', url: 'https://evil.example/phish' });

    const res = await t.admin('PATCH', `/api/v1/admin/threads/${thread}`, { title: '  Night bus report  ', url: 'https://news.example/2026/night-bus' });
    expect(res.status).toBe(200);
    expect(await json<DeskThread>(res)).toMatchObject({ title: 'Night bus report', url: 'https://news.example/2026/night-bus' });
    expect(await json(await t.call('GET', `/api/v1/threads/${thread}`))).toMatchObject({ title: 'Night bus report', url: 'https://news.example/2026/night-bus' });

    // A later page load offering other values changes nothing.
    await t.call('POST', `/api/v1/threads/${thread}/views`, { reader: '192.0.2.99', body: { title: 'Click here', url: 'https://evil.example/phish' } });
    expect(await json(await t.admin('GET', `/api/v1/admin/threads/${thread}`))).toMatchObject({ title: 'Night bus report', url: 'https://news.example/2026/night-bus' });

    const { entries } = await json<{ entries: AuditEntry[] }>(await t.admin('GET', '/api/v1/admin/audit'));
    expect(entries.map((e) => [e.action, e.targetId, e.before, e.after])).toEqual([
      ['url', thread, 'https://evil.example/phish', 'https://news.example/2026/night-bus'],
      ['title', thread, 'Click here', 'Night bus report'],
    ]);
  });

  it('takes only an absolute http(s) URL (400 validation_failed otherwise); "" or null clears', async () => {
    const t = await testApp();
    const thread = uniqueThread('article');
    await t.admin('PATCH', `/api/v1/admin/threads/${thread}`, { title: 'Kept', url: 'https://news.example/a' });
    for (const url of ['javascript:alert(1)', 'data:text/html,x', '/relative/path', 'news.example/a', 'ftp://news.example/a', 'x'.repeat(2049)]) {
      const res = await t.admin('PATCH', `/api/v1/admin/threads/${thread}`, { url });
      expect(res.status, url).toBe(400);
      expect(await errorCode(res)).toBe('validation_failed');
    }
    expect(await json(await t.admin('GET', `/api/v1/admin/threads/${thread}`))).toMatchObject({ title: 'Kept', url: 'https://news.example/a' });
    expect((await t.admin('PATCH', `/api/v1/admin/threads/${thread}`, { title: 'x'.repeat(301) })).status).toBe(400);
    expect(await json(await t.admin('PATCH', `/api/v1/admin/threads/${thread}`, { url: '', title: null }))).toMatchObject({ title: null, url: null });
  });
});

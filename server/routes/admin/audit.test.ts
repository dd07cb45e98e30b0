import { describe, expect, it } from 'vitest';
import { errorCode, testApp, uniqueThread } from '../../testing/harness';
import type { AuditEntry } from '../../../contract';
import { json, posted } from './testing';

type Page = { entries: AuditEntry[]; next: string | null };

describe('GET /admin/audit', () => {
  it('records every desk action with time, action, target and before/after, newest first', async () => {
    const t = await testApp({ FOOTNOTE_MODERATION: 'pre' });
    const thread = uniqueThread();
    const a = await posted(t, thread);
    const b = await posted(t, thread);
    await t.admin('PATCH', `/api/v1/admin/comments/${a.id}`, { status: 'published' });
    await t.admin('PATCH', `/api/v1/admin/comments/${a.id}`, { featured: true });
    await t.admin('PATCH', `/api/v1/admin/comments/${a.id}`, { featured: false });
    await t.admin('PATCH', `/api/v1/admin/comments/${a.id}`, { status: 'rejected' });
    await t.admin('PATCH', `/api/v1/admin/comments/${b.id}`, { status: 'spam' });
    await t.admin('DELETE', `/api/v1/admin/comments/${b.id}`);
    await t.admin('PATCH', `/api/v1/admin/threads/${thread}`, { closed: true, moderation: 'post' });
    await t.admin('PATCH', `/api/v1/admin/threads/${thread}`, { closed: false });
    await t.admin('POST', '/api/v1/admin/words', { kind: 'banned', words: ['zorbl'] });
    const words = await json<{ words: { id: number }[] }>(await t.admin('GET', '/api/v1/admin/words'));
    await t.admin('DELETE', `/api/v1/admin/words/${words.words[0]!.id}`);
    const ban = await json<{ ban: { id: number } }>(await t.admin('POST', '/api/v1/admin/bans', { commentId: a.id, days: 2 }));
    await t.admin('DELETE', `/api/v1/admin/bans/${ban.ban.id}`);

    const page = await json<Page>(await t.admin('GET', '/api/v1/admin/audit'));
    const rows = page.entries.map((e) => [e.action, e.targetType, e.targetId, e.before, e.after]);
    expect(rows).toEqual([
      ['unban', 'ban', String(ban.ban.id), null, null],
      ['ban', 'ban', String(ban.ban.id), null, null],
      ['words.remove', 'words', 'banned', null, null],
      ['words.add', 'words', 'banned', null, null],
      ['reopen', 'thread', thread, 'closed', 'open'],
      ['moderation', 'thread', thread, 'default', 'post'],
      ['close', 'thread', thread, 'open', 'closed'],
      ['delete', 'comment', String(b.id), 'spam', null],
      ['spam', 'comment', String(b.id), 'pending', 'spam'],
      ['reject', 'comment', String(a.id), 'published', 'rejected'],
      ['unfeature', 'comment', String(a.id), 'published', 'published'],
      ['feature', 'comment', String(a.id), 'published', 'published'],
      ['publish', 'comment', String(a.id), 'pending', 'published'],
    ]);
    expect(page.entries[0]!.at).toBe(new Date(t.clock.now).toISOString());
    expect(page.entries[1]!.detail).toMatch(/comment #\d+.*for 2 days/);
    expect(page.entries[2]!.detail).toBe('zorbl');
    expect(page.next).toBeNull();
  });

  it('does not keep the text of an erased comment', async () => {
    const t = await testApp();
    const { id } = await posted(t, uniqueThread(), { body: 'private words here', email: 'me@example.com' });
    await t.admin('DELETE', `/api/v1/admin/comments/${id}`);
    const text = JSON.stringify(await json(await t.admin('GET', '/api/v1/admin/audit')));
    expect(text).not.toMatch(/private words|me@example/);
  });

  it('pages by cursor', async () => {
    const t = await testApp();
    for (let i = 0; i < 5; i++) await t.admin('PATCH', `/api/v1/admin/threads/t${i}`, { closed: true });
    const first = await json<Page>(await t.admin('GET', '/api/v1/admin/audit?limit=3'));
    expect(first.entries.map((e) => e.targetId)).toEqual(['t4', 't3', 't2']);
    const second = await json<Page>(await t.admin('GET', `/api/v1/admin/audit?limit=3&cursor=${first.next}`));
    expect(second.entries.map((e) => e.targetId)).toEqual(['t1', 't0']);
    expect(second.next).toBeNull();
    expect(await errorCode(await t.admin('GET', '/api/v1/admin/audit?cursor=abc'))).toBe('bad_request');
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { erasedCommenterId } from '../../services/archive/data-requests';
import { banReader } from '../../services/moderation/bans';
import { storedTexts } from '../../testing/engine';
import { errorCode, testApp, type TestApp } from '../../testing/harness';
import { fixtureText, flatten, imported, listing, seedVariety } from './testing';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** An app on a temporary database file (on SQLite), so a second connection can read every table. */
async function onDisk(): Promise<{ t: TestApp }> {
  const dir = mkdtempSync(join(tmpdir(), 'footnote-readers-'));
  dirs.push(dir);
  const file = join(dir, 'footnote.db');
  return { t: await testApp({ FOOTNOTE_DB: file }) };
}

/** Every text cell of every table that contains `needle` (any letter case), read behind the store's back. */
async function traces(t: TestApp, needle: string): Promise<string[]> {
  return (await storedTexts(t.ctx.store)).filter((cell) => cell.toLowerCase().includes(needle.toLowerCase()));
}

const EMAIL = 'ann@example.com';

async function withBans(t: TestApp, rootId: number) {
  await banReader(t.ctx, { email: EMAIL, reason: `spamming from ${EMAIL}` });
  await banReader(t.ctx, { commentId: rootId, banEmail: true });
  await banReader(t.ctx, { email: 'someone-else@example.com' });
}

describe('POST /api/v1/admin/readers/export', () => {
  it('gives everything stored under an email, whatever its letter case', async () => {
    const t = await testApp();
    const { ids } = await seedVariety(t);
    await withBans(t, ids.root);
    const res = await t.admin('POST', '/api/v1/admin/readers/export', { email: 'ANN@example.COM' });
    expect(res.status).toBe(200);
    const data = (await res.json()) as { comments: { id: number; status: string; email: string; thread: { key: string }; body: string }[]; bans: { email: string }[] };
    expect(data.comments.map((c) => [c.id, c.status, c.thread.key])).toEqual([
      [ids.root, 'published', 'news-1'],
      [ids.rejected, 'rejected', 'news-1'],
      [ids.pending, 'pending', 'closed-one'],
    ]);
    // Stored in its one form (`normalEmail`), as every email is.
    expect(data.comments[0]).toMatchObject({ email: EMAIL, body: expect.stringContaining('Hello **all**') });
    expect(data.bans.map((b) => b.email)).toEqual([EMAIL, EMAIL]);
    expect(JSON.stringify(data)).not.toMatch(/"reader"|token/i);
  });

  it('refuses what is not an email address', async () => {
    const t = await testApp();
    for (const body of [{ email: 'nobody' }, { email: '' }, {}, { email: 'a@b.c', extra: 1 }]) {
      const res = await t.admin('POST', '/api/v1/admin/readers/export', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(await errorCode(res)).toBe('validation_failed');
    }
  });
});

describe('POST /api/v1/admin/readers/erase', () => {
  it('erases a commenter: placeholders keep replies, the rest goes, no trace of the email is left', async () => {
    const { t } = await onDisk();
    const { ids } = await seedVariety(t);
    await withBans(t, ids.root);
    const before = await listing(t, 'news-1');
    expect((await traces(t, EMAIL)).length).toBeGreaterThan(3);

    const res = await t.admin('POST', '/api/v1/admin/readers/erase', { email: 'Ann@example.com' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ erased: erasedCommenterId(EMAIL), comments: 3, removed: 2, placeholders: 1, bansRemoved: 2, auditScrubbed: 2, subscriptions: 0, deliveries: 0 });

    expect(await traces(t, EMAIL)).toEqual([]);
    expect(await traces(t, ' Ann ')).toEqual([]);
    expect(await traces(t, 'Hello **all**')).toEqual([]);
    expect(await traces(t, 'someone-else@example.com')).not.toEqual([]);

    // The root is a placeholder still holding its replies; the count lost exactly one.
    const after = await listing(t, 'news-1');
    expect(after.count).toBe(before.count - 1);
    const root = after.comments.find((c) => c.id === ids.root);
    expect(root).toMatchObject({ deleted: true, author: '', body: '', html: '' });
    expect(flatten(root?.replies ?? []).map((c) => c.body)).toEqual(['A reply', 'Deeper']);
    expect(await t.ctx.store.comments.get(ids.rejected)).toBeNull();
    expect(await t.ctx.store.comments.get(ids.pending)).toBeNull();

    const [entry] = await t.ctx.store.moderation.listAudit(null, 1);
    expect(entry).toMatchObject({ action: 'erase', targetType: 'reader', targetId: erasedCommenterId(EMAIL) });
    expect(entry?.detail).toContain('2 comments removed, 1 kept as empty placeholders, 2 bans lifted');

    // Nothing left to erase the second time.
    const again = await t.admin('POST', '/api/v1/admin/readers/erase', { email: EMAIL });
    expect(await again.json()).toMatchObject({ comments: 0, bansRemoved: 0 });
    await t.ctx.store.close();
  });

  it('keeps bans when asked, and keeps imported comments as tombstones so a re-import cannot revive them', async () => {
    const t = await testApp();
    const { ids } = await seedVariety(t);
    await withBans(t, ids.root);
    const res = await t.admin('POST', '/api/v1/admin/readers/erase', { email: 'foo@bar.com', keepBans: true });
    expect(await res.json()).toMatchObject({ comments: 3, placeholders: 3, removed: 0, bansRemoved: 0 });
    expect((await t.ctx.store.moderation.listBans()).length).toBe(3);
    expect(await imported(t, fixtureText('isso-disqus.xml'))).toMatchObject({ comments: 0, unchanged: 5 });
    const left = await t.admin('POST', '/api/v1/admin/readers/export', { email: 'foo@bar.com' });
    expect(((await left.json()) as { comments: unknown[] }).comments).toEqual([]);
    const some = await listing(t, 'some-id');
    expect(flatten(some.comments).filter((c) => !c.deleted)).toEqual([]);
    expect(some.count).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import type { FootnoteExport } from '../../services/import/footnote-format';
import { testApp } from '../../testing/harness';
import { exportText, imported, listing, post, seedVariety, withoutDate } from './testing';

describe('GET /api/v1/admin/export', () => {
  it('writes every thread and comment, every status, as versioned Footnote JSON', async () => {
    const t = await testApp();
    const { ids } = await seedVariety(t);
    const res = await t.admin('GET', '/api/v1/admin/export');
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="footnote-export-\d{4}-\d\d-\d\d\.json"/);
    const data = (await res.json()) as FootnoteExport;
    expect(data).toMatchObject({ format: 'footnote', version: 2, users: [] });
    expect(data.threads.map((th) => th.key)).toEqual(['news-1', 'closed-one', 'no-comments', 'some-id', '/blog/2013/02/12/redacted/index.html']);
    const [news, closed, empty] = data.threads;
    expect(news).toMatchObject({ title: '  Spaced   title ', url: 'https://news.example/1', views: 2, closed: false, moderation: null });
    expect(closed).toMatchObject({ closed: true, moderation: 'pre' });
    expect(empty).toMatchObject({ views: 1, comments: [] });
    const all = data.threads.flatMap((th) => th.comments);
    expect(new Set(all.map((c) => c.status))).toEqual(new Set(['published', 'pending', 'rejected', 'spam', 'deleted']));
    const root = news?.comments[0];
    expect(root).toMatchObject({ author: ' Ann ', email: 'ann@example.com', featured: true, reactions: 2, parentId: null });
    expect(root?.id).toMatch(/^footnote:[0-9a-f]{8}:\d+$/);
    expect(news?.comments[1]?.parentId).toBe(root?.id);
    expect(all.find((c) => c.body === 'typo fixed, really')?.editedAt).toMatch(/^\d{4}-/);
    expect(all.find((c) => c.id === 'disqus:5')?.parentId).toBe('disqus:4');
    const gone = all.find((c) => c.id.toString().endsWith(`:${ids.gone}`));
    expect(gone).toMatchObject({ status: 'deleted', author: '', body: '', email: null });

    // Never a reader hash or an edit token.
    const text = JSON.stringify(data);
    const rows = await t.ctx.store.comments.listByThread((await t.ctx.store.threads.get('news-1'))!.id);
    for (const row of rows) {
      if (row.reader) expect(text).not.toContain(row.reader);
      if (row.editTokenHash) expect(text).not.toContain(row.editTokenHash);
    }
    expect(text).not.toMatch(/"reader"|token|192\.0\.2|198\.51/i);
  });

  it('round-trips: export, import into an empty server, export again gives the same file', async () => {
    const a = await testApp();
    await seedVariety(a);
    const first = await exportText(a);

    const b = await testApp();
    const answer = await imported(b, first, { type: 'application/json' });
    expect(answer).toMatchObject({ threads: 5, skipped: 0, unchanged: 0 });
    expect(answer.comments).toBe((JSON.parse(first) as FootnoteExport).threads.flatMap((th) => th.comments).length);
    const second = await exportText(b);
    expect(withoutDate(second)).toBe(withoutDate(first));

    // What readers see is the same on both servers.
    for (const key of ['news-1', 'closed-one', 'some-id']) {
      const strip = (l: Awaited<ReturnType<typeof listing>>) => JSON.stringify(l).replace(/"(id|parentId)":\d+/g, '"$1":0');
      expect(strip(await listing(b, key))).toBe(strip(await listing(a, key)));
    }
    // And a third time: still the same, and nothing new.
    expect(await imported(b, second, { type: 'application/json' })).toMatchObject({ threads: 0, comments: 0, unchanged: answer.comments });
    expect(withoutDate(await exportText(b))).toBe(withoutDate(first));
  });

  it('adds nothing when a server imports its own export, and never revives what it deleted since', async () => {
    const t = await testApp();
    const { ids } = await seedVariety(t);
    const before = await t.ctx.store.archive.totals();
    const text = await exportText(t);
    expect(await imported(t, text, { type: 'application/json' })).toMatchObject({ threads: 0, comments: 0, skipped: 0, unchanged: before.comments });

    await t.ctx.store.comments.erase(ids.deep);
    const again = await imported(t, text, { type: 'application/json' });
    expect(again).toMatchObject({ comments: 0, skipped: 1 });
    expect(again.skippedReasons[0]?.reason).toBe('deleted on this server since it was exported');
    expect((await t.ctx.store.archive.totals()).comments).toBe(before.comments - 1);
  });

  it('pages through many threads and long threads', async () => {
    const a = await testApp();
    for (let i = 0; i < 230; i++) await a.ctx.store.threads.ensure(`t-${i}`, { title: `Thread ${i}` });
    const long = await a.ctx.store.threads.ensure('long');
    let parent: number | null = null;
    for (let i = 0; i < 1100; i++) {
      const row = await a.ctx.store.comments.insert({
        threadId: long.id, parentId: i % 3 === 0 ? null : parent, author: `A${i}`, email: null, body: `b${i}`, html: `<p>b${i}</p>`,
        status: 'published', reader: null, editTokenHash: null, createdAt: 1_700_000_000_000 + i,
      });
      parent = row.id;
    }
    await post(a, 'after-long', { body: 'last' });
    const first = await exportText(a);
    const data = JSON.parse(first) as FootnoteExport;
    expect(data.threads).toHaveLength(232);
    expect(data.threads.find((th) => th.key === 'long')?.comments).toHaveLength(1100);
    expect(data.threads.at(-1)?.key).toBe('after-long');

    const b = await testApp();
    expect(await imported(b, first, { type: 'application/json' })).toMatchObject({ threads: 232, comments: 1101 });
    expect(withoutDate(await exportText(b))).toBe(withoutDate(first));
    expect((await listing(b, 'long')).count).toBe(1100);
  });
});

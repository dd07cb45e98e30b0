import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FILE_ADMIN, fileApp, tempDir } from '../views/testing';

const ADDRESS = '198.51.100.213';
const ADDRESS6 = '2001:db8:ffee:4242::9';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 FootnoteProbe/7.7';
const NEEDLES = [ADDRESS, ADDRESS6, '198.51.100.', '2001:db8:ffee', 'FootnoteProbe', UA];

/** Every text or blob cell of every table, as text. */
function everyCell(file: string): string[] {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[];
    const cells: string[] = [];
    for (const table of tables) {
      for (const row of db.prepare(`SELECT * FROM "${table.replace(/"/g, '""')}"`).raw().all() as unknown[][]) {
        for (const v of row) if (typeof v === 'string' || Buffer.isBuffer(v)) cells.push(String(v));
      }
    }
    return cells;
  } finally {
    db.close();
  }
}

describe('the database never holds a raw address or user agent', () => {
  const dir = tempDir();
  afterEach(() => dir.remove());

  it('after views, posts, reactions, reports, a ban and a clean stop', async () => {
    const file = dir.file('privacy.db');
    const clock = { now: Date.UTC(2026, 10, 28, 12) };
    const app = await fileApp(file, clock);
    const thread = '/2026/11/privacy-check/';
    const as = (address: string) => ({ address, ua: UA });

    for (const address of [ADDRESS, ADDRESS6]) {
      expect((await app.call('POST', `/api/v1/threads/${encodeURIComponent(thread)}/views`, { ...as(address), body: { title: 'Privacy', url: 'https://news.example/p' } })).status).toBe(200);
    }
    const posted = await app.call('POST', `/api/v1/threads/${encodeURIComponent(thread)}/comments`, { ...as(ADDRESS), body: { author: 'Ada', body: 'Counted, not tracked.', email: 'ada@example.com' } });
    expect(posted.status).toBe(201);
    const { comment } = (await posted.json()) as { comment: { id: number } };
    const reply = await app.call('POST', `/api/v1/threads/${encodeURIComponent(thread)}/comments`, { ...as(ADDRESS6), body: { author: 'Bo', body: 'Agreed.', parentId: comment.id } });
    expect(reply.status).toBe(201);
    // Too soon after the first post: refused, and the refusal leaves no trace either.
    expect((await app.call('POST', `/api/v1/threads/${encodeURIComponent(thread)}/comments`, { ...as(ADDRESS), body: { author: 'Ada', body: 'Again' } })).status).toBe(429);
    expect((await app.call('POST', `/api/v1/comments/${comment.id}/reactions`, as(ADDRESS6))).status).toBe(200);
    expect((await app.call('POST', `/api/v1/comments/${comment.id}/reports`, { ...as(ADDRESS6), body: { reason: 'spam' } })).status).toBe(202);
    const ban = await app.call('POST', '/api/v1/admin/bans', { ...as(ADDRESS), headers: { authorization: `Bearer ${FILE_ADMIN}` }, body: { commentId: comment.id, reason: 'test' } });
    expect(ban.status).toBe(201);

    await app.ctx.views.stop(); // writes views and the saved de-duplication memory
    await app.store.close();

    const cells = everyCell(file);
    expect(cells.length).toBeGreaterThan(5);
    expect(cells.some((c) => c.includes('Counted, not tracked.'))).toBe(true); // the dump sees real data
    for (const needle of NEEDLES) expect(cells.filter((c) => c.includes(needle))).toEqual([]);
    // Nor anywhere in the file's bytes (free pages, indexes).
    const bytes = readFileSync(file);
    for (const needle of NEEDLES) expect(bytes.includes(needle)).toBe(false);
  });
});

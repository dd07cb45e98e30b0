import { afterEach, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { freshStore, pgTestUrl, type Engine } from '../testing/engine';
import { createPgStore } from './pg';
import { StoreError, type ImportCommentOp, type ImportThreadOp, type NewCommentRow, type Store } from './types';

/**
 * The store's contract (store/types.ts), tested once and run on every engine: SQLite always,
 * PostgreSQL where the run has a database (server/testing/pg-setup.ts; required under CI).
 */
const ENGINES: { engine: Engine; available: boolean }[] = [
  { engine: 'sqlite', available: true },
  { engine: 'pg', available: pgTestUrl() !== null },
];

const posted = (threadId: number, over: Partial<NewCommentRow> = {}): NewCommentRow => ({
  threadId,
  parentId: null,
  author: 'Ann',
  email: null,
  body: 'hi',
  html: '<p>hi</p>',
  status: 'published',
  reader: 'r1',
  editTokenHash: 'h',
  createdAt: 1000,
  ...over,
});
const imported = (key: string, over: Partial<ImportCommentOp> = {}): ImportCommentOp => ({
  kind: 'comment',
  importKey: key,
  threadKey: 't',
  parentKey: null,
  localId: null,
  parentLocalId: null,
  author: 'Bob',
  email: 'b@example.com',
  body: 'old',
  html: '<p>old</p>',
  status: 'published',
  featured: true,
  reactions: 4,
  createdAt: 500,
  editedAt: 600,
  userId: null,
  badges: [],
  statusByDesk: false,
  decidedAt: null,
  ...over,
});
const importedThread = (key: string, over: Partial<ImportThreadOp> = {}): ImportThreadOp => ({
  kind: 'thread',
  key,
  title: null,
  url: null,
  closed: false,
  moderation: null,
  views: 0,
  ...over,
});

const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e);

describe.each(ENGINES)('the store on $engine', ({ engine, available }) => {
  const open: Store[] = [];
  const fresh = async () => {
    const store = await freshStore(engine);
    open.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });

  describe.runIf(available)('threads', () => {
    it('creates a thread on first use, fills a missing title or url, never overwrites one', async () => {
      const s = await fresh();
      const a = await s.threads.ensure('a');
      expect(a).toMatchObject({ key: 'a', title: null, url: null, views: 0, publishedCount: 0, closed: false, moderation: null });
      expect(typeof a.createdAt).toBe('number');
      const filled = await s.threads.ensure('a', { title: 'First', url: 'https://x.example/a' });
      expect(filled).toMatchObject({ id: a.id, title: 'First', url: 'https://x.example/a' });
      expect(await s.threads.ensure('a', { title: 'Second', url: null })).toMatchObject({ title: 'First', url: 'https://x.example/a' });
      expect(await s.threads.get('a')).toEqual(filled);
      expect(await s.threads.byId(a.id)).toEqual(filled);
      expect(await s.threads.get('nobody')).toBeNull();
      expect(await s.threads.byId(9999)).toBeNull();
    });

    it('reads many at once, ignoring unknown keys', async () => {
      const s = await fresh();
      await s.threads.ensure('a');
      await s.threads.ensure('b');
      const rows = await s.threads.getMany(['b', 'zz', 'a']);
      expect(rows.map((r) => r.key).sort()).toEqual(['a', 'b']);
      expect(await s.threads.getMany([])).toEqual([]);
      // Asked one by one at once (PostgreSQL shares one query among them), each gets its own.
      const each = await Promise.all(['b', 'zz', 'a', 'b'].map((k) => s.threads.get(k)));
      expect(each.map((r) => r?.key ?? null)).toEqual(['b', null, 'a', 'b']);
    });

    it('updates what the desk may change, creating the thread if needed; null clears title and url', async () => {
      const s = await fresh();
      const row = await s.threads.update('new', { closed: true, moderation: 'pre', title: 'T', url: 'https://x.example/' });
      expect(row).toMatchObject({ key: 'new', closed: true, moderation: 'pre', title: 'T', url: 'https://x.example/' });
      expect(await s.threads.update('new', { title: null, moderation: null })).toMatchObject({ closed: true, moderation: null, title: null });
      expect(await s.threads.update('new', {})).toMatchObject({ key: 'new', closed: true });
    });

    it('adds batched views, creating threads as needed', async () => {
      const s = await fresh();
      await s.threads.ensure('a');
      await s.threads.addViews(new Map([['a', 3], ['b', 2]]));
      await s.threads.addViews(new Map([['a', 1]]));
      await s.threads.addViews(new Map());
      expect((await s.threads.get('a'))?.views).toBe(4);
      expect((await s.threads.get('b'))?.views).toBe(2);
    });

    it('adds concurrent view batches exactly, and concurrent first uses make one thread', async () => {
      const s = await fresh();
      await Promise.all(Array.from({ length: 20 }, () => s.threads.addViews(new Map([['x', 1], ['y', 2]]))));
      const rows = await Promise.all(Array.from({ length: 10 }, () => s.threads.ensure('z')));
      expect(new Set(rows.map((r) => r.id)).size).toBe(1);
      expect((await s.threads.get('x'))?.views).toBe(20);
      expect((await s.threads.get('y'))?.views).toBe(40);
    });

    it('lists every thread in id order, a page at a time', async () => {
      const s = await fresh();
      for (const k of ['a', 'b', 'c']) await s.threads.ensure(k);
      const first = await s.threads.listAll(0, 2);
      expect(first.map((r) => r.key)).toEqual(['a', 'b']);
      expect((await s.threads.listAll(first[1]!.id, 2)).map((r) => r.key)).toEqual(['c']);
    });
  });

  describe.runIf(available)('comments', () => {
    it('writes a top-level comment as its own root and a reply under its root, keeping the published count', async () => {
      const s = await fresh();
      const t = await s.threads.ensure('t');
      const root = await s.comments.insert(posted(t.id, { featured: true, reactions: 2, host: 'hh', email: 'a@example.com' }));
      expect(root).toMatchObject({
        threadId: t.id, parentId: null, rootId: root.id, author: 'Ann', email: 'a@example.com', body: 'hi', html: '<p>hi</p>', status: 'published',
        featured: true, reactions: 2, reports: 0, reportsReviewed: false, reader: 'r1', host: 'hh', editTokenHash: 'h', createdAt: 1000, editedAt: null, importKey: null,
      });
      const reply = await s.comments.insert(posted(t.id, { parentId: root.id }));
      const deep = await s.comments.insert(posted(t.id, { parentId: reply.id, status: 'pending' }));
      expect(reply).toMatchObject({ parentId: root.id, rootId: root.id, featured: false, reactions: 0, host: null });
      expect(deep).toMatchObject({ parentId: reply.id, rootId: root.id, status: 'pending' });
      expect(await s.comments.get(deep.id)).toEqual(deep);
      expect(await s.comments.get(9999)).toBeNull();
      expect((await s.threads.get('t'))?.publishedCount).toBe(2);
    });

    it('refuses, in storage terms, a reply to a parent that cannot take it, and counts nothing', async () => {
      const s = await fresh();
      const a = await s.threads.ensure('a');
      const b = await s.threads.ensure('b');
      const parent = await s.comments.insert(posted(a.id));
      const held = await s.comments.insert(posted(a.id, { status: 'pending' }));
      for (const [threadId, parentId] of [[b.id, parent.id], [a.id, held.id], [a.id, 999]] as const) {
        const error = await failure(s.comments.insert(posted(threadId, { parentId })));
        expect(error).toBeInstanceOf(StoreError);
        expect(error).toMatchObject({ code: 'parent_unusable' });
      }
      expect((await s.threads.get('a'))?.publishedCount).toBe(1);
      expect((await s.threads.get('b'))?.publishedCount).toBe(0);
    });

    it('lists published roots (and those holding a published reply) in each order, a page after a cursor', async () => {
      const s = await fresh();
      const t = await s.threads.ensure('t');
      const c1 = await s.comments.insert(posted(t.id, { createdAt: 100, reactions: 1 }));
      const c2 = await s.comments.insert(posted(t.id, { createdAt: 200, reactions: 5 }));
      const c3 = await s.comments.insert(posted(t.id, { createdAt: 200, reactions: 1 }));
      const hidden = await s.comments.insert(posted(t.id, { createdAt: 300, status: 'pending' }));
      const holder = await s.comments.insert(posted(t.id, { createdAt: 400 }));
      await s.comments.insert(posted(t.id, { createdAt: 500, parentId: holder.id }));
      await s.comments.update(holder.id, { status: 'rejected' });
      const ids = async (sort: 'oldest' | 'newest' | 'top', limit = 10, after: { value: number; id: number } | null = null) =>
        (await s.comments.listRoots(t.id, sort, limit, after)).map((c) => c.id);
      expect(await ids('oldest')).toEqual([c1.id, c2.id, c3.id, holder.id]);
      expect(await ids('newest')).toEqual([holder.id, c3.id, c2.id, c1.id]);
      expect(await ids('top')).toEqual([c2.id, c1.id, c3.id, holder.id]);
      expect(await ids('oldest', 2, { value: 200, id: c2.id })).toEqual([c3.id, holder.id]);
      expect(await ids('newest', 10, { value: 200, id: c3.id })).toEqual([c2.id, c1.id]);
      expect(await ids('top', 10, { value: 1, id: c1.id })).toEqual([c3.id, holder.id]);
      expect(await ids('oldest')).not.toContain(hidden.id);
    });

    it('lists the replies of roots, any status and depth, oldest first', async () => {
      const s = await fresh();
      const t = await s.threads.ensure('t');
      const r1 = await s.comments.insert(posted(t.id));
      const r2 = await s.comments.insert(posted(t.id));
      const a = await s.comments.insert(posted(t.id, { parentId: r1.id, createdAt: 3000 }));
      const b = await s.comments.insert(posted(t.id, { parentId: a.id, createdAt: 2000, status: 'pending' }));
      const c = await s.comments.insert(posted(t.id, { parentId: r2.id, createdAt: 2000 }));
      expect((await s.comments.listReplies([r1.id, r2.id])).map((x) => x.id)).toEqual([b.id, c.id, a.id]);
      expect(await s.comments.listReplies([])).toEqual([]);
      expect(await s.comments.hasReplies(r1.id)).toBe(true);
      expect(await s.comments.hasReplies(b.id)).toBe(false);
    });

    it('updates a comment, moving the published count with its status; a review closes open reports', async () => {
      const s = await fresh();
      const t = await s.threads.ensure('t');
      const c = await s.comments.insert(posted(t.id, { status: 'pending' }));
      const changed = await s.comments.update(c.id, { status: 'published', featured: true, body: 'new', html: '<p>new</p>', editedAt: 2000 });
      expect(changed?.before.status).toBe('pending');
      expect(changed?.after).toMatchObject({ status: 'published', featured: true, body: 'new', editedAt: 2000 });
      expect((await s.threads.get('t'))?.publishedCount).toBe(1);
      await s.comments.addReport(c.id, 'x', 'rx', 'spam', null);
      expect((await s.comments.update(c.id, { status: 'rejected', reportsReviewed: true }))?.after).toMatchObject({ reports: 0, reportsReviewed: true });
      expect((await s.threads.get('t'))?.publishedCount).toBe(0);
      expect(await s.comments.update(9999, { status: 'published' })).toBeNull();
    });

    it('erases: a comment with replies or an import key stays as an empty placeholder, another goes', async () => {
      const s = await fresh();
      const t = await s.threads.ensure('t');
      const parent = await s.comments.insert(posted(t.id, { email: 'a@example.com', featured: true }));
      const reply = await s.comments.insert(posted(t.id, { parentId: parent.id }));
      await s.archive.importBatch([imported('x:1', { threadKey: 't' })], 1);
      const old = (await s.comments.findByImportKey('x:1'))!;
      expect(await s.comments.erase(parent.id)).toMatchObject({ before: { id: parent.id, body: 'hi' }, placeholder: true });
      expect(await s.comments.get(parent.id)).toMatchObject({ status: 'deleted', body: '', html: '', author: '', email: null, featured: false, editTokenHash: null });
      expect(await s.comments.erase(reply.id)).toMatchObject({ placeholder: false });
      expect(await s.comments.get(reply.id)).toBeNull();
      expect(await s.comments.erase(old.id)).toMatchObject({ placeholder: true });
      expect(await s.comments.erase(9999)).toBeNull();
      expect((await s.threads.get('t'))?.publishedCount).toBe(0);
    });

    it('keeps one reaction per reader, counts a range up to its cap, and lets a waiting one in when a counted one goes', async () => {
      const s = await fresh();
      const t = await s.threads.ensure('t');
      const c = await s.comments.insert(posted(t.id));
      expect(await s.comments.addReaction(c.id, 'a', 'net1', 2)).toEqual({ reacted: true, reactions: 1 });
      expect(await s.comments.addReaction(c.id, 'a', 'net1', 2)).toEqual({ reacted: true, reactions: 1 });
      expect(await s.comments.addReaction(c.id, 'b', 'net1', 2)).toEqual({ reacted: true, reactions: 2 });
      expect(await s.comments.addReaction(c.id, 'c', 'net1', 2)).toEqual({ reacted: true, reactions: 2 });
      expect(await s.comments.addReaction(c.id, 'd', 'net2', 2)).toEqual({ reacted: true, reactions: 3 });
      // a goes: c, waiting in the same range, now counts.
      expect(await s.comments.removeReaction(c.id, 'a')).toEqual({ reacted: false, reactions: 3 });
      expect(await s.comments.removeReaction(c.id, 'a')).toEqual({ reacted: false, reactions: 3 });
      expect(await s.comments.removeReaction(c.id, 'd')).toEqual({ reacted: false, reactions: 2 });
      expect(await s.comments.removeReaction(c.id, 'c')).toEqual({ reacted: false, reactions: 1 });
    });

    it('counts concurrent reactions of one reader once, and of many readers each', async () => {
      const s = await fresh();
      const t = await s.threads.ensure('t');
      const c = await s.comments.insert(posted(t.id));
      await Promise.all(Array.from({ length: 8 }, () => s.comments.addReaction(c.id, 'same', 'n', 100)));
      await Promise.all(Array.from({ length: 8 }, (_, i) => s.comments.addReaction(c.id, `r${i}`, 'n', 100)));
      expect((await s.comments.get(c.id))?.reactions).toBe(9);
    });

    it('records a report once per reader, with the open reports and their distinct ranges', async () => {
      const s = await fresh();
      const t = await s.threads.ensure('t');
      const c = await s.comments.insert(posted(t.id));
      expect(await s.comments.addReport(c.id, 'a', 'n1', 'spam', null)).toEqual({ reports: 1, ranges: 1 });
      expect(await s.comments.addReport(c.id, 'a', 'n1', 'abuse', 'again')).toBeNull();
      expect(await s.comments.addReport(c.id, 'b', 'n1', 'abuse', 'rude')).toEqual({ reports: 2, ranges: 1 });
      expect(await s.comments.addReport(c.id, 'c', 'n2', 'other', null)).toEqual({ reports: 3, ranges: 2 });
      await s.comments.update(c.id, { reportsReviewed: true });
      // After a review only new reports count, and their ranges.
      expect(await s.comments.addReport(c.id, 'd', 'n1', 'spam', null)).toEqual({ reports: 1, ranges: 1 });
      expect(await s.comments.reportsOf([c.id])).toEqual([
        { commentId: c.id, reason: 'spam', note: null },
        { commentId: c.id, reason: 'abuse', note: 'rude' },
        { commentId: c.id, reason: 'other', note: null },
        { commentId: c.id, reason: 'spam', note: null },
      ]);
      expect(await s.comments.reportsOf([])).toEqual([]);
    });

    it('names a comment that is gone with comment_missing, whatever the write', async () => {
      const s = await fresh();
      const writes = [
        () => s.comments.addReaction(404, 'reader', 'range', 5),
        () => s.comments.removeReaction(404, 'reader'),
        () => s.comments.addReport(404, 'reader', 'range', 'spam', null),
      ];
      for (const write of writes) {
        const error = await failure(write());
        expect(error).toBeInstanceOf(StoreError);
        expect(error).toMatchObject({ code: 'comment_missing' });
      }
    });

    it('serves the moderation queues newest first, by thread, by search (any letter case) and after a cursor, with their sizes', async () => {
      const s = await fresh();
      const a = await s.threads.ensure('a', { title: 'A' });
      const b = await s.threads.ensure('b');
      const p1 = await s.comments.insert(posted(a.id, { status: 'pending', createdAt: 1, body: 'Hello World', email: 'x@example.com' }));
      const p2 = await s.comments.insert(posted(b.id, { status: 'pending', createdAt: 2, body: '100% sure_thing' }));
      const pub = await s.comments.insert(posted(a.id, { createdAt: 3 }));
      await s.comments.insert(posted(a.id, { status: 'spam', createdAt: 4 }));
      await s.comments.addReport(pub.id, 'r', 'n', 'spam', null);
      const ids = async (q: Parameters<Store['comments']['queue']>[0]) => (await s.comments.queue(q)).map((c) => c.id);
      expect(await ids({ status: 'pending', limit: 10 })).toEqual([p2.id, p1.id]);
      expect(await ids({ status: 'pending', threadKey: 'a', limit: 10 })).toEqual([p1.id]);
      expect(await ids({ status: 'pending', q: 'hello world', limit: 10 })).toEqual([p1.id]);
      expect(await ids({ status: 'pending', q: 'X@EXAMPLE', limit: 10 })).toEqual([p1.id]);
      expect(await ids({ status: 'pending', q: '0%', limit: 10 })).toEqual([p2.id]);
      expect(await ids({ status: 'pending', q: 'e_t', limit: 10 })).toEqual([p2.id]);
      expect(await ids({ status: 'pending', q: 'e%t', limit: 10 })).toEqual([]);
      expect(await ids({ status: 'pending', before: { value: 2, id: p2.id }, limit: 10 })).toEqual([p1.id]);
      expect(await ids({ status: 'reported', limit: 10 })).toEqual([pub.id]);
      const [row] = await s.comments.queue({ status: 'pending', threadKey: 'a', limit: 1 });
      expect(row).toMatchObject({ threadKey: 'a', threadTitle: 'A', threadUrl: null });
      expect(await s.comments.queueCounts()).toEqual({ pending: 2, published: 1, rejected: 0, spam: 1, reported: 1 });
      expect(await s.comments.queueCounts('b')).toEqual({ pending: 1, published: 0, rejected: 0, spam: 0, reported: 0 });
      expect(await s.comments.queueCounts('none')).toEqual({ pending: 0, published: 0, rejected: 0, spam: 0, reported: 0 });
    });

    it('finds comments by email, by thread and by import key', async () => {
      const s = await fresh();
      const t = await s.threads.ensure('t');
      const u = await s.threads.ensure('u');
      const a = await s.comments.insert(posted(t.id, { email: 'a@example.com' }));
      const b = await s.comments.insert(posted(u.id, { email: 'a@example.com' }));
      await s.comments.insert(posted(t.id, { email: 'b@example.com' }));
      expect((await s.comments.byEmail('a@example.com')).map((c) => c.id)).toEqual([a.id, b.id]);
      expect((await s.comments.listByThread(t.id)).map((c) => c.threadId)).toEqual([t.id, t.id]);
      expect(await s.comments.findByImportKey('nope')).toBeNull();
    });
  });

  describe.runIf(available)('moderation', () => {
    it('keeps word lists: once per kind and word, listed in byte order, removable', async () => {
      const s = await fresh();
      expect(await s.moderation.addWords('banned', ['b', 'a', 'B', 'é', 'a'])).toBe(4);
      expect(await s.moderation.addWords('suspect', ['a'])).toBe(1);
      expect(await s.moderation.addWords('banned', [])).toBe(0);
      expect((await s.moderation.listWords('banned')).map((w) => w.word)).toEqual(['B', 'a', 'b', 'é']);
      const all = await s.moderation.listWords();
      expect(all.map((w) => `${w.kind}:${w.word}`)).toEqual(['banned:B', 'banned:a', 'banned:b', 'banned:é', 'suspect:a']);
      expect(await s.moderation.removeWord(all[0]!.id)).toBe(true);
      expect(await s.moderation.removeWord(all[0]!.id)).toBe(false);
    });

    it('finds a ban in force by email, reader or host, and none once it ends or is lifted', async () => {
      const s = await fresh();
      const byEmail = await s.moderation.addBan({ email: 'x@example.com', reader: null, host: null, reason: 'r', until: 5000, createdAt: 1 });
      await s.moderation.addBan({ email: null, reader: 'rd', host: null, reason: null, until: null, createdAt: 2 });
      await s.moderation.addBan({ email: null, reader: null, host: 'hs', reason: null, until: null, createdAt: 3 });
      expect(byEmail).toMatchObject({ email: 'x@example.com', until: 5000, reason: 'r' });
      expect((await s.moderation.listBans()).map((b) => b.createdAt)).toEqual([3, 2, 1]);
      expect(await s.moderation.activeBan({ email: 'x@example.com', reader: null, host: null }, 4000)).toMatchObject({ id: byEmail.id });
      expect(await s.moderation.activeBan({ email: 'x@example.com', reader: null, host: null }, 5000)).toBeNull();
      expect(await s.moderation.activeBan({ email: null, reader: 'rd', host: null }, 9e12)).toMatchObject({ reader: 'rd' });
      expect(await s.moderation.activeBan({ email: 'o@example.com', reader: 'other', host: 'hs' }, 1)).toMatchObject({ host: 'hs' });
      expect(await s.moderation.activeBan({ email: null, reader: null, host: null }, 1)).toBeNull();
      expect(await s.moderation.removeBan(byEmail.id)).toBe(true);
      expect(await s.moderation.removeBan(byEmail.id)).toBe(false);
      expect(await s.moderation.activeBan({ email: 'x@example.com', reader: null, host: null }, 1)).toBeNull();
    });

    it('answers ban lookups asked at once each for itself (PostgreSQL shares one query among them)', async () => {
      const s = await fresh();
      const byEmail = await s.moderation.addBan({ email: 'x@example.com', reader: null, host: null, reason: 'r', until: 5000, createdAt: 1 });
      const byReader = await s.moderation.addBan({ email: null, reader: 'rd', host: null, reason: null, until: null, createdAt: 2 });
      const byHost = await s.moderation.addBan({ email: null, reader: null, host: 'hs', reason: null, until: 3000, createdAt: 3 });
      const found = await Promise.all([
        s.moderation.activeBan({ email: 'x@example.com', reader: 'someone', host: null }, 4000),
        s.moderation.activeBan({ email: 'x@example.com', reader: null, host: null }, 5000),
        s.moderation.activeBan({ email: 'y@example.com', reader: 'rd', host: 'elsewhere' }, 1),
        s.moderation.activeBan({ email: null, reader: 'other', host: 'hs' }, 2999),
        s.moderation.activeBan({ email: null, reader: 'other', host: 'hs' }, 3000),
        s.moderation.activeBan({ email: null, reader: null, host: null }, 1),
      ]);
      expect(found.map((b) => b?.id ?? null)).toEqual([byEmail.id, null, byReader.id, byHost.id, null, null]);
    });

    it('keeps the audit log, newest first, a page before an id', async () => {
      const s = await fresh();
      for (let i = 1; i <= 3; i++) {
        await s.moderation.addAudit({ at: i, action: `a${i}`, targetType: 'comment', targetId: String(i), before: null, after: '{}', detail: null });
      }
      const page = await s.moderation.listAudit(null, 2);
      expect(page.map((e) => e.action)).toEqual(['a3', 'a2']);
      expect((await s.moderation.listAudit(page[1]!.id, 10)).map((e) => e.action)).toEqual(['a1']);
      expect(page[0]).toMatchObject({ at: 3, targetType: 'comment', targetId: '3', before: null, after: '{}', detail: null });
    });
  });

  describe.runIf(available)('meta', () => {
    it('keeps named secrets: the first one stored stays, also when set at once', async () => {
      const s = await fresh();
      expect(await s.meta.getSecret('k')).toBeNull();
      await s.meta.setSecret('k', 'one');
      await s.meta.setSecret('k', 'two');
      expect(await s.meta.getSecret('k')).toBe('one');
      await Promise.all(['x', 'y', 'z'].map((v) => s.meta.setSecret('race', v)));
      expect(['x', 'y', 'z']).toContain(await s.meta.getSecret('race'));
    });

    it('replaces the saved de-duplication memory and loads what has not expired', async () => {
      const s = await fresh();
      await s.meta.saveViewSeen([{ hash: 'old', expiresAt: 10 }]);
      const many = Array.from({ length: 25_000 }, (_, i) => ({ hash: `h${i}`, expiresAt: 1000 + i }));
      await s.meta.saveViewSeen(many);
      const loaded = await s.meta.loadViewSeen(1000 + 24_990);
      expect(loaded.sort((a, b) => a.expiresAt - b.expiresAt)).toEqual(many.slice(24_991));
      expect(await s.meta.loadViewSeen(0)).toHaveLength(25_000);
      expect(await s.meta.integrityCheck()).toBe('ok');
      await expect(s.meta.ping()).resolves.toBeUndefined();
    });
  });

  describe.runIf(available)('archive', () => {
    it('imports threads and comments: created, completed, added once, placed under their parents, counted', async () => {
      const s = await fresh();
      const results = await s.archive.importBatch(
        [
          importedThread('t', { title: 'T', views: 5, closed: true, moderation: 'pre' }),
          imported('x:1'),
          imported('x:2', { parentKey: 'x:1', featured: false }),
          imported('x:1'),
          imported('x:3', { threadKey: 'nope' }),
          imported('x:4', { parentKey: 'x:missing', status: 'pending' }),
        ],
        2000,
      );
      expect(results).toEqual(['created', 'added', 'added', 'unchanged', 'no-thread', 'added']);
      const first = await s.comments.findByImportKey('x:1');
      const second = await s.comments.findByImportKey('x:2');
      expect(first).toMatchObject({ rootId: first?.id, featured: true, reactions: 4, editedAt: 600, reader: null, editTokenHash: null, email: 'b@example.com', createdAt: 500 });
      expect(second).toMatchObject({ parentId: first?.id, rootId: first?.id, featured: false });
      expect(await s.comments.findByImportKey('x:4')).toMatchObject({ parentId: null, status: 'pending' });
      expect(await s.threads.get('t')).toMatchObject({ title: 'T', views: 5, closed: true, moderation: 'pre', publishedCount: 2, createdAt: 2000 });
      // Again: the thread exists (views only grow, what is set stays), nothing is added.
      const again = await s.archive.importBatch([importedThread('t', { title: 'Other', views: 3 }), imported('x:1'), imported('x:2')], 3000);
      expect(again).toEqual(['existing', 'unchanged', 'unchanged']);
      expect(await s.threads.get('t')).toMatchObject({ title: 'T', views: 5, publishedCount: 2 });
      expect(await s.archive.importBatch([importedThread('t', { views: 9, url: 'https://x.example/t' })], 4000)).toEqual(['existing']);
      expect(await s.threads.get('t')).toMatchObject({ views: 9, url: 'https://x.example/t' });
    });

    it('keeps a published reply under a hidden parent at the top level, and one naming another thread too', async () => {
      const s = await fresh();
      await s.archive.importBatch([importedThread('t'), importedThread('u'), imported('p', { status: 'spam' }), imported('q', { threadKey: 'u' })], 1);
      await s.archive.importBatch([imported('r1', { parentKey: 'p' }), imported('r2', { parentKey: 'q' }), imported('r3', { parentKey: 'p', status: 'pending' })], 1);
      expect(await s.comments.findByImportKey('r1')).toMatchObject({ parentId: null });
      expect(await s.comments.findByImportKey('r2')).toMatchObject({ parentId: null });
      const p = await s.comments.findByImportKey('p');
      expect(await s.comments.findByImportKey('r3')).toMatchObject({ parentId: p?.id, rootId: p?.id });
    });

    it("knows this database's own comments by local id: present, erased since, or another database's", async () => {
      const s = await fresh();
      const t = await s.threads.ensure('t');
      const kept = await s.comments.insert(posted(t.id, { createdAt: 700 }));
      const gone = await s.comments.insert(posted(t.id, { createdAt: 800 }));
      await s.comments.erase(gone.id);
      const ops = [
        imported('f:1', { localId: kept.id, createdAt: 700 }),
        imported('f:2', { localId: gone.id, createdAt: 800 }),
        imported('f:3', { localId: 1000, createdAt: 900, parentLocalId: kept.id, parentKey: 'f:1' }),
      ];
      expect(await s.archive.importBatch(ops, 1)).toEqual(['unchanged', 'erased', 'added']);
      expect(await s.comments.findByImportKey('f:3')).toMatchObject({ parentId: kept.id, rootId: kept.id });
    });

    it('imports users with their ignore lists once, and signed-in authorship only for a user stored here', async () => {
      const s = await fresh();
      const user = (id: string, ssoId: string) => ({ id, ssoId, username: id, email: null, role: 'commenter' as const, badges: ['B'], url: null, premod: true, note: 'n', firstSeen: 10, lastSeen: 20 });
      const results = await s.archive.importBatch(
        [
          { kind: 'user', user: user('u_b', 's1'), ignored: [{ id: 'u_a', at: 5 }, { id: 'u_Z', at: 5 }] },
          { kind: 'user', user: user('u_b', 's2'), ignored: [] },
          { kind: 'user', user: user('u_other', 's1'), ignored: [] },
          { kind: 'user', user: user('u_a', 's3'), ignored: [] },
          { kind: 'user', user: user('u_Z', 's4'), ignored: [] },
          importedThread('t'),
          imported('x:1', { userId: 'u_b', badges: ['B'] }),
          imported('x:2', { userId: 'u_nobody', badges: ['B'] }),
        ],
        1,
      );
      expect(results).toEqual(['created', 'existing', 'existing', 'created', 'created', 'created', 'added', 'added']);
      expect(await s.comments.findByImportKey('x:1')).toMatchObject({ userId: 'u_b', badges: ['B'] });
      expect(await s.comments.findByImportKey('x:2')).toMatchObject({ userId: null, badges: ['B'] });
      expect(await s.users.get('u_b')).toEqual(user('u_b', 's1'));
      expect(await s.users.get('u_other')).toBeNull();
      // In byte order of the ids, a page at a time; ignore entries of one moment by id, in bytes.
      const page = await s.archive.exportUsers('', 2);
      expect(page.map((u) => [u.id, u.ignored])).toEqual([['u_Z', []], ['u_a', []]]);
      const rest = await s.archive.exportUsers('u_a', 2);
      expect(rest).toEqual([{ ...user('u_b', 's1'), ignored: [{ id: 'u_Z', at: 5 }, { id: 'u_a', at: 5 }] }]);
    });

    it('names the database with one tag, made once', async () => {
      const s = await fresh();
      const tag = await s.archive.siteTag();
      expect(tag).toMatch(/^[0-9a-f]{8}$/);
      expect(await s.archive.siteTag()).toBe(tag);
    });

    it("exports a thread's comments in id order, a page at a time, with their parents' import keys", async () => {
      const s = await fresh();
      await s.archive.importBatch([importedThread('t'), imported('x:1'), imported('x:2', { parentKey: 'x:1' })], 1);
      const t = (await s.threads.get('t'))!;
      const local = await s.comments.insert(posted(t.id, { parentId: (await s.comments.findByImportKey('x:2'))!.id }));
      const page = await s.archive.exportPage(t.id, 0, 2);
      expect(page.map((c) => [c.importKey, c.parentImportKey])).toEqual([['x:1', null], ['x:2', 'x:1']]);
      const rest = await s.archive.exportPage(t.id, page[1]!.id, 2);
      expect(rest.map((c) => [c.id, c.parentImportKey])).toEqual([[local.id, 'x:2']]);
      expect(await s.archive.totals()).toEqual({ threads: 1, comments: 3 });
    });

    it('finds and erases one commenter in one go: placeholders, bans, audit entries', async () => {
      const s = await fresh();
      const t = await s.threads.ensure('t', { title: 'T' });
      const mine = await s.comments.insert(posted(t.id, { email: 'ann@example.com', author: 'Annabel' }));
      const answered = await s.comments.insert(posted(t.id, { email: 'ann@example.com', author: 'Annabel' }));
      await s.comments.insert(posted(t.id, { parentId: answered.id, email: 'bob@example.com' }));
      const ban = await s.moderation.addBan({ email: 'ann@example.com', reader: null, host: null, reason: null, until: null, createdAt: 1 });
      await s.moderation.addAudit({ at: 1, action: 'ban', targetType: 'ban', targetId: String(ban.id), before: null, after: null, detail: 'banned Annabel' });
      await s.moderation.addAudit({ at: 2, action: 'x', targetType: 'comment', targetId: '1', before: null, after: null, detail: 'mail ANN@example.com' });
      const found = await s.archive.recordsByEmail('ann@example.com');
      expect(found.comments.map((c) => [c.id, c.threadKey, c.threadTitle])).toEqual([[mine.id, 't', 'T'], [answered.id, 't', 'T']]);
      expect(found.bans.map((b) => b.id)).toEqual([ban.id]);
      const erased = await s.archive.eraseByEmail('ann@example.com', { keepBans: false, mask: '[erased]' });
      expect(erased.comments.map((c) => [c.before.id, c.placeholder])).toEqual([[answered.id, true], [mine.id, false]]);
      expect(erased).toMatchObject({ bansRemoved: 1, auditScrubbed: 2 });
      expect((await s.moderation.listAudit(null, 10)).map((e) => e.detail)).toEqual(['mail [erased]', 'banned [erased]']);
      expect(await s.comments.get(answered.id)).toMatchObject({ status: 'deleted', email: null, reader: null, host: null });
      expect((await s.threads.get('t'))?.publishedCount).toBe(1);
      expect(await s.archive.recordsByEmail('ann@example.com')).toEqual({ comments: [], bans: [] });
    });

    it('rewrites stored emails into the normal form, touching only those that differ', async () => {
      const s = await fresh();
      const t = await s.threads.ensure('t');
      const a = await s.comments.insert(posted(t.id, { email: 'Ann@Example.com' }));
      await s.comments.insert(posted(t.id, { email: 'plain@example.com' }));
      await s.moderation.addBan({ email: ' JÜRGEN@example.com', reader: null, host: null, reason: null, until: null, createdAt: 1 });
      const normal = (e: string) => e.normalize('NFC').trim().toLowerCase();
      expect(await s.archive.normaliseEmails(normal)).toBe(2);
      expect((await s.comments.get(a.id))?.email).toBe('ann@example.com');
      expect((await s.moderation.listBans())[0]?.email).toBe('jürgen@example.com');
      expect(await s.archive.normaliseEmails(normal)).toBe(0);
    });
  });

  describe.runIf(available)('users (sign-in, docs/sso.md)', () => {
    const claims = { ssoId: 'n-1', username: 'Ann', email: 'ann@example.com', role: 'commenter' as const, badges: ['Subscriber'], url: null };
    let ids = 0;
    const newId = () => `u_test${++ids}`;

    it('creates a user on the first token and brings them up to the latest; comments follow a new name and badges', async () => {
      const s = await fresh();
      const first = await s.users.upsert(claims, ['Subscriber'], 1000, newId, 60_000);
      expect(first).toMatchObject({ renamed: false, user: { ssoId: 'n-1', username: 'Ann', badges: ['Subscriber'], firstSeen: 1000, lastSeen: 1000, premod: false, note: null } });
      const id = first.user.id;
      const t = await s.threads.ensure('t');
      await s.comments.insert(posted(t.id, { userId: id, badges: ['Subscriber'] }));
      // The same token a moment later: nothing to write, lastSeen waits for its minute.
      expect((await s.users.upsert(claims, ['Subscriber'], 2000, newId, 60_000)).user).toMatchObject({ id, lastSeen: 1000 });
      const later = await s.users.upsert({ ...claims, username: 'Ann R.', role: 'staff' }, ['Staff', 'Subscriber'], 3000, newId, 60_000);
      expect(later).toMatchObject({ renamed: true, user: { id, username: 'Ann R.', role: 'staff', lastSeen: 3000, firstSeen: 1000 } });
      const [row] = await s.comments.listByThread(t.id);
      expect(row).toMatchObject({ author: 'Ann R.', userId: id, badges: ['Staff', 'Subscriber'] });
      expect(await s.users.threadKeys(id)).toEqual(['t']);
      expect(await s.users.get('u_nobody')).toBeNull();
    });

    it('counts comments by status, and published ones by user or by email', async () => {
      const s = await fresh();
      const { user } = await s.users.upsert(claims, [], 1, newId, 0);
      const t = await s.threads.ensure('t');
      for (const status of ['published', 'published', 'rejected', 'pending'] as const) await s.comments.insert(posted(t.id, { status, userId: user.id }));
      await s.comments.insert(posted(t.id, { email: 'g@example.com' }));
      expect(await s.users.countsByStatus(user.id)).toEqual({ pending: 1, published: 2, rejected: 1, spam: 0, deleted: 0 });
      expect(await s.users.publishedBy({ userId: user.id })).toBe(2);
      expect(await s.users.publishedBy({ email: 'g@example.com' })).toBe(1);
      expect((await s.users.comments(user.id, 3)).map((c) => c.status)).toHaveLength(3);
    });

    it('keeps the desk\'s settings and a reader\'s ignore list (once each)', async () => {
      const s = await fresh();
      const { user } = await s.users.upsert(claims, [], 1, newId, 0);
      expect(await s.users.update(user.id, { premod: true, note: 'watch' })).toMatchObject({ premod: true, note: 'watch' });
      expect(await s.users.update('u_nobody', { premod: true })).toBeNull();
      await s.users.ignore(user.id, 'u_other', 5);
      await s.users.ignore(user.id, 'u_other', 6);
      await s.users.ignore(user.id, 'u_third', 7);
      expect(await s.users.ignored(user.id)).toEqual(['u_other', 'u_third']);
      await s.users.unignore(user.id, 'u_other');
      expect(await s.users.ignored(user.id)).toEqual(['u_third']);
    });

    it('erases a user in one go: comments (a placeholder where replies hang), ignore lists both ways, bans, reactions unlinked, audit masked', async () => {
      const s = await fresh();
      const { user } = await s.users.upsert(claims, [], 1, newId, 0);
      const other = (await s.users.upsert({ ...claims, ssoId: 'n-2', username: 'Bob' }, [], 1, newId, 0)).user;
      const t = await s.threads.ensure('t');
      const held = await s.comments.insert(posted(t.id, { userId: user.id }));
      await s.comments.insert(posted(t.id, { parentId: held.id, author: 'Bob', userId: other.id }));
      await s.comments.insert(posted(t.id, { userId: user.id }));
      const bobs = await s.comments.insert(posted(t.id, { userId: other.id }));
      await s.comments.addReaction(bobs.id, `u:${user.id}`, 'range', 10);
      await s.users.ignore(user.id, other.id, 1);
      await s.users.ignore(other.id, user.id, 1);
      await s.moderation.addBan({ email: null, reader: `u:${user.id}`, host: null, reason: null, until: null, createdAt: 1 });
      await s.moderation.addAudit({ at: 1, action: 'premod', targetType: 'user', targetId: user.id, before: null, after: null, detail: null });
      await s.moderation.addAudit({ at: 2, action: 'feature', targetType: 'comment', targetId: '9', before: null, after: null, detail: null, actor: JSON.stringify({ id: 'n-1', name: 'Ann' }) });
      const result = await s.users.erase(user.id, 'sha256:mask');
      expect(result).toMatchObject({ bansRemoved: 1, auditScrubbed: 2 });
      expect(result!.comments.map((c) => c.placeholder).sort()).toEqual([false, true]);
      expect(await s.users.get(user.id)).toBeNull();
      expect(await s.users.ignored(other.id)).toEqual([]);
      expect(await s.moderation.listBans()).toEqual([]);
      expect((await s.comments.get(bobs.id))?.reactions).toBe(1);
      const audit = await s.moderation.listAudit(null, 10);
      expect(JSON.stringify(audit)).not.toMatch(new RegExp(`${user.id}|"n-1"|"Ann"`));
      expect(audit.map((a) => a.actor)).toContain(JSON.stringify({ id: 'sha256:mask', name: '[erased]' }));
      expect((await s.threads.get('t'))?.publishedCount).toBe(2);
      expect(await s.users.erase(user.id, 'x')).toBeNull();
    });

    it('keeps when the desk closed a thread, and that it reopened it for good', async () => {
      const s = await fresh();
      await s.threads.ensure('t');
      expect(await s.threads.update('t', { closed: true, closedAt: 1234, keepOpen: false })).toMatchObject({ closed: true, closedAt: 1234, keepOpen: false });
      expect(await s.threads.update('t', { closed: false, closedAt: null, keepOpen: true })).toMatchObject({ closed: false, closedAt: null, keepOpen: true });
    });
  });

  describe.runIf(available && engine === 'pg')('PostgreSQL only', () => {
    it('migrates once when several instances start at once on an empty database', async () => {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const starting = Array.from({ length: 4 }, () => createPgStore(pgTestUrl()!, { schema, poolSize: 2, idleTimeoutMs: 500 }));
      const stores = await Promise.all(starting);
      open.push(...stores);
      // Each works on the one set of tables: what one writes, the others read.
      const t = await stores[0]!.threads.ensure('shared');
      await stores[1]!.threads.addViews(new Map([['shared', 2]]));
      expect(await stores[3]!.threads.get('shared')).toMatchObject({ id: t.id, views: 2 });
      const later = await createPgStore(pgTestUrl()!, { schema, poolSize: 1, idleTimeoutMs: 500 });
      open.push(later);
      expect((await later.threads.get('shared'))?.views).toBe(2);
    });

    it('names text it cannot store (U+0000) as text_unstorable, and writes nothing', async () => {
      const s = await fresh();
      const t = await s.threads.ensure('t');
      const error = await failure(s.comments.insert(posted(t.id, { body: 'a\u0000b' })));
      expect(error).toBeInstanceOf(StoreError);
      expect(error).toMatchObject({ code: 'text_unstorable' });
      expect((await s.threads.get('t'))?.publishedCount).toBe(0);
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { FootnoteExport } from './footnote-format';
import { parseFootnoteJson } from './footnote-json';
import { assertOrdered, bytes, collect, commentsOf, fixture, skipsOf, threadsOf } from './testing';
import { ImportParseError } from './types';

const exported: FootnoteExport = {
  format: 'footnote',
  version: 1,
  exportedAt: '2024-05-01T12:00:00.000Z',
  threads: [
    {
      key: 'russia-china-alliance', title: 'Alliance', url: 'https://news.example/a', closed: true, moderation: 'pre',
      comments: [
        { id: 'c2', parentId: 'c1', author: 'Bob', email: null, body: 'Reply with <b>tags</b> kept as typed', createdAt: '2024-05-01T11:05:00.000Z', status: 'published', featured: false, reactions: 0 },
        { id: 'c1', parentId: null, author: 'Ann', email: 'ann@example.com', body: 'Hi **all**\nsecond line', createdAt: '2024-05-01T11:00:00.000Z', status: 'published', featured: true, reactions: 3 },
        { id: 'c3', parentId: null, author: 'Eve', email: null, body: 'gone', createdAt: '2024-05-01T11:10:00.000Z', status: 'deleted', featured: false, reactions: 0 },
        { id: 'c4', parentId: null, author: 'Rex', email: null, body: 'no', createdAt: '2024-05-01T11:20:00.000Z', status: 'rejected', featured: false, reactions: 0 },
      ],
    },
    { key: 'empty', title: null, url: null, closed: false, moderation: null, comments: [] },
  ],
};

describe('parseFootnoteJson on Isso JSON', () => {
  it('reads the fixture: 2 threads, 2 comments, ids made unique by thread', async () => {
    const items = await collect(parseFootnoteJson(fixture('isso-generic.json')));
    assertOrdered(items);
    expect(threadsOf(items)).toEqual([
      { kind: 'thread', key: '/posts/0001/', title: 'Test+post', url: null, closed: false },
      { kind: 'thread', key: '/posts/0007/', title: 'Nat+%26+Miguel', url: null, closed: false },
    ]);
    expect(commentsOf(items)).toEqual([
      { kind: 'comment', sourceId: 'json:isso:/posts/0001/#0', threadKey: '/posts/0001/', parentSourceId: null, author: 'texas holdem', email: null, body: "Great men can't be ruled. by free online poker", createdAt: Date.parse('2005-02-24T04:03:37Z'), status: 'published' },
      { kind: 'comment', sourceId: 'json:isso:/posts/0007/#0', threadKey: '/posts/0007/', parentSourceId: null, author: 'Richard Crinshaw', email: '105421439@87750645.com', body: 'Ja-make-a me crazzy mon :)', createdAt: Date.parse('2005-05-08T06:50:26Z'), status: 'published' },
    ]);
    expect(JSON.stringify(items)).not.toContain('0.0.0.0');
  });

  it('reads Isso modes, parents and float-second dates', async () => {
    const isso = [{ id: '/p/', title: 't', comments: [
      { id: 2, parent: 1, author: 'b', text: 'reply <script>x</script>*kept*', created: 1600000000.5, mode: 1 },
      { id: 1, author: '', text: 'gone', created: 1600000000, mode: 4 },
    ] }];
    const comments = commentsOf(await collect(parseFootnoteJson(bytes(JSON.stringify(isso)))));
    expect(comments.map((c) => [c.sourceId, c.parentSourceId, c.status, c.body, c.author])).toEqual([
      ['json:isso:/p/#1', null, 'deleted', '', 'Anonymous'],
      ['json:isso:/p/#2', 'json:isso:/p/#1', 'published', 'reply *kept*', 'b'],
    ]);
    expect(comments[1]?.createdAt).toBe(1600000000500);
  });
});

describe('parseFootnoteJson on Footnote exports', () => {
  it('reads its own export back, bodies exactly, parents first', async () => {
    const items = await collect(parseFootnoteJson(bytes(JSON.stringify(exported, null, 2), 7)));
    assertOrdered(items);
    expect(threadsOf(items)).toEqual([
      { kind: 'thread', key: 'russia-china-alliance', title: 'Alliance', url: 'https://news.example/a', closed: true, moderation: 'pre', views: 0 },
      { kind: 'thread', key: 'empty', title: null, url: null, closed: false, moderation: null, views: 0 },
    ]);
    const comments = commentsOf(items);
    expect(comments.map((c) => c.sourceId)).toEqual(['json:footnote:c1', 'json:footnote:c2', 'json:footnote:c3', 'json:footnote:c4']);
    expect(comments[0]).toMatchObject({ body: 'Hi **all**\nsecond line', featured: true, reactions: 3, email: 'ann@example.com', createdAt: Date.parse('2024-05-01T11:00:00.000Z') });
    expect(comments[1]).toMatchObject({ parentSourceId: 'json:footnote:c1', body: 'Reply with <b>tags</b> kept as typed' });
    expect(comments.slice(2).map((c) => [c.status, c.body])).toEqual([['deleted', ''], ['rejected', 'no']]);
  });

  it('reads version 2: users with their ignore lists first, then comments naming their author', async () => {
    const ann = { id: 'u_Ann', ssoId: '42', username: 'Ann', email: 'ANN@example.com', role: 'moderator', badges: ['Subscriber'], url: 'https://ann.example/',
      premod: true, note: 'careful', firstSeen: '2024-04-01T00:00:00.000Z', lastSeen: '2024-05-01T00:00:00.000Z',
      ignored: [{ id: 'u_bob', at: '2024-04-02T00:00:00.000Z' }, { id: 'u_Ann', at: '2024-04-03T00:00:00.000Z' }] };
    const v2 = { format: 'footnote', version: 2, exportedAt: '2024-05-01T12:00:00.000Z',
      users: [ann, { id: 'u_bob', ssoId: 'b', username: 'Bob', role: 'chief', firstSeen: 1_700_000_000_000 }, { id: 'u_nameless', ssoId: 'n', firstSeen: 1 }],
      threads: [{ key: 'k', comments: [
        { id: 'c1', author: 'Ann', body: 'hi', createdAt: '2024-05-01T11:00:00.000Z', status: 'published', authorId: 'u_Ann', badges: ['Staff', 'Subscriber'] },
        { id: 'c2', author: 'Guest', body: 'yo', createdAt: '2024-05-01T11:01:00.000Z', status: 'published', authorId: null, badges: [] },
      ] }] };
    const items = await collect(parseFootnoteJson(bytes(JSON.stringify(v2), 5)));
    expect(items.map((i) => i.kind)).toEqual(['user', 'user', 'skip', 'thread', 'comment', 'comment']);
    expect(items[0]).toEqual({ kind: 'user', user: { id: 'u_Ann', ssoId: '42', username: 'Ann', email: 'ann@example.com', role: 'moderator', badges: ['Subscriber'],
      url: 'https://ann.example/', premod: true, note: 'careful', firstSeen: Date.parse('2024-04-01T00:00:00.000Z'), lastSeen: Date.parse('2024-05-01T00:00:00.000Z') },
      // Nobody ignores themselves.
      ignored: [{ id: 'u_bob', at: Date.parse('2024-04-02T00:00:00.000Z') }] });
    // An unknown role grants nothing; a missing lastSeen is the first.
    expect(items[1]).toMatchObject({ user: { role: 'commenter', email: null, badges: [], premod: false, firstSeen: 1_700_000_000_000, lastSeen: 1_700_000_000_000 }, ignored: [] });
    expect(skipsOf(items)).toEqual([{ kind: 'skip', ref: 'user #3', reason: expect.stringMatching(/^username/) }]);
    expect(commentsOf(items).map((c) => [c.userId, c.badges])).toEqual([['u_Ann', ['Staff', 'Subscriber']], [null, []]]);
  });

  it('waits for the thread key when comments come first', async () => {
    const text = '{"format":"footnote","version":1,"threads":[{"comments":[{"id":1,"author":"a","body":"b","createdAt":"2024-01-01T00:00:00Z"}],"key":"k"}]}';
    const items = await collect(parseFootnoteJson(bytes(text)));
    expect(items.map((i) => i.kind)).toEqual(['thread', 'comment']);
  });

  it('skips invalid comments and keyless threads with reasons', async () => {
    const text = JSON.stringify({ format: 'footnote', version: 1, threads: [
      { key: 'k', comments: [{ id: 1, body: 'no date' }, { body: 'no id', createdAt: '2024-01-01T00:00:00Z' }] },
      { title: 'no key', comments: [{ id: 3, body: 'x', createdAt: '2024-01-01T00:00:00Z' }] },
    ] });
    const skips = skipsOf(await collect(parseFootnoteJson(bytes(text))));
    expect(skips.map((s) => s.reason)).toEqual([expect.stringMatching(/^createdAt/), expect.stringMatching(/^id/), 'thread has no valid key', 'thread has no valid key']);
  });

  it('skips a comment repeated in the file, even in another thread, as a duplicate', async () => {
    const c1 = exported.threads[0]!.comments[1]!;
    const twice: FootnoteExport = { ...exported, threads: [{ ...exported.threads[1]!, comments: [c1] }, { ...exported.threads[1]!, key: 'other', comments: [c1] }] };
    const items = await collect(parseFootnoteJson(bytes(JSON.stringify(twice))));
    expect(commentsOf(items).map((c) => c.threadKey)).toEqual(['empty']);
    expect(skipsOf(items)).toEqual([{ kind: 'skip', ref: 'json:footnote:c1', reason: 'duplicate comment id' }]);
  });

  it('keeps what came before broken JSON and counts the rest as one skip', async () => {
    const text = JSON.stringify(exported);
    const items = await collect(parseFootnoteJson(bytes(text.slice(0, text.indexOf('"c3"') + 10))));
    expect(commentsOf(items).map((c) => c.sourceId)).toEqual(['json:footnote:c1', 'json:footnote:c2']);
    expect(skipsOf(items)).toEqual([{ kind: 'skip', ref: 'file', reason: expect.stringMatching(/^malformed JSON near line 1: /) }]);
  });

  it('refuses what is not a JSON export', async () => {
    await expect(collect(parseFootnoteJson(bytes('<disqus/>')))).rejects.toThrow(ImportParseError);
    await expect(collect(parseFootnoteJson(bytes('')))).rejects.toThrow(/not a JSON export/);
    await expect(collect(parseFootnoteJson(bytes('42')))).rejects.toThrow(ImportParseError);
    await expect(collect(parseFootnoteJson(bytes('{"format":"remark42","threads":[]}')))).rejects.toThrow(/format is "remark42"/);
    await expect(collect(parseFootnoteJson(bytes('{"format":"footnote","version":3,"threads":[]}')))).rejects.toThrow(/version 3; this server reads versions 1 and 2/);
    await expect(collect(parseFootnoteJson(bytes('{"hello":"world"}')))).rejects.toThrow(/no "threads"/);
  });

  it('streams a large export without building it whole', async () => {
    let produced = 0;
    async function* source(): AsyncGenerator<string> {
      yield '{"format":"footnote","version":1,"threads":[{"key":"big","comments":[';
      for (let batch = 0; batch < 100; batch++) {
        const comments = Array.from({ length: 200 }, (_, i) => JSON.stringify({ id: batch * 200 + i, author: 'a', body: `n ${i}`, createdAt: 1_700_000_000_000, status: 'published' }));
        produced++;
        yield (batch ? ',' : '') + comments.join(',');
      }
      yield ']}]}';
    }
    let count = 0;
    let producedAtFirst = -1;
    for await (const item of parseFootnoteJson(source())) {
      if (item.kind !== 'comment') continue;
      if (count++ === 0) producedAtFirst = produced;
    }
    expect(count).toBe(20_000);
    expect(producedAtFirst).toBe(1);
  });
});

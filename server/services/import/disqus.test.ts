import { describe, expect, it } from 'vitest';
import { parseDisqus } from './disqus';
import { assertOrdered, bytes, collect, commentsOf, fixture, skipsOf, threadsOf } from './testing';
import { ImportParseError } from './types';

const doc = (body: string): string => `<?xml version="1.0"?>\n<disqus xmlns:dsq="http://disqus.com/disqus-internals">\n${body}\n</disqus>`;
const thread = (id: number, key = `t${id}`): string => `<thread dsq:id="${id}"><id>${key}</id><link>https://example.com/${key}</link><title>T ${id}</title></thread>`;
const post = (id: number, threadId: number, message: string, extra = ''): string =>
  `<post dsq:id="${id}"><message>${message}</message><createdAt>2020-01-02T03:04:05Z</createdAt>` +
  `<isDeleted>false</isDeleted><isSpam>false</isSpam><author><name>u${id}</name><email>u${id}@example.com</email></author>` +
  `<ipAddress>10.0.0.${id % 250}</ipAddress><thread dsq:id="${threadId}" />${extra}</post>`;

describe('parseDisqus on the Isso fixture', () => {
  it('imports threads 2 and 7, skips the empty shell and the orphan', async () => {
    const items = await collect(parseDisqus(fixture('isso-disqus.xml')));
    assertOrdered(items);
    expect(threadsOf(items)).toEqual([
      { kind: 'thread', key: 'some-id', title: 'Hello, World!', url: 'http://example.org/', closed: false },
      { kind: 'thread', key: '/blog/2013/02/12/redacted/index.html', title: null, url: 'http://localhost:4000/blog/2013/02/12/redacted/index.html', closed: false },
    ]);
    expect(skipsOf(items)).toEqual([
      { kind: 'skip', ref: 'thread 3', reason: 'thread has neither an id nor a link' },
      { kind: 'skip', ref: 'post 6', reason: 'thread 1337 not found' },
    ]);
  });

  it('yields comments 4, 5, 8, 11 published and 9 deleted, with their tree', async () => {
    const comments = commentsOf(await collect(parseDisqus(fixture('isso-disqus.xml'))));
    const byId = new Map(comments.map((c) => [c.sourceId, c]));
    expect([...byId.keys()].sort()).toEqual(['disqus:11', 'disqus:4', 'disqus:5', 'disqus:8', 'disqus:9']);
    expect(comments.filter((c) => c.status === 'published').map((c) => c.sourceId).sort()).toEqual(['disqus:11', 'disqus:4', 'disqus:5', 'disqus:8']);
    expect(byId.get('disqus:5')).toMatchObject({ parentSourceId: 'disqus:4', threadKey: 'some-id', body: 'Hello, World.', author: 'user', email: 'foo@bar.com' });
    expect(byId.get('disqus:9')).toMatchObject({ status: 'deleted', body: '', parentSourceId: null });
    expect(byId.get('disqus:11')).toMatchObject({ parentSourceId: 'disqus:9', body: 'Hello, World.', status: 'published' });
    expect(byId.get('disqus:8')).toMatchObject({ threadKey: '/blog/2013/02/12/redacted/index.html', body: 'Message from thread with empty title and id' });
    expect(byId.get('disqus:4')).toMatchObject({ author: 'peter', body: '...', createdAt: Date.parse('2013-10-10T19:20:29Z') });
  });

  it('never emits addresses', async () => {
    const text = JSON.stringify(await collect(parseDisqus(fixture('isso-disqus.xml'))));
    expect(text).not.toContain('127.0.0.1');
  });
});

describe('parseDisqus on generated exports', () => {
  it('holds posts whose thread comes later and keeps threads before comments', async () => {
    const items = await collect(parseDisqus(bytes(doc(post(20, 9, 'early') + post(21, 9, 'reply', '<parent dsq:id="20"/>') + thread(9, 'later')))));
    assertOrdered(items);
    expect(items.map((i) => i.kind)).toEqual(['thread', 'comment', 'comment']);
    expect(commentsOf(items).map((c) => [c.sourceId, c.threadKey, c.parentSourceId])).toEqual([
      ['disqus:20', 'later', null],
      ['disqus:21', 'later', 'disqus:20'],
    ]);
  });

  it('yields a reply read before its parent after the parent', async () => {
    const items = await collect(parseDisqus(bytes(doc(thread(1) + post(3, 1, 'child', '<parent dsq:id="2"/>') + post(2, 1, 'parent')))));
    expect(commentsOf(items).map((c) => c.sourceId)).toEqual(['disqus:2', 'disqus:3']);
  });

  it('turns a message script into nothing and drops javascript: links', async () => {
    const message = '<![CDATA[<p>Hi<script>alert(1)</script> <a href="javascript:alert(2)">there</a> <a href="https://ok.example/">ok</a></p>]]>';
    const [comment] = commentsOf(await collect(parseDisqus(bytes(doc(thread(1) + post(2, 1, message))))));
    expect(comment?.body).toBe('Hi there [ok](https://ok.example/)');
    expect(comment?.body).not.toMatch(/<script|javascript:/i);
  });

  it('decodes entities and CDATA, and reads unescaped HTML inside <message>', async () => {
    const posts = post(2, 1, 'Caf&#233; &amp; &lt;b&gt;bold&lt;/b&gt;') + post(3, 1, '<![CDATA[<i>it</i> &amp; more]]>') + post(4, 1, '<p>raw <b>html</b></p>');
    const bodies = commentsOf(await collect(parseDisqus(bytes(doc(thread(1) + posts))))).map((c) => c.body);
    expect(bodies).toEqual(['Café & **bold**', '*it* & more', 'raw **html**']);
  });

  it('reads spam, closed threads and long names', async () => {
    const spam = post(2, 1, 'buy').replace('<isSpam>false', '<isSpam>true').replace('<name>u2</name>', `<name>${'é'.repeat(100)}</name>`);
    const items = await collect(parseDisqus(bytes(doc(thread(1).replace('</thread>', '<isClosed>true</isClosed></thread>') + spam))));
    expect(threadsOf(items)[0]?.closed).toBe(true);
    expect(commentsOf(items)[0]).toMatchObject({ status: 'spam', author: 'é'.repeat(80) });
  });

  it('keeps a message over 64 KiB whole, and skips (reporting) one past what a field holds', async () => {
    const long = Array.from({ length: 12_000 }, (_, i) => `w${i}`).join(' ') + ' end.';
    const huge = 'x'.repeat(1024 * 1024 + 10);
    const items = await collect(parseDisqus(bytes(doc(thread(1) + post(2, 1, `<![CDATA[<p>${long}</p>]]>`) + post(3, 1, huge) + post(4, 1, 'after')), 4096)));
    expect(long.length).toBeGreaterThan(64 * 1024);
    expect(commentsOf(items).map((c) => c.body)).toEqual([long, 'after']);
    expect(skipsOf(items)).toEqual([{ kind: 'skip', ref: 'post 3', reason: expect.stringMatching(/^message of more than 1 Mi characters of HTML/) }]);
  });

  it('does not bring back a thread Disqus marks deleted: its posts are skipped and counted', async () => {
    const gone = thread(2).replace('</thread>', '<isDeleted>true</isDeleted></thread>');
    const kept = thread(1).replace('</thread>', '<isDeleted>false</isDeleted></thread>');
    const items = await collect(parseDisqus(bytes(doc(post(5, 2, 'early') + kept + gone + post(3, 1, 'live') + post(4, 2, 'hidden')))));
    expect(threadsOf(items).map((t) => t.key)).toEqual(['t1']);
    expect(commentsOf(items).map((c) => c.body)).toEqual(['live']);
    expect(skipsOf(items)).toEqual([
      { kind: 'skip', ref: 'thread 2', reason: 'thread deleted in Disqus: its comments are not imported' },
      { kind: 'skip', ref: 'post 5', reason: 'its thread 2 was deleted in Disqus' },
      { kind: 'skip', ref: 'post 4', reason: 'its thread 2 was deleted in Disqus' },
    ]);
  });

  it('imports a post without dsq:id under its <id>, else under a key made of what it says, once', async () => {
    const withId = post(0, 1, 'has an id').replace(' dsq:id="0"', '').replace('<message>', '<id>wp_id=77</id><message>');
    const bare = post(0, 1, 'nothing but text').replace(' dsq:id="0"', '');
    const file = doc(thread(1) + withId + bare + post(9, 1, 'after'));
    const run = async () => commentsOf(await collect(parseDisqus(bytes(file))));
    const first = await run();
    expect(first.map((c) => c.body)).toEqual(['has an id', 'nothing but text', 'after']);
    expect(first[0]?.sourceId).toBe('disqus:id:wp_id=77');
    expect(first[1]?.sourceId).toMatch(/^disqus:sha256:[0-9a-f]{32}$/);
    expect((await run()).map((c) => c.sourceId)).toEqual(first.map((c) => c.sourceId));
    // The same words from another author, or on another date, are another comment.
    const other = commentsOf(await collect(parseDisqus(bytes(doc(thread(1) + bare.replace('<name>u0</name>', '<name>someone</name>'))))));
    expect(other[0]?.sourceId).not.toBe(first[1]?.sourceId);
  });

  it('keeps what it can of a file cut off mid-post', async () => {
    const full = doc(thread(1) + post(2, 1, 'whole') + post(3, 1, 'cut off here'));
    const items = await collect(parseDisqus(bytes(full.slice(0, full.indexOf('cut off') + 5))));
    expect(commentsOf(items).map((c) => c.body)).toEqual(['whole']);
    expect(skipsOf(items)).toEqual([{ kind: 'skip', ref: 'post 3', reason: expect.stringMatching(/^malformed XML near line \d+$/) }]);
  });

  it('survives an unclosed tag mid-way and reads the posts after it', async () => {
    const broken = post(3, 1, 'unclosed').replace('</post>', ''); // the next <post> ends it
    const items = await collect(parseDisqus(bytes(doc(thread(1) + post(2, 1, 'a') + broken + post(4, 1, '<b>b</message>') + post(5, 1, 'c')))));
    expect(commentsOf(items).map((c) => c.sourceId)).toEqual(['disqus:2', 'disqus:3', 'disqus:4', 'disqus:5']);
    expect(commentsOf(items).map((c) => c.body)).toEqual(['a', 'unclosed', '**b**', 'c']);
  });

  it('reads the fields after an unclosed field', async () => {
    const broken = post(2, 1, 'text').replace('</message>', '');
    const [comment] = commentsOf(await collect(parseDisqus(bytes(doc(thread(1) + broken)))));
    expect(comment).toMatchObject({ body: 'text', author: 'u2', createdAt: Date.parse('2020-01-02T03:04:05Z'), threadKey: 't1' });
  });

  it('refuses a document that is not a Disqus export', async () => {
    await expect(collect(parseDisqus(bytes('<rss><channel/></rss>')))).rejects.toThrow(ImportParseError);
    await expect(collect(parseDisqus(bytes('{"format":"footnote"}')))).rejects.toThrow(/not a Disqus export/);
    await expect(collect(parseDisqus(bytes('')))).rejects.toThrow(ImportParseError);
  });

  it('streams 20,000 posts chunk by chunk', async () => {
    const total = 20_000;
    let produced = 0;
    async function* source(): AsyncGenerator<string> {
      yield `<?xml version="1.0"?><disqus xmlns:dsq="x">${thread(1)}${thread(2)}`;
      for (let id = 10; id < total + 10; id += 100) {
        let batch = '';
        for (let n = id; n < id + 100; n++) batch += post(n, 1 + (n % 2), `<![CDATA[<p>Post <b>${n}</b></p>]]>`, n % 3 === 0 ? `<parent dsq:id="${n - 1}"/>` : '');
        produced++;
        yield batch;
      }
      yield '</disqus>';
    }
    let count = 0;
    let producedAtFirst = -1;
    for await (const item of parseDisqus(source())) {
      if (item.kind !== 'comment') continue;
      if (count === 0) producedAtFirst = produced;
      if (count === 12_345) expect(item.body).toBe(`Post **${item.sourceId.slice(7)}**`);
      count++;
    }
    expect(count).toBe(total);
    // The first comment came out while the source had produced 1 of its 200 batches.
    expect(producedAtFirst).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { assertOrdered, bytes, collect, commentsOf, fixture, skipsOf, threadsOf } from './testing';
import { ImportParseError } from './types';
import { parseWordPress } from './wordpress';

const wxr = (items: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel>\n${items}\n</channel></rss>`;
const item = (link: string, comments: string, extra = ''): string => `<item><title>Post</title><link>${link}</link>${extra}${comments}</item>`;
const comment = (id: number, fields: Record<string, string> = {}): string => {
  const all: Record<string, string> = { comment_id: String(id), comment_author: `a${id}`, comment_date_gmt: '2020-05-06 07:08:09', comment_content: `body ${id}`, comment_approved: '1', comment_type: '', comment_parent: '0', ...fields };
  return `<wp:comment>${Object.entries(all).map(([k, v]) => `<wp:${k}>${v}</wp:${k}>`).join('')}<wp:comment_author_IP>10.1.2.3</wp:comment_author_IP></wp:comment>`;
};

describe('parseWordPress on the Isso fixture', () => {
  it('yields 2 threads keyed by link path and 8 comments', async () => {
    const items = await collect(parseWordPress(fixture('isso-wordpress.xml')));
    assertOrdered(items);
    expect(threadsOf(items)).toEqual([
      { kind: 'thread', key: '/2014/test/', title: 'Hello, World…', url: 'http://example.tld/2014/test/', closed: false },
      { kind: 'thread', key: '/?p=4', title: '...', url: 'http://example.tld/?p=4', closed: false },
    ]);
    expect(commentsOf(items)).toHaveLength(8);
    expect(skipsOf(items)).toEqual([]);
  });

  it('keeps the tree under "Zweiter.", the multi-line body and the last comment', async () => {
    const comments = commentsOf(await collect(parseWordPress(fixture('isso-wordpress.xml'))));
    const zweiter = comments.find((c) => c.body === 'Zweiter.');
    expect(zweiter).toMatchObject({ sourceId: 'wordpress:/2014/test/#6', parentSourceId: null, author: 'Tester', email: 'info@posativ.org' });
    const under = (id: string): string[] => comments.filter((c) => c.parentSourceId === id).flatMap((c) => [c.sourceId, ...under(c.sourceId)]);
    expect(under('wordpress:/2014/test/#6')).toEqual(['wordpress:/2014/test/#7', 'wordpress:/2014/test/#8', 'wordpress:/2014/test/#9']);
    const multi = comments.find((c) => c.author === 'Multiline Author');
    expect(multi?.body.split('\n')).toEqual(['When you have a comment with multiple lines:', 'WordPress exports it like this.']);
    // comment_date_gmt wins over comment_date (12:13:14 local).
    expect(multi?.createdAt).toBe(Date.parse('2022-06-06T02:13:14Z'));
    expect(comments.find((c) => c.author === 'Letzter :/')).toMatchObject({ parentSourceId: null, threadKey: '/2014/test/' });
    expect(comments.find((c) => c.threadKey === '/?p=4')).toMatchObject({ sourceId: 'wordpress:/?p=4#11', author: 'Anonymous' });
    expect(JSON.stringify(comments)).not.toContain('86.56.63.0');
  });

  it('gives the same sourceIds on a second run', async () => {
    const ids = async (): Promise<string[]> => commentsOf(await collect(parseWordPress(fixture('isso-wordpress.xml')))).map((c) => c.sourceId);
    expect(await ids()).toEqual(await ids());
  });
});

describe('parseWordPress on generated exports', () => {
  it('maps comment_approved and skips pingbacks', async () => {
    const comments = [
      comment(1), comment(2, { comment_approved: '0' }), comment(3, { comment_approved: 'spam' }),
      comment(4, { comment_approved: 'trash' }), comment(5, { comment_type: 'pingback' }), comment(6, { comment_type: 'trackback' }),
    ].join('');
    const items = await collect(parseWordPress(bytes(wxr(item('https://blog.example/a/?x=1#frag', comments, '<wp:comment_status>closed</wp:comment_status>')))));
    expect(threadsOf(items)).toMatchObject([{ key: '/a/?x=1', closed: true }]);
    expect(commentsOf(items).map((c) => [c.sourceId, c.status, c.body])).toEqual([
      ['wordpress:/a/?x=1#1', 'published', 'body 1'],
      ['wordpress:/a/?x=1#2', 'pending', 'body 2'],
      ['wordpress:/a/?x=1#3', 'spam', 'body 3'],
      ['wordpress:/a/?x=1#4', 'deleted', ''],
    ]);
    expect(skipsOf(items).map((s) => s.reason)).toEqual(['pingback is not a reader comment', 'trackback is not a reader comment']);
  });

  it('falls back to comment_date when the GMT date is zero, and to /?p=<id> without a link', async () => {
    const c = comment(1, { comment_date_gmt: '0000-00-00 00:00:00', comment_date: '2019-01-02 03:04:05' });
    const items = await collect(parseWordPress(bytes(wxr(`<item><title>x</title><wp:post_id>42</wp:post_id>${c}</item>`))));
    expect(commentsOf(items)).toMatchObject([{ threadKey: '/?p=42', createdAt: Date.parse('2019-01-02T03:04:05Z') }]);
  });

  it('converts HTML, keeps plain-text line breaks and drops scripts', async () => {
    const content = '<![CDATA[Line one\nLine <em>two</em>\n\n<script>alert(1)</script><a href="javascript:x()">link</a> & <3]]>';
    const [c] = commentsOf(await collect(parseWordPress(bytes(wxr(item('https://b.example/p/', comment(1, { comment_content: content })))))));
    expect(c?.body).toBe('Line one\nLine *two*\n\nlink & &lt;3');
  });

  it('orders a reply before its parent after it', async () => {
    const items = await collect(parseWordPress(bytes(wxr(item('https://b.example/p/', comment(2, { comment_parent: '1' }) + comment(1))))));
    expect(commentsOf(items).map((c) => [c.sourceId, c.parentSourceId])).toEqual([
      ['wordpress:/p/#1', null],
      ['wordpress:/p/#2', 'wordpress:/p/#1'],
    ]);
  });

  it('keeps a comment over 64 KiB whole, and skips (reporting) one past what a field holds', async () => {
    const long = `${'lorem ipsum '.repeat(7_000)}end.`;
    const comments = comment(1, { comment_content: `<![CDATA[${long}]]>` }) + comment(2, { comment_content: 'y'.repeat(1024 * 1024 + 1) }) + comment(3);
    const items = await collect(parseWordPress(bytes(wxr(item('https://b.example/p/', comments)), 4096)));
    expect(commentsOf(items).map((c) => c.body)).toEqual([long.trim(), 'body 3']);
    expect(skipsOf(items)).toEqual([{ kind: 'skip', ref: 'comment 2', reason: expect.stringMatching(/^message of more than 1 Mi characters/) }]);
  });

  it('nests replies whose parent sits in another <item> with the same link (one item per comment)', async () => {
    // The shape of Disqus's WXR-style import format and of conversions from other services.
    const link = 'https://b.example/p/';
    const items = await collect(parseWordPress(bytes(wxr(
      item(link, comment(1)) + item(link, comment(2, { comment_parent: '1' })) + item('https://b.example/q/', comment(1)) +
      item(link, comment(4, { comment_parent: '3' })) + item(link, comment(3, { comment_parent: '2' })) + item(link, comment(5, { comment_parent: '9' })),
    ))));
    assertOrdered(items);
    expect(threadsOf(items).map((t) => t.key)).toEqual(['/p/', '/q/']);
    expect(commentsOf(items).map((c) => [c.sourceId, c.parentSourceId])).toEqual([
      ['wordpress:/p/#1', null],
      ['wordpress:/p/#2', 'wordpress:/p/#1'],
      ['wordpress:/q/#1', null],
      ['wordpress:/p/#3', 'wordpress:/p/#2'],
      ['wordpress:/p/#4', 'wordpress:/p/#3'],
      ['wordpress:/p/#5', null], // its parent is nowhere in the file
    ]);
  });

  it('takes the last id of a comma-separated ancestor chain in comment_parent', async () => {
    const comments = comment(1) + comment(2, { comment_parent: '1' }) + comment(3, { comment_parent: '1,2' }) + comment(4, { comment_parent: ' 1, 2 ,3 ' });
    const items = await collect(parseWordPress(bytes(wxr(item('https://b.example/p/', comments)))));
    expect(commentsOf(items).map((c) => c.parentSourceId)).toEqual([null, 'wordpress:/p/#1', 'wordpress:/p/#2', 'wordpress:/p/#3']);
  });

  it('skips a comment repeated in the file as a duplicate, as every format does', async () => {
    const link = 'https://b.example/p/';
    const items = await collect(parseWordPress(bytes(wxr(item(link, comment(1)) + item(link, comment(1))))));
    expect(commentsOf(items)).toHaveLength(1);
    expect(skipsOf(items)).toEqual([{ kind: 'skip', ref: 'wordpress:/p/#1', reason: 'duplicate comment id' }]);
  });

  it('keeps what it can of a truncated file', async () => {
    const full = wxr(item('https://b.example/p/', comment(1) + comment(2)));
    const items = await collect(parseWordPress(bytes(full.slice(0, full.indexOf('body 2')))));
    expect(commentsOf(items).map((c) => c.sourceId)).toEqual(['wordpress:/p/#1']);
    expect(skipsOf(items)).toEqual([{ kind: 'skip', ref: 'comment 2', reason: expect.stringMatching(/^malformed XML near line \d+$/) }]);
  });

  it('reads on after an unclosed comment tag', async () => {
    const broken = comment(1).replace('</wp:comment>', '');
    const items = await collect(parseWordPress(bytes(wxr(item('https://b.example/p/', broken + comment(2)) + item('https://b.example/q/', comment(3))))));
    expect(commentsOf(items).map((c) => c.sourceId)).toEqual(['wordpress:/p/#1', 'wordpress:/p/#2', 'wordpress:/q/#3']);
  });

  it('reads the fields after an unclosed field', async () => {
    const broken = comment(1).replace('</wp:comment_author>', '');
    const [c] = commentsOf(await collect(parseWordPress(bytes(wxr(item('https://b.example/p/', broken))))));
    expect(c).toMatchObject({ author: 'a1', body: 'body 1', status: 'published', createdAt: Date.parse('2020-05-06T07:08:09Z') });
  });

  it('refuses what is not WXR', async () => {
    await expect(collect(parseWordPress(bytes('<disqus></disqus>')))).rejects.toThrow(ImportParseError);
    await expect(collect(parseWordPress(bytes('just text')))).rejects.toThrow(/not a WordPress \(WXR\) export/);
  });
});

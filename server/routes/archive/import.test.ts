import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { constants, gunzipSync, gzipSync } from 'node:zlib';
import { serve } from '@hono/node-server';
import { describe, expect, it, vi } from 'vitest';
import { isAllowedCommentHtml } from '../../services/format/html-allowlist';
import { ADMIN, errorCode, testApp } from '../../testing/harness';
import { fixtureText, flatten, imported, listing, upload, type ImportAnswer } from './testing';

const DISQUS_HEAD = '<?xml version="1.0" encoding="utf-8"?><disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">';

/** A small Disqus export: one thread `edge`, then the given posts. */
function disqus(posts: { id: number; message: string; parent?: number; spam?: boolean; deleted?: boolean; name?: string }[]): string {
  const body = posts.map((p) =>
    `<post dsq:id="${p.id}"><message><![CDATA[${p.message}]]></message><createdAt>2020-01-0${1 + (p.id % 9)}T10:00:00Z</createdAt>` +
    `<isDeleted>${p.deleted ?? false}</isDeleted><isSpam>${p.spam ?? false}</isSpam>` +
    `<author><name>${p.name ?? `Reader ${p.id}`}</name><email>r${p.id}@example.com</email></author><ipAddress>192.0.2.7</ipAddress>` +
    `<thread dsq:id="1"/>${p.parent ? `<parent dsq:id="${p.parent}"/>` : ''}</post>`);
  return `${DISQUS_HEAD}<thread dsq:id="1"><id>edge</id><link>https://news.example/edge/</link><title>Edge</title></thread>${body.join('\n')}</disqus>`;
}

describe('POST /api/v1/admin/import with the shared fixtures', () => {
  it('imports the Disqus export as its README says', async () => {
    const t = await testApp();
    const answer = await imported(t, fixtureText('isso-disqus.xml'));
    expect(answer).toMatchObject({ threads: 2, comments: 5, skipped: 2, unchanged: 0 });
    expect(answer.skippedReasons).toContainEqual({ ref: 'post 6', reason: 'thread 1337 not found' });

    const main = await listing(t, 'some-id');
    const other = await listing(t, '/blog/2013/02/12/redacted/index.html');
    const visible = [...flatten(main.comments), ...flatten(other.comments)].filter((c) => !c.deleted);
    expect(visible.map((c) => c.body).sort()).toEqual(['...', 'Hello, World.', 'Hello, World.', 'Message from thread with empty title and id']);
    expect(main.count + other.count).toBe(4);
    expect([main.total, main.count, other.total, other.count]).toEqual([3, 3, 1, 1]);

    // 4 with its reply 5; the deleted 9 as an empty placeholder holding 11 in place.
    const [first, placeholder] = main.comments;
    expect(first).toMatchObject({ author: 'peter', body: '...', deleted: false });
    expect(first?.replies.map((r) => r.body)).toEqual(['Hello, World.']);
    expect(placeholder).toMatchObject({ author: '', body: '', html: '', deleted: true });
    expect(placeholder?.replies).toHaveLength(1);
    expect(placeholder?.replies[0]?.parentId).toBe(placeholder?.id);

    const thread = await (await t.call('GET', '/api/v1/threads/some-id')).json();
    expect(thread).toMatchObject({ title: 'Hello, World!', url: 'http://example.org/', comments: 3 });
  });

  it('imports the WordPress export as its README says', async () => {
    const t = await testApp();
    const answer = await imported(t, fixtureText('isso-wordpress.xml'), { type: 'text/xml' });
    expect(answer).toMatchObject({ threads: 2, comments: 8, skipped: 0 });

    const test = await listing(t, '/2014/test/');
    const p4 = await listing(t, '/?p=4');
    expect(test.count + p4.count).toBe(8);
    const zweiter = test.comments.find((c) => c.body === 'Zweiter.');
    expect(flatten(zweiter?.replies ?? []).map((c) => c.body)).toEqual(['Drölfter!', 'Yet another reply.', '...']);
    expect(zweiter?.replies[0]?.replies).toHaveLength(2);
    const multi = test.comments.find((c) => c.author === 'Multiline Author');
    expect(multi?.body.split('\n')).toHaveLength(2);
    expect(multi?.html).toContain('<br>');
    expect(test.comments.find((c) => c.author === 'Letzter :/')?.parentId).toBeNull();
    expect((await (await t.call('GET', '/api/v1/threads/%2F2014%2Ftest%2F')).json()).title).toBe('Hello, World…');
  });

  it('imports the Isso JSON export: 2 threads, 2 comments', async () => {
    const t = await testApp();
    expect(await imported(t, fixtureText('isso-generic.json'), { type: 'application/json' })).toMatchObject({ threads: 2, comments: 2, skipped: 0 });
    expect((await listing(t, '/posts/0001/')).count).toBe(1);
    expect((await listing(t, '/posts/0007/')).count).toBe(1);
  });

  it('adds nothing when the same file comes again', async () => {
    const t = await testApp();
    for (const [file, type] of [['isso-disqus.xml', 'application/xml'], ['isso-wordpress.xml', 'application/xml'], ['isso-generic.json', 'application/json']] as const) {
      const first = await imported(t, fixtureText(file), { type });
      const second = await imported(t, fixtureText(file), { type });
      expect(second).toMatchObject({ threads: 0, comments: 0, unchanged: first.comments, skipped: first.skipped });
    }
    expect(await t.ctx.store.archive.totals()).toEqual({ threads: 6, comments: 15 });
    expect((await listing(t, 'some-id')).count).toBe(3);
  });

  it('does not bring back a comment a moderator erased when the file comes again', async () => {
    const t = await testApp();
    const file = disqus([{ id: 1, message: 'kept' }, { id: 2, message: 'erased by the desk' }]);
    await imported(t, file);
    const erased = (await listing(t, 'edge')).comments.find((c) => c.body === 'erased by the desk')!;
    expect((await t.admin('DELETE', `/api/v1/admin/comments/${erased.id}`)).status).toBe(204);
    const again = await imported(t, file);
    expect(again.comments).toBe(0);
    const bodies = flatten((await listing(t, 'edge')).comments).map((c) => c.body);
    expect(bodies).toEqual(['kept']);
  });

  it('recognizes the format when ?format is not given, and obeys it when it is', async () => {
    const t = await testApp();
    expect((await imported(t, fixtureText('isso-wordpress.xml'), { type: 'application/octet-stream' })).comments).toBe(8);
    const wrong = await upload(t, fixtureText('isso-disqus.xml'), { query: '?format=wordpress' });
    expect(wrong.status).toBe(400);
    expect(await errorCode(wrong)).toBe('import_failed');
  });

  it('reads gzip-compressed exports (Disqus mails them as .xml.gz)', async () => {
    const t = await testApp();
    const gz = gzipSync(fixtureText('isso-disqus.xml'));
    const res = await upload(t, new Blob([gz]).stream(), { type: 'application/gzip' });
    expect(await res.json()).toMatchObject({ threads: 2, comments: 5, skipped: 2 });
  });

  it('imports all a cut .xml.gz holds before the cut, as the same file cut uncompressed, and says so', async () => {
    const gz = gzipSync(disqus(Array.from({ length: 3000 }, (_, i) => ({ id: i + 1, message: `post ${i} ${Math.random()}` }))));
    // Half the file (thousands of posts), and a cut a few posts in.
    for (const cutAt of [Math.floor(gz.length / 2), 900]) {
      const cut = gz.subarray(0, cutAt);
      const readable = gunzipSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }).toString('utf8'); // what gzip -dc prints
      const complete = readable.split('</post>').length - 1;
      expect(complete).toBeGreaterThan(0);
      const plain = await imported(await testApp(), readable);
      const res = await upload(await testApp(), new Blob([cut]).stream(), { type: 'application/gzip' });
      expect(res.status).toBe(200);
      const answer = (await res.json()) as ImportAnswer;
      expect(answer.comments).toBe(complete);
      expect(answer).toMatchObject({ threads: 1, comments: plain.comments, skipped: plain.skipped + 1 });
      expect(answer.skippedReasons[0]).toEqual({ ref: 'file', reason: expect.stringMatching(/^the gzip file is damaged or cut short after [\d,]+ bytes of content \(unexpected end of file\); everything before the damage was imported$/) });
    }
    // Nothing decompressible at all is not an export.
    const none = await upload(await testApp(), new Blob([new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff])]).stream(), { type: 'application/gzip' });
    expect(none.status).toBe(400);
    expect(((await none.json()) as { error: { message: string } }).error.message).toMatch(/gzip file is damaged .*nothing in it could be decompressed/);
  });

  it('skips threads whose key the API could never address', async () => {
    const t = await testApp();
    const long = `/${'a'.repeat(600)}`;
    const xml = disqus([{ id: 1, message: 'hi' }]).replace('<id>edge</id>', `<id>${long}</id>`);
    const answer = await imported(t, xml);
    expect(answer).toMatchObject({ threads: 0, comments: 0, skipped: 2 });
    expect(answer.skippedReasons.map((r) => r.reason)).toEqual(['thread key longer than 512 characters', 'its thread key is longer than 512 characters']);
  });

  it('takes a multipart upload in the field "file"', async () => {
    const t = await testApp();
    const form = new FormData();
    form.set('file', new Blob([fixtureText('isso-disqus.xml')], { type: 'application/xml' }), 'disqus.xml');
    const res = await t.app.request('/api/v1/admin/import?format=disqus', { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` }, body: form });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ threads: 2, comments: 5, skipped: 2 });

    const empty = new FormData();
    empty.set('other', 'x');
    const missing = await t.app.request('/api/v1/admin/import', { method: 'POST', headers: { authorization: `Bearer ${ADMIN}` }, body: empty });
    expect(missing.status).toBe(400);
  });

  it('streams the raw body: the first batch is written before the upload has ended', async () => {
    const t = await testApp();
    const encoder = new TextEncoder();
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const posts = Array.from({ length: 600 }, (_, i) => ({ id: i + 1, message: `<p>post ${i + 1}</p>` }));
    const [head, tail] = disqus(posts).split('<post dsq:id="550"');
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(head));
        await held; // the rest only comes once the first 500 are on disk
        controller.enqueue(encoder.encode(`<post dsq:id="550"${tail}`));
        controller.close();
      },
    });
    const answer = upload(t, body);
    // Waits for the batch (up to 60 s: on PostgreSQL on a loaded machine 500 rows take seconds).
    for (let i = 0; i < 6000 && (await t.ctx.store.archive.totals()).comments < 499; i++) await new Promise((r) => setTimeout(r, 10));
    // One batch (the thread and 499 posts) is on disk while the upload is still open.
    expect((await t.ctx.store.archive.totals()).comments).toBeGreaterThanOrEqual(499);
    release();
    expect(await (await answer).json()).toMatchObject({ comments: 600 });
  });
});

describe('POST /api/v1/admin/import on hostile and broken input', () => {
  it('keeps spam out of public view and out of the counts; a reply to spam stays visible at the top level', async () => {
    const t = await testApp();
    await imported(t, disqus([{ id: 1, message: 'fine' }, { id: 2, message: 'buy pills', spam: true }, { id: 3, message: 'reply to spam', parent: 2 }]));
    const list = await listing(t, 'edge');
    expect(flatten(list.comments).map((c) => c.body)).toEqual(['fine', 'reply to spam']);
    expect(list.count).toBe(2);
    expect(JSON.stringify(list)).not.toContain('pills');
    expect((await t.ctx.store.comments.queueCounts('edge')).spam).toBe(1);
  });

  it('never lets markup through: html holds only the allowlist', async () => {
    const t = await testApp();
    const nasty = [
      '<script>alert(1)</script><p>hi</p>',
      '<img src=x onerror=alert(2)>text',
      '<a href="javascript:alert(3)">click</a>',
      '<iframe src="https://evil.example"></iframe><b onclick="x()">bold</b>',
      '&lt;script&gt;alert(4)&lt;/script&gt;',
      '<a href="https://ok.example/" onclick="x()">ok link</a>',
    ];
    await imported(t, disqus(nasty.map((message, i) => ({ id: i + 1, message }))));
    const list = flatten((await listing(t, 'edge')).comments);
    expect(list).toHaveLength(nasty.length);
    for (const c of list) {
      expect(isAllowedCommentHtml(c.html), c.html).toBe(true);
      expect(c.html).not.toMatch(/<(script|img|iframe)|onerror|onclick|javascript:/i);
    }
    expect(list.find((c) => c.body.includes('ok link'))?.html).toContain('href="https://ok.example/"');
  });

  it('imports what it can read of malformed XML and counts the rest as skipped', async () => {
    const t = await testApp();
    const good = disqus([{ id: 1, message: 'before the damage' }, { id: 2, message: 'also fine' }]);
    const broken = good.replace('</disqus>', '<post dsq:id="3"><message>cut <b off</message><createdAt>2020-01-01T10:00:00Z</createdAt><thread dsq:id="1"/></post><post dsq:id="4"><mess');
    const answer = await imported(t, broken);
    // sax repairs the unclosed <b (post 3); the cut-off post 4 cannot be read.
    expect(answer.comments).toBe(3);
    expect(answer.skipped).toBeGreaterThan(0);
    expect(answer.skippedReasons.map((r) => r.reason)).toContainEqual(expect.stringMatching(/malformed XML/));
    const list = await listing(t, 'edge');
    expect(list.count).toBe(3);
    expect(flatten(list.comments).map((c) => c.body)).toContain('before the damage');
  });

  it('turns empty comments into placeholders and gives nameless authors a name', async () => {
    const t = await testApp();
    await imported(t, disqus([{ id: 1, message: '<p>  </p>' }, { id: 2, message: 'reply', parent: 1, name: '' }]));
    const [root] = (await listing(t, 'edge')).comments;
    expect(root).toMatchObject({ deleted: true, body: '' });
    expect(root?.replies[0]).toMatchObject({ author: 'Anonymous', body: 'reply' });
  });

  it('answers 400 import_failed with a readable message for what is not an export', async () => {
    const t = await testApp();
    for (const [body, type] of [['<html><body>hi</body></html>', 'text/xml'], ['not json', 'application/json'], ['', 'application/xml'], ['<rss><channel/></rss>', 'application/xml']] as const) {
      const res = await upload(t, body, { type });
      expect(res.status, body).toBe(400);
      const data = (await res.json()) as { error: { code: string; message: string } };
      expect(data.error.code).toBe('import_failed');
      expect(data.error.message.length).toBeGreaterThan(10);
    }
    expect((await upload(t, 'x', { query: '?format=csv' })).status).toBe(400);
    expect(await t.ctx.store.archive.totals()).toEqual({ threads: 0, comments: 0 });
  });

  it('answers 415 for a form post without a file type', async () => {
    const t = await testApp();
    const res = await upload(t, fixtureText('isso-disqus.xml'), { type: 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(415);
    expect(await errorCode(res)).toBe('unsupported_media_type');
  });

  it('accepts no upload without the admin token', async () => {
    const t = await testApp();
    for (const token of [null, 'wrong-token-123']) {
      const res = await upload(t, fixtureText('isso-disqus.xml'), { token });
      expect(res.status).toBe(401);
      expect(await errorCode(res)).toBe('unauthorized');
    }
    expect((await t.call('GET', '/api/v1/admin/export')).status).toBe(401);
    expect((await t.call('POST', '/api/v1/admin/readers/export', { body: { email: 'a@b.c' } })).status).toBe(401);
    expect(await t.ctx.store.archive.totals()).toEqual({ threads: 0, comments: 0 });
  });

  it('takes uploads far above the 32 KiB limit of other requests', async () => {
    const t = await testApp();
    const posts = Array.from({ length: 400 }, (_, i) => ({ id: i + 1, message: `<p>${'long words here '.repeat(20)} ${i}</p>` }));
    const xml = disqus(posts);
    expect(xml.length).toBeGreaterThan(100 * 1024);
    expect((await imported(t, xml)).comments).toBe(400);
  });

  it('takes a dropped upload as an ordinary stop: what arrived is kept, no stack trace is logged', async () => {
    const t = await testApp();
    const server = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise((r) => server.once('listening', r));
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const req = request({
        host: '127.0.0.1', port: (server.address() as AddressInfo).port, method: 'POST', path: '/api/v1/admin/import?format=disqus',
        headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/xml', 'transfer-encoding': 'chunked' },
      });
      req.on('error', () => undefined);
      const posts = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, message: `post ${i + 1}` }));
      req.write(disqus(posts).replace('</disqus>', '')); // 30 whole posts, then the client goes away
      for (let i = 0; i < 200 && (await t.ctx.store.moderation.listAudit(null, 1)).length === 0; i++) {
        if (i === 20) req.destroy();
        await new Promise((r) => setTimeout(r, 10));
      }
      const [entry] = await t.ctx.store.moderation.listAudit(null, 1);
      expect(entry?.detail).toMatch(/^via upload: stopped \(The upload ended before the file did/);
      expect(await t.ctx.store.archive.totals()).toEqual({ threads: 1, comments: 30 });
      expect(logged).not.toHaveBeenCalled();
    } finally {
      logged.mockRestore();
      (server as unknown as { closeAllConnections(): void }).closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('answers as it goes when asked for JSON lines: progress while the upload is open, then the result', async () => {
    const t = await testApp();
    const encoder = new TextEncoder();
    const posts = Array.from({ length: 1500 }, (_, i) => ({ id: i + 1, message: `post ${i + 1}` }));
    const [head, tail] = disqus(posts).split('<post dsq:id="1200"');
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(encoder.encode(head));
        await held; // the rest only once a progress line has come
        controller.enqueue(encoder.encode(`<post dsq:id="1200"${tail}`));
        controller.close();
      },
    });
    const headers = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/xml', accept: 'application/x-ndjson' };
    const res = await t.app.request('/api/v1/admin/import?format=disqus', { method: 'POST', headers, body, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const lines: Record<string, unknown>[] = [];
    let text = '';
    const decoder = new TextDecoder();
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      text += decoder.decode(chunk, { stream: true });
      for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n')) {
        lines.push(JSON.parse(text.slice(0, end)) as Record<string, unknown>);
        text = text.slice(end + 1);
        release(); // a line came while the upload was still open
      }
    }
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines[0]).toMatchObject({ progress: { items: expect.any(Number), threads: 1, comments: expect.any(Number) } });
    expect(lines.at(-1)).toEqual({ result: { threads: 1, comments: 1500, skipped: 0, unchanged: 0, skippedReasons: [] } });
  });

  it('records the import in the audit trail', async () => {
    const t = await testApp();
    await imported(t, fixtureText('isso-disqus.xml'));
    const [entry] = await t.ctx.store.moderation.listAudit(null, 1);
    expect(entry).toMatchObject({ action: 'import', targetId: 'disqus' });
    expect(entry?.detail).toContain('5 comments added');
  });
});

import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { collect } from '../services/import/testing';
import { parseDisqus } from '../services/import/disqus';
import { runImport } from '../services/import/run';
import { ADMIN, testApp, type TestApp } from '../testing/harness';

/**
 * Hostile import files (issue: a malicious export crashed the server). Each is made small here,
 * with the bounds lowered to match, and must end in a clear answer that says what was imported.
 */

const HEAD = '<?xml version="1.0" encoding="utf-8"?><disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">';
const thread = (id: number) => `<thread dsq:id="${id}"><id>bomb-${id}</id><link>https://news.example/bomb-${id}/</link><title>Bomb ${id}</title></thread>`;
const post = (id: number, threadId = 1, extra = '') =>
  `<post dsq:id="${id}"${extra}><message><![CDATA[<p>post ${id}</p>]]></message><createdAt>2020-01-01T10:00:00Z</createdAt>` +
  `<author><name>Reader ${id}</name></author><thread dsq:id="${threadId}"/></post>`;
const posts = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => post(from + i)).join('\n');

interface StoppedAnswer {
  threads: number;
  comments: number;
  skipped: number;
  error: { code: string; message: string };
}

async function send(t: TestApp, body: Uint8Array | string, type = 'application/octet-stream', query = '') {
  const res = await t.app.request(`/api/v1/admin/import${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': type },
    body: typeof body === 'string' ? body : new Blob([new Uint8Array(body)]).stream(),
    duplex: 'half',
  } as RequestInit);
  return { status: res.status, body: (await res.json()) as StoppedAnswer };
}

describe('import bombs', () => {
  it('stops a small .gz that expands past FOOTNOTE_IMPORT_MAX_BYTES with a 413 counting what came in', async () => {
    const t = await testApp({ FOOTNOTE_IMPORT_MAX_BYTES: String(256 * 1024) });
    // 20 posts, then 16 MiB of blank space inside the root: about 16 KiB compressed.
    const file = gzipSync(`${HEAD}${thread(1)}${posts(1, 20)}${' '.repeat(16 * 1024 * 1024)}${posts(21, 22)}</disqus>`);
    expect(file.length).toBeLessThan(64 * 1024);
    const { status, body } = await send(t, file);
    expect(status).toBe(413);
    expect(body).toMatchObject({ threads: 1, comments: 20, skipped: 0, error: { code: 'payload_too_large' } });
    expect(body.error.message).toMatch(/larger than 256 KiB \(after decompression\).*what came before was imported/);
    // What came before the cap stays, and shows.
    expect(await t.ctx.store.archive.totals()).toEqual({ threads: 1, comments: 20 });
    expect(((await (await t.call('GET', '/api/v1/threads/bomb-1')).json()) as { comments: number }).comments).toBe(20);
  });

  it('counts plain (not compressed) bytes against the same cap', async () => {
    const t = await testApp({ FOOTNOTE_IMPORT_MAX_BYTES: String(64 * 1024) });
    const { status, body } = await send(t, `${HEAD}${thread(1)}${posts(1, 400)}</disqus>`, 'application/xml');
    expect(status).toBe(413);
    expect(body.comments).toBeGreaterThan(0);
    expect(body.comments).toBeLessThan(400);
  });

  it('stops at an XML attribute longer than sax buffers (it used to resume and buffer gigabytes)', async () => {
    const t = await testApp();
    const huge = ` junk="${'A'.repeat(1024 * 1024)}"`;
    const { status, body } = await send(t, `${HEAD}${thread(1)}${posts(1, 3)}\n${post(4, 1, huge)}${posts(5, 6)}</disqus>`, 'application/xml');
    expect(status).toBe(400);
    expect(body).toMatchObject({ threads: 1, comments: 3, error: { code: 'import_failed' } });
    expect(body.error.message).toMatch(/stopped at line \d+: an attribute value longer than 64 KiB.*What came before was imported/);
  });

  it('stops at elements nested past 1,000 levels and at an element with past 1,000 attributes', async () => {
    const t = await testApp();
    const deep = await send(t, `${HEAD}${thread(1)}${posts(1, 2)}${'<x>'.repeat(5000)}</disqus>`, 'application/xml');
    expect(deep.status).toBe(400);
    expect(deep.body).toMatchObject({ comments: 2 });
    expect(deep.body.error.message).toMatch(/nested more than 1,000 deep/);
    const wide = Array.from({ length: 2000 }, (_, i) => ` a${i}="1"`).join('');
    const many = await send(t, `${HEAD}${thread(2)}${post(7, 2, wide)}</disqus>`, 'application/xml');
    expect(many.status).toBe(400);
    expect(many.body.error.message).toMatch(/more than 1,000 attributes/);
  });

  it('stops at a JSON number of thousands of digits, and at a string over 1 Mi characters', async () => {
    const t = await testApp();
    const comment = (id: number, reactions: string) =>
      `{"id":"c${id}","parentId":null,"author":"A","email":null,"body":"b ${id}","createdAt":"2024-01-01T00:00:00Z","status":"published","featured":false,"reactions":${reactions}}`;
    const head = '{"format":"footnote","version":1,"exportedAt":"2024-01-01T00:00:00Z","threads":[{"key":"k","title":null,"url":null,"closed":false,"moderation":null,"comments":[';
    const number = await send(t, gzipSync(`${head}${comment(1, '1')},${comment(2, '1'.repeat(200_000))},${comment(3, '2')}]}]}`), 'application/json');
    expect(number.status).toBe(400);
    expect(number.body).toMatchObject({ threads: 1, comments: 1, error: { code: 'import_failed' } });
    expect(number.body.error.message).toMatch(/a number longer than 100 characters/);

    const long = `"${'x'.repeat(1024 * 1024 + 10)}"`;
    const string = await send(t, `${head.replace('"k"', '"k2"')}${comment(4, '1')},${comment(5, '1').replace('"b 5"', long)}]}]}`, 'application/json');
    expect(string.status).toBe(400);
    expect(string.body).toMatchObject({ threads: 1, comments: 1 });
    expect(string.body.error.message).toMatch(/a string longer than 1 Mi characters/);
  });

  it('bounds Disqus posts waiting for a thread that never comes: skipped and counted, not held to the end', async () => {
    const t = await testApp();
    const orphans = Array.from({ length: 300 }, (_, i) => post(100 + i, 999)).join('\n');
    const result = await runImport(t.ctx, { format: 'disqus', input: (async function* () {
      yield `${HEAD}${thread(1)}${post(1)}${orphans}</disqus>`;
    })(), via: 'test' }, { limits: { waitingBytes: 20_000 } });
    expect(result).toMatchObject({ threads: 1, comments: 1, skipped: 300 });
    // Those over the budget are skipped at once (the first 100 reasons kept); those held, at the end.
    expect(new Set(result.skippedReasons.map((r) => r.reason))).toEqual(new Set(['thread 999 had not appeared yet, and too many posts were already waiting for theirs']));

    // Streaming: skips come out while the file is still being read, not at its end.
    let sent = 0;
    async function* slowly() {
      yield `${HEAD}${thread(1)}`;
      for (let i = 0; i < 300; i++, sent++) yield post(100 + i, 999);
      yield '</disqus>';
    }
    let sentAtFirstSkip = -1;
    for await (const item of parseDisqus(slowly(), { waitingBytes: 20_000 })) {
      if (item.kind === 'skip' && sentAtFirstSkip < 0) sentAtFirstSkip = sent;
    }
    expect(sentAtFirstSkip).toBeGreaterThan(0);
    expect(sentAtFirstSkip).toBeLessThan(100);
    const skips = (await collect(parseDisqus((async function* () {
      yield `${HEAD}${thread(1)}${orphans}</disqus>`;
    })(), { waitingBytes: 20_000 }))).filter((i) => i.kind === 'skip');
    expect(skips).toHaveLength(300);
    const held = skips.filter((s) => s.reason === 'thread 999 not found').length;
    expect(held).toBeGreaterThan(10);
    expect(held).toBeLessThan(100);
  });
});
